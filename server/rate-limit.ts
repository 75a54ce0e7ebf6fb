/**
 * Token buckets, in memory, per process: a key (a user's writes, a client's card tokens) may spend
 * `burst` requests at once and gets `perMinute` back a minute, spread evenly. Over the limit the
 * request is a 429 with Retry-After, before its body is read or its Idempotency-Key is looked at,
 * so the same write sent again after the wait runs normally.
 *
 * Why: with a real gateway, adding cards and paying are a card-testing oracle; a limit per user and
 * per client makes trying stolen numbers slow. Several processes behind one balancer each keep their
 * own buckets (the limit is per process; docs/security.md).
 */
import { HttpProblem } from './problem.js';

export interface RateLimit {
  /** Requests a key may send at once. */
  burst: number;
  /** Requests a key gets back per minute. */
  perMinute: number;
}

/** The server's limits; `false` turns them off (load tests, fuzzers). */
export interface RateLimits {
  /** Writes (POST, PATCH, DELETE) per user of a token. Default 30 at once, 30 a minute. */
  writes: RateLimit;
  /**
   * Prices asked for per user (a license quote, an add-on preview: POSTs that change nothing), a
   * bucket of their own so that stepping through quantities does not use up the writes. Default 60
   * at once, 120 a minute.
   */
  quotes?: RateLimit;
  /** Card tokens from the hosted fields per client address. Default 10 at once, 10 a minute. */
  clients: RateLimit;
}

export const DEFAULT_QUOTE_LIMIT: RateLimit = { burst: 60, perMinute: 120 };

export const DEFAULT_RATE_LIMITS: RateLimits = {
  writes: { burst: 30, perMinute: 30 },
  quotes: DEFAULT_QUOTE_LIMIT,
  clients: { burst: 10, perMinute: 10 },
};

interface Bucket {
  tokens: number;
  updatedMs: number;
}

export class RateLimiter {
  readonly #limit: RateLimit;
  readonly #maxKeys: number;
  #buckets = new Map<string, Bucket>();

  constructor(limit: RateLimit, maxKeys = 100_000) {
    if (!(limit.burst >= 1 && limit.perMinute > 0)) throw new RangeError(`RateLimiter: burst ${limit.burst} and perMinute ${limit.perMinute} must be positive`);
    this.#limit = limit;
    this.#maxKeys = maxKeys;
  }

  /** Spends one request of `key`; how long to wait (ms) when there is none left, else 0. */
  take(key: string, nowMs = Date.now()): number {
    const { burst, perMinute } = this.#limit;
    const perMs = perMinute / 60_000;
    let bucket = this.#buckets.get(key);
    if (bucket === undefined) {
      // Full buckets hold nothing worth keeping: start over rather than grow without bound.
      if (this.#buckets.size >= this.#maxKeys) this.#buckets = new Map();
      bucket = { tokens: burst, updatedMs: nowMs };
      this.#buckets.set(key, bucket);
    } else {
      bucket.tokens = Math.min(burst, bucket.tokens + Math.max(0, nowMs - bucket.updatedMs) * perMs);
      bucket.updatedMs = nowMs;
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - bucket.tokens) / perMs);
  }

  /** Throws the 429 when `key` has no request left. */
  check(key: string, what: string): void {
    const waitMs = this.take(key);
    if (waitMs === 0) return;
    const seconds = Math.max(1, Math.ceil(waitMs / 1000));
    throw new HttpProblem(429, 'rate_limited', `Too many ${what}; try again in ${seconds} s.`, undefined, { 'Retry-After': String(seconds) });
  }
}

/** The client's address as the socket saw it (a proxy in front: its address; set limits there too). */
export function clientAddress(env: unknown): string {
  const incoming = (env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'unknown';
}

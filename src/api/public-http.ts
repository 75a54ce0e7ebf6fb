/**
 * The public operations of the host API (declared `auth: 'none'`: the pricing catalogue) over
 * `fetch` alone: what a marketing page with `api-base` and no token loads instead of the whole
 * HTTP client (ky, zod, every operation's declaration and schema: about 18 kB gzip of a 35 kB
 * page budget). Loaded lazily by `PublicHttpConnection` (lazy-http-api.ts).
 *
 * It behaves as HttpAccountApi does for a GET: the body is checked against the contract
 * (`invalid-response` naming the first bad value), errors are ApiErrors with the problem+json
 * document, network errors, timeouts and 408/429/5xx are retried with exponential backoff and full
 * jitter, `Retry-After` is honoured up to a cap, the whole call ends within its time budget, and
 * identical concurrent reads share one request through the shared cache. It never sends a token.
 *
 * The check is `pricing-check.ts`, a zod-free mirror of `schemas/pricing.ts` (zod alone would be
 * 8 kB gzip here); test/api/public-http.test.ts holds it to the schema on generated catalogues,
 * and this table to the operation declarations. `Retry-After` and error bodies are read here
 * rather than with http/response.ts, whose module is in the HTTP client's chunk (with zod).
 */
import type { RequestOptions, ResourceName } from './account-api.js';
import { ApiError, kindForStatus } from './errors.js';
import type { HttpAccountApiOptions, HttpRequest } from './http-api.js';
import type { Pricing } from './schemas/pricing.js';
import type { Problem } from './schemas/problem.js';
import { checkPricing, checkProblem, type Checked } from './pricing-check.js';
import { SharedCache } from './shared-cache.js';

/** The public reads: the method, path and resources of their declarations, and their body's check. */
export const PUBLIC_READS = {
  getPricing: { path: '/pricing', reads: ['pricing'] as ResourceName[], check: checkPricing },
} as const;

const RETRY_STATUSES = [408, 429, 500, 502, 503, 504];

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** `Retry-After` in ms (delay seconds or an HTTP date), read as http/response.ts reads it; undefined when absent or unreadable. */
function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = /^[a-z]{3}/i.test(value) ? Date.parse(value) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** A failed response's JSON body (a problem document), or undefined: not JSON, unreadable, or later than `timeoutMs`. */
async function errorData(response: Response, timeoutMs: number): Promise<unknown> {
  const type = (response.headers.get('content-type') ?? '').split(';', 1)[0].trim().toLowerCase();
  if (!/\/(?:.*[.+-])?json$/.test(type)) return undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(resolve, timeoutMs, undefined)));
  try {
    const text = await Promise.race([response.text(), late]);
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

function requestIdOf(headers: Headers): string | undefined {
  return headers.get('request-id') ?? headers.get('x-request-id') ?? undefined;
}

export class PublicHttpClient {
  readonly #options: HttpAccountApiOptions;
  readonly #cache: SharedCache;
  readonly #base?: URL;

  constructor(options: HttpAccountApiOptions & { cache?: SharedCache }) {
    this.#options = options;
    this.#cache = options.cache ?? new SharedCache({ ttlMs: options.cacheTtlMs });
    try {
      this.#base = new URL(options.baseUrl, globalThis.document?.baseURI);
    } catch {
      // Reported by each request as a `config` error.
    }
  }

  /** The public catalogue (`GET /pricing`). */
  getPricing(options?: RequestOptions): Promise<Pricing> {
    const { path, reads, check } = PUBLIC_READS.getPricing;
    return this.#read(path, reads, check, options);
  }

  /** Anything but the public reads needs a token, which this connection does not have. */
  request<T>(request: HttpRequest<T>): Promise<T> {
    return Promise.reject(new ApiError('unauthorized', `${request.method} ${request.path} needs a token; this connection has none.`, { status: 401 }));
  }

  #read<T>(path: string, resources: readonly ResourceName[], check: (data: unknown) => Checked<T>, options: RequestOptions = {}): Promise<T> {
    const base = this.#base;
    if (!base) return Promise.reject(new ApiError('config', 'The API base URL is not a valid URL.'));
    const url = new URL(`${base.href.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`);
    return this.#cache.load(`GET ${url.href}`, resources, (signal) => this.#call(url, `GET ${path}`, check, signal), options);
  }

  async #call<T>(url: URL, label: string, check: (data: unknown) => Checked<T>, signal: AbortSignal | undefined): Promise<T> {
    const { timeoutMs = 10_000, totalTimeoutMs = 30_000 } = this.#options;
    const { limit = 2, baseDelayMs = 300, maxDelayMs = 5000, maxRetryAfterMs = 10_000 } = this.#options.retry ?? {};
    const deadline = Date.now() + totalTimeoutMs;
    // Aborted with the ApiError to throw: the fetch, the waits and the body read reject with it.
    const call = new AbortController();
    const budget = setTimeout(() => call.abort(new ApiError('timeout', `${label} did not finish within ${totalTimeoutMs} ms.`)), totalTimeoutMs);
    const onAbort = () => call.abort(new ApiError('aborted', `${label} was aborted.`));
    if (signal?.aborted) onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const fetcher = this.#options.fetch ?? globalThis.fetch;
    try {
      for (let attempt = 0; ; attempt++) {
        const { failure, retryAfter, value } = await this.#attempt(fetcher, url, label, check, call.signal, timeoutMs);
        if (!failure) return value as T;
        const wait = retryAfter ?? Math.random() * Math.min(maxDelayMs, baseDelayMs * 2 ** attempt);
        // Out of attempts, not worth asking again, or a Retry-After longer than we may wait: this failure is the answer.
        if (!failure.retry || attempt >= limit || (retryAfter !== undefined && retryAfter > Math.min(maxRetryAfterMs, deadline - Date.now()))) {
          throw failure.error;
        }
        await sleep(wait, call.signal);
      }
    } catch (error) {
      if (call.signal.aborted) throw call.signal.reason;
      throw error;
    } finally {
      clearTimeout(budget);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /** One request: its value, or its error and whether another attempt may help. */
  async #attempt<T>(
    fetcher: typeof fetch,
    url: URL,
    label: string,
    check: (data: unknown) => Checked<T>,
    signal: AbortSignal,
    timeoutMs: number,
  ): Promise<{ value?: T; failure?: { error: ApiError; retry: boolean }; retryAfter?: number }> {
    const attempt = new AbortController();
    const stop = () => attempt.abort();
    const timer = setTimeout(stop, timeoutMs);
    signal.addEventListener('abort', stop, { once: true });
    try {
      const response = await fetcher(url, { headers: { accept: 'application/json, application/problem+json' }, signal: attempt.signal });
      const init = { status: response.status, requestId: requestIdOf(response.headers) };
      if (!response.ok) {
        const data = await errorData(response, timeoutMs);
        const problem: Problem | undefined = checkProblem(data);
        const title = problem?.title ? `: ${problem.title}` : '';
        const error = new ApiError(kindForStatus(response.status), `${label} failed with HTTP ${response.status}${title}`, {
          ...init,
          problem,
          retryAfterMs: retryAfterMs(response.headers),
        });
        return { failure: { error, retry: RETRY_STATUSES.includes(response.status) }, retryAfter: retryAfterMs(response.headers) };
      }
      const text = await response.text();
      let data: unknown;
      try {
        data = text.trim() === '' ? undefined : JSON.parse(text);
      } catch {
        const type = (response.headers.get('content-type') ?? 'no content type').split(';')[0].slice(0, 60);
        throw new ApiError('invalid-response', `${label}: expected a JSON body, got unparseable ${type}`, init);
      }
      if (data === undefined) throw new ApiError('invalid-response', `${label}: expected a JSON body, got an empty body`, init);
      const checked = check(data);
      if (!checked.ok) throw new ApiError('invalid-response', `${label}: ${checked.path}: expected ${checked.expected}`, { ...init, path: checked.path });
      return { value: checked.value };
    } catch (error) {
      if (signal.aborted || error instanceof ApiError) throw signal.aborted ? signal.reason : error;
      const timedOut = attempt.signal.aborted;
      // fetch rejects with a TypeError when the network fails; a host's fetch wrapper failing otherwise is not retried.
      return {
        failure: {
          error: timedOut ? new ApiError('timeout', `${label} timed out.`) : new ApiError('network', `${label}: the server could not be reached.`),
          retry: timedOut || error instanceof TypeError,
        },
      };
    } finally {
      clearTimeout(timer);
      signal.removeEventListener('abort', stop);
    }
  }
}

import { ApiError } from './errors.js';
import type { InvalidationListener, ResourceName } from './account-api.js';

interface Entry {
  promise: Promise<unknown>;
  resources: readonly ResourceName[];
  controller: AbortController;
  /** Callers still waiting on the in-flight request; the request is aborted when none are. */
  waiting: number;
  settled: boolean;
  storedAt: number;
}

export interface SharedCacheOptions {
  /** How long a settled response is reused by later callers, in ms (0: never). Default 30 s. */
  ttlMs?: number;
  /** Clock, for tests. */
  now?: () => number;
}

export interface LoadOptions {
  signal?: AbortSignal;
  /** Ignore a stored response (a Retry button); still joins an identical in-flight request. */
  fresh?: boolean;
}

function abortError(): ApiError {
  return new ApiError('aborted', 'The request was aborted.');
}

/**
 * Shares identical reads and tells elements when data changed.
 *
 * - Concurrent loads of one key share one request; it is aborted only when every caller aborted.
 * - Settled responses are reused for `ttlMs`; failures are never stored.
 * - `invalidate(['invoices'])` drops every entry tagged with that resource and notifies listeners,
 *   so every element showing invoices reloads once.
 */
export class SharedCache {
  readonly #entries = new Map<string, Entry>();
  readonly #listeners = new Set<InvalidationListener>();
  readonly #ttlMs: number;
  readonly #now: () => number;

  constructor(options: SharedCacheOptions = {}) {
    this.#ttlMs = options.ttlMs ?? 30_000;
    this.#now = options.now ?? (() => Date.now());
  }

  load<T>(
    key: string,
    resources: readonly ResourceName[],
    loader: (signal: AbortSignal) => Promise<T>,
    options: LoadOptions = {},
  ): Promise<T> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(abortError());

    let entry = this.#entries.get(key);
    const expired =
      entry?.settled && (options.fresh || this.#now() - entry.storedAt >= this.#ttlMs);
    if (!entry || expired) {
      entry = this.#start(key, resources, loader);
    }
    if (entry.settled) return entry.promise as Promise<T>;
    return this.#join(key, entry, signal) as Promise<T>;
  }

  /** Drops stored responses of these resources and tells every listener once. */
  invalidate(resources: Iterable<ResourceName>): void {
    const changed = new Set(resources);
    if (changed.size === 0) return;
    for (const [key, entry] of this.#entries) {
      if (entry.resources.some((r) => changed.has(r))) this.#entries.delete(key);
    }
    for (const listener of [...this.#listeners]) {
      try {
        listener(changed);
      } catch (error) {
        // A host listener that throws must not stop the others from refreshing.
        console.error(error);
      }
    }
  }

  subscribe(listener: InvalidationListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Number of stored or in-flight entries (tests, benchmarks). */
  get size(): number {
    return this.#entries.size;
  }

  /** Forget everything without notifying (a new token for another user). */
  clear(): void {
    for (const entry of this.#entries.values()) if (!entry.settled) entry.controller.abort();
    this.#entries.clear();
  }

  #start<T>(key: string, resources: readonly ResourceName[], loader: (signal: AbortSignal) => Promise<T>): Entry {
    // Drop expired responses, so paging through many cursors does not keep every page forever.
    const now = this.#now();
    for (const [k, e] of this.#entries) if (e.settled && now - e.storedAt >= this.#ttlMs) this.#entries.delete(k);
    const controller = new AbortController();
    const entry: Entry = {
      promise: Promise.resolve(),
      resources,
      controller,
      waiting: 0,
      settled: false,
      storedAt: 0,
    };
    // A loader that throws synchronously still rejects (and is not stored).
    entry.promise = new Promise<T>((resolve) => resolve(loader(controller.signal))).then(
      (value) => {
        entry.settled = true;
        entry.storedAt = this.#now();
        return value;
      },
      (error: unknown) => {
        // Failures are never reused: the next caller asks again.
        if (this.#entries.get(key) === entry) this.#entries.delete(key);
        throw error;
      },
    );
    // The shared promise may have no caller left (all aborted); keep its rejection handled.
    entry.promise.catch(() => undefined);
    this.#entries.set(key, entry);
    return entry;
  }

  #join(key: string, entry: Entry, signal: AbortSignal | undefined): Promise<unknown> {
    entry.waiting++;
    return new Promise((resolve, reject) => {
      let done = false;
      const finish = () => {
        done = true;
        entry.waiting--;
        signal?.removeEventListener('abort', onAbort);
      };
      const onAbort = () => {
        if (done) return;
        finish();
        reject(abortError());
        if (entry.waiting === 0 && !entry.settled) {
          entry.controller.abort();
          if (this.#entries.get(key) === entry) this.#entries.delete(key);
        }
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      entry.promise.then(
        (value) => {
          if (done) return;
          finish();
          resolve(value);
        },
        (error: unknown) => {
          if (done) return;
          finish();
          reject(error);
        },
      );
    });
  }
}

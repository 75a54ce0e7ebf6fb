import type { AccountApi, InvalidationListener, InvoiceQuery, RequestOptions, ResourceName } from './account-api.js';
import type { Account } from './schemas/account.js';
import type { InvoiceDetail, InvoicePage } from './schemas/invoice.js';
import { PAYABLE_STATUSES } from './vocabulary.js';
import { ApiError } from './errors.js';
import { SharedCache } from '../core/shared-cache.js';
import { createFixture, toSummary, type AccountFixture, type FixtureName } from './fixtures/generate.js';

export type MemoryOperation = 'getAccount' | 'listInvoices' | 'getInvoice';

export interface MemoryAccountApiOptions {
  /** A named demo account, or your own data. Default `typical`. */
  fixture?: FixtureName | AccountFixture;
  /** Simulated latency per call in ms (default 0), or a function of the operation. */
  latencyMs?: number | ((operation: MemoryOperation) => number);
  /**
   * Failure injection: return an ApiError to fail that call (it is thrown after the latency).
   * `callIndex` counts calls of that operation from 0.
   */
  fail?: (operation: MemoryOperation, callIndex: number) => ApiError | undefined;
  /** The date the fixtures are generated around (default: today). */
  today?: Date;
}

const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 100;

/**
 * AccountApi in memory, from fixtures: for stories, tests, documentation and offline demos.
 * Behaves like the HTTP API where elements can tell: cursor pages, filters, abort, latency,
 * errors, shared in-flight reads and invalidation.
 */
export class MemoryAccountApi implements AccountApi {
  /** Every call that reached the fake backend (after request sharing), in order. */
  readonly calls: Array<{ operation: MemoryOperation; args: unknown[] }> = [];
  readonly data: AccountFixture;
  readonly #cache = new SharedCache({ ttlMs: 0 });
  readonly #options: MemoryAccountApiOptions;
  readonly #callCounts = new Map<MemoryOperation, number>();

  constructor(options: MemoryAccountApiOptions = {}) {
    this.#options = options;
    const fixture = options.fixture ?? 'typical';
    this.data = typeof fixture === 'string' ? createFixture(fixture, options.today) : fixture;
  }

  getAccount(options?: RequestOptions): Promise<Account> {
    return this.#read('getAccount', [], ['account'], options, () => structuredClone(this.data.account));
  }

  listInvoices(query: InvoiceQuery = {}, options?: RequestOptions): Promise<InvoicePage> {
    return this.#read('listInvoices', [query], ['invoices'], options, () => {
      const status = query.status ?? 'all';
      const limit = pageSize(query.limit);
      const matching = this.data.invoices.filter((inv) =>
        status === 'all' ? true : status === 'open' ? PAYABLE_STATUSES.includes(inv.status) : inv.status === status,
      );
      const start = query.cursor ? cursorOffset(query.cursor, matching.length) : 0;
      const slice = matching.slice(start, start + limit);
      const next = start + limit < matching.length ? btoa(String(start + limit)) : null;
      return { data: slice.map(toSummary), next_cursor: next, total_count: matching.length };
    });
  }

  getInvoice(id: string, options?: RequestOptions): Promise<InvoiceDetail> {
    return this.#read('getInvoice', [id], ['invoices'], options, () => {
      const invoice = this.data.invoices.find((inv) => inv.id === id);
      if (!invoice) throw new ApiError('not-found', `No invoice ${id}`, { status: 404 });
      return structuredClone(invoice);
    });
  }

  invalidate(resources: Iterable<ResourceName>): void {
    this.#cache.invalidate(resources);
  }

  onInvalidate(listener: InvalidationListener): () => void {
    return this.#cache.subscribe(listener);
  }

  #read<T>(
    operation: MemoryOperation,
    args: unknown[],
    resources: ResourceName[],
    options: RequestOptions | undefined,
    produce: () => T,
  ): Promise<T> {
    const key = `${operation}:${JSON.stringify(args)}`;
    return this.#cache.load(
      key,
      resources,
      async (signal) => {
        const index = this.#callCounts.get(operation) ?? 0;
        this.#callCounts.set(operation, index + 1);
        this.calls.push({ operation, args });
        const latency = typeof this.#options.latencyMs === 'function' ? this.#options.latencyMs(operation) : this.#options.latencyMs ?? 0;
        if (latency > 0) await sleep(latency, signal);
        if (signal.aborted) throw new ApiError('aborted', 'The request was aborted.');
        const failure = this.#options.fail?.(operation, index);
        if (failure) throw failure;
        return produce();
      },
      { signal: options?.signal, fresh: options?.fresh },
    );
  }
}

/** The page size a query asks for, clamped to the contract's range: a whole number from 1 to 100. */
function pageSize(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_LIMIT;
  return Math.min(Math.max(1, Math.trunc(limit)), MAX_LIMIT);
}

/** The offset inside a cursor this API issued; anything else is the caller's error (400), not a crash. */
function cursorOffset(cursor: string, length: number): number {
  let decoded: string;
  try {
    decoded = atob(cursor);
  } catch {
    decoded = '';
  }
  const offset = /^\d+$/.test(decoded) ? Number(decoded) : Number.NaN;
  if (!Number.isSafeInteger(offset) || offset > length) {
    throw new ApiError('validation', 'Invalid cursor', { status: 400 });
  }
  return offset;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!Number.isFinite(ms)) {
      // "Never answers": only an abort ends it (loading-state stories).
      signal.addEventListener('abort', () => reject(new ApiError('aborted', 'The request was aborted.')), { once: true });
      return;
    }
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(new ApiError('aborted', 'The request was aborted.'));
      },
      { once: true },
    );
  });
}

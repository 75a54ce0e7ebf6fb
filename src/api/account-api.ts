import type { AccountApiMethods, AccountApiOperations, ClientQuery } from './operations/index.js';

/**
 * The resources of the host API. A mutation names the resources it changed; every element that
 * shows one of them refreshes (after a payment: invoices, account, payments, transactions).
 */
export type ResourceName =
  | 'account'
  | 'invoices'
  | 'payments'
  | 'credits'
  | 'transactions'
  | 'payment-methods'
  | 'licenses'
  | 'orders'
  | 'addons'
  | 'usage'
  | 'addresses'
  | 'users'
  | 'roles'
  | 'pricing';

export interface RequestOptions {
  /** Aborts the request; an aborted request rejects with an ApiError of kind `aborted`. */
  signal?: AbortSignal;
  /** Skip the shared cache and ask the server (Retry buttons). */
  fresh?: boolean;
}

export interface WriteOptions {
  signal?: AbortSignal;
  /**
   * One key per user intent (one click on Pay). Retries of that intent reuse it, so the server
   * charges once; a corrected attempt after a decline uses a new one.
   */
  idempotencyKey: string;
  /**
   * Called before each automatic retry of this write (same key, same body): the attempt before it
   * has an unknown outcome, so a payment element can say it is checking the status.
   */
  onRetry?: () => void;
}

/** `listInvoices`' query: `status` (`all`, `open`, `paid`), `cursor`, `limit` (1-100). */
export type InvoiceQuery = ClientQuery<AccountApiOperations['listInvoices']['query']>;

/** A cursor-paginated list's query: `cursor`, `limit` (1-100). */
export type PageQuery = ClientQuery<AccountApiOperations['listPayments']['query']>;

export type InvalidationListener = (resources: ReadonlySet<ResourceName>) => void;

/**
 * What the elements call. Implement it to plug in any backend: `HttpAccountApi` speaks the REST
 * contract of `openapi.json`; `MemoryAccountApi` serves fixtures for stories, tests and demos.
 *
 * Methods reject only with `ApiError`. Writes take an idempotency key (one per user intent) and
 * invalidate the resources they changed. The methods are typed from the operation declarations
 * (`src/api/operations/`): one method per operation, named by it, with the path ids, then the query
 * or body, then the options.
 */
export interface AccountApi extends AccountApiMethods {
  /** Tell every element showing these resources to refresh (called after each mutation). */
  invalidate(resources: Iterable<ResourceName>): void;
  /** Listen for invalidations; returns the unsubscribe function. */
  onInvalidate(listener: InvalidationListener): () => void;
}

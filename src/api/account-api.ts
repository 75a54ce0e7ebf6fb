import type { Account } from './schemas/account.js';
import type { InvoiceDetail, InvoiceFilter, InvoicePage } from './schemas/invoice.js';

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
}

export interface InvoiceQuery {
  status?: InvoiceFilter;
  cursor?: string | null;
  /** Page size, 1-100; the server's default when absent. */
  limit?: number;
}

export type InvalidationListener = (resources: ReadonlySet<ResourceName>) => void;

/**
 * What the elements call. Implement it to plug in any backend: `HttpAccountApi` speaks the REST
 * contract of `openapi.json`; `MemoryAccountApi` serves fixtures for stories, tests and demos.
 *
 * Methods reject only with `ApiError`. Each later resource (payments, payment methods, licenses,
 * add-ons, usage, addresses, users, pricing) adds its methods here with its issue; the resource
 * names above and the write mechanism (`WriteOptions`, invalidation) are already in place for them.
 */
export interface AccountApi {
  getAccount(options?: RequestOptions): Promise<Account>;
  listInvoices(query?: InvoiceQuery, options?: RequestOptions): Promise<InvoicePage>;
  getInvoice(id: string, options?: RequestOptions): Promise<InvoiceDetail>;

  /** Tell every element showing these resources to refresh (called after each mutation). */
  invalidate(resources: Iterable<ResourceName>): void;
  /** Listen for invalidations; returns the unsubscribe function. */
  onInvalidate(listener: InvalidationListener): () => void;
}

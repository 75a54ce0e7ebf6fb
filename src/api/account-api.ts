import type { Account } from './schemas/account.js';
import type { InvoiceDetail, InvoiceFilter, InvoicePage } from './schemas/invoice.js';
import type { NewPayment, Payment, PaymentPage } from './schemas/payment.js';
import type {
  AutopayUpdate,
  NewPaymentMethod,
  PaymentMethod,
  PaymentMethodList,
  PaymentMethodPatch,
} from './schemas/payment-method.js';

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

export interface InvoiceQuery {
  status?: InvoiceFilter;
  cursor?: string | null;
  /** Page size, 1-100; the server's default when absent. */
  limit?: number;
}

export interface PageQuery {
  cursor?: string | null;
  /** Page size, 1-100; the server's default when absent. */
  limit?: number;
}

export type InvalidationListener = (resources: ReadonlySet<ResourceName>) => void;

/**
 * What the elements call. Implement it to plug in any backend: `HttpAccountApi` speaks the REST
 * contract of `openapi.json`; `MemoryAccountApi` serves fixtures for stories, tests and demos.
 *
 * Methods reject only with `ApiError`. Writes take an idempotency key (one per user intent) and
 * invalidate the resources they changed. Later resources (licenses, add-ons, usage, addresses,
 * users, pricing) add their methods here with their issues.
 */
export interface AccountApi {
  getAccount(options?: RequestOptions): Promise<Account>;
  listInvoices(query?: InvoiceQuery, options?: RequestOptions): Promise<InvoicePage>;
  getInvoice(id: string, options?: RequestOptions): Promise<InvoiceDetail>;

  /** Newest first. */
  listPayments(query?: PageQuery, options?: RequestOptions): Promise<PaymentPage>;
  getPayment(id: string, options?: RequestOptions): Promise<Payment>;
  /**
   * Pays invoices. Resolves with the payment (`succeeded`, or `processing` for a bank account);
   * a decline rejects with kind `declined` and the problem's `code` (`card_declined`, ...).
   * Invalidates invoices, account, payments and transactions.
   */
  createPayment(payment: NewPayment, options: WriteOptions): Promise<Payment>;

  listPaymentMethods(options?: RequestOptions): Promise<PaymentMethodList>;
  addPaymentMethod(method: NewPaymentMethod, options: WriteOptions): Promise<PaymentMethod>;
  updatePaymentMethod(id: string, patch: PaymentMethodPatch, options: WriteOptions): Promise<PaymentMethod>;
  deletePaymentMethod(id: string, options: WriteOptions): Promise<void>;
  /** Turns autopay on (with the given or the default method) or off; resolves with the account. */
  setAutopay(update: AutopayUpdate, options: WriteOptions): Promise<Account>;

  /** Tell every element showing these resources to refresh (called after each mutation). */
  invalidate(resources: Iterable<ResourceName>): void;
  /** Listen for invalidations; returns the unsubscribe function. */
  onInvalidate(listener: InvalidationListener): () => void;
}

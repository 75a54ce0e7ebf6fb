/**
 * The contract's fixed words (statuses, filters, capabilities), apart from the zod schemas so an
 * element that needs only these does not pull the schemas (and zod) into its bundle. The schemas
 * re-export them.
 */

/**
 * Invoice statuses the elements know. The schema accepts any string so that a server adding a
 * status does not break the page: unknown values render as a neutral badge with the raw value.
 */
export const KNOWN_INVOICE_STATUSES = ['open', 'overdue', 'processing', 'paid', 'void', 'draft', 'uncollectible'] as const;
export type KnownInvoiceStatus = (typeof KNOWN_INVOICE_STATUSES)[number];
export type InvoiceStatus = KnownInvoiceStatus | (string & {});

/**
 * Statuses that can still be paid. `processing`: a bank (ACH) payment covers the invoice and has not
 * settled yet; it is not payable again, and goes back to open or overdue if the payment fails.
 */
export const PAYABLE_STATUSES: readonly string[] = ['open', 'overdue'];

/** The filter a list request may ask for. `open` includes overdue invoices. */
export const INVOICE_FILTERS = ['all', 'open', 'paid'] as const;
export type InvoiceFilter = (typeof INVOICE_FILTERS)[number];

/**
 * What the token may do. Elements hide what the token cannot do (a billing viewer sees invoices
 * but no Pay button). Unknown capability strings are kept and ignored.
 */
export const KNOWN_CAPABILITIES = [
  'invoices:read',
  'invoices:pay',
  'payments:partial',
  'payment_methods:manage',
  'autopay:manage',
  'licenses:purchase',
  'addons:manage',
  'usage:read',
  'addresses:manage',
  'users:manage',
] as const;
export type Capability = (typeof KNOWN_CAPABILITIES)[number];

/** Payment statuses. ACH payments are `processing` until the bank settles them. */
export const KNOWN_PAYMENT_STATUSES = ['succeeded', 'processing', 'failed', 'refunded'] as const;
export type KnownPaymentStatus = (typeof KNOWN_PAYMENT_STATUSES)[number];
export type PaymentStatus = KnownPaymentStatus | (string & {});

/** Kinds of payment method. The server says which of them the customer may add. */
export const PAYMENT_METHOD_TYPES = ['card', 'bank_account'] as const;
export type PaymentMethodType = (typeof PAYMENT_METHOD_TYPES)[number];

export const BANK_ACCOUNT_TYPES = ['checking', 'savings'] as const;
export type BankAccountType = (typeof BANK_ACCOUNT_TYPES)[number];

/**
 * Problem `code`s of payment failures that the elements explain in their own words (the server's
 * `detail` is shown for any other code). Declines come as 402; the rest as 409 or 422.
 */
export const PAYMENT_PROBLEM_CODES = [
  'card_declined',
  'insufficient_funds',
  'expired_card',
  'incorrect_cvc',
  'invoice_not_payable',
  'amount_too_large',
  'amount_too_small',
  'partial_payment_not_allowed',
  'currency_mismatch',
  'payment_method_not_found',
  'default_payment_method_required',
  'payment_method_in_use',
  'raw_card_data_not_allowed',
] as const;
export type PaymentProblemCode = (typeof PAYMENT_PROBLEM_CODES)[number];

/** The Idempotency-Key problem code of a request that is still running: retry with the same key. */
export const REQUEST_IN_PROGRESS_CODE = 'idempotency_key_in_use';


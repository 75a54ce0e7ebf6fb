/**
 * The contract's fixed words (statuses, filters, capabilities), apart from the zod schemas so an
 * element that needs only these does not pull the schemas (and zod) into its bundle. The schemas
 * re-export them.
 */

/**
 * Invoice statuses the elements know. The schema accepts any string so that a server adding a
 * status does not break the page: unknown values render as a neutral badge with the raw value.
 */
export const KNOWN_INVOICE_STATUSES = ['open', 'overdue', 'paid', 'void', 'draft', 'uncollectible'] as const;
export type KnownInvoiceStatus = (typeof KNOWN_INVOICE_STATUSES)[number];
export type InvoiceStatus = KnownInvoiceStatus | (string & {});

/** Statuses that can still be paid. */
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

/**
 * The licensing contract's fixed words (issue 10: price schemes, intervals, order statuses, the
 * ledger's types, license problem codes, proration policies), apart from vocabulary.ts so that the
 * billing elements' shared code does not carry them.
 */
/**
 * How a plan's price grows with the quantity (docs/pricing.md):
 * `per_seat` one unit price per license; `volume` every license at the price of the tier the
 * quantity falls in; `graduated` each license at the price of its own tier; `tiered` one flat
 * price per tier (a band of quantities costs the same).
 */
export const PRICE_SCHEMES = ['per_seat', 'volume', 'graduated', 'tiered'] as const;
export type PriceScheme = (typeof PRICE_SCHEMES)[number];

export const BILLING_INTERVALS = ['month', 'year'] as const;
export type BillingInterval = (typeof BILLING_INTERVALS)[number];

/** A license order is paid and waits for the product to provision it, then it is `provisioned`. */
export const KNOWN_ORDER_STATUSES = ['pending_provisioning', 'provisioned'] as const;
export type KnownOrderStatus = (typeof KNOWN_ORDER_STATUSES)[number];
export type OrderStatus = KnownOrderStatus | (string & {});

/** Kinds of money movement in the transaction history. Unknown types render with their raw word. */
export const TRANSACTION_TYPES = ['invoice', 'payment', 'credit', 'refund', 'license_purchase'] as const;
export type TransactionType = (typeof TRANSACTION_TYPES)[number];
export type TransactionKind = TransactionType | (string & {});

/** The history's type filter: one type, or `all`. */
export const TRANSACTION_FILTERS = ['all', ...TRANSACTION_TYPES] as const;
export type TransactionFilter = (typeof TRANSACTION_FILTERS)[number];

/**
 * Problem `code`s of quotes and orders that the elements explain in their own words: 422 for what
 * cannot be bought this way, 409 for a quote that was already ordered or has expired.
 */
export const LICENSE_PROBLEM_CODES = [
  'quantity_not_positive',
  'license_decrease_not_self_service',
  'quantity_above_maximum',
  'product_not_self_service',
  'product_not_licensed',
  'quote_not_found',
  'quote_expired',
  'quote_already_ordered',
  'authorization_required',
  'invoice_payment_not_allowed',
] as const;
export type LicenseProblemCode = (typeof LICENSE_PROBLEM_CODES)[number];

/** How added licenses are priced to the end of the term, a server setting per product (docs/proration.md). */
export const PRORATION_POLICIES = ['prorate_by_day', 'prorate_by_month', 'full_price', 'at_renewal'] as const;
export type ProrationPolicy = (typeof PRORATION_POLICIES)[number];

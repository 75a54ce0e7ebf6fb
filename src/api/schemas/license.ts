import * as z from 'zod/mini';
import { CalendarDate, Id, Money, page, Timestamp } from './common.js';

export { KNOWN_ORDER_STATUSES, PRORATION_POLICIES, type ProrationPolicy, LICENSE_PROBLEM_CODES, type LicenseProblemCode, type OrderStatus } from '../licensing-vocabulary.js';

/** The part of the term a purchase pays for: to the renewal, in whole months and days. */
export const ProratedPeriod = z.object({
  start: CalendarDate,
  /** The renewal date (the first day after the term). */
  end: CalendarDate,
  months: z.int().check(z.nonnegative()),
  days: z.int().check(z.nonnegative()),
});
export type ProratedPeriod = z.infer<typeof ProratedPeriod>;

/** The account's current contract term: every license renews on `end`. */
export const ContractTerm = z.object({
  id: Id,
  start: CalendarDate,
  /** The renewal date: the first day after the term. */
  end: CalendarDate,
  interval: z.string(),
  auto_renews: z.boolean(),
});
export type ContractTerm = z.infer<typeof ContractTerm>;

export const License = z.object({
  id: Id,
  product_id: Id,
  product_name: z.string(),
  plan_id: Id,
  plan_name: z.string(),
  /** What one license is ("seat"). */
  unit_label: z.string(),
  /** Licenses in use (provisioned). */
  quantity: z.int().check(z.nonnegative()),
  /** Bought and not provisioned yet. */
  pending_quantity: z.int().check(z.nonnegative()),
  /** One license for the whole term, at the contract's price. */
  unit_price: Money,
  max_quantity: z.nullable(z.int().check(z.positive())),
  /** Whether more can be bought here; otherwise the account manager sells them. */
  self_service: z.boolean(),
  proration_policy: z.string(),
  /** `active`, or `pending_provisioning` while bought licenses are being set up. */
  status: z.string().check(z.minLength(1)),
});
export type License = z.infer<typeof License>;

/** `GET /licenses`. */
export const LicenseOverview = z.object({
  term: z.nullable(ContractTerm),
  licenses: z.array(License),
  /** How this account may pay for licenses, and how long they take to appear. */
  ordering: z.object({
    invoice_allowed: z.boolean(),
    provisioning_minutes: z.int().check(z.nonnegative()),
  }),
});
export type LicenseOverview = z.infer<typeof LicenseOverview>;

/** `POST /licenses/quotes`. Negative and zero quantities are the server's 422, with a code. */
export const NewLicenseQuote = z.strictObject({
  product_id: Id,
  additional_quantity: z.int().check(z.minimum(-1_000_000), z.maximum(1_000_000)),
});
export type NewLicenseQuote = z.infer<typeof NewLicenseQuote>;

/** A price the server computed and keeps until `expires_at`: the client never prices itself. */
export const LicenseQuote = z.object({
  id: Id,
  product_id: Id,
  product_name: z.string(),
  license_id: Id,
  current_quantity: z.int().check(z.nonnegative()),
  additional_quantity: z.int().check(z.positive()),
  unit_price: Money,
  period: ProratedPeriod,
  /** One of PRORATION_POLICIES; another word renders as is. */
  proration_policy: z.string(),
  subtotal: Money,
  tax: Money,
  tax_label: z.optional(z.nullable(z.string())),
  total: Money,
  /** Charged when the order is placed (the total; nothing at renewal). */
  due_today: Money,
  /** What the renewal invoice adds for these licenses. */
  next_invoice: z.object({ date: CalendarDate, adds: Money }),
  created_at: Timestamp,
  expires_at: Timestamp,
});
export type LicenseQuote = z.infer<typeof LicenseQuote>;

/**
 * `{type: 'payment_method', payment_method_id}` (charged now) or `{type: 'invoice'}` (where the
 * account's terms allow it). One object with a check rather than a union of two: zod's union code
 * would be in every page's HTTP client (0.4 kB gzip) for this one field.
 */
export const OrderPayment = z.strictObject({ type: z.enum(['payment_method', 'invoice']), payment_method_id: z.optional(Id) }).check(
  z.refine((p) => (p.type === 'payment_method') === (p.payment_method_id !== undefined), {
    message: 'payment_method_id is required with type payment_method, and only then',
    path: ['payment_method_id'],
  }),
);
export type OrderPayment = { type: 'payment_method'; payment_method_id: string } | { type: 'invoice' };

/** `POST /licenses/orders` [Idempotency-Key]: consumes the quote. */
export const NewLicenseOrder = z.strictObject({
  quote_id: Id,
  authorization_acknowledged: z.literal(true),
  payment: OrderPayment as unknown as z.ZodMiniType<OrderPayment, OrderPayment>,
});
export type NewLicenseOrder = z.infer<typeof NewLicenseOrder>;

export const LicenseOrder = z.object({
  id: Id,
  number: z.string(),
  status: z.string().check(z.minLength(1)),
  created_at: Timestamp,
  quote_id: Id,
  product_id: Id,
  product_name: z.string(),
  additional_quantity: z.int().check(z.positive()),
  period: ProratedPeriod,
  total: Money,
  due_today: Money,
  /** `payment_method` (charged now: the payment) or `invoice` (an open invoice on the account's terms). */
  payment_type: z.string(),
  payment_id: z.nullable(z.string()),
  payment_label: z.optional(z.nullable(z.string())),
  invoice_id: z.nullable(z.string()),
  invoice_number: z.nullable(z.string()),
  /** Signed, expiring link to the sales order PDF. */
  sales_order_url: z.string(),
  /** When the licenses are expected, and when they were provisioned. */
  provisioning_expected_at: Timestamp,
  provisioned_at: z.nullable(Timestamp),
});
export type LicenseOrder = z.infer<typeof LicenseOrder>;

export const LicenseOrderPage = page(LicenseOrder);
export type LicenseOrderPage = z.infer<typeof LicenseOrderPage>;

import * as z from 'zod/mini';
import { Id, Money, Timestamp, page } from './common.js';

export { KNOWN_PAYMENT_STATUSES, type KnownPaymentStatus, type PaymentStatus } from '../vocabulary.js';

/**
 * How much of a payment goes to one invoice (oldest due first). For a `failed` payment, what it was
 * to pay: nothing was paid, and the invoices kept their amount due.
 */
export const PaymentAllocation = z.object({
  invoice_id: Id,
  invoice_number: z.string(),
  amount: Money,
});
export type PaymentAllocation = z.infer<typeof PaymentAllocation>;

/**
 * A payment: `succeeded`, `processing` (ACH until the bank settles), `failed` (with the reason), or
 * `refunded`. Any other status renders as a neutral label.
 */
export const Payment = z.object({
  id: Id,
  created_at: Timestamp,
  amount: Money,
  status: z.string().check(z.minLength(1)),
  /** The method as it was when paying (it may have been deleted since). */
  payment_method: z.nullable(
    z.object({
      id: z.nullable(z.string()),
      type: z.string(),
      label: z.string(),
      /** A card's expiry when it paid (month 1-12, year): tells two cards with the same last digits apart. */
      exp_month: z.optional(z.nullable(z.int().check(z.minimum(1), z.maximum(12)))),
      exp_year: z.optional(z.nullable(z.int().check(z.minimum(2000), z.maximum(2200)))),
    }),
  ),
  allocations: z.array(PaymentAllocation),
  failure: z.optional(z.nullable(z.object({ code: z.string(), message: z.string() }))),
  settled_at: z.optional(z.nullable(Timestamp)),
});
export type Payment = z.infer<typeof Payment>;

export const PaymentPage = page(Payment);
export type PaymentPage = z.infer<typeof PaymentPage>;

import * as z from 'zod/mini';
import { CalendarDate, CurrencyCode, Id, Money, Timestamp } from './common.js';

export { KNOWN_CAPABILITIES, type Capability } from '../vocabulary.js';

export const Account = z.object({
  id: Id,
  name: z.string(),
  email: z.optional(z.nullable(z.string())),
  /** The account's billing currency. */
  currency: CurrencyCode,
  /** Positive: the customer owes this much. Negative: a credit in the customer's favour. */
  balance: Money,
  /**
   * What is left of the account's credits that have not expired (`GET /credits`), which the server
   * applies to open invoices. Absent or null: the server does not say; zero: no credit.
   */
  available_credit: z.optional(z.nullable(Money)),
  last_payment: z.nullable(
    z.object({
      amount: Money,
      paid_at: Timestamp,
      method_label: z.optional(z.nullable(z.string())),
    }),
  ),
  next_invoice: z.optional(
    z.nullable(
      z.object({
        date: CalendarDate,
        estimated_total: z.optional(z.nullable(Money)),
      }),
    ),
  ),
  autopay: z.object({
    enabled: z.boolean(),
    payment_method_id: z.nullable(z.string()),
  }),
  /**
   * How this account may pay: partial payments (below the amount due) and the smallest payment.
   * Absent: full payments only.
   */
  payment_terms: z.optional(
    z.nullable(
      z.object({
        partial_payments: z.boolean(),
        minimum_payment: z.nullable(Money),
      }),
    ),
  ),
  /** The role of the token's user as it is now (`admin`, `billing_viewer`, `basic`, `scheduler`, or a host's own: `GET /roles`). */
  role: z.string(),
  capabilities: z.array(z.string()),
  /** Where "talk to your account manager" links point. */
  contact_url: z.optional(z.nullable(z.string())),
});
export type Account = z.infer<typeof Account>;

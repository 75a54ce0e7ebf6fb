import * as z from 'zod/mini';
import { CalendarDate, Id, Money, page, Timestamp } from './common.js';

/** Part of a credit paid towards one invoice: its amount due went down by `amount`. */
export const CreditApplication = z.object({
  invoice_id: Id,
  invoice_number: z.string(),
  amount: Money,
  applied_at: Timestamp,
});
export type CreditApplication = z.infer<typeof CreditApplication>;

/**
 * A credit on the account (what disabling an add-on leaves, a goodwill credit, a refund kept as
 * credit). The balance took `original` off when it was made; `remaining` is what is left of it to
 * pay invoices with, and `applications` say where the rest went, oldest first.
 */
export const Credit = z.object({
  id: Id,
  created_at: Timestamp,
  original: Money,
  remaining: Money,
  reference: z.string(),
  /** The last day it can be applied; null: it does not expire. */
  expires_on: z.nullable(CalendarDate),
  applications: z.array(CreditApplication),
});
export type Credit = z.infer<typeof Credit>;

export const CreditPage = page(Credit);
export type CreditPage = z.infer<typeof CreditPage>;

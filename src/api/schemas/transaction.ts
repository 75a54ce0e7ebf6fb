import * as z from 'zod/mini';
import { Id, Money, Timestamp, page } from './common.js';
import { ProratedPeriod } from './license.js';

export { TRANSACTION_FILTERS, TRANSACTION_TYPES, type TransactionFilter, type TransactionKind, type TransactionType } from '../licensing-vocabulary.js';

/**
 * One money movement of the account. `amount` is signed from the account's side: positive adds to
 * what the customer owes (an invoice, a license purchase), negative takes from it (a payment, a
 * credit). `balance_after` is the running balance; the newest one is the account's balance.
 */
export const Transaction = z.object({
  id: Id,
  type: z.string().check(z.minLength(1)),
  occurred_at: Timestamp,
  description: z.string(),
  amount: Money,
  balance_after: Money,
  invoice_id: z.optional(z.nullable(z.string())),
  invoice_number: z.optional(z.nullable(z.string())),
  payment_id: z.optional(z.nullable(z.string())),
  order_id: z.optional(z.nullable(z.string())),
  order_number: z.optional(z.nullable(z.string())),
  /** A license purchase: the prorated part of the term it paid for. */
  period: z.optional(z.nullable(ProratedPeriod)),
  /** The invoice's or the sales order's PDF (signed, expiring). */
  document_url: z.optional(z.nullable(z.string())),
});
export type Transaction = z.infer<typeof Transaction>;

export const TransactionPage = page(Transaction);
export type TransactionPage = z.infer<typeof TransactionPage>;

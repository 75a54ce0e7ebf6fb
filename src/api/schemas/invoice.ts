import * as z from 'zod/mini';
import { CalendarDate, Id, Money, page, Timestamp } from './common.js';

export {
  INVOICE_FILTERS,
  KNOWN_INVOICE_STATUSES,
  PAYABLE_STATUSES,
  type InvoiceFilter,
  type InvoiceStatus,
  type KnownInvoiceStatus,
} from '../vocabulary.js';

export const InvoiceSummary = z.object({
  id: Id,
  number: z.string(),
  status: z.string().check(z.minLength(1)),
  issued_on: CalendarDate,
  due_on: z.nullable(CalendarDate),
  total: Money,
  amount_due: Money,
  /** Signed, expiring link to the PDF; null while the PDF is not ready. */
  pdf_url: z.optional(z.nullable(z.string())),
});
export type InvoiceSummary = z.infer<typeof InvoiceSummary>;

export const InvoicePage = page(InvoiceSummary);
export type InvoicePage = z.infer<typeof InvoicePage>;

export const InvoiceLine = z.object({
  id: Id,
  description: z.string(),
  /** Decimal quantities are allowed (hours, GB). */
  quantity: z.nullable(z.number()),
  unit: z.optional(z.nullable(z.string())),
  unit_price: z.nullable(Money),
  amount: Money,
  period: z.optional(z.nullable(z.object({ start: CalendarDate, end: CalendarDate }))),
});
export type InvoiceLine = z.infer<typeof InvoiceLine>;

/** Lines grouped per product, conference, project, ... with the server's subtotal. */
export const InvoiceLineGroup = z.object({
  id: Id,
  title: z.string(),
  lines: z.array(InvoiceLine),
  subtotal: Money,
});
export type InvoiceLineGroup = z.infer<typeof InvoiceLineGroup>;

export const TaxLine = z.object({
  label: z.string(),
  /** Display rate as the server words it (`19%`), not used for arithmetic. */
  rate: z.optional(z.nullable(z.string())),
  amount: Money,
});
export type TaxLine = z.infer<typeof TaxLine>;

/** The statement-style summary at the top of an invoice. All amounts come from the server. */
export const InvoiceStatementSummary = z.object({
  previous_balance: Money,
  payments_received: Money,
  overdue: Money,
  current_charges: Money,
  tax: Money,
  amount_due: Money,
});
export type InvoiceStatementSummary = z.infer<typeof InvoiceStatementSummary>;

export const InvoiceDetail = z.object({
  ...InvoiceSummary.shape,
  period: z.optional(z.nullable(z.object({ start: CalendarDate, end: CalendarDate }))),
  /**
   * Who the invoice is billed to, as printed: the name and the address lines; `country` (ISO 3166-1
   * alpha-2), when given, is not among the lines: the element names it in the reader's language.
   */
  bill_to: z.optional(
    z.nullable(
      z.object({
        name: z.string(),
        lines: z.array(z.string()),
        country: z.optional(z.nullable(z.string().check(z.regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 country code')))),
      }),
    ),
  ),
  summary: InvoiceStatementSummary,
  groups: z.array(InvoiceLineGroup),
  subtotal: Money,
  taxes: z.array(TaxLine),
  memo: z.optional(z.nullable(z.string())),
  /**
   * When a `paid` invoice was paid: the instant the payment that paid it off settled (a card at
   * once, a bank debit when the bank settled it), or the credit that paid it off was applied. Null
   * or absent while the invoice is not paid.
   */
  paid_at: z.optional(z.nullable(Timestamp)),
  /**
   * The payment that paid a `paid` invoice off, the reference to quote (`GET /payments/{id}`); when
   * several payments paid it, the last one. Null or absent while the invoice is not paid, and when
   * a credit paid it off.
   */
  payment_id: z.optional(z.nullable(Id)),
});
export type InvoiceDetail = z.infer<typeof InvoiceDetail>;

/**
 * The invoice a purchase makes (a license order, an add-on enabled), for the reference server and
 * MemoryAccountApi alike: one line over its period and the tax, open for 30 days or already paid.
 * Without `pdf_url`: the server signs it per response, the memory API gives a demo link.
 */
import type { Money } from './schemas/common.js';
import type { InvoiceDetail } from './schemas/invoice.js';

export interface PurchaseInvoice {
  id: string;
  number: string;
  /** `open` (due in 30 days), `paid` or `processing`. */
  status: string;
  now: Date;
  /** The line group's title. */
  title: string;
  line: { description: string; quantity: number; unitPrice: Money };
  subtotal: Money;
  tax: Money;
  total: Money;
  taxLabel: string | null;
  taxBasisPoints: number;
  /** The part of a term or period the line pays for; null for a one-time purchase. */
  period: { start: string; end: string } | null;
  memo: string;
}

export function purchaseInvoice(p: PurchaseInvoice): Omit<InvoiceDetail, 'pdf_url'> {
  const today = p.now.toISOString().slice(0, 10);
  const open = p.status === 'open';
  const due = open ? new Date(p.now.getTime() + 30 * 86_400_000).toISOString().slice(0, 10) : today;
  const zero = { amount: 0, currency: p.total.currency };
  return {
    id: p.id,
    number: p.number,
    status: p.status,
    issued_on: today,
    due_on: due,
    total: p.total,
    amount_due: open ? p.total : zero,
    period: p.period,
    bill_to: null,
    summary: { previous_balance: zero, payments_received: zero, overdue: zero, current_charges: p.subtotal, tax: p.tax, amount_due: open ? p.total : zero },
    groups: [
      {
        id: `grp_${p.id}`,
        title: p.title,
        lines: [
          {
            id: `li_${p.id}`,
            description: p.line.description,
            quantity: p.line.quantity,
            unit: null,
            unit_price: p.line.unitPrice,
            amount: p.subtotal,
            period: p.period,
          },
        ],
        subtotal: p.subtotal,
      },
    ],
    subtotal: p.subtotal,
    taxes: p.tax.amount ? [{ label: p.taxLabel ?? 'Tax', rate: `${p.taxBasisPoints / 100}%`, amount: p.tax }] : [],
    memo: p.memo,
    paid_at: p.status === 'paid' ? p.now.toISOString() : null,
    payment_id: null,
  };
}

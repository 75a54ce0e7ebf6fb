/**
 * How credit pays invoices (issue 11), shared by the reference server and the memory API so both
 * apply it alike: the oldest credit first, to the invoice that has been due longest first.
 *
 * A credit took its whole amount off the balance when it was made; applying it moves no money, it
 * only says which invoices it paid, so their `amount_due` goes down and the balance stays.
 */
import { PAYABLE_STATUSES } from './vocabulary.js';

export interface CreditToApply {
  id: string;
  created_at: string;
  /** In the currency's minor unit. */
  remaining: number;
  currency: string;
  expires_on: string | null;
}

export interface InvoiceToPay {
  id: string;
  status: string;
  issued_on: string;
  due_on: string | null;
  amount_due: number;
  currency: string;
}

export interface CreditApplicationPlan {
  credit_id: string;
  invoice_id: string;
  amount: number;
  /** The invoice is paid off by it. */
  pays_off: boolean;
}

/** Whether a credit can still pay something on `today` (UTC, `YYYY-MM-DD`): the last day it can be applied is `expires_on`. */
export function isCreditAvailable(credit: Pick<CreditToApply, 'remaining' | 'expires_on'>, today: string): boolean {
  return credit.remaining > 0 && (credit.expires_on === null || credit.expires_on >= today);
}

/** The order credits are used in: oldest first (by creation, then id). */
function byAge(a: CreditToApply, b: CreditToApply): number {
  return a.created_at === b.created_at ? (a.id < b.id ? -1 : 1) : a.created_at < b.created_at ? -1 : 1;
}

/**
 * The order invoices are paid in: due longest first (an invoice without a due date by its issue
 * date), then issued first, then by id, as a payment allocates.
 */
function byDue(a: InvoiceToPay, b: InvoiceToPay): number {
  const dueA = a.due_on ?? a.issued_on;
  const dueB = b.due_on ?? b.issued_on;
  if (dueA !== dueB) return dueA < dueB ? -1 : 1;
  if (a.issued_on !== b.issued_on) return a.issued_on < b.issued_on ? -1 : 1;
  return a.id < b.id ? -1 : 1;
}

/**
 * What the available credits pay of the open and overdue invoices in their currency, as a list of
 * applications; empty when there is no credit or nothing to pay. Never more than a credit has left
 * or an invoice owes.
 */
export function planCreditApplications(credits: readonly CreditToApply[], invoices: readonly InvoiceToPay[], today: string): CreditApplicationPlan[] {
  const payable = invoices
    .filter((invoice) => (PAYABLE_STATUSES as readonly string[]).includes(invoice.status) && invoice.amount_due > 0)
    .map((invoice) => ({ ...invoice }))
    .sort(byDue);
  const plan: CreditApplicationPlan[] = [];
  for (const credit of [...credits].filter((c) => isCreditAvailable(c, today)).sort(byAge)) {
    let left = credit.remaining;
    for (const invoice of payable) {
      if (left === 0) break;
      if (invoice.currency !== credit.currency || invoice.amount_due === 0) continue;
      const amount = Math.min(left, invoice.amount_due);
      invoice.amount_due -= amount;
      left -= amount;
      plan.push({ credit_id: credit.id, invoice_id: invoice.id, amount, pays_off: invoice.amount_due === 0 });
    }
  }
  return plan;
}

/** The sum of what the available credits have left, in the account's currency. */
export function availableCredit(credits: readonly CreditToApply[], currency: string, today: string): number {
  return credits.filter((c) => c.currency === currency && isCreditAvailable(c, today)).reduce((sum, c) => sum + c.remaining, 0);
}

/**
 * The memory API's credits (issue 11): the list with where each credit went, and applying what is
 * left of them to open invoices by the shared rule (credits.ts), when the server would: after a
 * credit or an open invoice is made.
 */
import { availableCredit, isCreditAvailable, planCreditApplications } from './credits.js';
import type { AccountFixture } from './fixtures/generate.js';
import type { Credit } from './schemas/credit.js';

interface MemoryCreditsHost {
  readonly data: AccountFixture;
  today(): string;
}

export class MemoryCredits {
  readonly #host: MemoryCreditsHost;

  constructor(host: MemoryCreditsHost) {
    this.#host = host;
  }

  /** Newest first; `available`: something left and not expired. */
  matching(status: 'all' | 'available'): Credit[] {
    const today = this.#host.today();
    const credits = this.#host.data.addons.credits.map((c) => ({ ...c, applications: c.applications ?? [] }));
    const sorted = [...credits].sort((a, b) => (a.created_at === b.created_at ? (a.id < b.id ? 1 : -1) : a.created_at < b.created_at ? 1 : -1));
    return status === 'all' ? sorted : sorted.filter((c) => isCreditAvailable({ remaining: c.remaining.amount, expires_on: c.expires_on }, today));
  }

  /** The account's available credit in its currency, as the server's `available_credit`. */
  available(): { amount: number; currency: string } {
    const { data } = this.#host;
    const currency = data.account.currency;
    const credits = data.addons.credits.map((c) => ({ ...c, remaining: c.remaining.amount, currency: c.remaining.currency }));
    return { amount: availableCredit(credits, currency, this.#host.today()), currency };
  }

  /** Applies the available credit to open and overdue invoices (on the memory API's day); returns how many applications it made. */
  apply(now = new Date()): number {
    const { data } = this.#host;
    const credits = data.addons.credits;
    const plan = planCreditApplications(
      credits.map((c) => ({ id: c.id, created_at: c.created_at, remaining: c.remaining.amount, currency: c.remaining.currency, expires_on: c.expires_on })),
      data.invoices.map((i) => ({ id: i.id, status: i.status, issued_on: i.issued_on, due_on: i.due_on, amount_due: i.amount_due.amount, currency: i.amount_due.currency })),
      this.#host.today(),
    );
    const appliedAt = now.toISOString();
    for (const step of plan) {
      const credit = credits.find((c) => c.id === step.credit_id)!;
      const invoice = data.invoices.find((i) => i.id === step.invoice_id)!;
      credit.remaining = { amount: credit.remaining.amount - step.amount, currency: credit.remaining.currency };
      (credit.applications ??= []).push({
        invoice_id: invoice.id,
        invoice_number: invoice.number,
        amount: { amount: step.amount, currency: credit.remaining.currency },
        applied_at: appliedAt,
      });
      invoice.amount_due = { amount: invoice.amount_due.amount - step.amount, currency: invoice.amount_due.currency };
      if (step.pays_off) {
        invoice.status = 'paid';
        invoice.paid_at = appliedAt;
        invoice.payment_id = null;
      }
    }
    return plan.length;
  }
}

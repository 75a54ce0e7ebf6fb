/**
 * Credits for the credit list's stories and tests: made the way the server makes them and applied
 * by the memory API's own rule (src/api/credits.ts), so their applications are to real open invoices.
 */
import type { MemoryAccountApi } from '../src/api/memory-api.js';
import type { FixtureCredit } from '../src/api/fixtures/addons.js';

/** A credit of `amount` minor units made `daysAgo` days before `today`. */
export function credit(memory: MemoryAccountApi, id: string, amount: number, reference: string, daysAgo: number, expiresOn: string | null = null): FixtureCredit {
  const currency = memory.data.account.currency;
  const created = new Date(Date.now() - daysAgo * 86_400_000).toISOString();
  return { id, created_at: created, original: { amount, currency }, remaining: { amount, currency }, reference, expires_on: expiresOn };
}

/**
 * Four credits: one that paid the oldest open invoice off and is used up, one that paid the others
 * and has some left, one with an expiry date ahead, and one that expired before it was applied.
 * The account's balance goes down by each, as when the server makes them.
 */
export function withCredits(memory: MemoryAccountApi): MemoryAccountApi {
  const open = memory.data.invoices.filter((i) => i.status === 'open' || i.status === 'overdue').sort((a, b) => ((a.due_on ?? '') < (b.due_on ?? '') ? -1 : 1));
  const first = open[0]?.amount_due.amount ?? 5000;
  const expired = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
  const ahead = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
  const rest = open.slice(1).reduce((sum, i) => sum + i.amount_due.amount, 0);
  const credits = [
    credit(memory, 'cr_story_used', first, 'Priority support disabled: unused part of the period', 40),
    credit(memory, 'cr_story_partial', rest + 2500, 'Goodwill credit for the outage on 3 March', 20),
    credit(memory, 'cr_story_expiring', 1500, 'Referral credit', 5, ahead),
    // Expired before anything was left to pay: never applied.
    credit(memory, 'cr_story_expired', 1200, 'Promotional credit', 60, expired),
  ];
  memory.data.addons.credits.push(...credits);
  for (const c of credits) memory.data.account.balance = { amount: memory.data.account.balance.amount - c.original.amount, currency: c.original.currency };
  memory.applyCredit();
  return memory;
}

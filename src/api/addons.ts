/**
 * The rules of add-on changes shared by the reference server and MemoryAccountApi, so both refuse
 * the same changes with the same codes and price them the same way: a monthly or yearly add-on is
 * prorated by day over its current period (docs/addons.md), like added licenses (docs/proration.md).
 */
import type { AddonAction } from './addon-vocabulary.js';
import { addMonths, prorate, roundedShare } from './proration.js';
import type { Addon, AddonPreview } from './schemas/addon.js';
import type { ContractTerm } from './schemas/license.js';

/** How long a preview holds its price. */
export const PREVIEW_TTL_MS = 30 * 60_000;

/**
 * The billing period an add-on's change falls in: a monthly add-on's is the calendar month of
 * `today`; a yearly add-on's is the contract term (it renews with the licenses), else the calendar
 * year. One-time and per-use add-ons have none.
 */
export function addonPeriod(billing: string, today: string, term: Pick<ContractTerm, 'start' | 'end'> | null): { start: string; end: string } | null {
  if (billing === 'monthly') {
    const start = `${today.slice(0, 7)}-01`;
    return { start, end: addMonths(start, 1) };
  }
  if (billing === 'yearly') {
    if (term && term.start <= today && today < term.end) return { start: term.start, end: term.end };
    const start = `${today.slice(0, 4)}-01-01`;
    return { start, end: addMonths(start, 12) };
  }
  return null;
}

/** Why this change cannot be previewed or made now, or null: the add-on is already so, or a change is pending. */
export function addonChangeRefusal(addon: Pick<Addon, 'state' | 'name'>, action: AddonAction): { status: 409; code: 'addon_state_changed'; detail: string } | null {
  if (addon.state === 'pending') return { status: 409, code: 'addon_state_changed', detail: `A change of ${addon.name} is still being carried out.` };
  if (action === 'enable' && addon.state === 'enabled') return { status: 409, code: 'addon_state_changed', detail: `${addon.name} is already enabled.` };
  if (action === 'disable' && addon.state !== 'enabled') return { status: 409, code: 'addon_state_changed', detail: `${addon.name} is not enabled.` };
  return null;
}

/**
 * A preview's amounts: enabling a monthly or yearly add-on invoices the part of its period from
 * today, disabling one credits that part; a one-time add-on invoices its price once and credits
 * nothing; a per-use add-on costs nothing now (its use is on the invoices). One rounding for the
 * prorated line, one for the tax.
 */
export function addonPreviewAmounts(input: {
  addon: Pick<Addon, 'price' | 'billing'>;
  action: AddonAction;
  today: string;
  term: Pick<ContractTerm, 'start' | 'end'> | null;
  taxBasisPoints: number;
}): Pick<AddonPreview, 'period' | 'proration_policy' | 'subtotal' | 'tax' | 'total' | 'credit' | 'next_invoice'> {
  const { addon, action, today, term, taxBasisPoints } = input;
  const currency = addon.price.currency;
  const money = (amount: number) => ({ amount, currency });
  const period = addonPeriod(addon.billing, today, term);
  let subtotal = 0;
  let prorated: AddonPreview['period'] = null;
  if (period) {
    const proration = prorate({ unitAmount: addon.price.amount, quantity: 1, termStart: period.start, termEnd: period.end, from: today, policy: 'prorate_by_day' });
    subtotal = proration.chargedNow;
    prorated = proration.period;
  } else if (addon.billing === 'one_time' && action === 'enable') {
    subtotal = addon.price.amount;
  }
  const tax = roundedShare(subtotal, taxBasisPoints, 1, 10_000);
  const enabling = action === 'enable';
  return {
    period: prorated,
    proration_policy: period ? 'prorate_by_day' : null,
    subtotal: money(subtotal),
    tax: money(tax),
    total: money(enabling ? subtotal + tax : 0),
    credit: money(enabling ? 0 : subtotal + tax),
    next_invoice: period ? { date: period.end, changes_by: money(enabling ? addon.price.amount : -addon.price.amount) } : null,
  };
}

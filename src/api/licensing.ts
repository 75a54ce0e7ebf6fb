/**
 * The rules of license quotes shared by the reference server and MemoryAccountApi, so both refuse
 * the same requests with the same codes and price them the same way (docs/proration.md).
 */
import type { ContractTerm, License, LicenseQuote } from './schemas/license.js';
import { prorate, roundedShare, type ProrationPolicy } from './proration.js';
import { PRORATION_POLICIES } from './licensing-vocabulary.js';

/** How long a quote holds its price. */
export const QUOTE_TTL_MS = 30 * 60_000;

export interface QuoteRefusal {
  status: 404 | 422;
  code: string;
  detail: string;
}

/** Why these licenses cannot be quoted here, or null. `license` is the account's license of the product. */
export function quoteRefusal(
  license: Pick<License, 'quantity' | 'pending_quantity' | 'max_quantity' | 'self_service' | 'product_name'> | undefined,
  term: Pick<ContractTerm, 'start' | 'end'> | null,
  additional: number,
  today: string,
): QuoteRefusal | null {
  if (additional < 0) return { status: 422, code: 'license_decrease_not_self_service', detail: 'Licenses cannot be removed here: your account manager can change the contract.' };
  if (additional === 0) return { status: 422, code: 'quantity_not_positive', detail: 'Choose at least one more license.' };
  if (!license || !term || today < term.start || today >= term.end) {
    return { status: 422, code: 'product_not_licensed', detail: 'This account has no license of this product to add to: your account manager can sell it.' };
  }
  if (!license.self_service) return { status: 422, code: 'product_not_self_service', detail: `More ${license.product_name} is sold by your account manager.` };
  const max = license.max_quantity;
  if (max !== null && license.quantity + license.pending_quantity + additional > max) {
    const left = Math.max(0, max - license.quantity - license.pending_quantity);
    return { status: 422, code: 'quantity_above_maximum', detail: `At most ${left} more can be added (the plan's maximum is ${max}).` };
  }
  return null;
}

/** A quote's amounts: one rounding for the line (proration), one for the tax. */
export function quoteAmounts(input: {
  license: Pick<License, 'unit_price' | 'proration_policy'>;
  term: Pick<ContractTerm, 'start' | 'end'>;
  additional: number;
  today: string;
  taxBasisPoints: number;
}): Pick<LicenseQuote, 'unit_price' | 'period' | 'proration_policy' | 'subtotal' | 'tax' | 'total' | 'due_today' | 'next_invoice'> {
  const { license, term, additional, today, taxBasisPoints } = input;
  const currency = license.unit_price.currency;
  const policy: ProrationPolicy = (PRORATION_POLICIES as readonly string[]).includes(license.proration_policy)
    ? (license.proration_policy as ProrationPolicy)
    : 'prorate_by_day';
  const proration = prorate({ unitAmount: license.unit_price.amount, quantity: additional, termStart: term.start, termEnd: term.end, from: today, policy });
  const subtotal = proration.chargedNow;
  const tax = roundedShare(subtotal, taxBasisPoints, 1, 10_000);
  const money = (amount: number) => ({ amount, currency });
  return {
    unit_price: money(license.unit_price.amount),
    period: proration.period,
    proration_policy: policy,
    subtotal: money(subtotal),
    tax: money(tax),
    total: money(subtotal + tax),
    due_today: money(subtotal + tax),
    next_invoice: { date: term.end, adds: money(proration.nextInvoice) },
  };
}

/** The order number people quote on the phone: `SO-` and six digits. */
export function orderNumber(sequence: number): string {
  return `SO-${String(sequence).padStart(6, '0')}`;
}

/**
 * Proration of additional licenses to the end of the account's contract term (issue 10): the one
 * rule the reference server quotes with and the docs state (docs/proration.md). Pure functions on
 * integer minor units and calendar dates (`YYYY-MM-DD`, UTC calendar days), so every currency rounds
 * the same way (JPY has no minor unit, KWD has three: the amount is always a whole number of its
 * minor unit).
 *
 * The term runs from `termStart` (included) to `termEnd` (the renewal date, excluded). Purchasing on
 * `from` pays, for each added license, its price for the whole term (`unitAmount`) times the part of
 * the term that is left, by the product's policy:
 * - `prorate_by_day`: the days from `from` to the renewal over the term's days;
 * - `prorate_by_month`: the months left, the month of `from` counted in full, over the term's months
 *   (a month is from a day to the same day of the next month; a part of one counts as one);
 * - `full_price`: the whole term's price, whatever is left of it;
 * - `at_renewal`: nothing now; the licenses start at the renewal.
 * **Rounding:** once, on the line (`unitAmount × quantity × part`), to the nearest minor unit, halves
 * up; never per license, never per day. The next invoice (the renewal) adds `unitAmount × quantity`.
 */

import { PRORATION_POLICIES, type ProrationPolicy } from './licensing-vocabulary.js';

export { PRORATION_POLICIES, type ProrationPolicy };

export interface ProrationInput {
  /** The price of one license for the whole term, in minor units (an integer ≥ 0). */
  unitAmount: number;
  /** Licenses added (an integer ≥ 1). */
  quantity: number;
  termStart: string;
  /** The renewal date: the first day after the term. */
  termEnd: string;
  /** The day of the purchase, within the term. */
  from: string;
  policy: ProrationPolicy;
}

export interface Proration {
  /** From the purchase to the renewal, in whole months and the days after them. */
  period: { start: string; end: string; months: number; days: number };
  /** The part of the term charged now: `numerator / denominator` of `unit`s (0 / 1 at renewal). */
  numerator: number;
  denominator: number;
  unit: 'day' | 'month' | 'term';
  /** Charged today, in minor units. */
  chargedNow: number;
  /** What the renewal invoice adds for these licenses, in minor units. */
  nextInvoice: number;
}

const DAY_MS = 86_400_000;

/** Days since the epoch of a calendar date; a malformed or impossible date throws. */
export function dayNumber(date: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const ms = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  if (!match || new Date(ms).toISOString().slice(0, 10) !== date) throw new RangeError(`not a calendar date: ${date}`);
  return ms / DAY_MS;
}

function dateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The same day `months` later; the month's last day when it has no such day (Jan 31 + 1 → Feb 28/29). */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number);
  const first = new Date(Date.UTC(year, month - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return dateOf(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(day, last)) / DAY_MS);
}

/** Whole months from `start` to `end` and the days after them (`end` ≥ `start`). */
export function monthsAndDays(start: string, end: string): { months: number; days: number } {
  const last = dayNumber(end);
  const [sy, sm] = start.split('-').map(Number);
  const [ey, em] = end.split('-').map(Number);
  // The calendar months between them, one fewer when the same day is not reached in the last one.
  let months = (ey - sy) * 12 + (em - sm);
  if (months > 0 && dayNumber(addMonths(start, months)) > last) months--;
  return { months, days: last - dayNumber(addMonths(start, months)) };
}

/** `a × b × numerator / denominator`, rounded to the nearest integer, halves up (all ≥ 0), exactly. */
export function roundedShare(a: number, b: number, numerator: number, denominator: number): number {
  const product = BigInt(a) * BigInt(b) * BigInt(numerator);
  const den = BigInt(denominator);
  return Number((2n * product + den) / (2n * den));
}

function assertWhole(value: number, min: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < min) throw new RangeError(`${name} must be an integer ≥ ${min}: ${value}`);
}

/** The quote's proration: the same inputs always give the same result. */
export function prorate(input: ProrationInput): Proration {
  const { unitAmount, quantity, termStart, termEnd, from, policy } = input;
  assertWhole(unitAmount, 0, 'unitAmount');
  assertWhole(quantity, 1, 'quantity');
  const start = dayNumber(termStart);
  const end = dayNumber(termEnd);
  const day = dayNumber(from);
  if (!(start < end)) throw new RangeError(`the term must end after it starts: ${termStart} – ${termEnd}`);
  if (day < start || day >= end) throw new RangeError(`${from} is not within the term ${termStart} – ${termEnd}`);
  if (!(PRORATION_POLICIES as readonly string[]).includes(policy)) throw new RangeError(`unknown proration policy: ${policy}`);

  const period = { start: from, end: termEnd, ...monthsAndDays(from, termEnd) };
  const nextInvoice = roundedShare(unitAmount, quantity, 1, 1);
  const part = (numerator: number, denominator: number, unit: Proration['unit']): Proration => ({
    period,
    numerator,
    denominator,
    unit,
    chargedNow: roundedShare(unitAmount, quantity, numerator, denominator),
    nextInvoice,
  });
  switch (policy) {
    case 'prorate_by_day':
      return part(end - day, end - start, 'day');
    case 'prorate_by_month': {
      const term = monthsAndDays(termStart, termEnd);
      const termMonths = term.months + (term.days > 0 ? 1 : 0);
      // The months left, the current one in full: the term's months less those wholly before `from`.
      const before = monthsAndDays(termStart, from).months;
      return part(termMonths - before, termMonths, 'month');
    }
    case 'full_price':
      return part(1, 1, 'term');
    case 'at_renewal':
      return part(0, 1, 'term');
  }
}

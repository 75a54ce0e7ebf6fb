// The proration rule of license quotes (issue 10): property tests over random terms, purchase days,
// prices and quantities (100,000 runs each), and worked examples in JPY, USD and KWD.
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { PRORATION_POLICIES, addMonths, dayNumber, monthsAndDays, prorate, type ProrationInput } from '../../src/api/proration.js';

const RUNS = 100_000;
const date = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

/** A term of 1-36 months or 1-1,100 days from a day in 2020-2035, a purchase day within it, any policy. */
const quoteInput = fc
  .record({
    startDay: fc.integer({ min: dayNumber('2020-01-01'), max: dayNumber('2035-12-31') }),
    byMonths: fc.boolean(),
    months: fc.integer({ min: 1, max: 36 }),
    days: fc.integer({ min: 1, max: 1100 }),
    offset: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
    unitAmount: fc.integer({ min: 0, max: 1_000_000_000 }),
    quantity: fc.integer({ min: 1, max: 10_000 }),
    policy: fc.constantFrom(...PRORATION_POLICIES),
  })
  .map(({ startDay, byMonths, months, days, offset, unitAmount, quantity, policy }): ProrationInput => {
    const termStart = date(startDay);
    const termEnd = byMonths ? addMonths(termStart, months) : date(startDay + days);
    const length = dayNumber(termEnd) - startDay;
    return { unitAmount, quantity, termStart, termEnd, from: date(startDay + Math.floor(offset * length)), policy };
  });

/** Half-up rounding by quotient and remainder: an independent statement of the documented rule. */
function reference(a: number, b: number, n: number, d: number): number {
  const product = BigInt(a) * BigInt(b) * BigInt(n);
  const quotient = product / BigInt(d);
  const remainder = product - quotient * BigInt(d);
  return Number(quotient + (2n * remainder >= BigInt(d) ? 1n : 0n));
}

describe('proration of added licenses', () => {
  it(`never charges more than the full term, nor less than nothing; the part is within the term (${RUNS.toLocaleString('en')} runs)`, () => {
    fc.assert(
      // Plain predicates (no assertion library inside the loop: 100,000 runs stay a few seconds).
      fc.property(quoteInput, (input) => {
        const quote = prorate(input);
        const term = monthsAndDays(input.termStart, input.termEnd);
        return (
          quote.chargedNow >= 0 &&
          quote.chargedNow <= quote.nextInvoice &&
          quote.nextInvoice === input.unitAmount * input.quantity &&
          quote.numerator >= 0 &&
          quote.numerator <= quote.denominator &&
          quote.period.months * 31 + quote.period.days <= term.months * 31 + term.days
        );
      }),
      { numRuns: RUNS },
    );
  });

  it(`quoting twice gives the same quote, rounded once by the documented rule (${RUNS.toLocaleString('en')} runs)`, () => {
    fc.assert(
      fc.property(quoteInput, (input) => {
        const quote = prorate(input);
        return (
          JSON.stringify(prorate({ ...input })) === JSON.stringify(quote) &&
          quote.chargedNow === reference(input.unitAmount, input.quantity, quote.numerator, quote.denominator)
        );
      }),
      { numRuns: RUNS },
    );
  });

  it(`a later purchase day never costs more (${RUNS.toLocaleString('en')} runs)`, () => {
    fc.assert(
      fc.property(quoteInput, fc.integer({ min: 1, max: 400 }), (input, later) => {
        const next = dayNumber(input.from) + later;
        fc.pre(next < dayNumber(input.termEnd));
        return prorate({ ...input, from: date(next) }).chargedNow <= prorate(input).chargedNow;
      }),
      { numRuns: RUNS },
    );
  });

  it('the day-parts of consecutive purchases add up to the whole term exactly (before rounding)', () => {
    fc.assert(
      fc.property(quoteInput, fc.uniqueArray(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { maxLength: 6 }), (input, cuts) => {
        const start = dayNumber(input.termStart);
        const length = dayNumber(input.termEnd) - start;
        const days = [...new Set([0, ...cuts.map((c) => Math.floor(c * length))])].sort((a, b) => a - b);
        // Each purchase pays from its day to the renewal; the segment between two purchases is the difference.
        const parts = days.map((day) => prorate({ ...input, policy: 'prorate_by_day', from: date(start + day) }).numerator);
        return parts[0] === length && parts.every((part, i) => i === 0 || part < parts[i - 1]);
      }),
      { numRuns: 10_000 },
    );
  });

  it('worked examples: USD by day, JPY (no minor unit) by month, KWD (three decimals), halves up, at renewal', () => {
    const year = { termStart: '2026-01-01', termEnd: '2027-01-01' };
    // $120.00 a seat a year, 3 seats, 2026-10-24 → 69 of 365 days: 36,000 × 69 / 365 = 6,805.48 → $68.05.
    expect(prorate({ ...year, unitAmount: 12_000, quantity: 3, from: '2026-10-24', policy: 'prorate_by_day' })).to.deep.include({
      numerator: 69,
      denominator: 365,
      unit: 'day',
      chargedNow: 6805,
      nextInvoice: 36_000,
      period: { start: '2026-10-24', end: '2027-01-01', months: 2, days: 8 },
    });
    // ¥1,500 a seat a year, 7 seats, bought in October: 3 of 12 months, 10,500 × 3 / 12 = ¥2,625.
    expect(prorate({ ...year, unitAmount: 1500, quantity: 7, from: '2026-10-31', policy: 'prorate_by_month' })).to.deep.include({ numerator: 3, denominator: 12, chargedNow: 2625 });
    // 1.001 KWD (1,001 fils) a seat, 1 seat, half the days of a 2-day term: 500.5 fils → 501 (half up).
    expect(prorate({ termStart: '2026-03-01', termEnd: '2026-03-03', unitAmount: 1001, quantity: 1, from: '2026-03-02', policy: 'prorate_by_day' }).chargedNow).to.equal(501);
    // ¥1 a seat, 1 seat, 1 of 3 days: 0.33 → ¥0.
    expect(prorate({ termStart: '2026-03-01', termEnd: '2026-03-04', unitAmount: 1, quantity: 1, from: '2026-03-03', policy: 'prorate_by_day' }).chargedNow).to.equal(0);
    expect(prorate({ ...year, unitAmount: 12_000, quantity: 2, from: '2026-06-01', policy: 'full_price' }).chargedNow).to.equal(24_000);
    expect(prorate({ ...year, unitAmount: 12_000, quantity: 2, from: '2026-06-01', policy: 'at_renewal' })).to.deep.include({ chargedNow: 0, nextInvoice: 24_000 });
  });

  it('month arithmetic: the same day next month, or its last day; whole months and the days after them', () => {
    expect(addMonths('2026-01-31', 1)).to.equal('2026-02-28');
    expect(addMonths('2028-01-31', 1)).to.equal('2028-02-29');
    expect(addMonths('2026-12-15', 2)).to.equal('2027-02-15');
    expect(monthsAndDays('2026-01-15', '2027-01-10')).to.deep.equal({ months: 11, days: 26 });
    expect(monthsAndDays('2026-03-01', '2026-03-01')).to.deep.equal({ months: 0, days: 0 });
  });

  it('refuses what is not a quote: a day outside the term, no licenses, a fraction, an impossible date, an unknown policy', () => {
    const base: ProrationInput = { termStart: '2026-01-01', termEnd: '2027-01-01', unitAmount: 100, quantity: 1, from: '2026-05-01', policy: 'prorate_by_day' };
    expect(() => prorate({ ...base, from: '2027-01-01' })).to.throw(RangeError, /not within the term/);
    expect(() => prorate({ ...base, from: '2025-12-31' })).to.throw(RangeError, /not within the term/);
    expect(() => prorate({ ...base, quantity: 0 })).to.throw(RangeError, /quantity/);
    expect(() => prorate({ ...base, unitAmount: 1.5 })).to.throw(RangeError, /unitAmount/);
    expect(() => prorate({ ...base, from: '2026-02-30' })).to.throw(RangeError, /calendar date/);
    expect(() => prorate({ ...base, termEnd: '2026-01-01' })).to.throw(RangeError, /end after/);
    expect(() => prorate({ ...base, policy: 'whenever' as never })).to.throw(RangeError, /policy/);
  });
});

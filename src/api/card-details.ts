/**
 * What a saved card's details mean: its brand's name and the end of its validity. Apart from the
 * input validators (validators.ts re-exports them) because every element that shows a saved method
 * needs these few lines, and only the forms need the rest.
 */

const BRAND_NAMES: Readonly<Record<string, string>> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  discover: 'Discover',
  diners: 'Diners Club',
  jcb: 'JCB',
  unionpay: 'UnionPay',
};

/** A card brand's name (`visa` → `Visa`); trademarks read the same in every language, unknown brands as they come. */
export function brandName(brand: string): string {
  return BRAND_NAMES[brand] ?? brand;
}

export type ExpiryProblem = 'invalid' | 'expired' | 'too_far';

const TWELVE_HOURS = 12 * 60 * 60 * 1000;

/**
 * The last millisecond of the printed month, wherever on Earth that month ends last (UTC-12).
 * Why that zone: issuers honour a card through the end of its month in their own zone, which we do
 * not know, and we never want to reject a card the issuer would still accept; a card that has
 * really expired is still caught by the server, which is the authority.
 */
export function expiryEnd(month: number, year: number): Date {
  const nextMonth = new Date(0);
  // `month` is 1-based, so as a 0-based month it is the next one; unlike Date.UTC, setUTCFullYear
  // keeps years 0-99 as they are.
  nextMonth.setUTCFullYear(year, month, 1);
  return new Date(nextMonth.getTime() + TWELVE_HOURS - 1);
}

/** A card is valid through the end of its printed month (see expiryEnd); more than 20 years ahead is a typo. */
export function validateExpiry(month: number, year: number, now: Date = new Date()): ExpiryProblem | null {
  if (!Number.isInteger(month) || month < 1 || month > 12 || !Number.isInteger(year)) return 'invalid';
  // 20 years is far beyond any issuer's validity, so the zone of "this month" does not matter here.
  const monthsAhead = (year - now.getUTCFullYear()) * 12 + (month - 1 - now.getUTCMonth());
  if (monthsAhead > 20 * 12) return 'too_far';
  // Written as "not before the end" so that a year beyond Date's range counts as expired.
  return now.getTime() <= expiryEnd(month, year).getTime() ? null : 'expired';
}

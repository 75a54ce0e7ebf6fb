import type { Money } from '../api/schemas/common.js';

/**
 * Minor-unit exponents that differ from 2 (ISO 4217). Explicit, because `Intl` data varies by
 * browser and some of its defaults (ISK, IDR, ...) disagree with what billing systems use.
 */
const EXPONENTS: Readonly<Record<string, number>> = {
  BHD: 3, BIF: 0, CLF: 4, CLP: 0, DJF: 0, GNF: 0, IQD: 3, ISK: 0, JOD: 3, JPY: 0, KMF: 0,
  KRW: 0, KWD: 3, LYD: 3, OMR: 3, PYG: 0, RWF: 0, TND: 3, UGX: 0, UYI: 0, UYW: 4, VND: 0,
  VUV: 0, XAF: 0, XOF: 0, XPF: 0,
};

/** Number of digits after the decimal separator for a currency (USD 2, JPY 0, KWD 3). */
export function currencyExponent(currency: string): number {
  return EXPONENTS[currency.toUpperCase()] ?? 2;
}

/**
 * Exact decimal string of a minor-unit amount: (1999, 'USD') → "19.99", (-5, 'KWD') → "-0.005".
 * Pure string arithmetic, so no floating-point rounding can creep in.
 */
export function toDecimalString(amount: number, currency: string): string {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`Money amount must be a safe integer, got ${amount}`);
  const exponent = currencyExponent(currency);
  const negative = amount < 0;
  const digits = String(Math.abs(amount));
  if (exponent === 0) return (negative ? '-' : '') + digits;
  const padded = digits.padStart(exponent + 1, '0');
  const whole = padded.slice(0, -exponent);
  const fraction = padded.slice(-exponent);
  return `${negative ? '-' : ''}${whole}.${fraction}`;
}

/**
 * Parses a plain decimal string ("19.99", "-0.005", "1200") into minor units. Rejects more
 * fraction digits than the currency has, instead of rounding them away.
 */
export function parseDecimal(text: string, currency: string): number | null {
  const match = /^\s*(-)?(\d+)(?:\.(\d*))?\s*$/.exec(text);
  if (!match) return null;
  const [, sign, whole, fraction = ''] = match;
  const exponent = currencyExponent(currency);
  if (fraction.length > exponent) return null;
  const minor = Number(whole + fraction.padEnd(exponent, '0'));
  if (!Number.isSafeInteger(minor)) return null;
  return sign && minor !== 0 ? -minor : minor;
}

export type MoneyDisplay = 'symbol' | 'code' | 'narrowSymbol' | 'name';

const formatters = new Map<string, Intl.NumberFormat>();

/** One cached `Intl.NumberFormat` per (locale, currency, display): creating them is expensive. */
export function moneyFormatter(locale: string, currency: string, display: MoneyDisplay = 'symbol'): Intl.NumberFormat {
  const key = `${locale}|${currency}|${display}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    const digits = currencyExponent(currency);
    try {
      formatter = new Intl.NumberFormat(locale, {
        style: 'currency',
        currency,
        currencyDisplay: display,
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      });
    } catch {
      // An unknown locale tag must not break the page: fall back to the browser's default.
      formatter = new Intl.NumberFormat(undefined, {
        style: 'currency',
        currency,
        currencyDisplay: display,
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      });
    }
    formatters.set(key, formatter);
  }
  return formatter;
}

/** "$1,234.56", "1.234,56 €", "￥1,235", "KWD 1.235" — from integer minor units. */
export function formatMoney(money: Money, locale: string, display: MoneyDisplay = 'symbol'): string {
  // Intl formats a decimal *string* exactly (no conversion through a float).
  const decimal = toDecimalString(money.amount, money.currency);
  return moneyFormatter(locale, money.currency, display).format(decimal as unknown as number);
}

/**
 * Adds amounts of one currency; mixing currencies is a programming error, not a rounding one.
 * Sums in BigInt: a float running total that leaves the safe range loses minor units silently,
 * even when later items bring it back.
 */
export function sumMoney(items: readonly Money[], currency: string): Money {
  let total = 0n;
  for (const item of items) {
    if (item.currency !== currency) {
      throw new RangeError(`Cannot add ${item.currency} to ${currency}`);
    }
    if (!Number.isSafeInteger(item.amount)) throw new RangeError(`Money amount must be a safe integer, got ${item.amount}`);
    total += BigInt(item.amount);
  }
  if (total > BigInt(Number.MAX_SAFE_INTEGER) || total < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError('Money total exceeds the safe integer range');
  }
  return { amount: Number(total), currency };
}

export function isZero(money: Money): boolean {
  return money.amount === 0;
}

/**
 * Payment input validators: pure functions with no DOM and no text for users. Each `validate*`
 * returns a problem code (or null) that the calling element maps to a localized message.
 */

export type CardBrand = 'visa' | 'mastercard' | 'amex' | 'discover' | 'diners' | 'jcb' | 'unionpay' | 'unknown';

export { brandName, expiryEnd, validateExpiry, type ExpiryProblem } from './card-details.js';

export type CardNumberProblem = 'required' | 'invalid_characters' | 'length' | 'checksum';
export type CvcProblem = 'required' | 'invalid_characters' | 'length';
export type RoutingNumberProblem = CardNumberProblem;
export type BankAccountNumberProblem = CvcProblem;

/**
 * Removes the spaces and dashes people type or paste between digit groups ("4242 4242-4242 4242"),
 * including other white space and the Unicode dashes (U+2010-2015) that copying from documents
 * brings. Every other character stays, so that validation can reject it.
 */
export function digitsOnly(input: string): string {
  return input.replace(/[\s\u2010-\u2015-]/g, '');
}

function digitProblem(digits: string): 'required' | 'invalid_characters' | null {
  return digits === '' ? 'required' : /^\d+$/.test(digits) ? null : 'invalid_characters';
}

/** The Luhn (mod 10) checksum of card numbers; false for an empty string or any non-digit. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let index = digits.length - 1, doubled = false; index >= 0; index--, doubled = !doubled) {
    let value = Number(digits[index]);
    if (doubled && (value *= 2) > 9) value -= 9;
    sum += value;
  }
  return sum % 10 === 0;
}

/** IIN ranges [brand, first, last] (both ends with the same number of digits), longest prefixes first. */
const IIN_RANGES: readonly (readonly [CardBrand, number, number])[] = [
  ['jcb', 3528, 3589],
  ['discover', 6011, 6011],
  ['mastercard', 2221, 2720],
  ['diners', 300, 305],
  ['discover', 644, 649],
  ['amex', 34, 34],
  ['amex', 37, 37],
  ['diners', 36, 36],
  ['diners', 38, 39],
  ['discover', 65, 65],
  ['unionpay', 62, 62],
  ['mastercard', 51, 55],
  ['visa', 4, 4],
];

/**
 * The brand of a card number or of its first digits while they are typed. A whole IIN prefix
 * decides (the longest one wins); fewer digits than a prefix decide only when a single brand can
 * still follow them ("2" and "5" are Mastercard, "3" and "6" are not decided yet).
 */
export function detectCardBrand(digits: string): CardBrand {
  if (!/^\d+$/.test(digits)) return 'unknown';
  const possible = new Set<CardBrand>();
  for (const [brand, first, last] of IIN_RANGES) {
    const prefixLength = String(first).length;
    const typed = digits.slice(0, prefixLength);
    const scale = 10 ** (prefixLength - typed.length);
    const value = Number(typed);
    if (value < Math.floor(first / scale) || value > Math.floor(last / scale)) continue;
    if (typed.length === prefixLength) return brand;
    possible.add(brand);
  }
  return possible.size === 1 ? [...possible][0] : 'unknown';
}

const SIXTEEN_TO_NINETEEN = [16, 17, 18, 19];
const CARD_NUMBER_LENGTHS: Record<CardBrand, readonly number[]> = {
  visa: [13, 16, 19],
  mastercard: [16],
  amex: [15],
  discover: SIXTEEN_TO_NINETEEN,
  diners: [14, 15, ...SIXTEEN_TO_NINETEEN],
  jcb: SIXTEEN_TO_NINETEEN,
  unionpay: SIXTEEN_TO_NINETEEN,
  unknown: [12, 13, 14, 15, ...SIXTEEN_TO_NINETEEN],
};

/** The number of digits a complete card number of this brand may have. */
export function cardNumberLengths(brand: CardBrand): readonly number[] {
  return CARD_NUMBER_LENGTHS[brand];
}

export function validateCardNumber(input: string): CardNumberProblem | null {
  const digits = digitsOnly(input);
  const problem = digitProblem(digits);
  if (problem) return problem;
  if (!cardNumberLengths(detectCardBrand(digits)).includes(digits.length)) return 'length';
  return luhnValid(digits) ? null : 'checksum';
}

export function cvcLength(brand: CardBrand): number {
  return brand === 'amex' ? 4 : 3;
}

export function validateCvc(input: string, brand: CardBrand): CvcProblem | null {
  const digits = digitsOnly(input);
  return digitProblem(digits) ?? (digits.length === cvcLength(brand) ? null : 'length');
}

/**
 * Reads "MM/YY", "MM / YY", "MM/YYYY" or "MMYY" (a one-digit month before a slash too); two-digit
 * years are 20YY. Null for anything else, including months outside 1-12.
 */
export function parseExpiry(input: string): { month: number; year: number } | null {
  const match = /^\s*(?:(\d\d?)\s*\/\s*(\d\d|\d{4})|(\d\d)(\d\d))\s*$/.exec(input);
  if (!match) return null;
  const month = Number(match[1] ?? match[3]);
  const yearText = match[2] ?? match[4];
  const year = Number(yearText) + (yearText.length === 2 ? 2000 : 0);
  return month >= 1 && month <= 12 ? { month, year } : null;
}

const ABA_WEIGHTS = [3, 7, 1];

/** The ABA routing number checksum: 9 digits weighted 3, 7, 1, 3, 7, 1, 3, 7, 1 sum to a multiple of 10. */
export function abaRoutingValid(digits: string): boolean {
  if (!/^\d{9}$/.test(digits)) return false;
  let sum = 0;
  for (let index = 0; index < 9; index++) sum += Number(digits[index]) * ABA_WEIGHTS[index % 3];
  return sum % 10 === 0;
}

export function validateRoutingNumber(input: string): RoutingNumberProblem | null {
  const digits = digitsOnly(input);
  const problem = digitProblem(digits);
  if (problem) return problem;
  if (digits.length !== 9) return 'length';
  return abaRoutingValid(digits) ? null : 'checksum';
}

/** US bank account numbers have 4 to 17 digits. */
export function validateBankAccountNumber(input: string): BankAccountNumberProblem | null {
  const digits = digitsOnly(input);
  return digitProblem(digits) ?? (digits.length >= 4 && digits.length <= 17 ? null : 'length');
}

/**
 * Every Luhn-valid run of 13-19 consecutive digits in `text`, as the R9 promise defines a card
 * number; in a run longer than 19 digits every 13-19 digit window counts, since a number may hide
 * inside it. Only consecutive digits form a run: "4242 4242 4242 4242" is found only with
 * `ignoreSeparators`, which first removes spaces and dashes between digits (not those of a UUID).
 * The R9 scanner runs both ways over every request body, URL (decoded) and header.
 */
export function findCardNumberRuns(text: string, options: { ignoreSeparators?: boolean } = {}): string[] {
  // A UUID (an Idempotency-Key, a request id) is not a grouped card number: joined across its
  // dashes, a random one sometimes makes a Luhn-valid run of 13-19 digits. Its own groups are 12
  // characters at most, so masking it hides no card number.
  const unmasked = options.ignoreSeparators ? text.replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<uuid>') : text;
  const scanned = options.ignoreSeparators ? unmasked.replace(/\d(?:[\s\u2010-\u2015-]+\d)+/g, digitsOnly) : text;
  const found: string[] = [];
  for (const [run] of scanned.matchAll(/\d{13,}/g)) {
    const lengths = run.length <= 19 ? [run.length] : [13, 14, 15, 16, 17, 18, 19];
    for (const length of lengths) {
      for (let start = 0; start + length <= run.length; start++) {
        const candidate = run.slice(start, start + length);
        if (luhnValid(candidate)) found.push(candidate);
      }
    }
  }
  return found;
}

import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import {
  abaRoutingValid,
  cardNumberLengths,
  cvcLength,
  detectCardBrand,
  digitsOnly,
  expiryEnd,
  findCardNumberRuns,
  luhnValid,
  parseExpiry,
  validateBankAccountNumber,
  validateCardNumber,
  validateCvc,
  validateExpiry,
  validateRoutingNumber,
  type CardBrand,
} from '../../src/api/validators.js';

const BRANDS: CardBrand[] = ['visa', 'mastercard', 'amex', 'discover', 'diners', 'jcb', 'unionpay', 'unknown'];

/** Published test numbers of the payment providers, with their brands. */
const TEST_CARDS: [string, CardBrand][] = [
  ['4242424242424242', 'visa'],
  ['5555555555554444', 'mastercard'],
  ['2223003122003222', 'mastercard'],
  ['378282246310005', 'amex'],
  ['6011111111111117', 'discover'],
  ['3056930009020004', 'diners'],
  ['3566002020360505', 'jcb'],
  ['6200000000000005', 'unionpay'],
];

/** The Luhn check digit, written out independently of the code under test. */
function luhnCheckDigit(body: string): string {
  let sum = 0;
  [...body].reverse().forEach((char, index) => {
    // The check digit will be rightmost, so the body's last digit is the first one doubled.
    const value = Number(char) * (index % 2 === 0 ? 2 : 1);
    sum += Math.floor(value / 10) + (value % 10);
  });
  return String((10 - (sum % 10)) % 10);
}

/** The ABA check digit: the first eight digits are weighted 3, 7, 1, 3, 7, 1, 3, 7 and the ninth by 1. */
function abaCheckDigit(body: string): string {
  const weights = [3, 7, 1, 3, 7, 1, 3, 7];
  const sum = [...body].reduce((total, char, index) => total + Number(char) * weights[index], 0);
  return String((10 - (sum % 10)) % 10);
}

const digits = (minLength: number, maxLength: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength, maxLength });

/** A random card number body of `length - 1` digits with its Luhn check digit appended. */
const luhnNumber = (minLength = 13, maxLength = 19) =>
  digits(minLength - 1, maxLength - 1).map((body) => body + luhnCheckDigit(body));

const routingNumber = digits(8, 8).map((body) => body + abaCheckDigit(body));

/** Every string that differs from `number` in exactly one digit. */
function singleDigitSubstitutions(number: string): string[] {
  const variants: string[] = [];
  for (let index = 0; index < number.length; index++) {
    for (const replacement of '0123456789') {
      if (replacement !== number[index]) variants.push(number.slice(0, index) + replacement + number.slice(index + 1));
    }
  }
  return variants;
}

describe('validators: Luhn', () => {
  it('accepts the published test numbers and rejects empty or non-digit input', () => {
    for (const [number] of TEST_CARDS) expect(luhnValid(number), number).to.equal(true);
    expect(luhnValid('')).to.equal(false);
    expect(luhnValid('4242 4242 4242 4242')).to.equal(false);
    expect(luhnValid('424242424242424a')).to.equal(false);
    expect(luhnValid('-4242424242424242')).to.equal(false);
  });

  it('accepts every generated number and rejects every single-digit substitution of it', () => {
    fc.assert(
      fc.property(luhnNumber(2, 19), (number) => {
        expect(luhnValid(number), number).to.equal(true);
        expect(singleDigitSubstitutions(number).filter(luhnValid), number).to.deep.equal([]);
      }),
      { numRuns: 2000 },
    );
  });

  it('rejects every swap of two different adjacent digits other than 0 and 9', () => {
    fc.assert(
      fc.property(luhnNumber(), fc.nat(), (number, position) => {
        const index = position % (number.length - 1);
        const [left, right] = [number[index], number[index + 1]];
        fc.pre(left !== right && left + right !== '09' && left + right !== '90');
        const swapped = number.slice(0, index) + right + left + number.slice(index + 2);
        expect(luhnValid(swapped), swapped).to.equal(false);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('validators: card brand and number', () => {
  it('detects the brand of each published test number and finds it valid', () => {
    for (const [number, brand] of TEST_CARDS) {
      expect(detectCardBrand(number), number).to.equal(brand);
      expect(validateCardNumber(number), number).to.equal(null);
      expect(cardNumberLengths(brand)).to.include(number.length);
    }
  });

  it('detects every IIN range at its first and last prefix, for any digits that follow', () => {
    const ranges: [CardBrand, string[]][] = [
      ['visa', ['4']],
      ['mastercard', ['51', '55', '2221', '2720', '2500']],
      ['amex', ['34', '37']],
      ['discover', ['6011', '644', '649', '65']],
      ['diners', ['36', '300', '305', '38', '39']],
      ['jcb', ['3528', '3589']],
      ['unionpay', ['62']],
    ];
    fc.assert(
      fc.property(fc.constantFrom(...ranges), fc.nat(), digits(0, 15), ([brand, prefixes], pick, rest) => {
        const prefix = prefixes[pick % prefixes.length];
        expect(detectCardBrand(prefix + rest), prefix + rest).to.equal(brand);
      }),
      { numRuns: 1000 },
    );
  });

  it('knows the brand from the first digits while typing, once only one brand can follow', () => {
    const cases: [string, CardBrand][] = [
      ['4', 'visa'],
      ['2', 'mastercard'],
      ['5', 'mastercard'],
      ['272', 'mastercard'],
      ['35', 'jcb'],
      ['30', 'diners'],
      ['60', 'discover'],
      ['64', 'discover'],
      ['37', 'amex'],
      ['62', 'unionpay'],
      ['3', 'unknown'],
      ['6', 'unknown'],
      ['', 'unknown'],
      ['1', 'unknown'],
      ['50', 'unknown'],
      ['2220', 'unknown'],
      ['2721', 'unknown'],
      ['306', 'unknown'],
      ['3527', 'unknown'],
      ['3590', 'unknown'],
      ['6012', 'unknown'],
      ['643', 'unknown'],
      ['4a', 'unknown'],
    ];
    for (const [typed, brand] of cases) expect(detectCardBrand(typed), typed).to.equal(brand);
  });

  it('never names one brand for a prefix and another for the longer number', () => {
    fc.assert(
      fc.property(digits(1, 19), fc.nat(), (number, cut) => {
        const prefix = number.slice(0, 1 + (cut % number.length));
        const [early, final] = [detectCardBrand(prefix), detectCardBrand(number)];
        if (early !== 'unknown' && final !== 'unknown') expect(early, `${prefix} / ${number}`).to.equal(final);
      }),
      { numRuns: 5000 },
    );
  });

  it('allows the lengths each brand issues', () => {
    expect(cardNumberLengths('visa')).to.deep.equal([13, 16, 19]);
    expect(cardNumberLengths('mastercard')).to.deep.equal([16]);
    expect(cardNumberLengths('amex')).to.deep.equal([15]);
    expect(cardNumberLengths('discover')).to.deep.equal([16, 17, 18, 19]);
    expect(cardNumberLengths('diners')).to.deep.equal([14, 15, 16, 17, 18, 19]);
    expect(cardNumberLengths('jcb')).to.deep.equal([16, 17, 18, 19]);
    expect(cardNumberLengths('unionpay')).to.deep.equal([16, 17, 18, 19]);
    expect(cardNumberLengths('unknown')).to.deep.equal([12, 13, 14, 15, 16, 17, 18, 19]);
  });

  it('strips only the spaces and dashes people type', () => {
    expect(digitsOnly('4242 4242-4242 4242')).to.equal('4242424242424242');
    expect(digitsOnly(' 4242\t4242\u20134242\u00a04242 ')).to.equal('4242424242424242');
    expect(digitsOnly('4242.4242/4242_4242')).to.equal('4242.4242/4242_4242');
  });

  it('reports required, invalid characters, length and checksum, in that order', () => {
    expect(validateCardNumber('')).to.equal('required');
    expect(validateCardNumber(' - ')).to.equal('required');
    expect(validateCardNumber('4242 4242-4242 4242')).to.equal(null);
    expect(validateCardNumber('4242.4242.4242.4242')).to.equal('invalid_characters');
    expect(validateCardNumber('42424242424242x')).to.equal('invalid_characters');
    expect(validateCardNumber('4242 4242 4242')).to.equal('length');
    expect(validateCardNumber('3782822463100050')).to.equal('length'); // Amex has 15 digits
    expect(validateCardNumber('42424242424242424242')).to.equal('length');
    expect(validateCardNumber('4242424242424241')).to.equal('checksum');
  });

  it('accepts every Luhn-valid number of a length its brand allows, and rejects every one-digit typo', () => {
    fc.assert(
      fc.property(luhnNumber(12, 19), (number) => {
        const lengthAllowed = cardNumberLengths(detectCardBrand(number)).includes(number.length);
        expect(validateCardNumber(number), number).to.equal(lengthAllowed ? null : 'length');
        for (const typo of singleDigitSubstitutions(number)) {
          expect(validateCardNumber(typo), typo).to.be.oneOf(['length', 'checksum']);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('validators: CVC', () => {
  it('wants 4 digits for Amex and 3 for every other brand', () => {
    for (const brand of BRANDS) expect(cvcLength(brand), brand).to.equal(brand === 'amex' ? 4 : 3);
  });

  it('reports required, invalid characters and length', () => {
    expect(validateCvc('', 'visa')).to.equal('required');
    expect(validateCvc('12a', 'visa')).to.equal('invalid_characters');
    expect(validateCvc('123', 'visa')).to.equal(null);
    expect(validateCvc('1234', 'visa')).to.equal('length');
    expect(validateCvc('12', 'visa')).to.equal('length');
    expect(validateCvc('1234', 'amex')).to.equal(null);
    expect(validateCvc('123', 'amex')).to.equal('length');
    expect(validateCvc(' 123 ', 'unknown')).to.equal(null);
  });

  it('accepts exactly the brand length, for every brand', () => {
    fc.assert(
      fc.property(fc.constantFrom(...BRANDS), digits(1, 6), (brand, cvc) => {
        expect(validateCvc(cvc, brand)).to.equal(cvc.length === cvcLength(brand) ? null : 'length');
      }),
      { numRuns: 1000 },
    );
  });
});

describe('validators: expiry', () => {
  const HOUR = 60 * 60 * 1000;

  it('parses MM/YY, MM / YY, MM/YYYY and MMYY', () => {
    expect(parseExpiry('12/26')).to.deep.equal({ month: 12, year: 2026 });
    expect(parseExpiry('12 / 26')).to.deep.equal({ month: 12, year: 2026 });
    expect(parseExpiry('12/2026')).to.deep.equal({ month: 12, year: 2026 });
    expect(parseExpiry('1226')).to.deep.equal({ month: 12, year: 2026 });
    expect(parseExpiry(' 01/30 ')).to.deep.equal({ month: 1, year: 2030 });
    expect(parseExpiry('1/26')).to.deep.equal({ month: 1, year: 2026 });
    expect(parseExpiry('05/00')).to.deep.equal({ month: 5, year: 2000 });
  });

  it('rejects impossible months, short years and other text', () => {
    for (const input of ['13/26', '00/26', '0/26', '1/2', '12/2', '12/202', '12/20260', 'ab/cd', '1a/26', '12-26', '122026', '126', '', ' / ', '12/26/1']) {
      expect(parseExpiry(input), input).to.equal(null);
    }
  });

  it('parses every month and year back from each format', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 2000, max: 2099 }), (month, year) => {
        const mm = String(month).padStart(2, '0');
        const yy = String(year % 100).padStart(2, '0');
        for (const text of [`${mm}/${yy}`, `${mm} / ${yy}`, `${mm}/${year}`, `${mm}${yy}`]) {
          expect(parseExpiry(text), text).to.deep.equal({ month, year });
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('is valid through the last millisecond of the printed month in UTC-12, and expired one ms later', () => {
    // 05/26 ends at 2026-05-31T23:59:59.999-12:00, which is 2026-06-01T11:59:59.999Z.
    const lastMillisecond = Date.parse('2026-05-31T23:59:59.999-12:00');
    expect(lastMillisecond).to.equal(Date.parse('2026-06-01T11:59:59.999Z'));
    expect(expiryEnd(5, 2026).getTime()).to.equal(lastMillisecond);
    expect(validateExpiry(5, 2026, new Date(lastMillisecond))).to.equal(null);
    expect(validateExpiry(5, 2026, new Date(lastMillisecond + 1))).to.equal('expired');
    expect(validateExpiry(5, 2026, new Date('2026-05-01T00:00:00Z'))).to.equal(null);
    expect(validateExpiry(4, 2026, new Date('2026-05-15T00:00:00Z'))).to.equal('expired');
  });

  it('ends every month at its last millisecond in UTC-12 (December rolls into the next year)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 9999 }), (month, year) => {
        const end = expiryEnd(month, year).getTime();
        // Shifting by 12 hours reads the UTC-12 wall clock from the UTC fields.
        const wallClock = new Date(end - 12 * HOUR);
        expect([wallClock.getUTCFullYear(), wallClock.getUTCMonth() + 1]).to.deep.equal([year, month]);
        const next = new Date(end + 1 - 12 * HOUR);
        expect([next.getUTCDate(), next.getUTCHours(), next.getUTCMinutes(), next.getUTCSeconds(), next.getUTCMilliseconds()]).to.deep.equal([1, 0, 0, 0, 0]);
        expect(next.getUTCMonth() + 1).to.equal((month % 12) + 1);
        expect(validateExpiry(month, year, new Date(end))).to.equal(null);
        expect(validateExpiry(month, year, new Date(end + 1))).to.equal('expired');
      }),
      { numRuns: 1000 },
    );
  });

  it('rejects dates more than 20 years ahead as too far', () => {
    const now = new Date('2026-05-15T12:00:00Z');
    expect(validateExpiry(5, 2046, now)).to.equal(null);
    expect(validateExpiry(6, 2046, now)).to.equal('too_far');
    expect(validateExpiry(12, 2045, now)).to.equal(null);
    expect(validateExpiry(1, 1_000_000_000, now)).to.equal('too_far');
    expect(validateExpiry(1, -1_000_000_000, now)).to.equal('expired');
  });

  it('calls months outside 1-12 and fractional numbers invalid', () => {
    const now = new Date('2026-05-15T12:00:00Z');
    for (const [month, year] of [[0, 2027], [13, 2027], [1.5, 2027], [6, 2027.5], [6, Number.NaN], [Number.NaN, 2027]]) {
      expect(validateExpiry(month, year, now), `${month}/${year}`).to.equal('invalid');
    }
  });

  it('uses the current time when no time is given', () => {
    const nextYear = new Date().getUTCFullYear() + 1;
    expect(validateExpiry(1, nextYear)).to.equal(null);
    expect(validateExpiry(1, nextYear - 2)).to.equal('expired');
  });
});

describe('validators: bank accounts', () => {
  it('accepts the published routing numbers', () => {
    for (const number of ['110000000', '021000021']) {
      expect(abaRoutingValid(number), number).to.equal(true);
      expect(validateRoutingNumber(number), number).to.equal(null);
    }
    expect(validateRoutingNumber('021 000 021')).to.equal(null);
  });

  it('accepts every generated routing number and rejects every single-digit substitution of it', () => {
    fc.assert(
      fc.property(routingNumber, (number) => {
        expect(abaRoutingValid(number), number).to.equal(true);
        expect(singleDigitSubstitutions(number).filter(abaRoutingValid), number).to.deep.equal([]);
      }),
      { numRuns: 2000 },
    );
  });

  it('reports required, invalid characters, length and checksum for routing numbers', () => {
    expect(abaRoutingValid('')).to.equal(false);
    expect(abaRoutingValid('11000000')).to.equal(false);
    expect(abaRoutingValid('1100000000')).to.equal(false);
    expect(abaRoutingValid('11000000a')).to.equal(false);
    expect(validateRoutingNumber('')).to.equal('required');
    expect(validateRoutingNumber('11000000a')).to.equal('invalid_characters');
    expect(validateRoutingNumber('11000000')).to.equal('length');
    expect(validateRoutingNumber('1100000000')).to.equal('length');
    expect(validateRoutingNumber('110000001')).to.equal('checksum');
  });

  it('accepts account numbers of 4 to 17 digits', () => {
    expect(validateBankAccountNumber('')).to.equal('required');
    expect(validateBankAccountNumber('12a4')).to.equal('invalid_characters');
    expect(validateBankAccountNumber('123')).to.equal('length');
    expect(validateBankAccountNumber('1234')).to.equal(null);
    expect(validateBankAccountNumber('12345678901234567')).to.equal(null);
    expect(validateBankAccountNumber('123456789012345678')).to.equal('length');
    expect(validateBankAccountNumber('000123456789')).to.equal(null);
    expect(validateBankAccountNumber('0001 2345 6789')).to.equal(null);
  });
});

describe('validators: card numbers in text (R9 scanner)', () => {
  /** A 12-digit account number that passes Luhn, so only its length keeps it out. */
  const luhnValidAccountNumber = '12345678903' + luhnCheckDigit('12345678903');

  it('finds a number embedded in JSON, a URL and a header', () => {
    expect(findCardNumberRuns('{"card":"4242424242424242","amount":1200}')).to.deep.equal(['4242424242424242']);
    expect(findCardNumberRuns('{"card":4242424242424242}')).to.deep.equal(['4242424242424242']);
    expect(findCardNumberRuns('/pay?number=378282246310005&cvc=123')).to.deep.equal(['378282246310005']);
    expect(findCardNumberRuns('X-Card: 6011111111111117')).to.deep.equal(['6011111111111117']);
  });

  it('finds grouped numbers only when separators are ignored', () => {
    for (const grouped of ['4242 4242 4242 4242', '4242-4242-4242-4242', '{"n":"4242 4242-4242 4242"}']) {
      expect(findCardNumberRuns(grouped), grouped).to.deep.equal([]);
      expect(findCardNumberRuns(grouped, { ignoreSeparators: true }), grouped).to.deep.equal(['4242424242424242']);
    }
    expect(findCardNumberRuns('4242 4242 x 4242 4242', { ignoreSeparators: true })).to.deep.equal([]);
    // An Idempotency-Key whose middle groups are digits (the CI run that found it: …-5973-2854-5188-8316…)
    // is a UUID, not a card number typed with dashes.
    for (const key of ['00000000-4242-4242-4242-424242424242', 'a1b2c3d4-5973-2854-5188-8316978e2f0a']) {
      expect(findCardNumberRuns(`idempotency-key: ${key}`, { ignoreSeparators: true }), key).to.deep.equal([]);
    }
    expect(findCardNumberRuns('key 00000000-4242-4242-4242-424242424242, card 4242-4242-4242-4242', { ignoreSeparators: true })).to.deep.equal(['4242424242424242']);
  });

  it('does not report a 12-digit account number or a Luhn-invalid 16-digit run', () => {
    expect(luhnValid(luhnValidAccountNumber)).to.equal(true);
    const body = JSON.stringify({ account: luhnValidAccountNumber, routing: '110000000', card: '4242424242424241' });
    expect(findCardNumberRuns(body)).to.deep.equal([]);
    expect(findCardNumberRuns(body, { ignoreSeparators: true })).to.deep.equal([]);
  });

  it('does not report any Luhn-invalid run of 13-19 digits', () => {
    fc.assert(
      fc.property(luhnNumber(), fc.integer({ min: 1, max: 9 }), (number, shift) => {
        const last = (Number(number.at(-1)) + shift) % 10;
        const invalid = number.slice(0, -1) + last;
        expect(findCardNumberRuns(`{"id":"${invalid}"}`), invalid).to.deep.equal([]);
      }),
      { numRuns: 1000 },
    );
  });

  it('finds every generated number, alone or inside a longer digit run', () => {
    fc.assert(
      fc.property(luhnNumber(), digits(0, 12), digits(0, 12), (number, before, after) => {
        const run = before + number + after;
        fc.pre(run === number || run.length > 19);
        expect(findCardNumberRuns(`x=${run};`), run).to.include(number);
      }),
      { numRuns: 1000 },
    );
  });

  it('reports only Luhn-valid 13-19 digit strings that occur in the scanned text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789 -a'), maxLength: 60 }), fc.boolean(), (text, ignoreSeparators) => {
        const scanned = ignoreSeparators ? text.replace(/(\d)[ -]+(?=\d)/g, '$1') : text;
        for (const found of findCardNumberRuns(text, { ignoreSeparators })) {
          expect(found).to.match(/^\d{13,19}$/);
          expect(luhnValid(found), found).to.equal(true);
          expect(scanned).to.include(found);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

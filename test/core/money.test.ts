import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { countIntlConstructions } from './intl-spy.js';
import {
  currencyExponent,
  formatMoney,
  moneyFormatter,
  parseDecimal,
  sumMoney,
  toDecimalString,
} from '../../src/core/money.js';

/** One currency per exponent the table knows (0, 2, 3, 4). */
const BY_EXPONENT = [
  { currency: 'JPY', exponent: 0 },
  { currency: 'USD', exponent: 2 },
  { currency: 'KWD', exponent: 3 },
  { currency: 'CLF', exponent: 4 },
] as const;

const NBSP = '\u00a0';
const safeInteger = fc.maxSafeInteger();

/** The digits a correct rendering of `amount` must show: every minor unit, nothing more. */
function expectedDigits(amount: number, exponent: number): string {
  return String(Math.abs(amount)).padStart(exponent + 1, '0');
}

describe('money: exponent table', () => {
  it('knows the ISO 4217 exponents that are not 2', () => {
    expect(currencyExponent('JPY')).to.equal(0);
    expect(currencyExponent('KRW')).to.equal(0);
    expect(currencyExponent('KWD')).to.equal(3);
    expect(currencyExponent('BHD')).to.equal(3);
    expect(currencyExponent('CLF')).to.equal(4);
  });

  it('uses 2 for USD, EUR and currencies it does not know', () => {
    expect(currencyExponent('USD')).to.equal(2);
    expect(currencyExponent('EUR')).to.equal(2);
    expect(currencyExponent('XYZ')).to.equal(2);
  });

  it('ignores the case of the code', () => {
    expect(currencyExponent('jpy')).to.equal(0);
    expect(currencyExponent('Kwd')).to.equal(3);
  });
});

describe('money: decimal strings (properties)', () => {
  for (const { currency, exponent } of BY_EXPONENT) {
    it(`${currency} (exponent ${exponent}): parseDecimal(toDecimalString(n)) === n for every safe integer`, () => {
      const shape = exponent === 0 ? /^-?(0|[1-9]\d*)$/ : new RegExp(`^-?(0|[1-9]\\d*)\\.\\d{${exponent}}$`);
      fc.assert(
        fc.property(safeInteger, (amount) => {
          const text = toDecimalString(amount, currency);
          expect(text).to.match(shape);
          expect(text.replace(/[-.]/g, '').replace(/^0+(?=\d)/, '')).to.equal(String(Math.abs(amount)).replace(/^0+(?=\d)/, ''));
          // -0 and 0 are the same amount; Object.is would tell them apart.
          expect(parseDecimal(text, currency)).to.equal(amount === 0 ? 0 : amount);
        }),
        { numRuns: 20_000 },
      );
    });
  }

  it('parseDecimal rejects more fraction digits than the currency has, instead of rounding', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...BY_EXPONENT),
        fc.nat({ max: 1_000_000 }),
        fc.stringMatching(/^\d{1,6}$/),
        fc.boolean(),
        ({ currency, exponent }, whole, extra, negative) => {
          const fraction = '0'.repeat(exponent) + extra;
          expect(parseDecimal(`${negative ? '-' : ''}${whole}.${fraction}`, currency)).to.equal(null);
        },
      ),
      { numRuns: 5_000 },
    );
  });

  it('parseDecimal accepts fewer fraction digits and pads them', () => {
    expect(parseDecimal('19.9', 'USD')).to.equal(1990);
    expect(parseDecimal('19', 'USD')).to.equal(1900);
    expect(parseDecimal('19.', 'USD')).to.equal(1900);
    expect(parseDecimal(' 1.5 ', 'KWD')).to.equal(1500);
    expect(parseDecimal('-0.005', 'KWD')).to.equal(-5);
    expect(parseDecimal('1200', 'JPY')).to.equal(1200);
  });

  it('parseDecimal rejects what is not a plain decimal', () => {
    for (const text of ['', '-', '.5', '1,50', '1.234,56', '1e3', '0x10', 'NaN', 'Infinity', '1 2', '+1', '--1', '1.2.3']) {
      expect(parseDecimal(text, 'USD'), text).to.equal(null);
    }
    expect(parseDecimal('1.5', 'JPY')).to.equal(null);
    expect(parseDecimal('0.12345', 'CLF')).to.equal(null);
  });

  it('parseDecimal rejects amounts beyond the safe integer range', () => {
    expect(parseDecimal('90071992547409.91', 'USD')).to.equal(Number.MAX_SAFE_INTEGER);
    expect(parseDecimal('90071992547409.92', 'USD')).to.equal(null);
    expect(parseDecimal('9007199254740993', 'JPY')).to.equal(null);
  });

  it('toDecimalString refuses amounts that are not safe integers', () => {
    for (const amount of [1.5, Number.NaN, Infinity, -Infinity, 2 ** 53, -(2 ** 53)]) {
      expect(() => toDecimalString(amount, 'USD'), String(amount)).to.throw(RangeError);
    }
  });

  it('toDecimalString pads small amounts', () => {
    expect(toDecimalString(5, 'USD')).to.equal('0.05');
    expect(toDecimalString(-5, 'KWD')).to.equal('-0.005');
    expect(toDecimalString(1, 'CLF')).to.equal('0.0001');
    expect(toDecimalString(-0, 'USD')).to.equal('0.00');
    expect(toDecimalString(1999, 'USD')).to.equal('19.99');
  });
});

describe('money: formatting hides no minor unit (properties)', () => {
  for (const locale of ['en', 'de']) {
    for (const { currency, exponent } of BY_EXPONENT) {
      it(`${locale} ${currency}: shows exactly ${exponent} fraction digits and every minor unit`, () => {
        const formatter = moneyFormatter(locale, currency);
        fc.assert(
          fc.property(fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER - 1 }), (amount) => {
            const text = formatMoney({ amount, currency }, locale);
            // No currency symbol used here contains an ASCII digit, so the digits are the amount.
            expect(text.replace(/\D/g, '')).to.equal(expectedDigits(amount, exponent));
            const fraction = formatter.formatToParts(toDecimalString(amount, currency) as unknown as number).find((p) => p.type === 'fraction');
            expect(fraction?.value.length ?? 0).to.equal(exponent);
            expect(text.includes('-')).to.equal(amount < 0);
            expect(formatMoney({ amount: amount + 1, currency }, locale)).not.to.equal(text);
          }),
          { numRuns: 2_500 },
        );
      });
    }
  }
});

describe('money: formatMoney in de and en (Chromium ICU output)', () => {
  const cases: Array<[number, string, string, string]> = [
    // amount, currency, en, de
    [123456, 'EUR', '€1,234.56', `1.234,56${NBSP}€`],
    [123456, 'USD', '$1,234.56', `1.234,56${NBSP}$`],
    [123456, 'JPY', '¥123,456', `123.456${NBSP}¥`],
    [1234567, 'KWD', `KWD${NBSP}1,234.567`, `1.234,567${NBSP}KWD`],
    [-5, 'EUR', '-€0.05', `-0,05${NBSP}€`],
    [0, 'USD', '$0.00', `0,00${NBSP}$`],
    [5, 'KWD', `KWD${NBSP}0.005`, `0,005${NBSP}KWD`],
    [Number.MAX_SAFE_INTEGER, 'USD', '$90,071,992,547,409.91', `90.071.992.547.409,91${NBSP}$`],
  ];
  for (const [amount, currency, en, de] of cases) {
    it(`${amount} ${currency} → "${en}" (en), "${de}" (de)`, () => {
      expect(formatMoney({ amount, currency }, 'en')).to.equal(en);
      expect(formatMoney({ amount, currency }, 'de')).to.equal(de);
    });
  }

  it('region tags format like their language here (de-DE, en-US)', () => {
    expect(formatMoney({ amount: 123456, currency: 'EUR' }, 'de-DE')).to.equal(`1.234,56${NBSP}€`);
    expect(formatMoney({ amount: 123456, currency: 'USD' }, 'en-US')).to.equal('$1,234.56');
  });

  it('an invalid locale tag falls back instead of throwing', () => {
    expect(formatMoney({ amount: 1999, currency: 'USD' }, 'not a locale!')).to.match(/19\.99|19,99/);
  });

  it('other currency displays', () => {
    expect(formatMoney({ amount: 1999, currency: 'USD' }, 'en', 'code')).to.equal(`USD${NBSP}19.99`);
  });
});

describe('money: formatter cache', () => {
  it('returns the same formatter for the same locale, currency and display', () => {
    expect(moneyFormatter('de', 'EUR')).to.equal(moneyFormatter('de', 'EUR'));
    expect(moneyFormatter('de', 'EUR', 'code')).to.equal(moneyFormatter('de', 'EUR', 'code'));
    expect(moneyFormatter('de', 'EUR')).not.to.equal(moneyFormatter('de', 'EUR', 'code'));
    expect(moneyFormatter('de', 'EUR')).not.to.equal(moneyFormatter('en', 'EUR'));
    expect(moneyFormatter('de', 'EUR')).not.to.equal(moneyFormatter('de', 'USD'));
  });

  it('formatMoney creates one Intl.NumberFormat for a thousand rows, not one per row', () => {
    // A currency/locale pair no other test uses, so the cache starts empty for it.
    const constructed = countIntlConstructions('NumberFormat', () => {
      for (let amount = 0; amount < 1000; amount++) formatMoney({ amount, currency: 'CHF' }, 'fr-CH');
    });
    expect(constructed).to.equal(1);
  });
});

describe('money: sumMoney', () => {
  it('adds amounts of one currency exactly', () => {
    expect(sumMoney([], 'USD')).to.deep.equal({ amount: 0, currency: 'USD' });
    expect(sumMoney([{ amount: 1999, currency: 'USD' }, { amount: 1, currency: 'USD' }], 'USD')).to.deep.equal({ amount: 2000, currency: 'USD' });
  });

  it('refuses to mix currencies', () => {
    expect(() => sumMoney([{ amount: 1, currency: 'USD' }, { amount: 1, currency: 'EUR' }], 'USD')).to.throw(RangeError, /EUR/);
    expect(() => sumMoney([{ amount: 1, currency: 'EUR' }], 'USD')).to.throw(RangeError);
  });

  it('refuses a total beyond the safe integer range', () => {
    expect(() => sumMoney([{ amount: Number.MAX_SAFE_INTEGER, currency: 'USD' }, { amount: 1, currency: 'USD' }], 'USD')).to.throw(RangeError);
  });

  it('refuses amounts that are not integer minor units', () => {
    expect(() => sumMoney([{ amount: 0.5, currency: 'USD' }, { amount: 0.5, currency: 'USD' }], 'USD')).to.throw(RangeError);
    expect(() => sumMoney([{ amount: Number.NaN, currency: 'USD' }], 'USD')).to.throw(RangeError);
  });

  it('is exact for any list of safe integers, or refuses (property)', () => {
    fc.assert(
      fc.property(fc.array(safeInteger, { maxLength: 12 }), (amounts) => {
        const exact = amounts.reduce((sum, a) => sum + BigInt(a), 0n);
        const items = amounts.map((amount) => ({ amount, currency: 'USD' }));
        const fits = exact >= BigInt(Number.MIN_SAFE_INTEGER) && exact <= BigInt(Number.MAX_SAFE_INTEGER);
        if (fits) expect(sumMoney(items, 'USD').amount).to.equal(Number(exact));
        else expect(() => sumMoney(items, 'USD')).to.throw(RangeError);
      }),
      { numRuns: 20_000 },
    );
  });

  it('is exact when a partial sum leaves the safe range and comes back', () => {
    const items = [Number.MAX_SAFE_INTEGER, 2, -2].map((amount) => ({ amount, currency: 'USD' }));
    expect(sumMoney(items, 'USD').amount).to.equal(Number.MAX_SAFE_INTEGER);
  });
});

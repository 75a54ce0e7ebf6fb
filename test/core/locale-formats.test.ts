import { expect } from '@open-wc/testing';
import { formatMoney, moneyFormatter } from '../../src/core/money.js';
import { formatCalendarDate } from '../../src/core/dates.js';

// Money and dates follow the element's full locale tag through Intl (no mapping in the library).
// For Arabic the tag decides the digits: `ar-EG` and `ar-SA` get Arabic-Indic digits (٠١٢٣…),
// `ar-u-nu-latn` Latin digits in any browser; bare `ar` follows the browser's CLDR (Latin since
// CLDR 44), so it is only compared with Intl. The strings are the same `ar` catalogue either way. The exact strings come from the browser's CLDR data, so these
// tests compare with Intl's own output and check what must hold in any version: the number of
// decimals, the currency, the digits and the calendar day.

const ARABIC_INDIC = /[٠-٩]/;
const LOCALES = ['fr-FR', 'es-ES', 'ja-JP', 'ar', 'ar-EG', 'ar-u-nu-latn'] as const;

/** The fraction digits and the currency parts of a formatted amount. */
function parts(locale: string, currency: string, minor: number) {
  const formatted = formatMoney({ amount: minor, currency }, locale);
  const decimal = (minor / 10 ** (currency === 'KWD' ? 3 : 0)).toFixed(currency === 'KWD' ? 3 : 0);
  const all = moneyFormatter(locale, currency).formatToParts(decimal as unknown as number);
  return {
    formatted,
    fraction: all.filter((p) => p.type === 'fraction').map((p) => p.value).join(''),
    currency: all.filter((p) => p.type === 'currency').map((p) => p.value).join(''),
    integer: all.filter((p) => p.type === 'integer').map((p) => p.value).join(''),
  };
}

describe('locale formats: money in fr, es, ja, ar', () => {
  for (const locale of LOCALES) {
    it(`${locale}: JPY has no decimals, KWD three, and the currency shows`, () => {
      const yen = parts(locale, 'JPY', 123456);
      expect(yen.formatted).to.equal(new Intl.NumberFormat(locale, { style: 'currency', currency: 'JPY' }).format(123456));
      expect(yen.fraction, 'JPY fraction digits').to.equal('');
      expect(yen.currency, 'JPY currency').to.not.equal('');
      expect(yen.formatted).to.contain(yen.currency);

      const dinar = parts(locale, 'KWD', 1234567);
      expect(dinar.formatted).to.equal(
        new Intl.NumberFormat(locale, { style: 'currency', currency: 'KWD', minimumFractionDigits: 3, maximumFractionDigits: 3 }).format(1234.567),
      );
      expect(dinar.fraction.length, 'KWD fraction digits').to.equal(3);
      expect(dinar.currency, 'KWD currency').to.not.equal('');
      expect(dinar.formatted).to.contain(dinar.currency);
    });
  }

  it('fr-FR groups with a narrow no-break space and writes a decimal comma', () => {
    expect(formatMoney({ amount: 1234567, currency: 'KWD' }, 'fr-FR')).to.match(/^1\u202f234,567\s?KWD$/);
    expect(formatMoney({ amount: 123456, currency: 'JPY' }, 'fr-FR')).to.match(/^123\u202f456\s?(JPY|¥|￥)$/);
  });

  it('es-ES writes a decimal comma for KWD; ja-JP writes ￥ for JPY', () => {
    // Spanish groups only from five integer digits (CLDR minimumGroupingDigits 2).
    expect(formatMoney({ amount: 1234567, currency: 'KWD' }, 'es-ES')).to.match(/^1234,567\s?KWD$/);
    expect(formatMoney({ amount: 12345678, currency: 'KWD' }, 'es-ES')).to.match(/^12\.345,678\s?KWD$/);
    expect(formatMoney({ amount: 123456, currency: 'JPY' }, 'ja-JP')).to.match(/^[￥¥]123,456$/);
  });

  it('ar-EG uses Arabic-Indic digits, ar-u-nu-latn Latin digits, both the same amount', () => {
    const eg = formatMoney({ amount: 1234567, currency: 'KWD' }, 'ar-EG');
    const latn = formatMoney({ amount: 1234567, currency: 'KWD' }, 'ar-u-nu-latn');
    expect(eg).to.match(ARABIC_INDIC);
    expect(eg).to.contain('١٬٢٣٤٫٥٦٧');
    expect(latn).to.not.match(ARABIC_INDIC);
    expect(latn).to.match(/1,234\.567|1\.234,567/);
    expect(formatMoney({ amount: 123456, currency: 'JPY' }, 'ar-EG')).to.contain('١٢٣٬٤٥٦');
  });
});

describe('locale formats: dates in fr, es, ja, ar', () => {
  const day = '2026-03-05';
  for (const locale of LOCALES) {
    it(`${locale}: a calendar day formats as Intl does, in UTC (no shift)`, () => {
      const expected = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(Date.UTC(2026, 2, 5));
      expect(formatCalendarDate(day, locale)).to.equal(expected);
    });
  }

  it('the words and digits of each language', () => {
    expect(formatCalendarDate(day, 'fr-FR', 'long')).to.equal('5 mars 2026');
    expect(formatCalendarDate(day, 'es-ES', 'long')).to.equal('5 de marzo de 2026');
    expect(formatCalendarDate(day, 'ja-JP', 'long')).to.equal('2026年3月5日');
    const arabic = formatCalendarDate(day, 'ar-EG', 'long');
    expect(arabic).to.contain('مارس');
    expect(arabic).to.contain('٢٠٢٦');
    expect(formatCalendarDate(day, 'ar-u-nu-latn', 'long')).to.contain('2026');
  });
});

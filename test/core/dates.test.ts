import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { countIntlConstructions } from './intl-spy.js';
import { formatCalendarDate, formatTimestamp, parseCalendarDate, todayCalendarDate } from '../../src/core/dates.js';

const DAY_MS = 86_400_000;
function epochDay(year: number, month: number, day: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime() / DAY_MS;
}

/** 0001-01-01 to 9999-12-31, as days since the epoch: every date `YYYY-MM-DD` can spell. */
const FIRST_DAY = epochDay(1, 1, 1);
const LAST_DAY = epochDay(9999, 12, 31);

function isoOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

const calendarDate = fc.integer({ min: FIRST_DAY, max: LAST_DAY }).map(isoOfDay);

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

const viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

describe('dates: parseCalendarDate', () => {
  it('parses a date as UTC midnight of that day', () => {
    expect(parseCalendarDate('2026-01-31')?.toISOString()).to.equal('2026-01-31T00:00:00.000Z');
    expect(parseCalendarDate('2024-02-29')?.toISOString()).to.equal('2024-02-29T00:00:00.000Z');
    expect(parseCalendarDate('2000-02-29')).not.to.equal(null);
  });

  it('rejects impossible dates', () => {
    for (const text of ['2026-02-30', '2026-02-29', '1900-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '2026-01-32']) {
      expect(parseCalendarDate(text), text).to.equal(null);
    }
  });

  it('rejects anything that is not YYYY-MM-DD', () => {
    for (const text of ['', '2026-1-5', '26-01-31', '2026/01/31', '31.01.2026', ' 2026-01-31', '2026-01-31T00:00:00Z', '20260131', 'soon']) {
      expect(parseCalendarDate(text), text).to.equal(null);
    }
  });

  it('keeps years below 100 (Date.UTC would move them to the 1900s)', () => {
    expect(parseCalendarDate('0050-03-01')?.toISOString()).to.equal('0050-03-01T00:00:00.000Z');
    expect(parseCalendarDate('0001-01-01')?.toISOString()).to.equal('0001-01-01T00:00:00.000Z');
  });

  it('every real date from 0001-01-01 to 9999-12-31 round-trips (property)', () => {
    fc.assert(
      fc.property(calendarDate, (text) => {
        expect(parseCalendarDate(text)?.toISOString().slice(0, 10)).to.equal(text);
      }),
      { numRuns: 5_000 },
    );
  });

  it('accepts a day exactly when the month has it (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), (year, month, day) => {
        const text = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
        expect(parseCalendarDate(text) !== null, text).to.equal(day <= daysInMonth(year, month));
      }),
      { numRuns: 5_000 },
    );
  });
});

describe(`dates: formatCalendarDate (viewer time zone ${viewerZone})`, () => {
  // Run this file with TZ=Pacific/Kiritimati (UTC+14) or TZ=Pacific/Pago_Pago (UTC-11) to check
  // other viewer zones: Chromium takes its zone from TZ.
  it('never shifts the day: de medium shows DD.MM.YYYY of the input (property)', () => {
    fc.assert(
      fc.property(calendarDate, (text) => {
        const [year, month, day] = text.split('-');
        expect(formatCalendarDate(text, 'de')).to.equal(`${day}.${month}.${Number(year)}`);
      }),
      { numRuns: 5_000 },
    );
  });

  it('never shifts the day: en short shows M/D/YY of the input (property)', () => {
    fc.assert(
      fc.property(calendarDate, (text) => {
        const [year, month, day] = text.split('-');
        expect(formatCalendarDate(text, 'en', 'short')).to.equal(`${Number(month)}/${Number(day)}/${year.slice(-2)}`);
      }),
      { numRuns: 5_000 },
    );
  });

  it('formats in en', () => {
    expect(formatCalendarDate('2026-01-31', 'en')).to.equal('Jan 31, 2026');
    expect(formatCalendarDate('2026-01-31', 'en', 'short')).to.equal('1/31/26');
    expect(formatCalendarDate('2026-01-31', 'en', 'long')).to.equal('January 31, 2026');
    expect(formatCalendarDate('2026-12-01', 'en-US', 'long')).to.equal('December 1, 2026');
  });

  it('formats in de', () => {
    expect(formatCalendarDate('2026-01-31', 'de')).to.equal('31.01.2026');
    expect(formatCalendarDate('2026-01-31', 'de', 'short')).to.equal('31.01.26');
    expect(formatCalendarDate('2026-01-31', 'de', 'long')).to.equal('31. Januar 2026');
    expect(formatCalendarDate('2026-03-01', 'de-DE', 'long')).to.equal('1. März 2026');
  });

  it('returns text it cannot parse unchanged', () => {
    expect(formatCalendarDate('soon', 'en')).to.equal('soon');
    expect(formatCalendarDate('2026-02-30', 'de')).to.equal('2026-02-30');
  });

  it('an invalid locale tag falls back instead of throwing', () => {
    expect(formatCalendarDate('2026-01-31', 'not a locale!')).to.contain('31');
  });

  it('creates one Intl.DateTimeFormat per locale and style, not one per row', () => {
    // A locale no other test uses, so the cache starts empty for it.
    const constructed = countIntlConstructions('DateTimeFormat', () => {
      for (let day = 0; day < 1000; day++) formatCalendarDate(isoOfDay(20_000 + day), 'fr-CH', 'long');
    });
    expect(constructed).to.equal(1);
  });
});

describe('dates: timestamps and today', () => {
  it('formatTimestamp shows an instant on the viewer’s day and returns unparseable text unchanged', () => {
    const instant = new Date('2026-01-15T12:00:00Z');
    const localDay = `${pad(instant.getDate(), 2)}.${pad(instant.getMonth() + 1, 2)}.${instant.getFullYear()}`;
    expect(formatTimestamp(instant.toISOString(), 'de')).to.equal(localDay);
    expect(formatTimestamp('not a time', 'de')).to.equal('not a time');
  });

  it('todayCalendarDate is the viewer’s local day', () => {
    expect(todayCalendarDate(new Date(2026, 0, 5, 0, 30))).to.equal('2026-01-05');
    expect(todayCalendarDate(new Date(2026, 11, 31, 23, 59))).to.equal('2026-12-31');
  });
});

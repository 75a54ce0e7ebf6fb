import { expect } from '@open-wc/testing';
import * as z from 'zod/mini';
import { CalendarDate, Timestamp } from '../../src/api/schemas/common.js';

// The contract's dates, checked by a pattern and a calendar check (not zod's string formats): the
// strings zod's z.iso.date() and z.iso.datetime({ offset: true }) take, and no others.
describe('schemas: CalendarDate and Timestamp', () => {
  const DATES = ['2026-01-31', '2024-02-29', '2000-02-29', '2026-12-01', '0001-01-01', '2026-02-29', '1900-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-1-01', '2026-01-01T00:00:00Z', ' 2026-01-01', '२०२६-०१-०१', ''];
  const TIMES = ['2026-01-31T12:00:00Z', '2026-01-31T13:00:00.5+01:00', '2024-02-29T23:59:59.123456-05:30', '2026-06-30T00:00:00+14:00', '2026-01-31T12:00:00', '2026-01-31T12:00Z', '2026-02-30T12:00:00Z', '2026-01-31T24:00:00Z', '2026-01-31T12:60:00Z', '2026-01-31 12:00:00Z', '2026-01-31T12:00:00+1:00', '2026-01-31', '2026-01-31T12:00:00+24:00'];

  it('CalendarDate takes exactly what z.iso.date() takes', () => {
    const iso = z.iso.date();
    for (const value of DATES) expect(CalendarDate.safeParse(value).success, value).to.equal(iso.safeParse(value).success);
    expect(CalendarDate.safeParse('2024-02-29').success).to.equal(true);
    expect(CalendarDate.safeParse('2026-02-29').success).to.equal(false);
  });

  it('Timestamp takes exactly what z.iso.datetime({ offset: true }) takes', () => {
    const iso = z.iso.datetime({ offset: true });
    for (const value of TIMES) expect(Timestamp.safeParse(value).success, value).to.equal(iso.safeParse(value).success);
    expect(Timestamp.safeParse('2026-01-31T13:00:00.5+01:00').success).to.equal(true);
    expect(Timestamp.safeParse('2026-01-31T12:00:00').success).to.equal(false);
  });

  it('neither takes a non-string', () => {
    for (const value of [20260101, null, undefined, {}]) {
      expect(CalendarDate.safeParse(value).success).to.equal(false);
      expect(Timestamp.safeParse(value).success).to.equal(false);
    }
  });
});

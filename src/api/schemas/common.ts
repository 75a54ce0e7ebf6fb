import * as z from 'zod/mini';

/** ISO 4217 alphabetic code, upper case (USD, EUR, JPY, KWD). */
export const CurrencyCode = z.string().check(z.regex(/^[A-Z]{3}$/, 'expected an ISO 4217 currency code'));

/**
 * Money is always an integer count of the currency's minor unit (cents, fils, yen) plus its
 * currency. Never a float: `{amount: 1999, currency: 'USD'}` is $19.99.
 */
export const Money = z.object({
  amount: z.int(),
  currency: CurrencyCode,
});
export type Money = z.infer<typeof Money>;

/** Whether `YYYY-MM-DD` (the start of `value`) names a day of the calendar: not 2026-02-29 or 2026-04-31. */
function isCalendarDay(value: string): boolean {
  const day = value.slice(0, 10);
  const time = Date.parse(`${day}T00:00:00Z`);
  return Number.isFinite(time) && new Date(time).toISOString().startsWith(day);
}

/**
 * A calendar date, `YYYY-MM-DD`, with no time zone (invoice and due dates); `format: date` in the
 * document. A pattern and a calendar check rather than `z.iso.date()`: the same strings (checked
 * against it in test/api/schemas-dates.test.ts), and zod's `iso` namespace stays out of the page.
 */
export const CalendarDate = z.string().check(
  z.regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'expected a date (YYYY-MM-DD)'),
  z.refine(isCalendarDay, 'expected a day of the calendar'),
);

/**
 * An instant, RFC 3339 with seconds and an offset (`2026-01-31T12:00:00Z`, `…T13:00:00.5+01:00`);
 * `format: date-time` in the document.
 */
export const Timestamp = z.string().check(
  z.regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/, 'expected an ISO 8601 instant with an offset'),
  z.refine(isCalendarDay, 'expected a day of the calendar'),
);

export const Id = z.string().check(z.minLength(1), z.maxLength(200));

/** A cursor-paginated list: pass `next_cursor` back as `cursor` for the next page. */
export function page<T extends z.core.$ZodType>(item: T) {
  return z.object({
    data: z.array(item),
    next_cursor: z.nullable(z.string()),
    /** Total number of items matching the query, when the server can say cheaply. */
    total_count: z.optional(z.nullable(z.int().check(z.nonnegative()))),
  });
}
export interface Page<T> {
  data: T[];
  next_cursor: string | null;
  total_count?: number | null;
}

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

/** A calendar date, `YYYY-MM-DD`, with no time zone (invoice and due dates). */
export const CalendarDate = z.iso.date();

/** An instant, ISO 8601 with offset (`2026-01-31T12:00:00Z`). */
export const Timestamp = z.iso.datetime({ offset: true });

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

export type DateStyle = 'short' | 'medium' | 'long';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, style: DateStyle, timeZone: string | undefined): Intl.DateTimeFormat {
  const key = `${locale}|${style}|${timeZone ?? ''}`;
  let cached = formatters.get(key);
  if (!cached) {
    try {
      cached = new Intl.DateTimeFormat(locale, { dateStyle: style, timeZone });
    } catch {
      cached = new Intl.DateTimeFormat(undefined, { dateStyle: style, timeZone });
    }
    formatters.set(key, cached);
  }
  return cached;
}

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Parses `YYYY-MM-DD` as a calendar day (UTC midnight), so the day never shifts with the viewer's
 * time zone. Returns null for anything that is not a real date (2026-02-30).
 */
export function parseCalendarDate(text: string): Date | null {
  const match = CALENDAR_DATE.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0-99 to 1900-1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date;
}

/** Formats a calendar date (`2026-01-31`) for the locale; unparseable input is returned as is. */
export function formatCalendarDate(text: string, locale: string, style: DateStyle = 'medium'): string {
  const date = parseCalendarDate(text);
  return date ? formatter(locale, style, 'UTC').format(date) : text;
}

/** Formats an instant in the viewer's time zone. */
export function formatTimestamp(text: string, locale: string, style: DateStyle = 'medium'): string {
  const time = Date.parse(text);
  return Number.isNaN(time) ? text : formatter(locale, style, undefined).format(time);
}

/** Today as `YYYY-MM-DD` in the viewer's time zone (for "overdue by" style comparisons). */
export function todayCalendarDate(now: Date = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

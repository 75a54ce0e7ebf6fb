/** What the license elements share in words and dates. */

/** The calendar day `days` after `date` (`YYYY-MM-DD`): the term's last day is the day before its renewal. */
export function addDaysToDate(date: string, days: number): string {
  const time = Date.parse(`${date}T00:00:00Z`);
  return Number.isFinite(time) ? new Date(time + days * 86_400_000).toISOString().slice(0, 10) : date;
}

/** "5 minutes" in the reader's language (CLDR units: the plural is right everywhere). */
export function minutesText(minutes: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'unit', unit: 'minute', unitDisplay: 'long' }).format(minutes);
}


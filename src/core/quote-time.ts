/**
 * When a quoted price stops holding (license quotes, add-on previews): the time today ("11:32 PM"),
 * with the date when it is another day.
 */
export function holdsUntilText(instant: string, locale: string): string {
  const time = new Date(instant);
  if (Number.isNaN(time.getTime())) return instant;
  const sameDay = time.toDateString() === new Date().toDateString();
  return new Intl.DateTimeFormat(locale, sameDay ? { timeStyle: 'short' } : { dateStyle: 'medium', timeStyle: 'short' }).format(time);
}

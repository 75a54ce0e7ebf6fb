/**
 * "7 months, 20 days" in the reader's language, from CLDR through Intl: `Intl.DurationFormat`
 * where the browser has it, else the month and day units of `Intl.NumberFormat` joined by
 * `Intl.ListFormat`. No strings to translate, and plurals right in every language.
 */
export function monthsAndDaysText(months: number, days: number, locale: string): string {
  const parts = { months, days };
  const DurationFormat = (Intl as unknown as { DurationFormat?: new (locale: string, options: object) => { format(d: object): string } }).DurationFormat;
  if (DurationFormat) {
    try {
      // Zero units are left out ("7 months"), except that nothing at all reads "0 days".
      const none = months === 0 && days === 0;
      return new DurationFormat(locale, { style: 'long', ...(none ? { daysDisplay: 'always' } : {}) }).format(parts);
    } catch {
      // An engine with DurationFormat but not this locale: the fallback below.
    }
  }
  const unit = (value: number, name: 'month' | 'day') => new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'long' }).format(value);
  const words = [months > 0 ? unit(months, 'month') : '', days > 0 || months === 0 ? unit(days, 'day') : ''].filter(Boolean);
  return new Intl.ListFormat(locale, { style: 'long', type: 'unit' }).format(words);
}

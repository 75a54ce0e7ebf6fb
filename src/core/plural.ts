/**
 * Plural selection for msg() strings that embed a count.
 *
 * lit-localize has no ICU plurals, so a counted string is written once per CLDR plural category,
 * each with its own id (`invoice-list.count.one`, `.few`, …), and `plural()` picks the one that
 * the current catalogue's language needs for the count, with `Intl.PluralRules`. Every call site
 * lists all six categories, so that each language finds its forms: English uses one / other,
 * French and Spanish one / many / other, Japanese only other, Arabic all six
 * (zero, one, two, few, many, other). A language without a category translates it like `other`;
 * it is never shown.
 *
 * The category follows the page-wide string catalogue (what lit-localize shows), not the
 * element's number locale: German strings need German plurals even under `locale="de-CH"`.
 */

/** The six CLDR plural categories. */
export type PluralCategory = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';

/** One string per category; each is a `() => msg(…, { id })` so only the chosen one is looked up. */
export type PluralForms = Record<PluralCategory, () => string>;

// Set by src/core/localization.ts (shared by two copies of the library on one page); read here
// without importing it, so elements do not pull in the configuration code.
const CONFIGURED = Symbol.for('account-elements/localization');

/** The language whose strings are on the page (lit-localize's current locale), else English. */
function stringLocale(): string {
  const controls = (globalThis as unknown as Record<symbol, { getLocale(): string } | undefined>)[CONFIGURED];
  return controls?.getLocale() ?? 'en';
}

const rules = new Map<string, Intl.PluralRules>();

/** The plural category of `count` in `locale` (default: the current string catalogue's language). */
export function pluralCategory(count: number, locale: string = stringLocale()): PluralCategory {
  let rule = rules.get(locale);
  if (!rule) {
    try {
      rule = new Intl.PluralRules(locale);
    } catch {
      rule = new Intl.PluralRules('en');
    }
    rules.set(locale, rule);
  }
  return rule.select(count) as PluralCategory;
}

/** The form of a counted string that the current language needs for `count`. */
export function plural(count: number, forms: PluralForms): string {
  return forms[pluralCategory(count)]();
}

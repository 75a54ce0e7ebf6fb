import { configureLocalization } from '@lit/localize';
import { sourceLocale, targetLocales } from '../locales/locale-codes.js';

type Loader = () => Promise<import('@lit/localize').LocaleModule>;

/**
 * Translations load on demand: a page in English never downloads German. One static `import()`
 * per language, so that bundlers make each catalogue its own chunk.
 */
const loaders: Record<string, Loader> = {
  ar: () => import('../locales/ar.js'),
  de: () => import('../locales/de.js'),
  es: () => import('../locales/es.js'),
  fr: () => import('../locales/fr.js'),
  ja: () => import('../locales/ja.js'),
};

let controls: ReturnType<typeof configureLocalization> | undefined;
const CONFIGURED = Symbol.for('account-elements/localization');

/**
 * The host's own wording (`account-elements/strings.js`, `setStrings`): catalogue → message id →
 * template, on a global so that this file carries only the lookup. Each catalogue's object has the
 * built-in templates as its prototype once loaded, so a later `setStrings` shows at the next render.
 */
const OVERRIDES = Symbol.for('account-elements/strings');
type Templates = Record<string, unknown>;

/** The host's templates of one catalogue (created empty on first use, on the global registry). */
export function hostStrings(catalogue: string): Templates {
  const global = globalThis as unknown as Record<symbol, Record<string, Templates> | undefined>;
  const all = (global[OVERRIDES] ??= {});
  return (all[catalogue] ??= {});
}

/** English with the host's wording: a target locale of its own, because the source locale loads no templates. */
export const HOST_ENGLISH = 'en-x-host';

async function load(locale: string): Promise<{ templates: Templates }> {
  const base = locale === HOST_ENGLISH ? {} : (await (loaders[locale] ?? (() => Promise.reject(new Error(locale))))()).templates;
  return { templates: Object.setPrototypeOf(hostStrings(locale === HOST_ENGLISH ? sourceLocale : locale), base) };
}

function ensureConfigured() {
  if (controls) return controls;
  const global = globalThis as unknown as Record<symbol, ReturnType<typeof configureLocalization>>;
  // Two copies of the library on one page must share one configuration (lit-localize allows one).
  controls = global[CONFIGURED];
  if (!controls) {
    try {
      controls = configureLocalization({
        sourceLocale,
        targetLocales: [...targetLocales, HOST_ENGLISH],
        loadLocale: load as Parameters<typeof configureLocalization>[0]['loadLocale'],
      });
      global[CONFIGURED] = controls;
    } catch (error) {
      console.warn('account-elements: localization is configured by another library on this page', error);
    }
  }
  return controls;
}

/** The translation catalogue that serves a BCP 47 tag: `de-AT` → `de`; unknown → `en`. */
export function catalogueFor(locale: string | undefined): string {
  if (!locale) return sourceLocale;
  const all = [sourceLocale, ...targetLocales] as string[];
  const lower = locale.toLowerCase();
  return all.find((l) => l.toLowerCase() === lower) ?? all.find((l) => lower.startsWith(`${l.toLowerCase()}-`)) ?? sourceLocale;
}

/** Switches the strings of every element on the page; resolves when the catalogue is loaded. */
export async function applyLocale(locale: string | undefined): Promise<void> {
  const catalogue = catalogueFor(locale);
  const target = catalogue === sourceLocale && Object.keys(hostStrings(sourceLocale)).length ? HOST_ENGLISH : catalogue;
  const c = ensureConfigured();
  if (!c) return;
  // No shortcut on getLocale(): while another catalogue is still loading it reports the old one, and
  // skipping here would let that load win. setLocale itself returns early for the locale in progress.
  try {
    await c.setLocale(target);
  } catch (error) {
    console.warn(`account-elements: could not load strings for "${target}"`, error);
  }
}

export const supportedLocales: readonly string[] = [sourceLocale, ...targetLocales];

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

function ensureConfigured() {
  if (controls) return controls;
  const global = globalThis as unknown as Record<symbol, ReturnType<typeof configureLocalization>>;
  // Two copies of the library on one page must share one configuration (lit-localize allows one).
  controls = global[CONFIGURED];
  if (!controls) {
    try {
      controls = configureLocalization({
        sourceLocale,
        targetLocales,
        loadLocale: (locale) => (loaders[locale] ?? (() => Promise.reject(new Error(locale))))(),
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
  const target = catalogueFor(locale);
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

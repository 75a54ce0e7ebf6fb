/**
 * `account-elements/strings.js`: the host's own wording for any of the elements' strings, in any of
 * the six languages. A separate entry, so that pages which keep the built-in wording do not load it.
 *
 * ```js
 * import { setStrings } from 'account-elements/strings.js';
 * setStrings('en', {
 *   'Pay invoices': 'Settle invoices',          // the English text, exactly as the elements show it
 *   'Pay {0}': 'Settle {0} now',                 // placeholders by position, as in xliff/*.xlf
 *   'unit.seat.other': '{0} licences',           // or a message's id (xliff/*.xlf, `id="…"`)
 * });
 * setStrings('de', { 'Pay invoices': 'Rechnungen begleichen' });
 * ```
 *
 * Keys are a message's English source text (placeholders written `{0}`, `{1}`, … in the order
 * they appear in it) or its id. A value may use the placeholders in any order, or leave them out.
 * The strings apply to every element on the page, also to elements already on screen (they render
 * again); a language's strings apply whether it is loaded before or after. Plural forms are
 * separate messages (`….one`, `….other`, …: see docs/localization.md).
 */
import { generateMsgId } from '@lit/localize/internal/id-generation.js';

// This entry imports nothing of the elements' modules (a page's shared chunks stay as they are);
// it meets src/core/localization.ts on these globals and names, which a test keeps in step.
const CONFIGURED = Symbol.for('account-elements/localization');
const OVERRIDES = Symbol.for('account-elements/strings');
export const HOST_ENGLISH = 'en-x-host';
/** The catalogues (src/locales/locale-codes.ts). */
export const CATALOGUES: readonly string[] = ['en', 'ar', 'de', 'es', 'fr', 'ja'];

/** The catalogue of a BCP 47 tag, as `catalogueFor` in src/core/localization.ts: `de-AT` → `de`. */
function catalogueOf(locale: string): string {
  const lower = locale.toLowerCase();
  return CATALOGUES.find((c) => lower === c || lower.startsWith(`${c}-`)) ?? 'en';
}
const PLACEHOLDER = /\{(\d+)\}/g;
/** An explicit id (`unit.seat.one`) or a generated one (`s` + 16 hex digits). */
const MESSAGE_ID = /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)+|s[0-9a-f]{16})$/;

/** The text between the placeholders, and which source value each placeholder stands for. */
function parts(text: string): { strings: string[]; values: number[] } {
  const strings: string[] = [];
  const values: number[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    strings.push(text.slice(last, match.index));
    values.push(Number(match[1]));
    last = match.index + match[0].length;
  }
  strings.push(text.slice(last));
  return { strings, values };
}

/** lit-localize's id of a message: the same hash its extractor gives `msg('…')` / msg(str`…`). */
function idOf(key: string): string {
  return MESSAGE_ID.test(key) ? key : generateMsgId(parts(key).strings, false);
}

/** A template as lit-localize's catalogues hold it: a plain string, or a str template with the value order. */
function templateOf(text: string): unknown {
  const { strings, values } = parts(text);
  return values.length ? { strTag: true, strings, values } : text;
}

/**
 * Replaces strings of the elements for `locale` (a BCP 47 tag; `de-AT` sets the German strings).
 * Call it as often as needed; later calls add to or replace earlier ones.
 */
export function setStrings(locale: string, strings: Readonly<Record<string, string>>): void {
  const catalogue = catalogueOf(locale);
  const registry = ((globalThis as unknown as Record<symbol, Record<string, Record<string, unknown>>>)[OVERRIDES] ??= {});
  const own = (registry[catalogue] ??= {});
  for (const [key, text] of Object.entries(strings)) {
    if (typeof text !== 'string') throw new TypeError(`setStrings: the string for "${key}" is not a string`);
    own[idOf(key)] = templateOf(text);
  }
  const controls = (globalThis as unknown as Record<symbol, { getLocale(): string; setLocale(locale: string): Promise<void> } | undefined>)[CONFIGURED];
  const current = controls?.getLocale();
  if (!controls || !current || catalogueOf(current) !== catalogue) return;
  // English on screen without templates: switch to English with the host's wording. Otherwise the
  // catalogue on screen already reads from `own`: the elements only need to render again.
  if (current === 'en') void controls.setLocale(HOST_ENGLISH);
  else window.dispatchEvent(new CustomEvent('lit-localize-status', { detail: { status: 'ready', readyLocale: current } }));
}

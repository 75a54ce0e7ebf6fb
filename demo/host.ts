// What both demo host pages share: a product ("Tickr") that puts our elements on its billing page
// and gets tokens from its own backend (here: the reference server's demo token endpoint); the
// settings form (account, role, card entry, language), the page's own words, and the log line.
import type { AcctProvider } from '../src/components/provider/provider.js';
import { demoStrings, directionOf, fill, type DemoStrings } from './strings.js';

const provider = document.querySelector('acct-provider') as AcctProvider;
export const log = document.getElementById('log')!;
const form = document.querySelector('form.switcher') as HTMLFormElement;

/** Short-lived tokens, so that expiry and refresh happen for real while the page is open. */
const TOKEN_SECONDS = Number(new URLSearchParams(location.search).get('token_seconds') ?? 300);

function settings() {
  const data = new FormData(form);
  return {
    account: String(data.get('account')),
    role: String(data.get('role')),
    locale: String(data.get('locale')),
    cards: String(data.get('cards')),
  };
}

async function demoToken(account: string, role: string): Promise<string> {
  const response = await fetch('/api/demo/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ account, role, ttl_seconds: TOKEN_SECONDS }),
  });
  if (!response.ok) throw new Error(`demo token: HTTP ${response.status}`);
  const { token } = (await response.json()) as { token: string };
  return token;
}

function apply() {
  const { account, role, locale, cards } = settings();
  provider.locale = locale;
  // The test gateway form sends card numbers to our API: only for test setups, and only because
  // the reference server's test gateway accepts them. The default is the gateway's hosted fields.
  provider.allowRawCardData = cards === 'raw';
  translatePage(locale);
  // A new token source for another account or role: the provider starts a fresh connection, so
  // nothing of the previous user's data is reused.
  // The first token is asked for now, not when the elements' new connection asks: the request
  // overlaps their re-render (measured by scripts/bench-demo.js). Later calls fetch a fresh one.
  let early: Promise<string> | undefined = demoToken(account, role);
  early.catch(() => {}); // a failure reaches whoever calls getToken
  provider.getToken = () => {
    const token = early ?? demoToken(account, role);
    early = undefined;
    return token;
  };
  provider.apiBase = '/api';
  for (const listener of settingsListeners) listener();
}

const settingsListeners: Array<() => void> = [];
/** Runs after the account, role or language changed (the page's own reset). */
export function onSettingsChange(listener: () => void): void {
  settingsListeners.push(listener);
}

let words: DemoStrings = demoStrings('en');
/** The demo's own words in the chosen language. */
export const demoWords = (): DemoStrings => words;

/**
 * The page follows the chosen language: its own words, `lang`, and `dir` (Arabic is right to left;
 * the elements inherit the direction from the page). Text only, no markup and no inline styles
 * (the page runs under a strict CSP).
 */
function translatePage(locale: string) {
  words = demoStrings(locale);
  const root = document.documentElement;
  root.lang = locale;
  root.dir = directionOf(locale);
  document.title = words.title;
  for (const el of document.querySelectorAll<HTMLElement>('[data-text]')) el.textContent = words[el.dataset.text as keyof DemoStrings];
  for (const el of document.querySelectorAll<HTMLElement>('[data-label]')) el.setAttribute('aria-label', words[el.dataset.label as keyof DemoStrings]);
}

/**
 * Starts the page: the settings applied (and again on every change) and the log line listening.
 * A function the page's script calls, not code that runs on import: the package's `sideEffects`
 * list would let the bundler drop a bare `import './host.js'`.
 */
export function startDemoHost(): void {
  form.addEventListener('change', apply);
  apply();

  // What happened, in the page's words (a host's toast).
  document.addEventListener('acct-payment-succeeded', (event) => {
    log.textContent = fill(words.succeeded, { id: event.detail.payment.id });
  });
  document.addEventListener('acct-payment-processing', (event) => {
    log.textContent = fill(words.processing, { id: event.detail.payment.id });
  });
  document.addEventListener('acct-payment-failed', (event) => {
    log.textContent = fill(words.failed, { code: event.detail.error.problem?.code ?? event.detail.error.kind });
  });
  document.addEventListener('acct-license-order', (event) => {
    log.textContent = fill(words.ordered, { number: event.detail.order.number });
  });
  document.addEventListener('acct-license-provisioned', (event) => {
    log.textContent = fill(words.provisioned, { number: event.detail.order.number });
  });
  document.addEventListener('acct-addon-change', (event) => {
    const { addon, action } = event.detail;
    log.textContent = fill(action === 'enable' ? words.addonEnabled : words.addonDisabled, { name: addon.name });
  });
  document.addEventListener('acct-auth-expired', () => {
    log.textContent = words.expired;
  });
}

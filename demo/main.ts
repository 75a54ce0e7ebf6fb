// The demo host page: a product ("Tickr") that puts our elements on its billing page, gets tokens
// from its own backend (here: the reference server's demo token endpoint) and wires the events the
// way a host would.
import '../src/all.js';
import type { AcctProvider } from '../src/components/provider/provider.js';
import type { AcctPayInvoice } from '../src/components/pay-invoice/pay-invoice.js';
import { demoStrings, directionOf, fill, type DemoStrings } from './strings.js';

const provider = document.querySelector('acct-provider') as AcctProvider;
const detail = document.querySelector('acct-invoice-detail')!;
const payDialog = document.getElementById('pay-dialog') as HTMLDialogElement;
const log = document.getElementById('log')!;
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
  detail.setAttribute('invoice-id', 'latest');
}

let words: DemoStrings = demoStrings('en');

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

form.addEventListener('change', apply);
apply();

// The list's View and the summary's "View last invoice" both show the invoice in the detail below.
document.addEventListener('acct-invoice-view', (event) => {
  event.preventDefault();
  detail.setAttribute('invoice-id', event.detail.invoiceId);
  // The detail scrolls its heading into view (and keeps it there as the invoice loads), smoothly
  // unless the user prefers reduced motion; focus stays on the button pressed.
  void detail.reveal();
});

/** Opens the payment flow in the host's dialog: for the given invoices, or all open ones. */
function openPayment(invoices?: AcctPayInvoice['invoices']) {
  // A fresh element per flow, so a finished payment's result never shows for the next one.
  const fresh = document.createElement('acct-pay-invoice');
  fresh.headingLevel = 3;
  if (invoices) fresh.invoices = invoices;
  payDialog.querySelector('acct-pay-invoice')?.replaceWith(fresh);
  if (!payDialog.open) payDialog.showModal();
}

// "Pay selected", a row's Pay and the detail's Pay: the flow starts at the review of those invoices.
document.addEventListener('acct-pay-request', (event) => openPayment(event.detail.invoices));
document.addEventListener('acct-make-payment', () => openPayment());
document.getElementById('pay-dialog-close')!.addEventListener('click', () => payDialog.close());
document.addEventListener('acct-payment-succeeded', (event) => {
  log.textContent = fill(words.succeeded, { id: event.detail.payment.id });
});
document.addEventListener('acct-payment-processing', (event) => {
  log.textContent = fill(words.processing, { id: event.detail.payment.id });
});
document.addEventListener('acct-payment-failed', (event) => {
  log.textContent = fill(words.failed, { code: event.detail.error.problem?.code ?? event.detail.error.kind });
});
// "Buy more" on a license: the purchase flow for that product, in the host's dialog (a fresh element
// each time, so a finished order's confirmation never shows for the next purchase).
const licensesDialog = document.getElementById('licenses-dialog') as HTMLDialogElement;
document.addEventListener('acct-license-purchase-request', (event) => {
  const fresh = document.createElement('acct-license-purchase');
  fresh.headingLevel = 3;
  fresh.statusPollInterval = 2000;
  fresh.productId = event.detail.license.product_id;
  licensesDialog.querySelector('acct-license-purchase')?.replaceWith(fresh);
  if (!licensesDialog.open) licensesDialog.showModal();
});
document.getElementById('licenses-dialog-close')!.addEventListener('click', () => licensesDialog.close());
document.addEventListener('acct-license-order', (event) => {
  log.textContent = fill(words.ordered, { number: event.detail.order.number });
});
document.addEventListener('acct-license-provisioned', (event) => {
  log.textContent = fill(words.provisioned, { number: event.detail.order.number });
});
// The chart shows the period (and metric, invoiced, search) the usage table is filtered to.
document.addEventListener('acct-usage-query-change', (event) => {
  const chart = document.querySelector('acct-usage-chart');
  if (!chart) return;
  const { from, to, metric, invoiced, q } = event.detail;
  Object.assign(chart, { from, to, metric, invoiced, q });
});

document.addEventListener('acct-addon-change', (event) => {
  const { addon, action } = event.detail;
  log.textContent = fill(action === 'enable' ? words.addonEnabled : words.addonDisabled, { name: addon.name });
});
document.addEventListener('acct-auth-expired', () => {
  log.textContent = words.expired;
});

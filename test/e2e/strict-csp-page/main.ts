// The strict-CSP test page's script (test/e2e/strict-csp.test.ts): a host page on its own origin
// that talks to the reference server on another (`?api=<origin>`), gets demo tokens for
// `?account=<login>`, and wires the events as a host would. With `?windowed`, it also loads every
// invoice of the account through the provider's API and hands them to a second, host-supplied
// list (windowed above 200 rows). Built with esbuild like demo/main.ts; no inline code anywhere.
import '../../../src/all.js';
import type { AcctProvider } from '../../../src/components/provider/provider.js';
import type { AcctPayInvoice } from '../../../src/components/pay-invoice/pay-invoice.js';
import type { AcctInvoiceList } from '../../../src/components/invoice-list/invoice-list.js';
import type { InvoiceSummary } from '../../../src/api/schemas/invoice.js';

const params = new URLSearchParams(location.search);
const apiOrigin = params.get('api') ?? location.origin;
const account = params.get('account') ?? 'typical';

const provider = document.querySelector('acct-provider') as AcctProvider;
const detail = document.getElementById('detail')!;
const windowed = document.getElementById('windowed') as AcctInvoiceList;
const payDialog = document.getElementById('pay-dialog') as HTMLDialogElement;
const log = document.getElementById('log')!;
const settings = document.querySelector('form.settings') as HTMLFormElement;

async function demoToken(): Promise<string> {
  const response = await fetch(`${apiOrigin}/api/demo/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ account, role: 'admin' }),
  });
  if (!response.ok) throw new Error(`demo token: HTTP ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

function applyLocale() {
  const locale = String(new FormData(settings).get('locale'));
  document.documentElement.lang = locale;
  document.documentElement.dir = locale.startsWith('ar') ? 'rtl' : 'ltr';
  provider.locale = locale;
}

provider.apiBase = `${apiOrigin}/api`;
provider.getToken = demoToken;
applyLocale();
settings.addEventListener('change', applyLocale);

document.addEventListener('acct-invoice-view', (event) => {
  event.preventDefault();
  detail.setAttribute('invoice-id', event.detail.invoiceId);
});

/** The payment flow in the host's dialog: for the given invoices, or all open ones. */
function openPayment(invoices?: AcctPayInvoice['invoices']) {
  // The portal page (`?portal`) has no dialog: the portal shows the payment flow itself.
  if (!payDialog.isConnected) return;
  const fresh = document.createElement('acct-pay-invoice');
  fresh.headingLevel = 3;
  if (invoices) fresh.invoices = invoices;
  payDialog.querySelector('acct-pay-invoice')?.replaceWith(fresh);
  if (!payDialog.open) payDialog.showModal();
}

document.addEventListener('acct-pay-request', (event) => openPayment(event.detail.invoices));
document.addEventListener('acct-make-payment', () => openPayment());
document.getElementById('pay-dialog-close')!.addEventListener('click', () => payDialog.close());
document.addEventListener('acct-payment-succeeded', (event) => {
  log.textContent = `Payment ${event.detail.payment.id} succeeded.`;
});
document.addEventListener('acct-payment-failed', (event) => {
  log.textContent = `Payment failed: ${event.detail.error.problem?.code ?? event.detail.error.kind}.`;
});

// The chart shows what the usage table is filtered to.
document.addEventListener('acct-usage-query-change', (event) => {
  const chart = document.querySelector('acct-usage-chart');
  if (!chart) return;
  const { from, to, metric, invoiced, q } = event.detail;
  Object.assign(chart, { from, to, metric, invoiced, q });
});

/** Every invoice of the account, page after page, through the provider's connection. */
async function loadEveryInvoice(): Promise<void> {
  await provider.updateComplete;
  const api = provider.resolvedApi!;
  const all: InvoiceSummary[] = [];
  let cursor: string | undefined;
  do {
    const page = await api.listInvoices({ status: 'all', limit: 100, ...(cursor ? { cursor } : {}) });
    all.push(...page.data);
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
  windowed.invoices = all;
  windowed.hidden = false;
}

// `?portal`: the page is the portal alone (every element in it, in its sections).
if (params.has('portal')) {
  const portal = document.createElement('acct-portal');
  portal.headingLevel = 2;
  provider.replaceChildren(portal);
}

if (params.has('windowed')) {
  windowed.invoices = [];
  loadEveryInvoice().catch((error: unknown) => {
    console.error('loading every invoice failed', error);
  });
} else {
  windowed.closest('section')!.remove();
}

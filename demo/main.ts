// The demo host page: a product ("Tickr") that puts our elements on its billing page, gets tokens
// from its own backend (here: the reference server's demo token endpoint) and wires the events the
// way a host would.
import '../src/all.js';
import type { AcctProvider } from '../src/components/provider/provider.js';

const provider = document.querySelector('acct-provider') as AcctProvider;
const detail = document.querySelector('acct-invoice-detail')!;
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
  const { account, role, locale } = settings();
  provider.locale = locale;
  document.documentElement.lang = locale;
  // A new token source for another account or role: the provider starts a fresh connection, so
  // nothing of the previous user's data is reused.
  provider.getToken = () => demoToken(account, role);
  provider.apiBase = '/api';
  detail.setAttribute('invoice-id', 'latest');
}

form.addEventListener('change', apply);
apply();

document.addEventListener('acct-invoice-view', (event) => {
  event.preventDefault();
  detail.setAttribute('invoice-id', event.detail.invoiceId);
  detail.scrollIntoView({ behavior: 'smooth', block: 'start' });
});
document.addEventListener('acct-pay-request', (event) => {
  const numbers = event.detail.invoices.map((i) => i.number).join(', ');
  log.textContent = `The payment flow for ${numbers} comes with the payments issue (total: ${event.detail.total.amount} minor units of ${event.detail.total.currency}).`;
});
document.addEventListener('acct-auth-expired', () => {
  log.textContent = 'The session expired: a real host would sign the user in again.';
});

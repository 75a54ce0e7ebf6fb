// The demo host page: wires the elements' events the way a host product would.
import '../src/all.js';
import { MemoryAccountApi } from '../src/api/memory-api.js';
import type { FixtureName } from '../src/api/fixtures/generate.js';
import type { AcctProvider } from '../src/components/provider/provider.js';

const provider = document.querySelector('acct-provider') as AcctProvider;
const detail = document.querySelector('acct-invoice-detail')!;
const log = document.getElementById('log')!;
const form = document.querySelector('form.switcher') as HTMLFormElement;

function apply() {
  const data = new FormData(form);
  provider.api = new MemoryAccountApi({ fixture: data.get('fixture') as FixtureName, latencyMs: 250 });
  provider.locale = String(data.get('locale'));
  document.documentElement.lang = provider.locale;
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
  log.textContent = `The host would now open the payment flow for ${numbers} (${event.detail.total.amount} minor units of ${event.detail.total.currency}).`;
});

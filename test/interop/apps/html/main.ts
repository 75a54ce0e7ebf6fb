// Plain HTML: the element is in the page's markup; the host script sets the property and listens.
import { api, record, recordPurchase, start } from '../harness.js';

const root = document.getElementById('root')!;
const markup =
  '<acct-invoice-list filter="open" page-size="5"></acct-invoice-list>' +
  '<acct-license-summary poll-interval="0"></acct-license-summary>' +
  '<acct-license-purchase product-id="prod_analytics" quote-delay="0"></acct-license-purchase>' +
  '<acct-transaction-history type="payment" page-size="5"></acct-transaction-history>';

function mount() {
  if (!root.firstElementChild) root.innerHTML = markup;
  const list = root.querySelector('acct-invoice-list')!;
  list.api = api;
  list.addEventListener('acct-invoice-view', record);
  for (const tag of ['acct-license-summary', 'acct-license-purchase', 'acct-transaction-history'] as const) root.querySelector(tag)!.api = api;
  root.querySelector('acct-license-summary')!.addEventListener('acct-license-purchase-request', recordPurchase);
}

await start(mount, () => root.replaceChildren());

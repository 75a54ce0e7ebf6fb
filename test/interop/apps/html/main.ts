// Plain HTML: the element is in the page's markup; the host script sets the property and listens.
import { api, record, recordAddon, recordColumns, recordNavigation, recordPlan, recordPurchase, recordUsageQuery, start, usageColumns } from '../harness.js';

const root = document.getElementById('root')!;
const markup =
  '<acct-invoice-list filter="open" page-size="5"></acct-invoice-list>' +
  '<acct-license-summary poll-interval="0"></acct-license-summary>' +
  '<acct-license-purchase product-id="prod_analytics" quote-delay="0"></acct-license-purchase>' +
  '<acct-transaction-history type="payment" page-size="5"></acct-transaction-history>' +
  '<acct-pricing-table product="prod_workspace" quantity="12"></acct-pricing-table>' +
  '<acct-addon-list layout="cards" poll-interval="0"></acct-addon-list>' +
  '<acct-credit-list status="available" page-size="5"></acct-credit-list>' +
  '<acct-usage-chart metric="api_requests" interval="week"></acct-usage-chart>' +
  '<acct-profile contact-url="https://example.com/am" heading-level="3"></acct-profile>' +
  '<acct-portal routing="none" sections="overview,profile"></acct-portal>' +
  '<acct-address-book heading-level="3"></acct-address-book>' +
  '<acct-users heading-level="3"></acct-users>' +
  // The columns as an attribute here (comma-separated); the frameworks pass the array property.
  `<acct-usage-table columns="${usageColumns.join(',')}" page-size="200"></acct-usage-table>`;

/** The elements this script has wired (mount runs again on the same markup). */
const wired = new WeakSet<Element>();

function mount() {
  if (!root.firstElementChild) root.innerHTML = markup;
  const list = root.querySelector('acct-invoice-list')!;
  // Set before the elements upgrade too: Lit keeps a property set on an element that is not defined yet.
  list.api = api;
  for (const tag of ['acct-license-summary', 'acct-license-purchase', 'acct-transaction-history', 'acct-pricing-table', 'acct-addon-list', 'acct-credit-list', 'acct-usage-chart', 'acct-usage-table', 'acct-profile', 'acct-portal', 'acct-address-book', 'acct-users'] as const) root.querySelector(tag)!.api = api;
  if (wired.has(list)) return;
  wired.add(list);
  list.addEventListener('acct-invoice-view', record);
  root.querySelector('acct-license-summary')!.addEventListener('acct-license-purchase-request', recordPurchase);
  root.querySelector('acct-pricing-table')!.addEventListener('acct-plan-select', recordPlan);
  root.querySelector('acct-addon-list')!.addEventListener('acct-addon-change', recordAddon);
  root.querySelector('acct-usage-table')!.addEventListener('acct-usage-query-change', recordUsageQuery);
  root.querySelector('acct-usage-table')!.addEventListener('acct-usage-columns-change', recordColumns);
  root.querySelector('acct-portal')!.addEventListener('acct-portal-navigate', recordNavigation);
}

// The markup is already in the page: its properties are set before the imports upgrade it, as a
// host's script would (then the harness mounts, which finds everything in place).
mount();
await start(mount, () => root.replaceChildren());

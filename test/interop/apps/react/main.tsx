// React 19: props on a defined custom element are properties (api), others attributes; onacct-*
// props are event listeners.
import type {} from 'account-elements/react';
import { StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { api, record, recordAddon, recordColumns, recordNavigation, recordPlan, recordPurchase, recordUsageQuery, start, usageColumns } from '../harness.js';

function App() {
  return (
    <>
      <acct-invoice-list filter="open" page-size="5" api={api} onacct-invoice-view={record} />
      <acct-license-summary api={api} poll-interval="0" onacct-license-purchase-request={recordPurchase} />
      <acct-license-purchase product-id="prod_analytics" quote-delay="0" api={api} />
      <acct-transaction-history type="payment" page-size="5" api={api} />
      <acct-pricing-table product="prod_workspace" quantity="12" api={api} onacct-plan-select={recordPlan} />
      <acct-addon-list layout="cards" poll-interval="0" api={api} onacct-addon-change={recordAddon} />
      <acct-credit-list status="available" page-size={5} api={api} />
      <acct-usage-chart metric="api_requests" interval="week" api={api} />
      <acct-profile contact-url="https://example.com/am" heading-level={3} api={api} />
      <acct-portal routing="none" sections="overview,profile" api={api} onacct-portal-navigate={recordNavigation} />
      <acct-address-book heading-level={3} api={api} />
      <acct-users heading-level={3} api={api} />
      <acct-usage-table columns={usageColumns} page-size={200} api={api} onacct-usage-query-change={recordUsageQuery} onacct-usage-columns-change={recordColumns} />
    </>
  );
}

let root: Root | undefined;
await start(
  () => {
    root = createRoot(document.getElementById('root')!);
    flushSync(() => root!.render(<StrictMode><App /></StrictMode>));
  },
  () => root?.unmount(),
);

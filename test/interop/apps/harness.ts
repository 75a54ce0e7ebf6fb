// What every fixture app exposes to the test (window.__interop): the AccountApi it passes as a
// property, the events its framework handler received, and mount/unmount through the framework.
// `?late` registers the element only after the framework rendered it (the "[object Object]" case).
import type { AcctAddonChangeEvent, AcctInvoiceViewEvent, AcctLicensePurchaseRequestEvent, AcctPlanSelectEvent, AcctPortalNavigateEvent, AcctUsageColumnsChangeEvent, AcctUsageQueryChangeEvent } from 'account-elements';
import { MemoryAccountApi } from 'account-elements/api/memory.js';

export interface Harness {
  api: MemoryAccountApi;
  events: Array<{ type: string; invoiceId: string; trusted: boolean }>;
  /** The products "Buy more" was pressed for, as the framework's handler received them. */
  purchases: string[];
  /** The plans a pricing table's call to action was pressed for. */
  plans: string[];
  /** The add-on changes the framework's handler received (`action:name`). */
  addonChanges: string[];
  /** The usage table's query changes (`sort`) and column choices (`a,b,c`) the framework's handlers received. */
  usageQueries: string[];
  columnChanges: string[];
  /** The portal's navigations the framework's handler received (`from>view`). */
  navigations: string[];
  mount(): unknown;
  unmount(): unknown;
  ready: boolean;
}

declare global {
  interface Window {
    __interop: Harness;
  }
}

export const api = new MemoryAccountApi({ fixture: 'typical' });

/** The framework's event handler calls this with the event it received. */
export function record(event: AcctInvoiceViewEvent): void {
  window.__interop.events.push({ type: event.type, invoiceId: event.detail.invoiceId, trusted: event instanceof Event });
}

/** The framework's handler of acct-license-purchase-request. */
export function recordPurchase(event: AcctLicensePurchaseRequestEvent): void {
  window.__interop.purchases.push(event.detail.license.product_id);
}

/** The framework's handler of acct-plan-select (the host takes the visitor to its sign-up itself). */
export function recordPlan(event: AcctPlanSelectEvent): void {
  event.preventDefault();
  window.__interop.plans.push(event.detail.plan);
}

/** The framework's handler of acct-addon-change. */
export function recordAddon(event: AcctAddonChangeEvent): void {
  window.__interop.addonChanges.push(`${event.detail.action}:${event.detail.addon.name}`);
}

/** The usage table's default columns, as the framework passes them (an array property). */
export const usageColumns = ['date', 'description', 'metric', 'quantity', 'unit'];

/** The framework's handler of acct-usage-query-change. */
export function recordUsageQuery(event: AcctUsageQueryChangeEvent): void {
  window.__interop.usageQueries.push(event.detail.sort);
}

/** The framework's handler of acct-usage-columns-change. */
export function recordColumns(event: AcctUsageColumnsChangeEvent): void {
  window.__interop.columnChanges.push(event.detail.columns.join(','));
}

/** The framework's handler of acct-portal-navigate. */
export function recordNavigation(event: AcctPortalNavigateEvent): void {
  window.__interop.navigations.push(`${event.detail.from}>${event.detail.view}`);
}

/** Registers the element (before the first render, or after it with `?late`), mounts, reports ready. */
export async function start(mount: () => unknown, unmount: () => unknown): Promise<void> {
  window.__interop = { api, events: [], purchases: [], plans: [], addonChanges: [], usageQueries: [], columnChanges: [], navigations: [], mount, unmount, ready: false };
  const late = new URLSearchParams(location.search).has('late');
  // The license elements are registered before the first render in both cases (the late case is
  // about the list), together with the list, and the app mounts right after.
  const licenses = [import('account-elements/acct-license-summary.js'), import('account-elements/acct-license-purchase.js'), import('account-elements/acct-transaction-history.js'), import('account-elements/acct-pricing-table.js'), import('account-elements/acct-addon-list.js'), import('account-elements/acct-credit-list.js'), import('account-elements/acct-usage-chart.js'), import('account-elements/acct-usage-table.js'), import('account-elements/acct-profile.js'), import('account-elements/acct-portal.js'), import('account-elements/acct-address-book.js'), import('account-elements/acct-users.js')];
  await Promise.all(late ? licenses : [...licenses, import('account-elements/acct-invoice-list.js')]);
  await mount();
  if (late) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    await import('account-elements/acct-invoice-list.js');
  }
  window.__interop.ready = true;
}

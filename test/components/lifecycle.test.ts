import { expect, fixture, html } from '@open-wc/testing';
import { render } from 'lit';
import '../../src/components/provider/acct-provider.js';
import '../../src/components/invoice-list/acct-invoice-list.js';
import '../../src/components/invoice-detail/acct-invoice-detail.js';
import '../../src/components/account-summary/acct-account-summary.js';
import '../../src/components/autopay-toggle/acct-autopay-toggle.js';
import '../../src/components/payment-history/acct-payment-history.js';
import '../../src/components/pay-invoice/acct-pay-invoice.js';
import { MemoryAccountApi } from '../../src/api/memory-api.js';
import type { AccountApi, InvalidationListener } from '../../src/api/account-api.js';

/**
 * An AccountApi that counts live invalidation subscriptions and remembers every signal it was
 * given, around a MemoryAccountApi that never answers (so every request is in flight at removal).
 */
function countingApi() {
  const inner = new MemoryAccountApi({ latencyMs: Number.POSITIVE_INFINITY });
  const signals: AbortSignal[] = [];
  let subscriptions = 0;
  const track = <T>(options: { signal?: AbortSignal } | undefined, run: () => Promise<T>) => {
    if (options?.signal) signals.push(options.signal);
    return run();
  };
  const api: AccountApi = {
    getAccount: (o) => track(o, () => inner.getAccount(o)),
    getAccountProfile: (o) => track(o, () => inner.getAccountProfile(o)),
    listInvoices: (q, o) => track(o, () => inner.listInvoices(q, o)),
    getInvoice: (id, o) => track(o, () => inner.getInvoice(id, o)),
    listPayments: (q, o) => track(o, () => inner.listPayments(q, o)),
    getPayment: (id, o) => track(o, () => inner.getPayment(id, o)),
    createPayment: (p, o) => track(o, () => inner.createPayment(p, o)),
    listPaymentMethods: (o) => track(o, () => inner.listPaymentMethods(o)),
    addPaymentMethod: (m, o) => track(o, () => inner.addPaymentMethod(m, o)),
    updatePaymentMethod: (id, p, o) => track(o, () => inner.updatePaymentMethod(id, p, o)),
    deletePaymentMethod: (id, o) => track(o, () => inner.deletePaymentMethod(id, o)),
    setAutopay: (u, o) => track(o, () => inner.setAutopay(u, o)),
    getPricing: (o) => track(o, () => inner.getPricing(o)),
    listLicenses: (o) => track(o, () => inner.listLicenses(o)),
    createLicenseQuote: (q, o) => track(o, () => inner.createLicenseQuote(q, o)),
    createLicenseOrder: (q, o) => track(o, () => inner.createLicenseOrder(q, o)),
    listOrders: (q, o) => track(o, () => inner.listOrders(q, o)),
    getOrder: (id, o) => track(o, () => inner.getOrder(id, o)),
    listTransactions: (q, o) => track(o, () => inner.listTransactions(q, o)),
    listAddons: (o) => track(o, () => inner.listAddons(o)),
    getUsageCatalogue: (o) => track(o, () => inner.getUsageCatalogue(o)),
    listUsage: (q, o) => track(o, () => inner.listUsage(q, o)),
    getUsageSeries: (q, o) => track(o, () => inner.getUsageSeries(q, o)),
    createUsageExport: (r, o) => track(o, () => inner.createUsageExport(r, o)),
    previewAddonChange: (id, r, o) => track(o, () => inner.previewAddonChange(id, r, o)),
    enableAddon: (id, r, o) => track(o, () => inner.enableAddon(id, r, o)),
    disableAddon: (id, r, o) => track(o, () => inner.disableAddon(id, r, o)),
    listCredits: (q, o) => track(o, () => inner.listCredits(q, o)),
    listRoles: (o) => track(o, () => inner.listRoles(o)),
    listUsers: (q, o) => track(o, () => inner.listUsers(q, o)),
    inviteUser: (r, o) => track(o, () => inner.inviteUser(r, o)),
    resendInvitation: (id, o) => track(o, () => inner.resendInvitation(id, o)),
    updateUser: (id, p, o) => track(o, () => inner.updateUser(id, p, o)),
    removeUser: (id, o) => track(o, () => inner.removeUser(id, o)),
    listAddresses: (q, o) => track(o, () => inner.listAddresses(q, o)),
    createAddress: (a, o) => track(o, () => inner.createAddress(a, o)),
    updateAddress: (id, p, o) => track(o, () => inner.updateAddress(id, p, o)),
    deleteAddress: (id, q, o) => track(o, () => inner.deleteAddress(id, q, o)),
    invalidate: (r) => inner.invalidate(r),
    onInvalidate: (listener: InvalidationListener) => {
      subscriptions++;
      const off = inner.onInvalidate(listener);
      return () => {
        subscriptions--;
        off();
      };
    },
  };
  return { api, signals, get subscriptions() { return subscriptions; } };
}

describe('mount and unmount', () => {
  it('100 cycles leave no subscriptions and no request running (R12, R17)', async () => {
    const counting = countingApi();
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    for (let i = 0; i < 100; i++) {
      render(
        html`<acct-provider .api=${counting.api}>
          <acct-invoice-list></acct-invoice-list>
          <acct-invoice-detail invoice-id="latest"></acct-invoice-detail>
          <acct-account-summary></acct-account-summary>
          <acct-autopay-toggle></acct-autopay-toggle>
          <acct-payment-history></acct-payment-history>
          <acct-pay-invoice></acct-pay-invoice>
        </acct-provider>`,
        host,
      );
      const elements = [...host.querySelectorAll('acct-provider > *')] as Array<HTMLElement & { updateComplete: Promise<unknown> }>;
      await Promise.all(elements.map((e) => e.updateComplete));
      await new Promise((r) => setTimeout(r, 0));
      render(html``, host);
    }
    await new Promise((r) => setTimeout(r, 50));
    expect(counting.subscriptions, 'live invalidation subscriptions').to.equal(0);
    expect(counting.signals.length, 'requests were made').to.be.greaterThan(100);
    expect(counting.signals.filter((s) => !s.aborted).length, 'requests still running').to.equal(0);
  });
});

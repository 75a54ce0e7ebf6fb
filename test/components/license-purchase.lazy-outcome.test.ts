import { expect, html } from '@open-wc/testing';
import type { LicenseOrder } from '../../src/api/schemas/license.js';
import '../../src/components/license-purchase/acct-license-purchase.js';
import type { AcctLicensePurchase } from '../../src/components/license-purchase/license-purchase.js';
import { orderOutcomeLoader } from '../../src/components/license-purchase/outcome-loader.js';
import { $, accountApi, confirmed, hasState, mountIdle, text, until } from './account-helpers.js';

// The test page loads every module unbundled: more than the 250 resource entries a page keeps by default.
performance.setResourceTimingBufferSize(10_000);

/** Whether the page has fetched the confirmation's module. */
const outcomeRequested = () => performance.getEntriesByType('resource').some((entry) => entry.name.includes('/license-purchase/order-outcome.'));

async function mountPurchase(): Promise<AcctLicensePurchase> {
  const api = accountApi({ provisioningMs: 150 });
  const el = await mountIdle<AcctLicensePurchase>(
    html`<acct-license-purchase product-id="prod_workspace" quote-delay="30" status-poll-interval="40" .api=${api}></acct-license-purchase>`,
  );
  await until(() => $(el, '[part~="quote"]') !== null);
  return el;
}

describe('acct-license-purchase: the confirmation’s code loads when an order is near', () => {
  it('not with the form; checking the acknowledgement fetches it, so the confirmation is complete at once', async () => {
    const el = await mountPurchase();
    expect(outcomeRequested(), 'not in the first download').to.equal(false);
    $<HTMLInputElement>(el, '#acknowledge')!.click();
    await until(() => orderOutcomeLoader.loaded !== undefined);
    expect(outcomeRequested()).to.equal(true);
    $<HTMLButtonElement>(el, '[part~="order-button"]')!.click();
    await until(() => hasState(el, 'confirmation'));
    expect(hasState(el, 'loading'), 'nothing left to load').to.equal(false);
    expect($(el, '[part~="sales-order-link"]')).to.exist;
  });

  it('a failed load: the heading and the order number, with Retry; Retry brings the details, and provisioning is followed', async () => {
    const { load, loaded } = orderOutcomeLoader;
    orderOutcomeLoader.loaded = undefined;
    let fail = true;
    orderOutcomeLoader.load = () => (fail ? Promise.reject(new TypeError('Failed to fetch dynamically imported module')) : load());
    const errors: unknown[] = [];
    const error = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      const el = await mountPurchase();
      const provisioned: LicenseOrder[] = [];
      el.addEventListener('acct-license-provisioned', (e) => provisioned.push(e.detail.order));
      $<HTMLInputElement>(el, '#acknowledge')!.click();
      await el.updateComplete;
      $<HTMLButtonElement>(el, '[part~="order-button"]')!.click();
      await until(() => !!$(el, '[part~="confirmation"] [part~="retry-button"]'));
      expect(text($(el, '[part~="confirmation"] [part~="heading"]'))).to.equal('Order placed');
      expect(text($(el, '[part~="order-number"]'))).to.match(/SO-\d{6}/);
      expect(text($(el, '[part~="confirmation"] [role="alert"] p'))).to.equal(
        'This part of the page could not be loaded. Check your connection and try again.',
      );
      expect(el.shadowRoot!.activeElement?.getAttribute('part'), 'focus on the confirmation’s heading').to.equal('heading');
      expect(hasState(el, 'loading')).to.equal(false);
      await expect(el).to.be.accessible();

      fail = false;
      $<HTMLButtonElement>(el, '[part~="retry-button"]')!.click();
      await until(() => confirmed(el) && !!$(el, '[part~="provisioning"]'));
      expect($(el, '[part~="sales-order-link"]')).to.exist;
      await until(() => hasState(el, 'provisioned'), 3000);
      expect(provisioned).to.have.length(1);
      expect(text($(el, '[part~="provisioning"]'))).to.contain('ready');
      await expect(el).to.be.accessible();
    } finally {
      orderOutcomeLoader.load = load;
      orderOutcomeLoader.loaded ??= loaded;
      console.error = error;
    }
    expect(errors.length, 'the failures are logged for the developer').to.be.greaterThan(0);
  });
});

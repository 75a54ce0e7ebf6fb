import { expect, html } from '@open-wc/testing';
import { paymentMethodFormLoader } from '../../src/components/payment-method-form/lazy.js';
import { $, hasState, memoryApi, mount, payableInvoices, press, text, until, waitForIdle } from './pay-invoice-helpers.js';

// The test page loads every module unbundled: more than the 250 resource entries a page keeps by default.
performance.setResourceTimingBufferSize(10_000);

// This file registers nothing but acct-pay-invoice: the add form must come by itself when opened.

/** Whether the page has fetched a module of the add form (`payment-method-form`, `raw-card`). */
function requested(module: string): boolean {
  return performance.getEntriesByType('resource').some((entry) => entry.name.includes(`/payment-method-form/${module}.`));
}
const formCodeRequested = () => requested('payment-method-form');

describe('acct-pay-invoice: the add form loads when it is opened', () => {
  it('not before; a failed load is an error with Retry; Retry loads it, the form is shown and takes focus', async () => {
    const api = memoryApi();
    const el = await mount(html`<acct-pay-invoice .api=${api} invoice-ids=${payableInvoices(api)[0].id}></acct-pay-invoice>`);
    await press(el, 'continue-button');
    expect(hasState(el, 'method')).to.be.true;
    expect(customElements.get('acct-payment-method-form'), 'not registered before it is opened').to.equal(undefined);
    expect(formCodeRequested(), 'its code was not fetched').to.be.false;

    const load = paymentMethodFormLoader.load;
    let release!: () => void;
    paymentMethodFormLoader.load = () =>
      new Promise((_, reject) => (release = () => reject(new TypeError('Failed to fetch dynamically imported module'))));
    const errors: unknown[] = [];
    const error = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      await press(el, 'add-method-button');
      await el.updateComplete;
      expect(hasState(el, 'loading'), 'busy while the code loads').to.be.true;
      expect($(el, '[part="add-method"] [aria-busy="true"]'), 'a busy placeholder').to.exist;
      expect(text($(el, '[part="add-method"] [role="status"]'))).to.equal('Loading…');
      await expect(el).to.be.accessible();
      release();
      await until(() => !!$(el, '[part="add-method"] [part="retry-button"]'));
      expect(text($(el, '[part="add-method"] [role="alert"] p'))).to.equal(
        'This part of the page could not be loaded. Check your connection and try again.',
      );
      expect(hasState(el, 'loading')).to.be.false;
      expect(el.querySelector('acct-payment-method-form')).to.equal(null);
      await expect(el).to.be.accessible();
    } finally {
      paymentMethodFormLoader.load = load;
      console.error = error;
    }
    expect(errors, 'the failure is logged for the developer').to.have.length(1);

    $<HTMLButtonElement>(el, '[part="retry-button"]')!.click();
    await waitForIdle(el);
    const form = el.querySelector('acct-payment-method-form');
    expect(form, 'the form, in light DOM').to.exist;
    expect(formCodeRequested()).to.be.true;
    expect(form!.assignedSlot).to.equal($(el, '[part="add-method"] slot'));
    await until(() => document.activeElement === form);
    expect(form!.shadowRoot!.activeElement, 'focus is in its first field').to.exist;
    expect(requested('raw-card'), 'no test-gateway card entry without the opt-in').to.be.false;
  });

  it('20 clicks on "Add a payment method" while it loads → one form', async () => {
    const api = memoryApi();
    const el = await mount(html`<acct-pay-invoice .api=${api} invoice-ids=${payableInvoices(api)[0].id}></acct-pay-invoice>`);
    await press(el, 'continue-button');
    const add = $<HTMLButtonElement>(el, '[part~="add-method-button"]')!;
    for (let i = 0; i < 20; i++) add.click();
    await waitForIdle(el);
    expect(el.querySelectorAll('acct-payment-method-form')).to.have.length(1);
  });
});

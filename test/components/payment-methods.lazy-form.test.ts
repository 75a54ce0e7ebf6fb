import { expect, fixture, html } from '@open-wc/testing';
import { MemoryAccountApi } from '../../src/api/memory-api.js';
import type { AcctPaymentMethods } from '../../src/components/payment-methods/payment-methods.js';
import { paymentMethodFormLoader } from '../../src/components/payment-method-form/lazy.js';
import '../../src/components/payment-methods/acct-payment-methods.js';
import { waitForIdle } from '../helpers/wait.js';
import { until } from './account-helpers.js';

// The test page loads every module unbundled: more than the 250 resource entries a page keeps by default.
performance.setResourceTimingBufferSize(10_000);

// This file registers nothing but acct-payment-methods: the add form must come by itself when opened.

const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<T>(selector);

describe('acct-payment-methods: the add form loads when it is opened', () => {
  it('not before; busy while it loads; a failed load is an error with Retry; then the form, with focus, and a saved card', async () => {
    const api = new MemoryAccountApi({ fixture: 'typical' });
    const el = await fixture<AcctPaymentMethods>(html`<acct-payment-methods .api=${api} allow-raw-card-data></acct-payment-methods>`);
    await waitForIdle(el);
    expect(customElements.get('acct-payment-method-form')).to.equal(undefined);
    const rawCardRequested = () => performance.getEntriesByType('resource').some((entry) => entry.name.includes('/payment-method-form/raw-card.'));
    expect(rawCardRequested()).to.be.false;

    const load = paymentMethodFormLoader.load;
    let fail!: () => void;
    paymentMethodFormLoader.load = () => new Promise((_, reject) => (fail = () => reject(new TypeError('Failed to fetch'))));
    const error = console.error;
    console.error = () => {};
    try {
      $<HTMLButtonElement>(el, '[part="add-card-button"]')!.click();
      await el.updateComplete;
      expect(el.matches(':state(loading)')).to.be.true;
      expect($(el, '[part="form"] [aria-busy="true"]')).to.exist;
      fail();
      await until(() => !!$(el, '[part="form"] [part="retry-button"]'));
      expect(el.matches(':state(loading)')).to.be.false;
      await expect(el).to.be.accessible();
    } finally {
      paymentMethodFormLoader.load = load;
      console.error = error;
    }

    $<HTMLButtonElement>(el, '[part="form"] [part="retry-button"]')!.click();
    await waitForIdle(el);
    const form = el.querySelector('acct-payment-method-form')!;
    expect(form, 'the form, in light DOM').to.exist;
    expect(form.type).to.equal('card');
    await until(() => document.activeElement === form);
    // The test gateway's card entry is a chunk of its own too: focus moves on to its card number once it is there.
    await until(() => form.shadowRoot!.activeElement?.getAttribute('name') === 'number');
    expect(rawCardRequested()).to.be.true;
  });
});

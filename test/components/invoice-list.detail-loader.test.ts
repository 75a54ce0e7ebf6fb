import { expect, html } from '@open-wc/testing';
import { detailElementLoader } from '../../src/components/invoice-list/detail-loader.js';
import { waitForIdle } from '../helpers/wait.js';
import { $, $$, memoryApi, mount, until } from './invoice-list-helpers.js';

// The test page loads every module unbundled: more than the 250 resource entries a page keeps by default.
performance.setResourceTimingBufferSize(10_000);

// The inline details' element comes through `detailElementLoader`, which the list's registration
// file sets (all.js registers the detail itself and sets none). This file is a page of its own:
// nothing registers acct-invoice-detail before the tests do.

function requested(module: string): boolean {
  return performance.getEntriesByType('resource').some((entry) => entry.name.includes(module));
}

describe('acct-invoice-list: the inline detail element loads on first use', () => {
  it('the registration file sets the loader; the first render does not fetch the detail', async () => {
    expect(detailElementLoader.load, 'set by acct-invoice-list.ts').to.be.a('function');
    await mount(html`<acct-invoice-list inline-detail page-size="5" .api=${memoryApi()}></acct-invoice-list>`);
    expect(customElements.get('acct-invoice-detail')).to.equal(undefined);
    expect(requested('/invoice-detail/'), 'not fetched before a row is opened').to.be.false;
  });

  it('a failed load says so in the row; opening another row asks again, and then the detail shows', async () => {
    const real = detailElementLoader.load!;
    let calls = 0;
    detailElementLoader.load = () => {
      calls++;
      return Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
    };
    try {
      const el = await mount(html`<acct-invoice-list inline-detail page-size="5" .api=${memoryApi()}></acct-invoice-list>`);
      const views = () => $$<HTMLButtonElement>(el, '[part="view-button"]');
      views()[0].click();
      await until(() => (el.shadowRoot!.textContent ?? '').includes('The invoice details could not be loaded.'));
      expect(calls).to.equal(1);
      expect(views()[0].getAttribute('aria-expanded')).to.equal('true');

      detailElementLoader.load = () => {
        calls++;
        return real();
      };
      views()[1].click();
      await until(() => customElements.get('acct-invoice-detail') !== undefined);
      expect(calls).to.equal(2);
      expect(requested('/invoice-detail/')).to.be.true;
      await waitForIdle(el);
      expect($(el, 'acct-invoice-detail')).to.exist;
    } finally {
      detailElementLoader.load = real;
    }
  });

  it('once the detail is registered, opening a row loads nothing', async () => {
    const real = detailElementLoader.load!;
    let calls = 0;
    detailElementLoader.load = () => {
      calls++;
      return real();
    };
    try {
      const el = await mount(html`<acct-invoice-list inline-detail page-size="5" .api=${memoryApi()}></acct-invoice-list>`);
      $$<HTMLButtonElement>(el, '[part="view-button"]')[0].click();
      await el.updateComplete;
      expect(calls, 'registered already').to.equal(0);
      expect($(el, 'acct-invoice-detail')).to.exist;
    } finally {
      detailElementLoader.load = real;
    }
  });
});

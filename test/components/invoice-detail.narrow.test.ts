import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../src/components/invoice-detail/acct-invoice-detail.js';
import type { AcctInvoiceDetail } from '../../src/components/invoice-detail/invoice-detail.js';
import { MemoryAccountApi } from '../../src/api/memory-api.js';
import { applyLocale } from '../../src/core/localization.js';
import { waitForIdle } from '../helpers/wait.js';
import { lines, outside, overflowing, wrapped } from '../helpers/layout.js';

const TODAY = new Date('2026-05-20T12:00:00Z');
const PAID_ID = 'in_1_000035';

/** The detail as on a 390 px phone: inside a page with 1.5rem side padding (the demo's). */
async function onPhone(locale: string, fixtureName?: 'typical' | 'kwd'): Promise<AcctInvoiceDetail> {
  const api = new MemoryAccountApi({ today: TODAY, ...(fixtureName ? { fixture: fixtureName } : {}) });
  const id = api.data.invoices.find((invoice) => invoice.status === 'paid' && invoice.groups.length > 1)?.id ?? PAID_ID;
  const wrapper = await fixture<HTMLDivElement>(
    html`<div style="padding-inline: 1.5rem"><acct-invoice-detail .api=${api} invoice-id=${id} locale=${locale}></acct-invoice-detail></div>`,
  );
  const el = wrapper.querySelector('acct-invoice-detail')!;
  await waitForIdle(el);
  return el;
}

describe('acct-invoice-detail on a phone (390 px)', () => {
  before(() => setViewport({ width: 390, height: 844 }));
  after(() => setViewport({ width: 800, height: 600 }));
  afterEach(async () => {
    await applyLocale('en');
    document.documentElement.removeAttribute('dir');
  });

  for (const [locale, fixtureName] of [
    ['en', undefined],
    ['de', undefined],
    ['fr', 'kwd'],
    ['ar', undefined],
  ] as const) {
    it(`${locale}${fixtureName ? ` (${fixtureName})` : ''}: line items in two columns, nothing sticks out, figures and dates on one line`, async () => {
      if (locale === 'ar') document.documentElement.dir = 'rtl';
      const el = await onPhone(locale, fixtureName);
      const root = el.shadowRoot!;
      const card = root.querySelector('[part~="base"]')!;
      expect(overflowing(root, '[part~="base"], table, th, td'), 'no cell wider than its box').to.deep.equal([]);
      expect(outside(card, root, 'table, th, td, bdi, dd'), 'nothing outside the card').to.deep.equal([]);
      expect(wrapped(root, 'thead th'), 'column headings on one line').to.deep.equal([]);
      expect(wrapped(root, 'td.num, .inline-quantity bdi, .facts bdi'), 'amounts, quantities, dates and the payment reference on one line').to.deep.equal([]);
      for (const table of root.querySelectorAll('[part="table"]')) {
        // Two visible columns: the description, and the amount.
        const visible = Array.from(table.querySelectorAll('thead th')).filter((th) => getComputedStyle(th).display !== 'none');
        expect(visible.length).to.equal(2);
        const [description, amount] = visible.map((th) => th.getBoundingClientRect());
        expect(description.width, 'the description gets most of the row').to.be.greaterThan(amount.width);
      }
      // "8 seats at $12.00" under the description, one line where it fits.
      const quantity = root.querySelector('.inline-quantity')!;
      expect(getComputedStyle(quantity).display).to.equal('block');
      if (locale === 'en') expect(lines(quantity)).to.equal(1);
      await expect(el).to.be.accessible();
    });
  }

  it('a wide host keeps the four columns (quantity and unit price in their own)', async () => {
    await setViewport({ width: 1280, height: 800 });
    try {
      const el = await onPhone('en');
      const headings = Array.from(el.shadowRoot!.querySelectorAll('[part="table"]')[0].querySelectorAll('thead th'));
      expect(headings.map((th) => getComputedStyle(th).display)).to.deep.equal(['table-cell', 'table-cell', 'table-cell', 'table-cell']);
      expect(getComputedStyle(el.shadowRoot!.querySelector('.inline-quantity')!).display).to.equal('none');
    } finally {
      await setViewport({ width: 390, height: 844 });
    }
  });
});

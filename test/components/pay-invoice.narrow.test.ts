import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type { AcctPayInvoice } from '../../src/components/pay-invoice/pay-invoice.js';
import { applyLocale } from '../../src/core/localization.js';
import { $, hasState, memoryApi, payableInvoices, press, toConfirm, until, waitForIdle } from './pay-invoice-helpers.js';
import { outside, overflowing, wrapped } from '../helpers/layout.js';

const REFERENCE = 'pay_3f9a2c7e1b4d8a6f0c2e5b19';

/** The flow as on a 390 px phone, in a page (or dialog) with 1rem side padding. */
async function onPhone(locale: string, ids?: string[]): Promise<AcctPayInvoice> {
  const api = memoryApi();
  // The reference server's ids are this long (server/payments.ts): the memory API's are short.
  const createPayment = api.createPayment.bind(api);
  api.createPayment = async (...args) => ({ ...(await createPayment(...args)), id: REFERENCE });
  const invoiceIds = ids ?? payableInvoices(api).map((invoice) => invoice.id);
  const wrapper = await fixture<HTMLDivElement>(
    html`<div style="padding-inline: 1rem"><acct-pay-invoice .api=${api} locale=${locale} invoice-ids=${invoiceIds.join(',')}></acct-pay-invoice></div>`,
  );
  const el = wrapper.querySelector('acct-pay-invoice')!;
  await waitForIdle(el);
  return el;
}

/** Nothing of the step sticks out of the card, and numbers, dates, amounts and references are on one line each. */
function expectFits(el: AcctPayInvoice, what: string) {
  const root = el.shadowRoot!;
  expect(overflowing(root, '[part~="base"], table, th, td, dd, label'), `${what}: nothing wider than its box`).to.deep.equal([]);
  expect(outside($(el, '[part~="base"]')!, root, 'bdi, th, td, dd, .muted'), `${what}: nothing outside the card`).to.deep.equal([]);
  expect(wrapped(root, 'bdi, th .muted, .choice-text .muted'), `${what}: numbers, dates, amounts and references unbroken`).to.deep.equal([]);
}

describe('acct-pay-invoice on a phone (390 px)', () => {
  before(() => setViewport({ width: 390, height: 844 }));
  after(() => setViewport({ width: 800, height: 600 }));
  afterEach(async () => {
    await applyLocale('en');
    document.documentElement.removeAttribute('dir');
  });

  for (const locale of ['en', 'de', 'ar']) {
    it(`${locale}: select, review and result keep invoice numbers, due dates and the payment reference on one line`, async () => {
      if (locale === 'ar') document.documentElement.dir = 'rtl';
      const select = await onPhone(locale, []);
      expect(hasState(select, 'select')).to.be.true;
      expectFits(select, 'select');

      const el = await onPhone(locale);
      expect(hasState(el, 'review')).to.be.true;
      expectFits(el, 'review');
      await expect(el).to.be.accessible();
      await toConfirm(el);
      expectFits(el, 'confirm');
      await press(el, 'pay-button');
      await until(() => hasState(el, 'succeeded'));
      await el.updateComplete;
      expect($(el, '.facts bdi')!.textContent).to.equal(REFERENCE);
      expectFits(el, 'result');
      await expect(el).to.be.accessible();
    });
  }
});

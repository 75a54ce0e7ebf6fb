import { expect, html } from '@open-wc/testing';
import type { AcctPaymentMethodForm } from '../../src/components/payment-method-form/payment-method-form.js';
import type { AcctPayInvoice } from '../../src/components/pay-invoice/pay-invoice.js';
import type { AcctPaymentFailedEvent, AcctPaymentMethodChangeEvent } from '../../src/events/index.js';
import '../../src/components/provider/acct-provider.js';
import { fillBank, fillCard, setField } from './payment-method-helpers.js';
import {
  $,
  $$,
  focused,
  hasState,
  heading,
  memoryApi,
  mount,
  payableInvoices,
  press,
  record,
  spyPayments,
  text,
  until,
  waitForIdle,
} from './pay-invoice-helpers.js';

function form(el: AcctPayInvoice): AcctPaymentMethodForm {
  const found = el.querySelector('acct-payment-method-form');
  expect(found, 'the add form').to.exist;
  return found!;
}

/** Saves the form and waits until the flow has taken the new method. */
async function save(el: AcctPayInvoice) {
  const added = record<AcctPaymentMethodChangeEvent>(el, 'acct-payment-method-change');
  $<HTMLButtonElement>(form(el), '[part="submit-button"]')!.click();
  await until(() => added.length > 0, 5000);
  await el.updateComplete;
  return added[0].detail.paymentMethod;
}

describe('acct-pay-invoice: adding a payment method in the flow', () => {
  it('no saved method: the form opens in light DOM; a saved bank account is chosen and paid with', async () => {
    const api = memoryApi();
    api.data.paymentMethods = [];
    const el = await mount(html`<acct-pay-invoice .api=${api} invoice-ids=${payableInvoices(api)[0].id}></acct-pay-invoice>`);
    await press(el, 'continue-button');
    await waitForIdle(el);
    const add = form(el);
    expect(add.parentElement, 'a light-DOM child, so card fields mount in the document').to.equal(el);
    expect(add.cancelable, 'nothing to go back to').to.be.false;
    expect(add.firstMethod, 'the first method is the default anyway').to.be.true;
    await expect(el).to.be.accessible();
    // The test gateway offers cards and bank accounts; without the raw-card opt-in, a bank account.
    $<HTMLInputElement>(add, 'input[value="bank_account"]')!.click();
    await add.updateComplete;
    fillBank(add);
    const method = await save(el);
    expect(el.querySelector('acct-payment-method-form'), 'the form is gone').to.equal(null);
    expect($<HTMLInputElement>(el, '[part~="method"] input:checked')!.value).to.equal(method.id);
    expect(focused(el)).to.equal($(el, '[part~="method"] input:checked'));
    await press(el, 'continue-button');
    expect(text($(el, '.facts'))).to.contain('Test Bank •••• 6789');
    await press(el, 'pay-button');
    await until(() => hasState(el, 'processing'));
  });

  it('"Add a payment method" opens the form with focus in it; Cancel closes it, and acct-cancel stays inside', async () => {
    const api = memoryApi();
    const el = await mount(html`<acct-pay-invoice .api=${api} invoice-ids=${payableInvoices(api)[0].id}></acct-pay-invoice>`);
    const escaped = record(document, 'acct-cancel');
    await press(el, 'continue-button');
    await press(el, 'add-method-button');
    const add = form(el);
    expect(add.cancelable).to.be.true;
    expect(add.firstMethod).to.be.false;
    await waitForIdle(el);
    await until(() => document.activeElement === add);
    expect(add.shadowRoot!.activeElement, 'the first field of the form').to.exist;
    $<HTMLButtonElement>(add, '[part="cancel-button"]')!.click();
    await el.updateComplete;
    expect(el.querySelector('acct-payment-method-form')).to.equal(null);
    expect(escaped).to.have.length(0);
    expect(hasState(el, 'method')).to.be.true;
    expect(focused(el)).to.equal(heading(el));
    expect($$(el, '[part~="method"]')).to.have.length(3);
  });

  it('a test card added in the flow is declined; "Try another payment method" → the default card, a new key', async () => {
    const api = memoryApi();
    const sent = spyPayments(api);
    const root = await mount(
      html`<acct-provider .api=${api} allow-raw-card-data>
        <acct-pay-invoice invoice-ids=${payableInvoices(api)[0].id}></acct-pay-invoice>
      </acct-provider>`,
    );
    const el = root.querySelector('acct-pay-invoice')!;
    await waitForIdle(root);
    const failed = record<AcctPaymentFailedEvent>(el, 'acct-payment-failed');
    await press(el, 'continue-button');
    await press(el, 'add-method-button');
    await waitForIdle(el);
    fillCard(form(el), { number: '4000 0000 0000 0002' });
    setField(form(el), 'name', 'Northwind Traders');
    const card = await save(el);
    expect(card.card?.last4).to.equal('0002');
    await press(el, 'continue-button');
    expect(text($(el, '.facts'))).to.contain('Visa •••• 0002');
    await press(el, 'pay-button');
    await until(() => failed.length > 0);
    expect(text($(el, '[part="result"]'))).to.contain('The card was declined.');
    await press(el, 'continue-button');
    expect($<HTMLInputElement>(el, '[part~="method"] input:checked')!.value).to.equal(api.data.paymentMethods[0].id);
    await press(el, 'continue-button');
    await press(el, 'pay-button');
    await until(() => hasState(el, 'succeeded'));
    expect(sent.map((s) => s.body.payment_method_id)).to.deep.equal([card.id, api.data.paymentMethods[0].id]);
    expect(sent[1].key).to.not.equal(sent[0].key);
  });

  it('a lone element passes its own tokenizer and raw-card opt-in to the form', async () => {
    const api = memoryApi();
    const el = await mount(html`<acct-pay-invoice allow-raw-card-data .api=${api} invoice-ids=${payableInvoices(api)[0].id}></acct-pay-invoice>`);
    await press(el, 'continue-button');
    await press(el, 'add-method-button');
    await waitForIdle(el);
    expect(form(el).allowRawCardData).to.be.true;
    expect($(form(el), '[name="number"]'), 'the test-gateway card number field').to.exist;
  });
});

import { expect, html } from '@open-wc/testing';
import { toSummary } from '../../src/api/fixtures/generate.js';
import { ApiError } from '../../src/api/errors.js';
import type { AcctErrorEvent, AcctPaymentSucceededEvent } from '../../src/events/index.js';
import {
  $,
  $$,
  button,
  capturingConsoleErrors,
  charges,
  focused,
  hasState,
  heading,
  liveStatus,
  memoryApi,
  mount,
  payableInvoices,
  press,
  record,
  sleep,
  text,
  toConfirm,
  until,
  waitForIdle,
} from './pay-invoice-helpers.js';

describe('acct-pay-invoice: states', () => {
  it('loading: skeleton, aria-busy, :state(loading)', async () => {
    const el = await mount(html`<acct-pay-invoice .api=${memoryApi({ latencyMs: Infinity })}></acct-pay-invoice>`, false);
    await el.updateComplete;
    expect(hasState(el, 'loading')).to.be.true;
    expect($(el, '[part="base"]')!.getAttribute('aria-busy')).to.equal('true');
    expect($(el, '.skeleton')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('not configured: says how to connect it (and tells the developer once)', async () => {
    const logged = await capturingConsoleErrors(async () => {
      const el = await mount(html`<acct-pay-invoice></acct-pay-invoice>`, false);
      await until(() => hasState(el, 'unconfigured'));
      expect(text($(el, '[part="error"]'))).to.contain('not connected to an account');
      await expect(el).to.be.accessible();
    });
    expect(logged).to.have.length(1);
  });

  it('error: a failed load shows Retry, tells the host once, and Retry recovers', async () => {
    const api = memoryApi({
      fail: (operation, index) => (operation === 'listPaymentMethods' && index === 0 ? new ApiError('server', 'boom', { status: 500, requestId: 'req_1' }) : undefined),
    });
    const errors: AcctErrorEvent[] = [];
    document.addEventListener('acct-error', (e) => errors.push(e as AcctErrorEvent), { once: true });
    const el = await mount(html`<acct-pay-invoice .api=${api}></acct-pay-invoice>`);
    expect(hasState(el, 'error')).to.be.true;
    expect(text($(el, '[part="error"]'))).to.contain('Reference: req_1');
    expect(errors).to.have.length(1);
    await expect(el).to.be.accessible();
    await press(el, 'retry-button');
    await waitForIdle(el);
    expect(hasState(el, 'select')).to.be.true;
  });

  it('permission-limited: a billing viewer gets no Pay and nothing else is loaded', async () => {
    const api = memoryApi({ fixture: 'viewer' });
    const el = await mount(html`<acct-pay-invoice .api=${api}></acct-pay-invoice>`);
    expect(hasState(el, 'readonly')).to.be.true;
    expect(text(el.shadowRoot!.querySelector('.message'))).to.contain('not pay them');
    expect($(el, '[part~="pay-button"]')).to.equal(null);
    expect(api.calls.map((c) => c.operation)).to.deep.equal(['getAccount']);
    await expect(el).to.be.accessible();
  });

  it('no payable invoices: says so', async () => {
    const el = await mount(html`<acct-pay-invoice .api=${memoryApi({ fixture: 'empty' })}></acct-pay-invoice>`);
    expect(hasState(el, 'empty')).to.be.true;
    expect(text(heading(el))).to.equal('Nothing to pay');
    await expect(el).to.be.accessible();
  });

  it('given invoices that are all paid: nothing to pay', async () => {
    const api = memoryApi();
    const paid = api.data.invoices.find((invoice) => invoice.status === 'paid')!;
    const el = await mount(html`<acct-pay-invoice .api=${api} invoice-ids=${paid.id}></acct-pay-invoice>`);
    expect(hasState(el, 'empty')).to.be.true;
  });
});

describe('acct-pay-invoice: steps', () => {
  it('"Make a payment": the open invoices, all preselected, with their total', async () => {
    const api = memoryApi();
    const el = await mount(html`<acct-pay-invoice .api=${api}></acct-pay-invoice>`);
    const open = payableInvoices(api);
    expect(hasState(el, 'select')).to.be.true;
    expect(api.calls.filter((c) => c.operation === 'listInvoices').map((c) => c.args[0])).to.deep.equal([{ status: 'open', limit: 100 }]);
    const boxes = $$<HTMLInputElement>(el, '[part="invoice-list"] .choice:not(.all) input');
    expect(boxes).to.have.length(open.length);
    expect(boxes.every((box) => box.checked)).to.be.true;
    const total = open.reduce((sum, invoice) => sum + invoice.amount_due.amount, 0);
    expect(text($(el, '#selection-summary'))).to.equal(
      `${open.length} selected, total ${new Intl.NumberFormat('en', { style: 'currency', currency: 'USD' }).format(total / 100)}`,
    );
    await expect(el).to.be.accessible();

    boxes[0].click();
    await el.updateComplete;
    expect($<HTMLInputElement>(el, '.choice.all input')!.indeterminate).to.be.true;
    await press(el, 'continue-button');
    expect(hasState(el, 'review')).to.be.true;
    expect(focused(el)).to.equal(heading(el));
    const rows = $$(el, 'tbody tr').map((row) => text(row.querySelector('th bdi')));
    expect(rows).to.deep.equal(open.slice(1).map((invoice) => invoice.number));
  });

  it('select: none selected → Continue disabled with the reason', async () => {
    const el = await mount(html`<acct-pay-invoice .api=${memoryApi()}></acct-pay-invoice>`);
    $<HTMLInputElement>(el, '.choice.all input')!.click();
    await el.updateComplete;
    expect(button(el, 'continue-button').disabled).to.be.true;
    expect(text($(el, '#selection-summary'))).to.equal('Select at least one invoice.');
  });

  it('invoice-ids: starts at the review with each invoice, its due date, amount due and the total', async () => {
    const api = memoryApi();
    const [a, b] = payableInvoices(api);
    const el = await mount(html`<acct-pay-invoice .api=${api} invoice-ids="${a.id}, ${b.id}"></acct-pay-invoice>`);
    expect(el.invoiceIds).to.deep.equal([a.id, b.id]);
    expect(hasState(el, 'review')).to.be.true;
    expect(text(heading(el))).to.equal('Review payment');
    const rows = $$(el, 'tbody tr').map((row) => Array.from(row.children).map((cell) => text(cell)));
    const format = (amount: number) => new Intl.NumberFormat('en', { style: 'currency', currency: 'USD' }).format(amount / 100);
    const date = (d: string) => new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${d}T00:00:00Z`));
    expect(rows).to.deep.equal([
      [`${a.number} Due ${date(a.due_on!)}`, format(a.amount_due.amount)],
      [`${b.number} Due ${date(b.due_on!)}`, format(b.amount_due.amount)],
    ]);
    expect(text($(el, '[part="total"] td'))).to.equal(format(a.amount_due.amount + b.amount_due.amount));
    expect(text(el.shadowRoot!.querySelector('.summary + p'))).to.contain('Amounts in USD.');
    expect($(el, '[part="progress"] [aria-current="step"]')!.textContent).to.equal('Review');
    await expect(el).to.be.accessible();
  });

  it('invoices property (from acct-pay-request): no invoice request at all; "Change invoices" leads to the open ones', async () => {
    const api = memoryApi();
    const [a] = payableInvoices(api);
    const el = await mount(html`<acct-pay-invoice .api=${api} .invoices=${[toSummary(a)]}></acct-pay-invoice>`);
    expect(hasState(el, 'review')).to.be.true;
    expect(api.calls.some((c) => c.operation === 'getInvoice' || c.operation === 'listInvoices')).to.be.false;
    await press(el, 'back-button');
    await waitForIdle(el);
    expect(hasState(el, 'select')).to.be.true;
    const checked = $$<HTMLInputElement>(el, '.choice:not(.all) input').filter((box) => box.checked);
    expect(checked).to.have.length(1);
    expect(checked[0].closest('label')!.textContent).to.contain(a.number);
  });

  it('method: saved methods as a radio group, the default preselected, an expired card disabled and marked', async () => {
    const api = memoryApi();
    const el = await mount(html`<acct-pay-invoice .api=${api} invoice-ids=${payableInvoices(api)[0].id}></acct-pay-invoice>`);
    await press(el, 'continue-button');
    expect(hasState(el, 'method')).to.be.true;
    expect(focused(el)).to.equal(heading(el));
    const options = $$(el, '[part~="method"]');
    expect(options.map((option) => text(option.querySelector('bdi')))).to.deep.equal(['Visa •••• 4242', 'Test Bank •••• 6789', 'Mastercard •••• 4444']);
    const radios = options.map((option) => option.querySelector('input')!);
    expect(radios.map((radio) => radio.checked)).to.deep.equal([true, false, false]);
    expect(radios[2].disabled).to.be.true;
    expect(text(options[2])).to.contain('Expired');
    // One wording with the methods list: "Expired 01/2025", not "Expires 01/2025" beside the badge.
    const mastercard = api.data.paymentMethods.find((m) => m.card?.brand === 'mastercard')!.card!;
    expect(text(options[2])).to.contain(`Expired ${String(mastercard.exp_month).padStart(2, '0')}/${mastercard.exp_year}`);
    expect(text(options[2])).not.to.contain('Expires');
    expect(text(options[0])).to.contain('Expires 12/');
    expect(text(options[0])).to.contain('Default');
    expect(text(options[1])).to.contain('ACH');
    await expect(el).to.be.accessible();
  });

  it('confirm: amount, currency, method and invoices before any charge, and "Pay <amount>"', async () => {
    const api = memoryApi();
    const invoice = payableInvoices(api)[0];
    const el = await mount(html`<acct-pay-invoice .api=${api} invoice-ids=${invoice.id}></acct-pay-invoice>`);
    await toConfirm(el);
    const amount = new Intl.NumberFormat('en', { style: 'currency', currency: 'USD' }).format(invoice.amount_due.amount / 100);
    const facts = Object.fromEntries($$(el, '.facts > div').map((row) => [text(row.querySelector('dt')), text(row.querySelector('dd'))]));
    expect(facts).to.deep.equal({
      Amount: amount,
      Currency: 'USD',
      'Payment method': 'Visa •••• 4242',
      Invoice: `${invoice.number} (${amount})`,
    });
    expect(text(button(el, 'pay-button'))).to.equal(`Pay ${amount}`);
    expect(charges(api)).to.equal(0);
    await expect(el).to.be.accessible();
  });

  it('pays: the result shows id, amount, method and invoices; the event comes after the DOM shows it', async () => {
    const api = memoryApi();
    const invoice = payableInvoices(api)[0];
    const el = await mount(html`<acct-pay-invoice .api=${api} invoice-ids=${invoice.id}></acct-pay-invoice>`);
    await toConfirm(el);
    let shownWhenTold = '';
    const events = record<AcctPaymentSucceededEvent>(el, 'acct-payment-succeeded');
    el.addEventListener('acct-payment-succeeded', () => (shownWhenTold = text(heading(el))));
    await press(el, 'pay-button');
    await until(() => events.length > 0);
    expect(shownWhenTold).to.equal('Payment successful');
    expect(hasState(el, 'result') && hasState(el, 'succeeded')).to.be.true;
    const payment = events[0].detail.payment;
    expect(payment.status).to.equal('succeeded');
    expect(api.data.payments[0].id).to.equal(payment.id);
    expect(text($(el, '.facts'))).to.contain(payment.id);
    expect(text($(el, '.facts'))).to.contain(invoice.number);
    expect(focused(el)).to.equal(heading(el));
    expect(liveStatus(el)).to.match(/^Payment of \$[\d,.]+ succeeded\.$/);
    expect(api.data.invoices.find((i) => i.id === invoice.id)!.status).to.equal('paid');
    await expect(el).to.be.accessible();
  });

  it('no saved payment method: the method step opens "add" straight away', async () => {
    const api = memoryApi();
    api.data.paymentMethods = [];
    const el = await mount(html`<acct-pay-invoice .api=${api} invoice-ids=${payableInvoices(api)[0].id}></acct-pay-invoice>`);
    await press(el, 'continue-button');
    expect(hasState(el, 'method')).to.be.true;
    expect(text($(el, '.step'))).to.contain('There is no saved payment method yet.');
    // The form's code loads when it is first needed (the step is busy meanwhile).
    await waitForIdle(el);
    const form = el.querySelector('acct-payment-method-form')!;
    expect(form, 'the form, in light DOM').to.exist;
    expect(form.assignedSlot).to.equal($(el, '[part="add-method"] slot'));
    expect($(el, '[part~="add-method-button"]')).to.equal(null);
  });

  it('a long wait for the methods after a refresh keeps the step (no flash of skeleton)', async () => {
    const api = memoryApi();
    const el = await mount(html`<acct-pay-invoice .api=${api} invoice-ids=${payableInvoices(api)[0].id}></acct-pay-invoice>`);
    await press(el, 'continue-button');
    el.refresh();
    await el.updateComplete;
    expect(hasState(el, 'method')).to.be.true;
    await sleep(0);
    await waitForIdle(el);
    expect(hasState(el, 'method')).to.be.true;
  });
});

describe('acct-pay-invoice: edge cases', () => {
  it('given invoices in two currencies: the select step asks to choose those of one currency', async () => {
    const api = memoryApi();
    const [a, b] = payableInvoices(api).map(toSummary);
    const eur = { ...b, amount_due: { amount: 5000, currency: 'EUR' }, total: { amount: 5000, currency: 'EUR' } };
    const el = await mount(html`<acct-pay-invoice .api=${api} .invoices=${[a, eur]}></acct-pay-invoice>`);
    expect(hasState(el, 'select')).to.be.true;
    expect(text($(el, '#selection-summary'))).to.contain('different currencies');
    expect(button(el, 'continue-button').disabled).to.be.true;
    $$<HTMLInputElement>(el, '.choice:not(.all) input')[1].click();
    await el.updateComplete;
    await press(el, 'continue-button');
    expect(hasState(el, 'review')).to.be.true;
    expect($$(el, 'tbody tr')).to.have.length(1);
  });

  it('only expired cards: Continue says to choose a method and nothing else happens', async () => {
    const api = memoryApi();
    api.data.paymentMethods = api.data.paymentMethods.filter((method) => method.card?.brand === 'mastercard');
    const el = await mount(html`<acct-pay-invoice .api=${api} invoice-ids=${payableInvoices(api)[0].id}></acct-pay-invoice>`);
    await press(el, 'continue-button');
    await press(el, 'continue-button');
    expect(hasState(el, 'method')).to.be.true;
    expect(text($(el, '#method-error'))).to.equal('Choose a payment method.');
    expect($(el, '[part~="methods"]')!.getAttribute('aria-describedby')).to.equal('method-error');
    await expect(el).to.be.accessible();
  });

  it('new invoice-ids start a new flow at the review', async () => {
    const api = memoryApi();
    const [a, b] = payableInvoices(api);
    const el = await mount(html`<acct-pay-invoice .api=${api} invoice-ids=${a.id}></acct-pay-invoice>`);
    await press(el, 'continue-button');
    expect(hasState(el, 'method')).to.be.true;
    el.setAttribute('invoice-ids', b.id);
    await waitForIdle(el);
    expect(hasState(el, 'review')).to.be.true;
    expect(text($(el, 'tbody th bdi'))).to.equal(b.number);
  });
});

import { expect, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ApiError } from '../../src/api/errors.js';
import { applyLocale } from '../../src/core/localization.js';
import type { ResourceName } from '../../src/api/account-api.js';
import type {
  AcctBeforePaymentEvent,
  AcctPaymentFailedEvent,
  AcctPaymentProcessingEvent,
  AcctPaymentSucceededEvent,
} from '../../src/events/index.js';
import type { AcctPayInvoice } from '../../src/components/pay-invoice/pay-invoice.js';
import type { AcctInvoiceList } from '../../src/components/invoice-list/invoice-list.js';
import '../../src/components/provider/acct-provider.js';
import '../../src/components/invoice-list/acct-invoice-list.js';
import {
  $,
  $$,
  addTestCard,
  button,
  charges,
  focused,
  hasState,
  heading,
  liveAlert,
  liveStatus,
  memoryApi,
  mount,
  payableInvoices,
  press,
  record,
  sleep,
  spyPayments,
  text,
  toConfirm,
  until,
  waitForIdle,
} from './pay-invoice-helpers.js';

const usd = (minor: number) => new Intl.NumberFormat('en', { style: 'currency', currency: 'USD' }).format(minor / 100);

describe('acct-pay-invoice: one intent, one charge (R1)', () => {
  it('20 clicks + Enter + Space while it runs → one createPayment, the button disabled and busy at once, one success event', async () => {
    const api = memoryApi({ latencyMs: (operation) => (operation === 'createPayment' ? 600 : 0) });
    const el = await mount(html`<acct-pay-invoice .api=${api} invoice-ids=${payableInvoices(api)[0].id}></acct-pay-invoice>`);
    await toConfirm(el);
    const succeeded = record<AcctPaymentSucceededEvent>(el, 'acct-payment-succeeded');
    const sent = spyPayments(api);
    const pay = button(el, 'pay-button');
    const start = performance.now();
    pay.click();
    // At once: before any render.
    expect(pay.getAttribute('aria-disabled')).to.equal('true');
    expect(pay.getAttribute('aria-busy')).to.equal('true');
    for (let i = 0; i < 19; i++) pay.click();
    expect(performance.now() - start, '20 clicks').to.be.below(50);
    // Real key presses take a round trip to the test runner each: they land while the payment runs.
    pay.focus();
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'Space' });
    expect(succeeded, 'the keys came while the payment was running').to.have.length(0);
    await el.updateComplete;
    expect(hasState(el, 'paying')).to.be.true;
    expect(text(button(el, 'pay-button'))).to.equal('Processing payment…');
    expect(liveStatus(el)).to.equal('Processing payment…');
    await until(() => succeeded.length > 0);
    await sleep(50);
    expect(sent, 'createPayment calls, before the API could deduplicate them').to.have.length(1);
    expect(charges(api)).to.equal(1);
    expect(api.data.payments.filter((p) => p.created_at > new Date(Date.now() - 60_000).toISOString())).to.have.length(1);
    expect(succeeded).to.have.length(1);
  });
});

describe('acct-pay-invoice: the invoices keep their order', () => {
  it('confirm and success list the invoices in the same order, also when the server allocates oldest due first', async () => {
    const api = memoryApi();
    const [a, b] = payableInvoices(api).filter((invoice) => invoice.due_on).sort((x, y) => y.due_on!.localeCompare(x.due_on!));
    expect(a.due_on! > b.due_on!, 'the later due invoice first').to.be.true;
    const el = await mount(html`<acct-pay-invoice .api=${api} invoice-ids="${a.id} ${b.id}"></acct-pay-invoice>`);
    await toConfirm(el);
    const listed = () => $$(el, '[part="summary"] li > bdi').map(text);
    expect(listed()).to.deep.equal([a.number, b.number]);
    const succeeded = record<AcctPaymentSucceededEvent>(el, 'acct-payment-succeeded');
    await press(el, 'pay-button');
    await until(() => succeeded.length > 0);
    await el.updateComplete;
    expect(succeeded[0].detail.payment.allocations.map((allocation) => allocation.invoice_number), 'the server: oldest due first').to.deep.equal([b.number, a.number]);
    expect($(el, '[part="result"]'), 'success screen').to.exist;
    expect(listed()).to.deep.equal([a.number, b.number]);
  });
});

describe('acct-pay-invoice: declines (R3)', () => {
  for (const [number, code, reason] of [
    ['4000000000000002', 'card_declined', 'The card was declined.'],
    ['4000000000009995', 'insufficient_funds', 'There were not enough funds'],
    ['4000000000000069', 'expired_card', 'The card has expired.'],
    ['4000000000000127', 'incorrect_cvc', 'The security code (CVC) is incorrect.'],
  ]) {
    it(`${code}: the mapped reason; "Try another payment method" → another method, a NEW key`, async () => {
      const api = memoryApi();
      const card = await addTestCard(api, number);
      const sent = spyPayments(api);
      const el = await mount(html`<acct-pay-invoice .api=${api} invoice-ids=${payableInvoices(api)[0].id}></acct-pay-invoice>`);
      const failed = record<AcctPaymentFailedEvent>(el, 'acct-payment-failed');
      await press(el, 'continue-button');
      const radio = $$<HTMLInputElement>(el, '[part~="method"] input').find((input) => input.value === card.id)!;
      radio.click();
      await press(el, 'continue-button');
      await press(el, 'pay-button');
      await until(() => failed.length > 0);
      expect(hasState(el, 'declined')).to.be.true;
      expect(text(heading(el))).to.equal('Payment declined');
      expect(text($(el, '[part="result"]'))).to.contain(reason);
      // Which method was declined, for which invoice (issue 9, new user 4).
      const facts = text($(el, '[part="summary"]'));
      expect(facts).to.contain(`Payment method Visa •••• ${number.slice(-4)}`);
      expect(facts).to.contain(payableInvoices(api)[0].number);
      expect(liveAlert(el)).to.contain(reason);
      expect(failed[0].detail.error.problem?.code).to.equal(code);
      expect(focused(el)).to.equal(heading(el));
      expect($(el, '[part~="pay-button"]'), 'no Pay on the decline screen').to.equal(null);
      await expect(el).to.be.accessible();

      await press(el, 'continue-button');
      expect(hasState(el, 'method')).to.be.true;
      const checked = $<HTMLInputElement>(el, '[part~="method"] input:checked')!;
      expect(checked.value).to.not.equal(card.id);
      await press(el, 'continue-button');
      await press(el, 'pay-button');
      await until(() => hasState(el, 'succeeded'));
      expect(sent).to.have.length(2);
      expect(sent[1].key).to.not.equal(sent[0].key);
      expect(sent[1].body.payment_method_id).to.equal(checked.value);
      expect(sent[1].body.invoice_ids).to.deep.equal(sent[0].body.invoice_ids);
    });
  }
});

describe('acct-pay-invoice: two tabs (R4)', () => {
  it('two elements paying the same invoice → one charge, the other says "already paid"', async () => {
    const api = memoryApi({ latencyMs: (operation) => (operation === 'createPayment' ? 50 : 0) });
    const invoice = payableInvoices(api)[0];
    const before = api.data.payments.length;
    const first = await mount(html`<acct-pay-invoice .api=${api} invoice-ids=${invoice.id}></acct-pay-invoice>`);
    const second = await mount(html`<acct-pay-invoice .api=${api} invoice-ids=${invoice.id}></acct-pay-invoice>`);
    await toConfirm(first);
    await toConfirm(second);
    button(first, 'pay-button').click();
    button(second, 'pay-button').click();
    await until(() => hasState(first, 'result') && hasState(second, 'result'));
    const states = [first, second].map((el) => (hasState(el, 'succeeded') ? 'succeeded' : hasState(el, 'already-paid') ? 'already-paid' : 'other'));
    expect(states.sort()).to.deep.equal(['already-paid', 'succeeded']);
    const loser = hasState(first, 'already-paid') ? first : second;
    expect(text($(loser, '[part="result"]'))).to.contain('This invoice has already been paid.');
    expect(api.data.payments.length - before).to.equal(1);
    await expect(loser).to.be.accessible();
    // "Start over" shows the server's current state: nothing left to pay for that invoice.
    await press(loser, 'continue-button');
    await waitForIdle(loser);
    expect(hasState(loser, 'empty')).to.be.true;
  });
});

describe('acct-pay-invoice: fresh after writes (R13)', () => {
  it('with acct-invoice-list in one provider: the paid invoice shows Paid within 1 s', async () => {
    const api = memoryApi();
    const invoice = payableInvoices(api)[0];
    const root = await mount(
      html`<acct-provider .api=${api}>
        <acct-invoice-list page-size="50"></acct-invoice-list>
        <acct-pay-invoice invoice-ids=${invoice.id}></acct-pay-invoice>
      </acct-provider>`,
    );
    const list = root.querySelector('acct-invoice-list') as AcctInvoiceList;
    const pay = root.querySelector('acct-pay-invoice') as AcctPayInvoice;
    await waitForIdle(root);
    const statusOf = () => {
      const row = Array.from(list.shadowRoot!.querySelectorAll('.body [role="row"]')).find((r) => r.textContent!.includes(invoice.number));
      return text(row?.querySelector('[part="status"]'));
    };
    expect(statusOf()).to.not.equal('Paid');
    await toConfirm(pay);
    await press(pay, 'pay-button');
    await until(() => hasState(pay, 'succeeded'));
    const paidAt = performance.now();
    await until(() => statusOf() === 'Paid', 1000);
    expect(performance.now() - paidAt).to.be.below(1000);
  });
});

describe('acct-pay-invoice: bank payments (ACH)', () => {
  it('processing → "banks take 1-3 business days", polled until it settles; then succeeded and everything refreshes', async () => {
    const api = memoryApi({ achSettleMs: 300 });
    const invalidated: ResourceName[][] = [];
    const el = await mount(html`<acct-pay-invoice .api=${api} status-poll-interval="100" invoice-ids=${payableInvoices(api)[0].id}></acct-pay-invoice>`);
    const processing = record<AcctPaymentProcessingEvent>(el, 'acct-payment-processing');
    const succeeded = record<AcctPaymentSucceededEvent>(el, 'acct-payment-succeeded');
    await press(el, 'continue-button');
    $$<HTMLInputElement>(el, '[part~="method"] input')[1].click();
    await press(el, 'continue-button');
    expect(text($(el, '.step'))).to.contain('Bank transfer (ACH): takes 1-3 business days.');
    // Every invalidation, and how many came before the processing answer (the payment's own):
    // the settlement's comes after it, whenever the bank settles (even during the axe check).
    api.onInvalidate((resources) => invalidated.push([...resources]));
    let beforeProcessing = -1;
    el.addEventListener('acct-payment-processing', () => (beforeProcessing = invalidated.length));
    await press(el, 'pay-button');
    await until(() => processing.length > 0);
    expect(hasState(el, 'processing')).to.be.true;
    expect(text(heading(el))).to.equal('Payment processing');
    expect(text($(el, '[part="result"]'))).to.contain('Processing — banks take 1-3 business days');
    expect(liveStatus(el)).to.contain('banks take 1-3 business days');
    await expect(el).to.be.accessible();
    await until(() => succeeded.length > 0, 5000);
    expect(hasState(el, 'succeeded')).to.be.true;
    expect(succeeded[0].detail.payment.status).to.equal('succeeded');
    expect(invalidated.slice(beforeProcessing).some((r) => ['invoices', 'account', 'payments', 'transactions'].every((name) => r.includes(name as ResourceName)))).to.be.true;
    const polls = api.calls.filter((c) => c.operation === 'getPayment').length;
    await sleep(400);
    expect(api.calls.filter((c) => c.operation === 'getPayment').length, 'no polling after it settled').to.equal(polls);
  });

  it('a bank payment that fails on settlement: failed, with the reason and another method offered', async () => {
    const api = memoryApi({ achSettleMs: 100 });
    const bank = await api.addPaymentMethod(
      { type: 'bank_account', bank_account: { account_holder_name: 'N', routing_number: '110000000', account_number: '000111111116', account_type: 'checking' }, mandate_accepted: true },
      { idempotencyKey: 'setup-bank' },
    );
    const el = await mount(html`<acct-pay-invoice .api=${api} status-poll-interval="100" invoice-ids=${payableInvoices(api)[0].id}></acct-pay-invoice>`);
    const failed = record<AcctPaymentFailedEvent>(el, 'acct-payment-failed');
    await press(el, 'continue-button');
    $$<HTMLInputElement>(el, '[part~="method"] input').find((input) => input.value === bank.id)!.click();
    await press(el, 'continue-button');
    await press(el, 'pay-button');
    await until(() => failed.length > 0, 3000);
    expect(hasState(el, 'failed')).to.be.true;
    expect(failed[0].detail.payment?.status).to.equal('failed');
    expect(text($(el, '[part="result"]'))).to.contain('not enough funds');
    expect(button(el, 'continue-button').textContent).to.contain('Try another payment method');
  });

  it('polling stops when the element is removed and starts again when it comes back', async () => {
    const api = memoryApi({ achSettleMs: 60_000 });
    const el = await mount(html`<acct-pay-invoice .api=${api} status-poll-interval="50" invoice-ids=${payableInvoices(api)[0].id}></acct-pay-invoice>`);
    await press(el, 'continue-button');
    $$<HTMLInputElement>(el, '[part~="method"] input')[1].click();
    await press(el, 'continue-button');
    await press(el, 'pay-button');
    await until(() => hasState(el, 'processing'));
    await until(() => api.calls.some((c) => c.operation === 'getPayment'));
    const parent = el.parentElement!;
    el.remove();
    const polls = api.calls.filter((c) => c.operation === 'getPayment').length;
    await sleep(300);
    expect(api.calls.filter((c) => c.operation === 'getPayment').length).to.equal(polls);
    parent.append(el);
    await until(() => api.calls.filter((c) => c.operation === 'getPayment').length > polls);
  });
});

describe('acct-pay-invoice: the host may stop a payment', () => {
  it('acct-before-payment prevented → back to the review with a message, nothing sent', async () => {
    const api = memoryApi();
    const el = await mount(html`<acct-pay-invoice .api=${api} invoice-ids=${payableInvoices(api)[0].id}></acct-pay-invoice>`);
    const seen: AcctBeforePaymentEvent[] = [];
    el.addEventListener('acct-before-payment', (event) => {
      seen.push(event);
      event.preventDefault();
    });
    await toConfirm(el);
    await press(el, 'pay-button');
    expect(seen).to.have.length(1);
    expect(seen[0].detail.paymentMethod.id).to.equal(api.data.paymentMethods[0].id);
    expect(seen[0].detail.amount).to.deep.equal(payableInvoices(api)[0].amount_due);
    expect(hasState(el, 'review')).to.be.true;
    expect(text($(el, '[part="notice"]'))).to.equal('The payment was stopped before anything was charged.');
    expect(focused(el)).to.equal(heading(el));
    expect(charges(api)).to.equal(0);
    await expect(el).to.be.accessible();
  });
});

describe('acct-pay-invoice: partial amounts', () => {
  async function review(fixture: 'typical' | 'jpy' | 'kwd', setup?: (api: ReturnType<typeof memoryApi>) => void) {
    const api = memoryApi({ fixture });
    setup?.(api);
    const invoice = payableInvoices(api)[0];
    const el = await mount(html`<acct-pay-invoice .api=${api} invoice-ids=${invoice.id}></acct-pay-invoice>`);
    return { api, el, invoice };
  }

  async function typeAmount(el: AcctPayInvoice, value: string) {
    $<HTMLInputElement>(el, 'input[value="other"]')!.click();
    await el.updateComplete;
    const input = $<HTMLInputElement>(el, '#amount-input')!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await el.updateComplete;
    await press(el, 'continue-button');
    return input;
  }

  function amountError(el: AcctPayInvoice): string {
    return text($(el, '#amount-error'));
  }

  it('no amount input without payment terms for it, or without the payments:partial capability', async () => {
    const noTerms = await review('typical', (api) => (api.data.account.payment_terms = null));
    expect($(noTerms.el, '[part="amount"]')).to.equal(null);
    const noCapability = await review('typical', (api) => {
      api.data.account.capabilities = api.data.account.capabilities.filter((c) => c !== 'payments:partial');
    });
    expect($(noCapability.el, '[part="amount"]')).to.equal(null);
  });

  it('USD: > 0, ≤ total, ≥ minimum, two decimals; the error is tied to the field and focused', async () => {
    const { el, invoice, api } = await review('typical');
    const due = invoice.amount_due.amount;
    const cases: Array<[string, string]> = [
      ['', 'Enter the amount to pay.'],
      ['abc', `Enter an amount like ${(due / 100).toFixed(2)}, in USD.`],
      ['12.345', `Enter an amount like ${(due / 100).toFixed(2)}, in USD.`],
      ['1,000.00', `Enter an amount like ${(due / 100).toFixed(2)}, in USD.`],
      ['0', 'Enter an amount greater than zero.'],
      ['-5', 'Enter an amount greater than zero.'],
      [((due + 1) / 100).toFixed(2), `The amount cannot be more than ${usd(due)}.`],
      ['0.99', 'The minimum payment is $1.00.'],
    ];
    for (const [value, message] of cases) {
      const input = await typeAmount(el, value);
      expect(amountError(el), `"${value}"`).to.equal(message);
      expect(hasState(el, 'review')).to.be.true;
      expect(input.getAttribute('aria-invalid')).to.equal('true');
      expect(input.getAttribute('aria-describedby')).to.equal('amount-hint amount-error');
      expect(focused(el)).to.equal(input);
    }
    await expect(el).to.be.accessible();
    const sent = spyPayments(api);
    await typeAmount(el, '10.50');
    expect(hasState(el, 'method')).to.be.true;
    await press(el, 'continue-button');
    expect(text(button(el, 'pay-button'))).to.equal('Pay $10.50');
    await press(el, 'pay-button');
    await until(() => hasState(el, 'succeeded'));
    expect(sent[0].body.amount).to.deep.equal({ amount: 1050, currency: 'USD' });
    expect(api.data.invoices.find((i) => i.id === invoice.id)!.amount_due.amount).to.equal(due - 1050);
  });

  it('the full amount may be typed even below the minimum payment', async () => {
    const { el, invoice } = await review('typical', (api) => {
      const first = payableInvoices(api)[0];
      first.amount_due = { amount: 50, currency: 'USD' };
    });
    expect(invoice.amount_due.amount).to.equal(50);
    await typeAmount(el, '0.50');
    expect(hasState(el, 'method')).to.be.true;
  });

  it('JPY has no minor unit: whole yen only', async () => {
    const { el, invoice } = await review('jpy');
    expect(invoice.amount_due.currency).to.equal('JPY');
    await typeAmount(el, '1500.5');
    expect(amountError(el)).to.equal(`Enter an amount like ${invoice.amount_due.amount}, in JPY.`);
    await typeAmount(el, '99');
    expect(amountError(el)).to.contain('The minimum payment is');
    await typeAmount(el, '1500');
    expect(hasState(el, 'method')).to.be.true;
    await press(el, 'continue-button');
    expect(text($(el, '.facts dd.strong'))).to.equal(new Intl.NumberFormat('en', { style: 'currency', currency: 'JPY' }).format(1500));
  });

  it('KWD has three decimals: 1.234 is 1234 fils, 1.2345 is refused', async () => {
    const { el, api } = await review('kwd', (a) => {
      a.data.account.payment_terms = { partial_payments: true, minimum_payment: { amount: 500, currency: 'KWD' } };
    });
    const sent = spyPayments(api);
    await typeAmount(el, '1.2345');
    expect(amountError(el)).to.match(/^Enter an amount like \d+\.\d{3}, in KWD\.$/);
    await typeAmount(el, '0.499');
    expect(amountError(el)).to.contain('The minimum payment is');
    await typeAmount(el, '1.234');
    expect(hasState(el, 'method')).to.be.true;
    await press(el, 'continue-button');
    await press(el, 'pay-button');
    await until(() => hasState(el, 'succeeded'));
    expect(sent[0].body.amount).to.deep.equal({ amount: 1234, currency: 'KWD' });
  });

  it('a decimal comma is read in a locale that writes one', async () => {
    const { el, api } = await review('typical');
    el.locale = 'de-DE';
    await el.updateComplete;
    try {
      const sent = spyPayments(api);
      await typeAmount(el, '10,25');
      await press(el, 'continue-button');
      await press(el, 'pay-button');
      await until(() => hasState(el, 'succeeded'));
      expect(sent[0].body.amount).to.deep.equal({ amount: 1025, currency: 'USD' });
    } finally {
      // The strings catalogue is one per page: the next tests read English.
      await applyLocale('en');
    }
  });

  it('a 422 from the server goes onto the amount field (the review, focused), and the next try has a new key', async () => {
    const { el, api } = await review('typical');
    const sent = spyPayments(api);
    // The server's figures changed since the review: the amount is now too large.
    let calls = 0;
    api.createPayment = ((original) => (payment, options) => {
      if (++calls === 1) {
        sent.push({ body: payment, key: options.idempotencyKey });
        return Promise.reject(
          new ApiError('validation', 'too large', {
            status: 422,
            problem: { status: 422, code: 'amount_too_large', detail: 'The amount is more than the amount due.', errors: [{ field: 'amount', message: 'above the amount due' }] },
          }),
        );
      }
      return original(payment, options);
    })(api.createPayment);
    const failed = record<AcctPaymentFailedEvent>(el, 'acct-payment-failed');
    await typeAmount(el, '10.00');
    await press(el, 'continue-button');
    await press(el, 'pay-button');
    await until(() => hasState(el, 'review'));
    await el.updateComplete;
    expect(amountError(el)).to.equal('The amount is more than the amount due now. Check the amounts and try again.');
    expect(focused(el)).to.equal($(el, '#amount-input'));
    expect(failed).to.have.length(1);
    await press(el, 'continue-button');
    await press(el, 'continue-button');
    await press(el, 'pay-button');
    await until(() => hasState(el, 'succeeded'));
    expect(sent).to.have.length(2);
    expect(sent[1].key).to.not.equal(sent[0].key);
  });
});

describe('acct-pay-invoice: outcome unknown and expired sessions (memory API)', () => {
  it('a network failure after the write: "We could not confirm", only "Check again", which sends the same key and body', async () => {
    const api = memoryApi({
      fail: (operation, index) => (operation === 'createPayment' && index === 0 ? new ApiError('network', 'offline') : undefined),
    });
    const sent = spyPayments(api);
    const el = await mount(html`<acct-pay-invoice .api=${api} invoice-ids=${payableInvoices(api)[0].id}></acct-pay-invoice>`);
    await toConfirm(el);
    await press(el, 'pay-button');
    await until(() => hasState(el, 'unconfirmed'));
    await el.updateComplete;
    expect(text($(el, '[part="result"]'))).to.contain('We could not confirm the payment');
    expect(liveAlert(el)).to.contain('We could not confirm the payment');
    expect($(el, '[part~="pay-button"]'), 'no new charge offered').to.equal(null);
    expect($(el, '[part~="back-button"]'), 'no way back to change the intent').to.equal(null);
    expect(text(el.shadowRoot!.querySelector('.step'))).to.not.match(/failed|pay again/i);
    await expect(el).to.be.accessible();
    el.reset();
    expect(hasState(el, 'unconfirmed'), 'reset() does not drop an unconfirmed intent').to.be.true;
    await press(el, 'check-again-button');
    await until(() => hasState(el, 'succeeded'));
    expect(sent).to.have.length(2);
    expect(sent[1].key).to.equal(sent[0].key);
    expect(JSON.stringify(sent[1].body)).to.equal(JSON.stringify(sent[0].body));
  });

  it('session expired while paying (R7): input kept, the same intent goes once the host has a token', async () => {
    const api = memoryApi({
      fail: (operation, index) =>
        operation === 'createPayment' && index === 0 ? new ApiError('unauthorized', 'expired', { status: 401 }) : undefined,
    });
    const sent = spyPayments(api);
    const el = await mount(html`<acct-pay-invoice .api=${api} invoice-ids=${payableInvoices(api).slice(0, 2).map((i) => i.id).join(' ')}></acct-pay-invoice>`);
    const $input = () => $<HTMLInputElement>(el, '#amount-input');
    $<HTMLInputElement>(el, 'input[value="other"]')!.click();
    await el.updateComplete;
    $input()!.value = '20.00';
    $input()!.dispatchEvent(new Event('input'));
    await press(el, 'continue-button');
    $$<HTMLInputElement>(el, '[part~="method"] input')[1].click();
    await press(el, 'continue-button');
    await press(el, 'pay-button');
    await until(() => hasState(el, 'session-expired'));
    await el.updateComplete;
    expect(text($(el, '[part="result"]'))).to.contain('Your session has expired');
    expect(text(button(el, 'pay-button'))).to.equal('Pay $20.00');
    expect(text($(el, '.facts'))).to.contain('Test Bank •••• 6789');
    await expect(el).to.be.accessible();
    await press(el, 'pay-button');
    await until(() => hasState(el, 'processing'));
    expect(sent).to.have.length(2);
    expect(sent[1]).to.deep.equal(sent[0]);
    expect(sent[0].body.amount).to.deep.equal({ amount: 2000, currency: 'USD' });
  });

  it('a slow payment says "Checking the payment status…" after a few seconds', async () => {
    const api = memoryApi({ latencyMs: (operation) => (operation === 'createPayment' ? 3600 : 0) });
    const el = await mount(html`<acct-pay-invoice .api=${api} invoice-ids=${payableInvoices(api)[0].id}></acct-pay-invoice>`);
    await toConfirm(el);
    await press(el, 'pay-button');
    expect(text($(el, '[part="status"]'))).to.equal('Processing payment…');
    await until(() => hasState(el, 'checking'), 3500);
    await el.updateComplete;
    expect(text($(el, '[part="status"]'))).to.equal('Checking the payment status…');
    expect(liveStatus(el)).to.equal('Checking the payment status…');
    await expect(el).to.be.accessible();
    await until(() => hasState(el, 'succeeded'), 2000);
  });
});

describe('acct-pay-invoice: keyboard only', () => {
  it('select → review → method → confirm → pay with Tab, Space and Enter', async () => {
    const api = memoryApi();
    const open = payableInvoices(api);
    const el = await mount(html`<acct-pay-invoice .api=${api}></acct-pay-invoice>`);
    const succeeded = record<AcctPaymentSucceededEvent>(el, 'acct-payment-succeeded');
    // Select: focus "Select all", Tab to the first invoice, Space unselects it.
    $<HTMLInputElement>(el, '.choice.all input')!.focus();
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    // Tab past the other invoices to Continue.
    for (let i = 1; i < open.length; i++) await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal(button(el, 'continue-button'));
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(hasState(el, 'review')).to.be.true;
    expect(focused(el)).to.equal(heading(el));
    // Review: Tab to "Another amount"... the radios: Tab reaches the checked one, arrows move.
    await sendKeys({ press: 'Tab' });
    expect((focused(el) as HTMLInputElement).value).to.equal('full');
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(hasState(el, 'review')).to.be.true;
    await sendKeys({ press: 'Tab' });
    expect(focused(el)!.id).to.equal('amount-input');
    await sendKeys({ type: '5.00' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal(button(el, 'continue-button'));
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(hasState(el, 'method')).to.be.true;
    expect(focused(el)).to.equal(heading(el));
    // Method: Tab to the radio group, ArrowDown to the bank account (the expired card is skipped).
    await sendKeys({ press: 'Tab' });
    expect((focused(el) as HTMLInputElement).checked).to.be.true;
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(($<HTMLInputElement>(el, '[part~="method"] input:checked')!.closest('label')!.textContent)).to.contain('Test Bank');
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal(button(el, 'add-method-button'));
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal(button(el, 'continue-button'));
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(hasState(el, 'confirm')).to.be.true;
    expect(focused(el)).to.equal(heading(el));
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal(button(el, 'pay-button'));
    expect(text(focused(el))).to.equal('Pay $5.00');
    await sendKeys({ press: 'Space' });
    await until(() => succeeded.length > 0 || hasState(el, 'processing'));
    await el.updateComplete;
    expect(focused(el)).to.equal(heading(el));
    expect(text(heading(el))).to.equal('Payment processing');
    expect(charges(api)).to.equal(1);
  });
});

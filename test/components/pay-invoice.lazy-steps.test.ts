import { expect, html } from '@open-wc/testing';
import { payStepsLoader, type PaySteps } from '../../src/components/pay-invoice/steps-loader.js';
import type { AcctPaymentSucceededEvent } from '../../src/events/index.js';
import {
  $,
  $$,
  button,
  capturingConsoleErrors,
  charges,
  focused,
  hasState,
  heading,
  memoryApi,
  mount,
  payableInvoices,
  press,
  record,
  sleep,
  spyPayments,
  stepCodeLoading,
  text,
  until,
  waitForIdle,
} from './pay-invoice-helpers.js';

// The steps from the method step on are their own chunk (src/components/pay-invoice/later-steps.ts).
// This file is a page of its own: nothing has loaded them before the first test.

/** The modules of the later steps' chunk, as the test server serves them one by one. */
const LATER_MODULES = [
  '/pay-invoice/later-steps.',
  '/pay-invoice/steps/method.',
  '/pay-invoice/steps/confirm.',
  '/pay-invoice/steps/result.',
  '/pay-invoice/settlement-poll.',
  '/pay-invoice/flow-later.',
  '/pay-invoice/flow-state-later.',
];

function requested(module: string): boolean {
  return performance.getEntriesByType('resource').some((entry) => entry.name.includes(module));
}

/** A load of the later steps that ends when the test says so (with the real module, or a failure). */
async function heldLoad() {
  const real = payStepsLoader.loaded ?? (await payStepsLoader.load());
  const original = payStepsLoader.load;
  let calls = 0;
  let settle!: (ok: boolean) => void;
  payStepsLoader.loaded = undefined;
  payStepsLoader.load = () => {
    calls++;
    return new Promise<PaySteps>((resolve, reject) => {
      settle = (ok) => (ok ? resolve(real) : reject(new TypeError('Failed to fetch dynamically imported module')));
    });
  };
  return {
    get calls() {
      return calls;
    },
    settle: (ok: boolean) => settle(ok),
    restore: () => {
      payStepsLoader.load = original;
    },
  };
}

describe('acct-pay-invoice: the later steps load after the first data', () => {
  it('the first render (select) loads none of their modules; the review prefetches them, so the method step is there at once', async () => {
    const api = memoryApi();
    const el = await mount(html`<acct-pay-invoice .api=${api}></acct-pay-invoice>`);
    expect(hasState(el, 'select')).to.be.true;
    await sleep(200);
    expect(payStepsLoader.loaded, 'not loaded while the select step is shown').to.equal(undefined);
    for (const module of LATER_MODULES) expect(requested(module), `${module} not fetched`).to.be.false;

    await press(el, 'continue-button');
    expect(hasState(el, 'review')).to.be.true;
    await until(() => payStepsLoader.loaded !== undefined);
    for (const module of LATER_MODULES) expect(requested(module), `${module} fetched once the review is shown`).to.be.true;

    button(el, 'continue-button').click();
    await el.updateComplete;
    expect(hasState(el, 'method')).to.be.true;
    expect(stepCodeLoading(el), 'no wait: the code came while the review was shown').to.be.false;
    expect($$(el, '[part~="method"] input').length).to.be.greaterThan(0);
    expect(focused(el)).to.equal(heading(el));
  });

  it('a slow load: Continue shows the heading (focused) and a busy step; 20 clicks meanwhile → one step on, one load; then one charge', async () => {
    const held = await heldLoad();
    try {
      const api = memoryApi({ latencyMs: (operation) => (operation === 'createPayment' ? 300 : 0) });
      const el = await mount(html`<acct-pay-invoice .api=${api} invoice-ids=${payableInvoices(api)[0].id}></acct-pay-invoice>`);
      expect(hasState(el, 'review')).to.be.true;
      const toMethod = button(el, 'continue-button');
      for (let i = 0; i < 20; i++) toMethod.click();
      await el.updateComplete;
      expect(hasState(el, 'method')).to.be.true;
      expect(hasState(el, 'loading'), 'busy while the step loads').to.be.true;
      expect(stepCodeLoading(el)).to.be.true;
      expect(text($(el, '[part~="step"] [role="status"]'))).to.equal('Loading…');
      const title = heading(el);
      expect(text(title)).to.equal('Choose a payment method');
      expect(focused(el), 'focus on the step heading at once').to.equal(title);
      await expect(el).to.be.accessible();

      held.settle(true);
      await until(() => !stepCodeLoading(el));
      await el.updateComplete;
      expect(held.calls, 'the prefetch and the step shared one load').to.equal(1);
      expect(hasState(el, 'loading')).to.be.false;
      expect(heading(el), 'the same heading: focus was not lost').to.equal(title);
      expect(focused(el)).to.equal(title);
      expect($(el, '[part~="methods"] input:checked'), 'the default method chosen').to.exist;

      await press(el, 'continue-button');
      expect(hasState(el, 'confirm')).to.be.true;
      expect(focused(el)).to.equal(heading(el));
      const succeeded = record<AcctPaymentSucceededEvent>(el, 'acct-payment-succeeded');
      const sent = spyPayments(api);
      const pay = button(el, 'pay-button');
      for (let i = 0; i < 20; i++) pay.click();
      expect(pay.getAttribute('aria-busy')).to.equal('true');
      await until(() => succeeded.length > 0);
      await sleep(50);
      expect(sent).to.have.length(1);
      expect(charges(api)).to.equal(1);
      expect(succeeded).to.have.length(1);
      expect(hasState(el, 'succeeded')).to.be.true;
    } finally {
      held.restore();
    }
  });

  it('a failed load shows Retry; Retry recovers, focus on the heading; the selection and the amount typed are kept', async () => {
    const held = await heldLoad();
    try {
      const api = memoryApi();
      const [first, second] = payableInvoices(api);
      const el = await mount(html`<acct-pay-invoice .api=${api}></acct-pay-invoice>`);
      // Select only the second invoice, then type a partial amount on the review.
      const boxes = () => $$<HTMLInputElement>(el, '[part~="invoice-list"] input[type="checkbox"]');
      boxes()[0].click(); // "Select all": none
      await el.updateComplete;
      boxes().find((box) => box.closest('label')!.textContent!.includes(second.number))!.click();
      await el.updateComplete;
      await press(el, 'continue-button');
      expect(hasState(el, 'review')).to.be.true;
      expect(text($(el, '[part="summary"] tbody'))).to.contain(second.number).and.not.contain(first.number);
      $<HTMLInputElement>(el, 'input[value="other"]')!.click();
      await el.updateComplete;
      const input = $<HTMLInputElement>(el, '#amount-input')!;
      input.value = '1.50';
      input.dispatchEvent(new Event('input'));
      await el.updateComplete;

      const logged = await capturingConsoleErrors(async () => {
        // The review's prefetch fails silently; Continue asks again, and that fails too.
        await until(() => held.calls === 1);
        held.settle(false);
        await sleep(20);
        button(el, 'continue-button').click();
        await el.updateComplete;
        expect(held.calls).to.equal(2);
        held.settle(false);
        await until(() => !!$(el, '[part~="step"] [part="retry-button"]'));
      });
      expect(logged, 'the failure is logged for the developer, once').to.have.length(1);
      expect(hasState(el, 'method')).to.be.true;
      expect(hasState(el, 'loading')).to.be.false;
      expect(text(heading(el))).to.equal('Choose a payment method');
      expect(text($(el, '[part~="step"] [role="alert"] p'))).to.equal(
        'This part of the page could not be loaded. Check your connection and try again.',
      );
      await expect(el).to.be.accessible();

      button(el, 'retry-button').click();
      await el.updateComplete;
      expect(held.calls).to.equal(3);
      held.settle(true);
      await until(() => !stepCodeLoading(el) && !!$(el, '[part~="methods"]'));
      await waitForIdle(el);
      expect(focused(el), 'focus on the heading once the step is there').to.equal(heading(el));

      await press(el, 'continue-button');
      expect(hasState(el, 'confirm')).to.be.true;
      const summary = text($(el, '[part="summary"]'));
      expect(summary, 'the amount typed').to.contain('$1.50');
      expect(summary, 'the invoice selected').to.contain(second.number).and.not.contain(first.number);
    } finally {
      held.restore();
    }
  });
});

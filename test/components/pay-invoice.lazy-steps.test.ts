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

// The test page loads every module unbundled: more than the 250 resource entries a page keeps by default.
performance.setResourceTimingBufferSize(10_000);

// The steps from the review on are their own chunk (src/components/pay-invoice/later-steps.ts).
// This file is a page of its own: nothing has loaded them before the first test.

/** The modules of the later steps' chunk, as the test server serves them one by one. */
const LATER_MODULES = [
  '/pay-invoice/later-steps.',
  '/pay-invoice/steps/review.',
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
  it('the first render (select) loads none of their modules; the pointer on Continue prefetches them, so the review and the method step are there at once', async () => {
    const api = memoryApi();
    const el = await mount(html`<acct-pay-invoice .api=${api}></acct-pay-invoice>`);
    expect(hasState(el, 'select')).to.be.true;
    await sleep(200);
    expect(payStepsLoader.loaded, 'not loaded while the select step is shown').to.equal(undefined);
    for (const module of LATER_MODULES) expect(requested(module), `${module} not fetched`).to.be.false;
    $(el, '[part~="actions"]')!.dispatchEvent(new PointerEvent('pointerenter'));
    await until(() => payStepsLoader.loaded !== undefined);
    for (const module of LATER_MODULES) expect(requested(module), `${module} fetched once Continue is pointed at`).to.be.true;

    button(el, 'continue-button').click();
    await el.updateComplete;
    expect(hasState(el, 'review')).to.be.true;
    expect(stepCodeLoading(el), 'no wait: the code came while the select step was shown').to.be.false;
    expect(text($(el, '[part="total"]'))).to.contain('$');
    expect(focused(el)).to.equal(heading(el));

    button(el, 'continue-button').click();
    await el.updateComplete;
    expect(hasState(el, 'method')).to.be.true;
    expect(stepCodeLoading(el)).to.be.false;
    expect($$(el, '[part~="method"] input').length).to.be.greaterThan(0);
    expect(focused(el)).to.equal(heading(el));
  });

  it('given invoices: the review asks for its code at once; busy under its heading until it is there; then 20 clicks → one step on; one charge', async () => {
    const held = await heldLoad();
    try {
      const api = memoryApi({ latencyMs: (operation) => (operation === 'createPayment' ? 300 : 0) });
      const el = await mount(html`<acct-pay-invoice .api=${api} invoice-ids=${payableInvoices(api)[0].id}></acct-pay-invoice>`, false);
      expect(held.calls, 'asked for with the first data, not after it').to.equal(1);
      await until(() => hasState(el, 'review'));
      expect(hasState(el, 'loading'), 'busy while the step loads').to.be.true;
      expect(stepCodeLoading(el)).to.be.true;
      expect(text($(el, '[part~="step"] [role="status"]'))).to.equal('Loading…');
      const title = heading(el);
      expect(text(title)).to.equal('Review payment');
      expect($(el, '[part~="continue-button"]'), 'no Continue to lose a click on').to.not.exist;
      await expect(el).to.be.accessible();

      held.settle(true);
      await until(() => !stepCodeLoading(el));
      await el.updateComplete;
      expect(held.calls, 'one load').to.equal(1);
      expect(hasState(el, 'loading')).to.be.false;
      expect(heading(el), 'the same heading').to.equal(title);
      expect(text($(el, '[part="total"]'))).to.contain('$');

      const toMethod = button(el, 'continue-button');
      for (let i = 0; i < 20; i++) toMethod.click();
      await el.updateComplete;
      expect(hasState(el, 'method')).to.be.true;
      expect(focused(el)).to.equal(heading(el));
      expect($(el, '[part~="methods"] input:checked'), 'the default method chosen').to.exist;

      await press(el, 'continue-button');
      expect(hasState(el, 'confirm')).to.be.true;
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
    } finally {
      held.restore();
    }
  });

  it('a failed load shows Retry on the review; Retry recovers, focus on the heading; the selection is kept; the keyboard path pays the amount typed', async () => {
    const held = await heldLoad();
    try {
      const api = memoryApi();
      const [first, second] = payableInvoices(api);
      const el = await mount(html`<acct-pay-invoice .api=${api}></acct-pay-invoice>`);
      // Select only the second invoice.
      const boxes = () => $$<HTMLInputElement>(el, '[part~="invoice-list"] input[type="checkbox"]');
      boxes()[0].click(); // "Select all": none
      await el.updateComplete;
      boxes().find((box) => box.closest('label')!.textContent!.includes(second.number))!.click();
      await el.updateComplete;

      const logged = await capturingConsoleErrors(async () => {
        // Focus on Continue (the keyboard path) prefetches; that fails silently; Continue asks again, and that fails too.
        expect(held.calls, 'nothing asked for before').to.equal(0);
        button(el, 'continue-button').focus();
        await until(() => held.calls === 1);
        held.settle(false);
        await sleep(20);
        button(el, 'continue-button').click();
        await el.updateComplete;
        expect(hasState(el, 'review')).to.be.true;
        expect(focused(el), 'focus on the heading at once').to.equal(heading(el));
        expect(held.calls).to.equal(2);
        held.settle(false);
        await until(() => !!$(el, '[part~="step"] [part="retry-button"]'));
      });
      expect(logged, 'the failure is logged for the developer, once').to.have.length(1);
      expect(hasState(el, 'review')).to.be.true;
      expect(hasState(el, 'loading')).to.be.false;
      expect(text(heading(el))).to.equal('Review payment');
      expect(text($(el, '[part~="step"] [role="alert"] p'))).to.equal(
        'This part of the page could not be loaded. Check your connection and try again.',
      );
      await expect(el).to.be.accessible();

      button(el, 'retry-button').click();
      await el.updateComplete;
      expect(held.calls).to.equal(3);
      held.settle(true);
      await until(() => !stepCodeLoading(el) && !!$(el, '[part="summary"]'));
      await waitForIdle(el);
      expect(focused(el), 'focus on the heading once the step is there').to.equal(heading(el));
      expect(text($(el, '[part="summary"] tbody'))).to.contain(second.number).and.not.contain(first.number);

      // The "Another amount" radio and the amount; on to the confirm step.
      const other = $<HTMLInputElement>(el, 'input[value="other"]')!;
      other.focus();
      other.click();
      await el.updateComplete;
      const input = $<HTMLInputElement>(el, '#amount-input')!;
      input.value = '1.50';
      input.dispatchEvent(new Event('input'));
      await el.updateComplete;
      await press(el, 'continue-button');
      expect(hasState(el, 'method')).to.be.true;
      await press(el, 'continue-button');
      expect(hasState(el, 'confirm')).to.be.true;
      const summary = text($(el, '[part="summary"]'));
      expect(summary, 'the amount typed').to.contain('$1.50');
      expect(summary, 'the invoice selected').to.contain(second.number).and.not.contain(first.number);
    } finally {
      held.restore();
    }
  });

  it('an amount the rules refuse stays on the review, with the error on the field (the rules are in the chunk)', async () => {
    const api = memoryApi();
    const el = await mount(html`<acct-pay-invoice .api=${api}></acct-pay-invoice>`);
    await press(el, 'continue-button');
    expect(hasState(el, 'review')).to.be.true;
    $<HTMLInputElement>(el, 'input[value="other"]')!.click();
    await el.updateComplete;
    const input = $<HTMLInputElement>(el, '#amount-input')!;
    input.value = 'abc';
    input.dispatchEvent(new Event('input'));
    await el.updateComplete;
    await press(el, 'continue-button');
    expect(hasState(el, 'review')).to.be.true;
    expect(focused(el)).to.equal($(el, '#amount-input'));
    expect(text($(el, '[part~="field-error"]'))).to.contain('Enter an amount like');
  });
});

import { expect, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ApiError } from '../../src/api/errors.js';
import type { AutopayUpdate } from '../../src/api/schemas/billing-input.js';
import type { WriteOptions } from '../../src/api/account-api.js';
import type { MemoryAccountApi } from '../../src/api/memory-api.js';
import type { AcctAutopayToggle } from '../../src/components/autopay-toggle/autopay-toggle.js';
import '../../src/components/autopay-toggle/acct-autopay-toggle.js';
import type { AcctAutopayChangeEvent, AcctErrorEvent } from '../../src/events/index.js';
import { deepQueryAll, waitForIdle } from '../helpers/wait.js';
import { $, accountApi, capturingConsoleErrors, hasState, mountIdle, record, sleep, text, until } from './account-helpers.js';

declare global {
  interface Window {
    __xss?: unknown;
  }
}

const VISA = 'pm_acct_typical_visa';
const mount = (template: ReturnType<typeof html>, idle = true) => mountIdle<AcctAutopayToggle>(template, idle);
const switchOf = (el: AcctAutopayToggle) => $<HTMLButtonElement>(el, '[role="switch"]')!;
const active = (el: AcctAutopayToggle) => el.shadowRoot!.activeElement;

/** Records every setAutopay call with its key; the memory API still handles it. */
function spyWrites(api: MemoryAccountApi): Array<{ update: AutopayUpdate; options: WriteOptions }> {
  const writes: Array<{ update: AutopayUpdate; options: WriteOptions }> = [];
  const original = api.setAutopay.bind(api);
  api.setAutopay = (update, options) => {
    writes.push({ update, options });
    return original(update, options);
  };
  return writes;
}

function autopayOn(api: MemoryAccountApi): MemoryAccountApi {
  api.data.account.autopay = { enabled: true, payment_method_id: VISA };
  return api;
}

/** Changes are reported with what the switch showed when the event fired. */
function recordChanges(el: AcctAutopayToggle): Array<{ event: AcctAutopayChangeEvent; checked: string | null }> {
  const changes: Array<{ event: AcctAutopayChangeEvent; checked: string | null }> = [];
  el.addEventListener('acct-autopay-change', (event) => changes.push({ event, checked: switchOf(el).getAttribute('aria-checked') }));
  return changes;
}

describe('acct-autopay-toggle: states', () => {
  it('loading: skeleton, aria-busy, :state(loading)', async () => {
    const el = await mount(html`<acct-autopay-toggle .api=${accountApi({ latencyMs: Infinity })}></acct-autopay-toggle>`, false);
    await el.updateComplete;
    expect(hasState(el, 'loading')).to.be.true;
    expect($(el, '[part="base"]')!.getAttribute('aria-busy')).to.equal('true');
    expect(text($(el, '[role="status"]'))).to.equal('Loading autopay…');
    await expect(el).to.be.accessible();
    el.remove();
  });

  it('off: a switch named "Autopay", unchecked, described by the default method it would charge', async () => {
    const el = await mount(html`<acct-autopay-toggle .api=${accountApi()}></acct-autopay-toggle>`);
    const button = switchOf(el);
    expect(button.localName).to.equal('button');
    expect(button.getAttribute('aria-checked')).to.equal('false');
    expect(button.getAttribute('aria-disabled')).to.equal('false');
    expect(text(button.querySelector('.switch-label'))).to.equal('Autopay');
    const description = el.shadowRoot!.getElementById(button.getAttribute('aria-describedby')!)!;
    expect(text(description)).to.equal('Turn on to charge Visa •••• 4242 automatically when invoices are due.');
    expect(hasState(el, 'off')).to.be.true;
    expect(hasState(el, 'on')).to.be.false;
    await expect(el).to.be.accessible();
  });

  it('on: checked, described by the method autopay charges (not necessarily the default)', async () => {
    const api = accountApi();
    api.data.account.autopay = { enabled: true, payment_method_id: 'pm_acct_typical_bank' };
    const el = await mount(html`<acct-autopay-toggle .api=${api}></acct-autopay-toggle>`);
    expect(switchOf(el).getAttribute('aria-checked')).to.equal('true');
    expect(text($(el, '[part="description"]'))).to.equal('Open invoices are charged to Test Bank •••• 6789 on their due dates.');
    expect(text($(el, '.state-text'))).to.equal('On');
    expect(hasState(el, 'on')).to.be.true;
    await expect(el).to.be.accessible();
  });

  it('no payment method: disabled (still focusable) with the reason; pressing it does nothing', async () => {
    const api = accountApi({ fixture: 'empty' });
    const writes = spyWrites(api);
    const el = await mount(html`<acct-autopay-toggle .api=${api}></acct-autopay-toggle>`);
    const button = switchOf(el);
    expect(button.getAttribute('aria-disabled')).to.equal('true');
    expect(text($(el, '[part="description"]'))).to.equal('Add a payment method to turn on autopay.');
    expect(hasState(el, 'no-method')).to.be.true;
    button.focus();
    await sendKeys({ press: 'Space' });
    button.click();
    await el.updateComplete;
    expect($(el, '[part="confirm"]')).to.be.null;
    expect(writes).to.have.length(0);
    expect(active(el)).to.equal(button);
    await expect(el).to.be.accessible();
  });

  it('read-only (no autopay:manage): the state as text, no switch', async () => {
    const api = autopayOn(accountApi({ fixture: 'viewer' }));
    const el = await mount(html`<acct-autopay-toggle .api=${api}></acct-autopay-toggle>`);
    expect($(el, '[role="switch"]')).to.be.null;
    expect(text($(el, '[part="state"]'))).to.equal('Autopay is on. Open invoices are charged to Visa •••• 4242 on their due dates.');
    expect(text($(el, '[part="readonly-note"]'))).to.equal('You can see the autopay setting, but not change it. Ask an account administrator.');
    expect(hasState(el, 'readonly')).to.be.true;
    await expect(el).to.be.accessible();
  });

  it('read-only: a refused payment-method list does not matter (the state is still shown)', async () => {
    const api = accountApi({
      fixture: 'viewer',
      fail: (op) => (op === 'listPaymentMethods' ? new ApiError('forbidden', 'no', { status: 403 }) : undefined),
    });
    const el = await mount(html`<acct-autopay-toggle .api=${api}></acct-autopay-toggle>`);
    expect(hasState(el, 'error')).to.be.false;
    expect(text($(el, '[part="state"]'))).to.equal('Autopay is off.');
  });

  it('load error: an alert with Retry; Retry asks again (fresh) and shows the switch', async () => {
    const api = accountApi({ fail: (op, i) => (op === 'listPaymentMethods' && i === 0 ? new ApiError('network', 'offline') : undefined) });
    const errors = record<AcctErrorEvent>(document, 'acct-error');
    const el = await mount(html`<acct-autopay-toggle .api=${api}></acct-autopay-toggle>`);
    expect(hasState(el, 'error')).to.be.true;
    expect(text($(el, '[role="alert"]'))).to.contain('could not reach the server');
    await expect(el).to.be.accessible();
    expect(errors.filter((e) => e.target === el)).to.have.length(1);
    $<HTMLButtonElement>(el, '[part="retry-button"]')!.click();
    await waitForIdle(el);
    expect(switchOf(el)).to.exist;
    const methodCalls = api.calls.filter((c) => c.operation === 'listPaymentMethods');
    expect(methodCalls).to.have.length(2);
    // Only the failed request is repeated.
    expect(api.calls.filter((c) => c.operation === 'getAccount')).to.have.length(1);
  });

  it('not configured: one console.error and the message', async () => {
    let el!: AcctAutopayToggle;
    const logged = await capturingConsoleErrors(async () => {
      el = await mount(html`<acct-autopay-toggle></acct-autopay-toggle>`, false);
      await until(() => hasState(el, 'unconfigured'));
      await el.updateComplete;
    });
    expect(logged).to.have.length(1);
    expect(text($(el, '[role="alert"]'))).to.contain('not connected to an account');
    await expect(el).to.be.accessible();
  });

  it('a script-bearing method label renders as text', async () => {
    delete window.__xss;
    const api = accountApi({ fixture: 'hostile' });
    api.data.account.autopay = { enabled: true, payment_method_id: 'pm_acct_hostile_other' };
    const el = await mount(html`<acct-autopay-toggle .api=${api}></acct-autopay-toggle>`);
    expect(text($(el, '[part="description"]'))).to.contain('<img src=x onerror="window.__xss=1">Wallet');
    expect(deepQueryAll(el, 'img, svg, script')).to.have.length(0);
    expect(window.__xss).to.be.undefined;
  });
});

describe('acct-autopay-toggle: changing autopay', () => {
  it('keyboard on: Space opens a confirmation naming the method; Tab, Enter confirms; the event follows the DOM', async () => {
    const api = accountApi();
    const writes = spyWrites(api);
    const el = await mount(html`<acct-autopay-toggle .api=${api}></acct-autopay-toggle>`);
    const changes = recordChanges(el);
    switchOf(el).focus();
    await sendKeys({ press: 'Space' });
    await until(() => active(el)?.id === 'confirm-question');
    const confirm = $(el, '[part="confirm"]')!;
    expect(confirm.getAttribute('role')).to.equal('group');
    expect(text(confirm)).to.contain('Turn on autopay with Visa •••• 4242?');
    expect(text(confirm), 'the expiry tells equal card labels apart').to.contain('Expires 12/2029');
    expect(text(confirm)).to.contain('Open invoices will be charged to this payment method on their due dates');
    expect(hasState(el, 'confirming')).to.be.true;
    expect(switchOf(el).getAttribute('aria-checked')).to.equal('false');
    expect(writes).to.have.length(0);
    await expect(el).to.be.accessible();

    await sendKeys({ press: 'Tab' });
    expect(active(el)?.getAttribute('part')).to.equal('confirm-button');
    await sendKeys({ press: 'Enter' });
    await until(() => changes.length === 1);
    expect(writes).to.have.length(1);
    expect(writes[0].update).to.deep.equal({ enabled: true, payment_method_id: VISA });
    expect(writes[0].options.idempotencyKey).to.match(/^[0-9a-f-]{36}$/);
    expect(changes[0].checked).to.equal('true');
    expect(changes[0].event.detail.autopay).to.deep.equal({ enabled: true, payment_method_id: VISA });
    expect(changes[0].event.bubbles && changes[0].event.composed).to.be.true;
    expect($(el, '[part="confirm"]')).to.be.null;
    expect(active(el)).to.equal(switchOf(el));
    expect(text($(el, '[role="status"]'))).to.equal('Autopay is on.');
    expect(text($(el, '[part="description"]'))).to.equal('Open invoices are charged to Visa •••• 4242 on their due dates.');
    expect(api.data.account.autopay).to.deep.equal({ enabled: true, payment_method_id: VISA });
    await waitForIdle(el);
    expect(switchOf(el).getAttribute('aria-checked')).to.equal('true');
    await expect(el).to.be.accessible();
  });

  it('keyboard off: Enter turns autopay off at once (no confirmation); focus stays on the switch', async () => {
    const api = autopayOn(accountApi());
    const writes = spyWrites(api);
    const el = await mount(html`<acct-autopay-toggle .api=${api}></acct-autopay-toggle>`);
    const changes = recordChanges(el);
    switchOf(el).focus();
    await sendKeys({ press: 'Enter' });
    await until(() => changes.length === 1);
    expect(writes.map((w) => w.update)).to.deep.equal([{ enabled: false }]);
    expect(changes[0].checked).to.equal('false');
    expect(changes[0].event.detail.autopay.enabled).to.be.false;
    expect($(el, '[part="confirm"]')).to.be.null;
    expect(active(el)).to.equal(switchOf(el));
    expect(text($(el, '[role="status"]'))).to.equal('Autopay is off.');
  });

  it('Escape and Cancel close the confirmation without writing; focus returns to the switch', async () => {
    const api = accountApi();
    const writes = spyWrites(api);
    const el = await mount(html`<acct-autopay-toggle .api=${api}></acct-autopay-toggle>`);
    switchOf(el).focus();
    await sendKeys({ press: 'Enter' });
    await until(() => active(el)?.id === 'confirm-question');
    await sendKeys({ press: 'Escape' });
    await until(() => $(el, '[part="confirm"]') === null);
    expect(active(el)).to.equal(switchOf(el));

    switchOf(el).click();
    await until(() => $(el, '[part="cancel-button"]') !== null);
    $<HTMLButtonElement>(el, '[part="cancel-button"]')!.click();
    await until(() => $(el, '[part="confirm"]') === null);
    expect(active(el)).to.equal(switchOf(el));
    expect(writes).to.have.length(0);
    expect(switchOf(el).getAttribute('aria-checked')).to.equal('false');
  });

  it('R1 off: 20 clicks + Enter + Space within 50 ms → one write, disabled and busy at once, one event', async () => {
    // The write takes 600 ms: the clicks and keys below all land while it is in flight, also on a
    // loaded machine where each sendKeys round trip takes tens of milliseconds (asserted: still busy).
    const api = autopayOn(accountApi({ latencyMs: (op) => (op === 'setAutopay' ? 600 : 0) }));
    const writes = spyWrites(api);
    const el = await mount(html`<acct-autopay-toggle .api=${api}></acct-autopay-toggle>`);
    const changes = recordChanges(el);
    const button = switchOf(el);
    button.focus();
    button.click();
    // At once: before Lit renders, before any other event.
    expect(button.getAttribute('aria-disabled')).to.equal('true');
    expect(button.getAttribute('aria-busy')).to.equal('true');
    for (let i = 0; i < 19; i++) button.click();
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'Space' });
    expect(hasState(el, 'busy'), 'the write is still in flight').to.be.true;
    expect(writes).to.have.length(1);
    await until(() => changes.length === 1);
    await sleep(100);
    expect(writes).to.have.length(1);
    expect(changes).to.have.length(1);
    expect(button.getAttribute('aria-disabled')).to.equal('false');
    expect(button.getAttribute('aria-busy')).to.equal('false');
    expect(api.data.account.autopay.enabled).to.be.false;
  });

  it('R1 on: 20 clicks + Enter + Space on "Turn on autopay" → one write; each intent has its own key', async () => {
    const api = accountApi({ latencyMs: (op) => (op === 'setAutopay' ? 150 : 0) });
    const writes = spyWrites(api);
    const el = await mount(html`<acct-autopay-toggle .api=${api}></acct-autopay-toggle>`);
    const changes = recordChanges(el);
    switchOf(el).click();
    await until(() => $(el, '[part="confirm-button"]') !== null);
    const confirm = $<HTMLButtonElement>(el, '[part="confirm-button"]')!;
    confirm.focus();
    confirm.click();
    expect(confirm.getAttribute('aria-disabled')).to.equal('true');
    expect(confirm.getAttribute('aria-busy')).to.equal('true');
    for (let i = 0; i < 19; i++) confirm.click();
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'Space' });
    // The switch itself is busy too, and pressing it meanwhile does nothing.
    expect(switchOf(el).getAttribute('aria-busy')).to.equal('true');
    switchOf(el).click();
    await until(() => changes.length === 1);
    await sleep(100);
    expect(writes).to.have.length(1);
    expect(changes).to.have.length(1);

    // A second intent (off) is a new key.
    switchOf(el).click();
    await until(() => changes.length === 2);
    expect(writes).to.have.length(2);
    expect(writes[1].options.idempotencyKey).not.to.equal(writes[0].options.idempotencyKey);
  });

  it('422 default_payment_method_required: the switch stays at the server state, an alert explains, no change event', async () => {
    const api = accountApi({
      fail: (op) =>
        op === 'setAutopay'
          ? new ApiError('validation', 'Autopay needs a payment method.', {
              status: 422,
              problem: { status: 422, code: 'default_payment_method_required', detail: 'Autopay needs a payment method. Add one first.' },
            })
          : undefined,
    });
    const el = await mount(html`<acct-autopay-toggle .api=${api}></acct-autopay-toggle>`);
    const changes = recordChanges(el);
    const errors = record<AcctErrorEvent>(el, 'acct-error');
    const accountLoads = () => api.calls.filter((c) => c.operation === 'getAccount').length;
    switchOf(el).click();
    await until(() => $(el, '[part="confirm-button"]') !== null);
    $<HTMLButtonElement>(el, '[part="confirm-button"]')!.focus();
    $<HTMLButtonElement>(el, '[part="confirm-button"]')!.click();
    await until(() => $(el, '[role="alert"]') !== null);
    await waitForIdle(el);
    expect(text($(el, '[role="alert"]'))).to.equal('Autopay needs a payment method. Add a payment method, then turn autopay on.');
    expect(switchOf(el).getAttribute('aria-checked')).to.equal('false');
    expect(switchOf(el).getAttribute('aria-busy')).to.equal('false');
    expect(switchOf(el).getAttribute('aria-disabled')).to.equal('false');
    expect(active(el)).to.equal(switchOf(el));
    expect(changes).to.have.length(0);
    expect(errors).to.have.length(1);
    expect(errors[0].detail.error.problem?.code).to.equal('default_payment_method_required');
    // It asked the server what autopay is now.
    expect(accountLoads()).to.equal(2);
    await expect(el).to.be.accessible();
  });

  it('a failed write when the server state changed meanwhile: the switch shows the server state, not the old one', async () => {
    const api = autopayOn(accountApi());
    api.setAutopay = async () => {
      // Someone else turned it off; this request fails with a 500.
      api.data.account.autopay = { enabled: false, payment_method_id: null };
      throw new ApiError('server', 'boom', { status: 500 });
    };
    const el = await mount(html`<acct-autopay-toggle .api=${api}></acct-autopay-toggle>`);
    switchOf(el).click();
    await until(() => $(el, '[role="alert"]') !== null);
    expect(text($(el, '[role="alert"]'))).to.contain('Something went wrong on our side');
    await until(() => switchOf(el).getAttribute('aria-checked') === 'false');
    await waitForIdle(el);
    expect(hasState(el, 'off')).to.be.true;
  });

  it('an autopay change elsewhere (invalidation) shows here', async () => {
    const api = accountApi();
    const el = await mount(html`<acct-autopay-toggle .api=${api}></acct-autopay-toggle>`);
    await api.setAutopay({ enabled: true }, { idempotencyKey: 'k-elsewhere' });
    await until(() => switchOf(el).getAttribute('aria-checked') === 'true');
    expect(text($(el, '[part="description"]'))).to.contain('Visa •••• 4242');
  });
});

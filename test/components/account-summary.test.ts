import { expect, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ApiError } from '../../src/api/errors.js';
import type { AcctAccountSummary } from '../../src/components/account-summary/account-summary.js';
import '../../src/components/account-summary/acct-account-summary.js';
import type { AcctErrorEvent, AcctInvoiceViewEvent, AcctMakePaymentEvent } from '../../src/events/index.js';
import { toSummary } from '../../src/api/fixtures/generate.js';
import { withCredits } from '../../stories/credit-stories-helpers.js';
import { deepQueryAll, waitForIdle } from '../helpers/wait.js';
import { $, accountApi, capturingConsoleErrors, hasState, mountIdle, record, text, until } from './account-helpers.js';

declare global {
  interface Window {
    __xss?: unknown;
  }
}

const mount = (template: ReturnType<typeof html>, idle = true) => mountIdle<AcctAccountSummary>(template, idle);

/** The text of the fact whose term is `term`. */
function fact(el: AcctAccountSummary, term: string): string {
  const item = Array.from(el.shadowRoot!.querySelectorAll('.facts > div')).find((div) => text(div.querySelector('dt')) === term);
  return text(item?.querySelector('dd'));
}

describe('acct-account-summary', () => {
  it('loading: a skeleton, aria-busy, :state(loading) and a status message', async () => {
    const el = await mount(html`<acct-account-summary .api=${accountApi({ latencyMs: Infinity })}></acct-account-summary>`, false);
    await el.updateComplete;
    expect(hasState(el, 'loading')).to.be.true;
    expect($(el, '[part="base"]')!.getAttribute('aria-busy')).to.equal('true');
    expect($(el, '.skeleton')).to.exist;
    expect(text($(el, '[role="status"]'))).to.equal('Loading account…');
    await expect(el).to.be.accessible();
    el.remove();
  });

  it('populated: balance due, last payment with method, next invoice, autopay, and "Make a payment"', async () => {
    const api = accountApi();
    const account = api.data.account;
    const el = await mount(html`<acct-account-summary .api=${api}></acct-account-summary>`);
    expect(hasState(el, 'populated')).to.be.true;
    expect(hasState(el, 'owed')).to.be.true;
    expect(hasState(el, 'readonly')).to.be.false;
    expect(hasState(el, 'loading')).to.be.false;
    expect(account.balance.amount).to.be.greaterThan(0);
    expect(text($(el, '.label'))).to.equal('Balance due');
    const amount = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(account.balance.amount / 100);
    expect(text($(el, '[part="amount"]'))).to.equal(amount);
    expect(fact(el, 'Last payment')).to.match(/^\$[\d,]+\.\d\d on \w{3} \d{1,2}, \d{4} Visa •••• 4242$/);
    expect(fact(el, 'Next invoice')).to.match(/^\w{3} \d{1,2}, \d{4}, estimated \$[\d,]+\.\d\d$/);
    expect(fact(el, 'Autopay')).to.equal('Off');
    expect(text($(el, '[part="pay-button"]'))).to.equal('Make a payment');
    expect($(el, '[part="base"]')!.getAttribute('aria-busy')).to.equal('false');
    await expect(el).to.be.accessible();
  });

  it('"Make a payment" (Enter, and click) fires acct-make-payment with the balance', async () => {
    const api = accountApi();
    const el = await mount(html`<acct-account-summary .api=${api}></acct-account-summary>`);
    const events = record<AcctMakePaymentEvent>(document, 'acct-make-payment');
    const button = $<HTMLButtonElement>(el, '[part="pay-button"]')!;
    button.focus();
    await sendKeys({ press: 'Enter' });
    button.click();
    expect(events).to.have.length(2);
    expect(events[0].detail.balance).to.deep.equal(api.data.account.balance);
    expect(events[0].bubbles && events[0].composed).to.be.true;
    // The detail is a copy: a host changing it cannot change what the element shows.
    expect(events[0].detail.balance).not.to.equal(api.data.account.balance);
  });

  it('"View last invoice" (Enter, and click) fires a cancelable acct-invoice-view with the newest invoice', async () => {
    const api = accountApi();
    const el = await mount(html`<acct-account-summary .api=${api}></acct-account-summary>`);
    const views = record<AcctInvoiceViewEvent>(document, 'acct-invoice-view');
    const button = $<HTMLButtonElement>(el, '[part="view-invoice-button"]')!;
    expect(text(button)).to.equal('View last invoice');
    // After "Make a payment", in the balance block.
    expect(button.previousElementSibling).to.equal($(el, '[part="pay-button"]'));
    button.focus();
    await sendKeys({ press: 'Enter' });
    button.click();
    expect(views).to.have.length(2);
    const newest = api.data.invoices[0];
    expect(newest.issued_on >= api.data.invoices[1].issued_on).to.be.true;
    expect(views[0].cancelable && views[0].bubbles && views[0].composed).to.be.true;
    expect(views[0].detail.invoiceId).to.equal(newest.id);
    expect(views[0].detail.invoice).to.deep.equal(toSummary(newest));
    expect(api.calls.filter((c) => c.operation === 'listInvoices').map((c) => c.args[0])).to.deep.equal([{ limit: 1 }]);
    await expect(el).to.be.accessible();
  });

  it('the first showing waits for the newest invoice (the button does not pop in); a failed load leaves the summary without it', async () => {
    const slow = accountApi({ latencyMs: (op) => (op === 'listInvoices' ? 80 : 0) });
    const el = await mount(html`<acct-account-summary .api=${slow}></acct-account-summary>`, false);
    await until(() => slow.calls.some((c) => c.operation === 'getAccount'));
    await new Promise((r) => setTimeout(r, 30));
    expect(hasState(el, 'loading')).to.be.true;
    expect($(el, '[part="amount"]')).to.be.null;
    await waitForIdle(el);
    expect($(el, '[part="view-invoice-button"]')).to.exist;

    const errors: Event[] = [];
    const failing = accountApi({ fail: (op) => (op === 'listInvoices' ? new ApiError('server', 'boom', { status: 500 }) : undefined) });
    const other = await mount(html`<acct-account-summary @acct-error=${(e: Event) => errors.push(e)} .api=${failing}></acct-account-summary>`);
    expect(hasState(other, 'populated')).to.be.true;
    expect($(other, '[part="pay-button"]')).to.exist;
    expect($(other, '[part="view-invoice-button"]')).to.be.null;
    expect(errors).to.have.length(0);
  });

  it('credit balance: shown as a credit in the customer\'s favour, as a positive amount, without "Make a payment"', async () => {
    const api = accountApi();
    api.data.account.balance = { amount: -12_500, currency: 'USD' };
    const el = await mount(html`<acct-account-summary .api=${api}></acct-account-summary>`);
    expect(hasState(el, 'credit')).to.be.true;
    expect(hasState(el, 'owed')).to.be.false;
    expect(text($(el, '.label'))).to.equal('Credit balance');
    expect(text($(el, '[part="amount"]'))).to.equal('$125.00');
    expect(text($(el, '.note'))).to.contain('in your favour');
    expect($(el, '[part="pay-button"]')).to.be.null;
    await expect(el).to.be.accessible();
  });

  it('zero balance: "You are all paid up", no button; autopay on', async () => {
    const api = accountApi();
    api.data.account.balance = { amount: 0, currency: 'USD' };
    api.data.account.autopay = { enabled: true, payment_method_id: 'pm_acct_typical_visa' };
    const el = await mount(html`<acct-account-summary .api=${api}></acct-account-summary>`);
    expect(hasState(el, 'settled')).to.be.true;
    expect(text($(el, '[part="amount"]'))).to.equal('$0.00');
    expect(text($(el, '.note'))).to.equal('You are all paid up.');
    expect($(el, '[part="pay-button"]')).to.be.null;
    expect(fact(el, 'Autopay')).to.equal('On: invoices are paid automatically on their due dates.');
    await expect(el).to.be.accessible();
  });

  it('no last payment and no next invoice: says so', async () => {
    const el = await mount(html`<acct-account-summary .api=${accountApi({ fixture: 'empty' })}></acct-account-summary>`);
    expect(fact(el, 'Last payment')).to.equal('No payments yet');
    expect(fact(el, 'Next invoice')).to.equal('None scheduled');
    expect(text($(el, '[part="amount"]'))).to.equal('€0.00');
    // No invoice yet: nothing to view.
    expect($(el, '[part="view-invoice-button"]')).to.be.null;
    await expect(el).to.be.accessible();
  });

  it('available credit: shown first among the facts when there is some, and not at all when there is none', async () => {
    const api = accountApi({ today: undefined });
    const without = await mount(html`<acct-account-summary .api=${api}></acct-account-summary>`);
    expect(fact(without, 'Available credit')).to.equal('');
    expect(without.shadowRoot!.querySelector('.available-credit')).to.be.null;
    withCredits(api);
    api.invalidate(['account']);
    await until(() => fact(without, 'Available credit') !== '');
    const available = (await api.getAccount()).available_credit!;
    expect(available.amount).to.equal(4000);
    expect(fact(without, 'Available credit')).to.equal('$40.00 · pays your open and next invoices first');
    expect(text(without.shadowRoot!.querySelector('.facts > div dt'))).to.equal('Available credit');
    await expect(without).to.be.accessible();
  });

  it('a next invoice without an estimate shows its date only', async () => {
    const api = accountApi();
    api.data.account.next_invoice = { date: '2026-04-11', estimated_total: null };
    const el = await mount(html`<acct-account-summary .api=${api}></acct-account-summary>`);
    expect(fact(el, 'Next invoice')).to.equal('Apr 11, 2026');
  });

  it('viewer (no invoices:pay): the figures, no "Make a payment", :state(readonly)', async () => {
    const el = await mount(html`<acct-account-summary .api=${accountApi({ fixture: 'viewer' })}></acct-account-summary>`);
    expect(hasState(el, 'readonly')).to.be.true;
    expect(hasState(el, 'owed')).to.be.true;
    expect($(el, '[part="pay-button"]')).to.be.null;
    // Viewing is not paying: a viewer may open the last invoice.
    expect($(el, '[part="view-invoice-button"]')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('error: an alert with the request id and Retry; one acct-error; Retry reloads fresh', async () => {
    const api = accountApi({
      fail: (op, i) => (op === 'getAccount' && i === 0 ? new ApiError('server', 'boom', { status: 503, requestId: 'req_sum' }) : undefined),
    });
    const errors = record<AcctErrorEvent>(document, 'acct-error');
    const el = await mount(html`<acct-account-summary .api=${api}></acct-account-summary>`);
    expect(hasState(el, 'error')).to.be.true;
    expect(text($(el, '[role="alert"]'))).to.contain('Something went wrong on our side');
    expect(text($(el, '[role="alert"]'))).to.contain('req_sum');
    await expect(el).to.be.accessible();
    el.requestUpdate();
    await el.updateComplete;
    expect(errors.filter((e) => e.target === el)).to.have.length(1);

    const fresh: boolean[] = [];
    const original = api.getAccount.bind(api);
    api.getAccount = (options) => {
      fresh.push(!!options?.fresh);
      return original(options);
    };
    $<HTMLButtonElement>(el, '[part="retry-button"]')!.click();
    await waitForIdle(el);
    expect(hasState(el, 'populated')).to.be.true;
    expect(fresh).to.deep.equal([true]);
  });

  it('not configured: one console.error and the message', async () => {
    let el!: AcctAccountSummary;
    const logged = await capturingConsoleErrors(async () => {
      el = await mount(html`<acct-account-summary></acct-account-summary>`, false);
      await until(() => hasState(el, 'unconfigured'));
      await el.updateComplete;
    });
    expect(logged).to.have.length(1);
    expect(String(logged[0][0])).to.contain('acct-account-summary');
    expect(text($(el, '[role="alert"]'))).to.contain('not connected to an account');
    await expect(el).to.be.accessible();
  });

  it('money in the account currency and locale: JPY without decimals, KWD with three', async () => {
    const jpy = await mount(html`<acct-account-summary locale="ja-JP" .api=${accountApi({ fixture: 'jpy' })}></acct-account-summary>`);
    expect(text($(jpy, '[part="amount"]'))).to.match(/^￥[\d,]+$/);
    const kwd = await mount(html`<acct-account-summary locale="en-US" .api=${accountApi({ fixture: 'kwd' })}></acct-account-summary>`);
    expect(text($(kwd, '[part="amount"]'))).to.match(/^KWD\s[\d,]+\.\d{3}$/);
  });

  it('a script-bearing method label renders as text', async () => {
    delete window.__xss;
    const api = accountApi({ fixture: 'hostile' });
    const label = '<img src=x onerror="window.__xss=1">Card';
    api.data.account.last_payment = { amount: { amount: 1999, currency: 'USD' }, paid_at: '2026-03-01T10:00:00Z', method_label: label };
    const el = await mount(html`<acct-account-summary .api=${api}></acct-account-summary>`);
    expect(fact(el, 'Last payment')).to.contain(label);
    expect(deepQueryAll(el, 'img, svg, script')).to.have.length(0);
    expect(window.__xss).to.be.undefined;
  });

  it('an invalidation of the account reloads it, keeping the figures on screen with aria-busy', async () => {
    const api = accountApi({ latencyMs: (op) => (op === 'getAccount' ? 80 : 0) });
    const el = await mount(html`<acct-account-summary .api=${api}></acct-account-summary>`);
    api.data.account.balance = { amount: 500, currency: 'USD' };
    api.invalidate(['account']);
    await el.updateComplete;
    expect($(el, '[part="amount"]')).to.exist;
    expect($(el, '[part="base"]')!.getAttribute('aria-busy')).to.equal('true');
    expect(hasState(el, 'loading')).to.be.true;
    await until(() => text($(el, '[part="amount"]')) === '$5.00');
    await el.updateComplete;
    expect($(el, '[part="base"]')!.getAttribute('aria-busy')).to.equal('false');
    // Other resources are not its business.
    const calls = api.calls.length;
    api.invalidate(['payments']);
    await el.updateComplete;
    expect(api.calls.length).to.equal(calls);
  });

  it('an invalidation of the invoices reloads the newest invoice (a new one is what "View last invoice" opens)', async () => {
    const api = accountApi();
    const el = await mount(html`<acct-account-summary .api=${api}></acct-account-summary>`);
    const newest = api.data.invoices[0];
    api.data.invoices.unshift({ ...newest, id: 'in_newer', number: 'INV-NEWER' });
    api.invalidate(['invoices']);
    await waitForIdle(el);
    const views = record<AcctInvoiceViewEvent>(el, 'acct-invoice-view');
    $<HTMLButtonElement>(el, '[part="view-invoice-button"]')!.click();
    expect(views[0].detail.invoiceId).to.equal('in_newer');
  });

  it('removed mid-load: the request is aborted, nothing is reported; put back, it loads again', async () => {
    const api = accountApi({ latencyMs: (op) => (op === 'getAccount' ? 100 : 0) });
    const signals: AbortSignal[] = [];
    const original = api.getAccount.bind(api);
    api.getAccount = (options) => {
      signals.push(options!.signal!);
      return original(options);
    };
    const el = await mount(html`<acct-account-summary .api=${api}></acct-account-summary>`, false);
    const errors = record(el, 'acct-error');
    const parent = el.parentElement!;
    await el.updateComplete;
    expect(signals).to.have.length(1);
    el.remove();
    expect(signals[0].aborted).to.be.true;
    await new Promise((r) => setTimeout(r, 150));
    expect(errors).to.have.length(0);
    expect(hasState(el, 'error')).to.be.false;
    parent.append(el);
    await waitForIdle(el);
    expect(signals).to.have.length(2);
    expect(hasState(el, 'populated')).to.be.true;
  });
});

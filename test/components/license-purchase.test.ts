import { expect, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ApiError } from '../../src/api/errors.js';
import type { MemoryAccountApi } from '../../src/api/memory-api.js';
import type { LicenseOrder, LicenseQuote } from '../../src/api/schemas/license.js';
import '../../src/components/license-purchase/acct-license-purchase.js';
import '../../src/components/license-summary/acct-license-summary.js';
import '../../src/components/transaction-history/acct-transaction-history.js';
import '../../src/components/account-summary/acct-account-summary.js';
import type { AcctLicensePurchase } from '../../src/components/license-purchase/license-purchase.js';
import { $, accountApi, confirmed, hasState, mountIdle, sleep, text, until } from './account-helpers.js';

const VISA = 'pm_acct_typical_visa';

async function mountPurchase(api: MemoryAccountApi, product = 'prod_workspace', extra = {}): Promise<AcctLicensePurchase> {
  const el = await mountIdle<AcctLicensePurchase>(
    html`<acct-license-purchase product-id=${product} quote-delay="30" status-poll-interval="40" .api=${api} ${extra}></acct-license-purchase>`,
  );
  await until(() => $(el, '[part~="quote"]') !== null);
  return el;
}

function quantityInput(el: AcctLicensePurchase): HTMLInputElement {
  return $<HTMLInputElement>(el, '#quantity')!;
}

async function typeQuantity(el: AcctLicensePurchase, value: string): Promise<void> {
  const input = quantityInput(el);
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

function quotes(api: MemoryAccountApi) {
  return api.calls.filter((c) => c.operation === 'createLicenseQuote').map((c) => (c.args[0] as { additional_quantity: number }).additional_quantity);
}

function orders(api: MemoryAccountApi) {
  return api.calls.filter((c) => c.operation === 'createLicenseOrder');
}

async function acknowledgeAndOrder(el: AcctLicensePurchase): Promise<void> {
  const ack = $<HTMLInputElement>(el, '#acknowledge')!;
  if (!ack.checked) ack.click();
  await el.updateComplete;
  $<HTMLButtonElement>(el, '[part~="order-button"]')!.click();
}

describe('acct-license-purchase', () => {
  it('quotes one more license at once, and the quote shows the server’s amounts and the prorated period', async () => {
    const api = accountApi();
    const el = await mountPurchase(api);
    expect(quotes(api)).to.deep.equal([1]);
    const quote = await api.createLicenseQuote({ product_id: 'prod_workspace', additional_quantity: 1 }, { idempotencyKey: 'k' });
    const shown = text($(el, '[part~="quote"]'));
    expect(shown).to.contain('$144.00');
    expect(shown).to.contain(`$${(quote.total.amount / 100).toFixed(2)}`);
    expect(shown).to.match(/\d+ months?/);
    expect(shown).to.contain('Prorated by day');
    expect(hasState(el, 'form')).to.equal(true);
  });

  it('typing quickly asks for one quote, of the settled quantity; a stale request is aborted', async () => {
    const api = accountApi({ latencyMs: (op) => (op === 'createLicenseQuote' ? 60 : 0) });
    const el = await mountPurchase(api);
    api.calls.length = 0;
    await typeQuantity(el, '2');
    await typeQuantity(el, '23');
    await sleep(50);
    // 23 is being asked for; now 5, before 23 answered.
    await typeQuantity(el, '5');
    await until(() => text($(el, '[part~="quote"]')).includes('5 ×'));
    expect(quotes(api)).to.deep.equal([23, 5]);
    await sleep(100);
    expect(text($(el, '[part~="quote"]'))).to.contain('5 ×');
  });

  it('the stepper and the arrow keys change the quantity within the product’s limits', async () => {
    const api = accountApi();
    const el = await mountPurchase(api);
    $<HTMLButtonElement>(el, '[part~="increment-button"]')!.click();
    await el.updateComplete;
    expect(quantityInput(el).value).to.equal('2');
    quantityInput(el).focus();
    await sendKeys({ press: 'ArrowUp' });
    await el.updateComplete;
    expect(quantityInput(el).value).to.equal('3');
    expect(quantityInput(el).max).to.equal(String(500 - 25));
    await typeQuantity(el, '900');
    quantityInput(el).blur();
    await el.updateComplete;
    expect(text($(el, '#quantity-error'))).to.contain('from 1 to 475');
    expect(quantityInput(el).getAttribute('aria-invalid')).to.equal('true');
  });

  it('Place order needs the acknowledgement; with it, a burst of presses orders once and the confirmation shows number, sales order and provisioning', async () => {
    const api = accountApi({ provisioningMs: 150, latencyMs: (op) => (op === 'createLicenseOrder' ? 40 : 0) });
    const el = await mountPurchase(api);
    const placed: LicenseOrder[] = [];
    const provisioned: LicenseOrder[] = [];
    el.addEventListener('acct-license-order', (e) => placed.push(e.detail.order));
    el.addEventListener('acct-license-provisioned', (e) => provisioned.push(e.detail.order));
    $<HTMLButtonElement>(el, '[part~="order-button"]')!.click();
    await el.updateComplete;
    expect($(el, '#ack-error')).to.not.equal(null);
    expect(orders(api)).to.have.length(0);
    $<HTMLInputElement>(el, '#acknowledge')!.click();
    await el.updateComplete;
    const button = $<HTMLButtonElement>(el, '[part~="order-button"]')!;
    for (let i = 0; i < 5; i++) button.click();
    await until(() => confirmed(el));
    expect(orders(api)).to.have.length(1);
    expect(placed).to.have.length(1);
    expect(text($(el, '[part~="order-number"]'))).to.match(/SO-\d{6}/);
    expect($<HTMLAnchorElement>(el, '[part~="sales-order-link"]')!.hasAttribute('download')).to.equal(true);
    expect(text($(el, '[part~="provisioning"]'))).to.contain('Being set up');
    expect(el.shadowRoot!.activeElement?.getAttribute('part')).to.equal('heading');
    await until(() => hasState(el, 'provisioned'), 3000);
    expect(provisioned.map((o) => o.id)).to.deep.equal([placed[0].id]);
    expect(text($(el, '[part~="provisioning"]'))).to.contain('ready');
    await expect(el).to.be.accessible();
  });

  it('the summary, the balance and the transactions on the page refresh after the order (R13)', async () => {
    const api = accountApi({ provisioningMs: 60_000 });
    const page = await mountIdle<HTMLElement>(html`<div>
      <acct-license-summary .api=${api}></acct-license-summary>
      <acct-transaction-history .api=${api}></acct-transaction-history>
      <acct-license-purchase product-id="prod_workspace" quote-delay="0" .api=${api}></acct-license-purchase>
    </div>`);
    const el = page.querySelector('acct-license-purchase')!;
    await until(() => $(el, '[part~="quote"]') !== null);
    await acknowledgeAndOrder(el);
    await until(() => confirmed(el));
    const summary = page.querySelector('acct-license-summary')!;
    await until(() => text($(summary, '[part~="pending"]')).includes('1'));
    const history = page.querySelector('acct-transaction-history')!;
    // The purchase and its payment are the newest two rows.
    await until(() => [...history.shadowRoot!.querySelectorAll('[role="rowgroup"].body [role="row"]')].slice(0, 2).some((row) => text(row).includes('License purchase')));
  });

  it('invoice me places the order without a charge', async () => {
    const api = accountApi();
    const el = await mountPurchase(api);
    $<HTMLInputElement>(el, 'input[value="invoice"]')!.click();
    await acknowledgeAndOrder(el);
    await until(() => confirmed(el));
    const body = orders(api)[0].args[0] as { payment: unknown };
    expect(body.payment).to.deep.equal({ type: 'invoice' });
    expect(text($(el, '[part~="confirmation"]'))).to.contain('Invoiced');
  });

  it('an answer that never came keeps the order and “Check again” sends the same key: one order (R2)', async () => {
    let failNext = true;
    const api = accountApi({
      fail: (op) => {
        if (op !== 'createLicenseOrder' || !failNext) return undefined;
        failNext = false;
        return new ApiError('network', 'Failed to fetch');
      },
    });
    const el = await mountPurchase(api);
    await acknowledgeAndOrder(el);
    await until(() => hasState(el, 'unknown'));
    expect(quantityInput(el).disabled).to.equal(true);
    expect(text($(el, '[part~="message"]'))).to.contain('never placed twice');
    $<HTMLButtonElement>(el, '[part~="check-again-button"]')!.click();
    await until(() => confirmed(el));
    const keys = api.calls.filter((c) => c.operation === 'createLicenseOrder');
    expect(keys).to.have.length(2);
    expect(api.data.licensing.orders).to.have.length(1);
  });

  it('a quote ordered in another tab shows that order, not a second one', async () => {
    const api = accountApi();
    const el = await mountPurchase(api);
    const quote = await api.createLicenseQuote({ product_id: 'prod_workspace', additional_quantity: 1 }, { idempotencyKey: 'tab-2-quote' });
    const other = await api.createLicenseOrder({ quote_id: quote.id, authorization_acknowledged: true, payment: { type: 'payment_method', payment_method_id: VISA } }, { idempotencyKey: 'tab-2' });
    await acknowledgeAndOrder(el);
    await until(() => confirmed(el));
    expect(text($(el, '[part~="order-number"]'))).to.contain(other.number);
    expect(text(el.shadowRoot!.querySelector('[part~="base"]'))).to.contain('nothing was ordered twice');
    expect(api.data.licensing.orders).to.have.length(1);
  });

  it('an expired quote brings the new price to review before ordering again', async () => {
    const api = accountApi();
    const el = await mountPurchase(api);
    const shownQuote = (await api.createLicenseQuote({ product_id: 'prod_workspace', additional_quantity: 1 }, { idempotencyKey: 'same' })) as LicenseQuote;
    api.expireQuote(shownQuote.id);
    await acknowledgeAndOrder(el);
    await until(() => text($(el, '[part~="message"]')).includes('expired'));
    expect(hasState(el, 'form')).to.equal(true);
    expect(api.data.licensing.orders).to.have.length(0);
    $<HTMLButtonElement>(el, '[part~="order-button"]')!.click();
    await until(() => confirmed(el));
    expect(api.data.licensing.orders).to.have.length(1);
    expect(api.data.licensing.orders[0].quote_id).to.not.equal(shownQuote.id);
  });

  it('a decline says why and keeps everything chosen; another method then orders', async () => {
    const api = accountApi();
    const el = await mountPurchase(api);
    // The expired Mastercard cannot be chosen (disabled); a declined card can: the test gateway's decline number.
    const declined = await api.addPaymentMethod({ type: 'card', card: { number: '4000000000000002', exp_month: 12, exp_year: 2030, cvc: '123' } }, { idempotencyKey: 'add' });
    await until(() => $(el, `input[value="${declined.id}"]`) !== null);
    $<HTMLInputElement>(el, `input[value="${declined.id}"]`)!.click();
    await acknowledgeAndOrder(el);
    await until(() => text($(el, '[part~="message"]')).includes('declined'));
    expect($<HTMLInputElement>(el, '#acknowledge')!.checked).to.equal(true);
    expect(quantityInput(el).value).to.equal('1');
    $<HTMLInputElement>(el, `input[value="${VISA}"]`)!.click();
    await el.updateComplete;
    $<HTMLButtonElement>(el, '[part~="order-button"]')!.click();
    await until(() => confirmed(el));
  });

  it('refusals of the quote are explained: above the maximum of a nearly full license', async () => {
    const api = accountApi();
    api.data.licensing.licenses[1].quantity = 249;
    const el = await mountPurchase(api, 'prod_analytics');
    expect(quantityInput(el).max).to.equal('1');
    api.data.licensing.licenses[1].pending_quantity = 1;
    await typeQuantity(el, '1');
    await until(() => $(el, '[part~="quote-status"]') !== null && text($(el, '[part~="quote-status"]')).includes('more than the plan allows'));
  });

  it('not self-service, read-only and no license say so, with the account manager’s contact', async () => {
    const residency = await mountIdle<AcctLicensePurchase>(html`<acct-license-purchase product-id="prod_residency" .api=${accountApi()}></acct-license-purchase>`);
    expect(hasState(residency, 'unavailable')).to.equal(true);
    expect($<HTMLAnchorElement>(residency, '[part~="contact-link"]')!.href).to.equal('mailto:accounts@example.com');
    const viewer = await mountIdle<AcctLicensePurchase>(html`<acct-license-purchase .api=${accountApi({ fixture: 'viewer' })}></acct-license-purchase>`);
    expect(text($(viewer, '[part~="unavailable"]'))).to.contain('not buy more');
    const none = await mountIdle<AcctLicensePurchase>(html`<acct-license-purchase .api=${accountApi({ fixture: 'empty' })}></acct-license-purchase>`);
    expect(text($(none, '[part~="unavailable"]'))).to.contain('no license');
    await expect(residency).to.be.accessible();
  });

  it('keyboard only: quantity, payment, acknowledgement and Place order by Tab, arrows and Space', async () => {
    const api = accountApi();
    const el = await mountPurchase(api);
    quantityInput(el).focus();
    await sendKeys({ press: 'ArrowUp' });
    await until(() => text($(el, '[part~="quote"]')).includes('2 ×'));
    // Tab to the + button, then on to the first payment radio.
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect((el.shadowRoot!.activeElement as HTMLInputElement).name).to.equal('payment');
    // Tab past the radio group and "Add a payment method" to the checkbox.
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement?.id).to.equal('acknowledge');
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement?.getAttribute('part')).to.equal('order-button');
    await sendKeys({ press: 'Enter' });
    await until(() => confirmed(el));
    expect(api.data.licensing.orders[0].additional_quantity).to.equal(2);
  });
});

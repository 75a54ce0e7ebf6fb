import { expect, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/license-summary/acct-license-summary.js';
import type { AcctLicenseSummary } from '../../src/components/license-summary/license-summary.js';
import type { AcctLicensePurchaseRequestEvent } from '../../src/events/license-events.js';
import { $, $$, accountApi, hasState, mountIdle, record, sleep, text, until } from './account-helpers.js';

describe('acct-license-summary', () => {
  it('shows each license with plan, quantity, contract price, status and the term with its renewal', async () => {
    const el = await mountIdle<AcctLicenseSummary>(html`<acct-license-summary .api=${accountApi()}></acct-license-summary>`);
    const rows = $$(el, '[part~="license"]');
    expect(rows).to.have.length(3);
    expect(text(rows[0])).to.contain('Workspace').and.contain('Team').and.contain('25 in use').and.contain('$144.00 per license per year').and.contain('Active');
    expect(text($(el, '[part~="term"]'))).to.match(/Contract term: .+ – .+ Renews on /);
    expect(hasState(el, 'populated')).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('"Buy more" fires acct-license-purchase-request with the license; residency is sold by the account manager', async () => {
    const el = await mountIdle<AcctLicenseSummary>(html`<acct-license-summary .api=${accountApi()}></acct-license-summary>`);
    const requests = record<AcctLicensePurchaseRequestEvent>(el, 'acct-license-purchase-request');
    const buttons = $$<HTMLButtonElement>(el, '[part~="buy-button"]');
    expect(buttons).to.have.length(2);
    buttons[0].focus();
    await sendKeys({ press: 'Enter' });
    expect(requests.map((e) => e.detail.license.product_id)).to.deep.equal(['prod_workspace']);
    const residency = $$(el, '[part~="license"]')[2];
    expect(residency.querySelector('[part~="buy-button"]')).to.equal(null);
    expect(residency.querySelector<HTMLAnchorElement>('[part~="not-self-service"] a')!.href).to.equal('mailto:accounts@example.com');
  });

  it('contact-url wins; a javascript: contact is never linked; the contact slot replaces the link', async () => {
    const api = accountApi();
    const el = await mountIdle<AcctLicenseSummary>(html`<acct-license-summary contact-url="https://example.com/am" .api=${api}></acct-license-summary>`);
    expect($<HTMLAnchorElement>(el, '[part~="contact-link"]')!.href).to.equal('https://example.com/am');
    const hostile = await mountIdle<AcctLicenseSummary>(html`<acct-license-summary .api=${accountApi({ fixture: 'hostile' })}></acct-license-summary>`);
    expect($(hostile, '[part~="contact-link"]')).to.equal(null);
    expect((window as unknown as { __xss?: number }).__xss).to.equal(undefined);
    const slotted = await mountIdle<AcctLicenseSummary>(html`<acct-license-summary .api=${accountApi()}><a slot="contact" href="/help">Call Ana</a></acct-license-summary>`);
    const slot = $<HTMLSlotElement>(slotted, 'slot[name="contact"]')!;
    expect(slot.assignedElements().map((e) => e.textContent)).to.deep.equal(['Call Ana']);
  });

  it('a viewer sees the licenses without "Buy more"', async () => {
    const el = await mountIdle<AcctLicenseSummary>(html`<acct-license-summary .api=${accountApi({ fixture: 'viewer' })}></acct-license-summary>`);
    expect($$(el, '[part~="buy-button"]')).to.have.length(0);
    expect(hasState(el, 'readonly')).to.equal(true);
  });

  it('asks again while licenses are being set up, and stops when they are ready', async () => {
    const api = accountApi({ provisioningMs: 120 });
    const quote = await api.createLicenseQuote({ product_id: 'prod_workspace', additional_quantity: 2 }, { idempotencyKey: 'q' });
    await api.createLicenseOrder({ quote_id: quote.id, authorization_acknowledged: true, payment: { type: 'invoice' } }, { idempotencyKey: 'o' });
    const el = await mountIdle<AcctLicenseSummary>(html`<acct-license-summary poll-interval="40" .api=${api}></acct-license-summary>`);
    expect(hasState(el, 'provisioning')).to.equal(true);
    expect(text($(el, '[part~="pending"]'))).to.contain('2 being set up');
    await until(() => !hasState(el, 'provisioning'), 3000);
    expect(text($$(el, '[part~="license"]')[0])).to.contain('27 in use');
    const calls = api.calls.filter((c) => c.operation === 'listLicenses').length;
    await sleep(150);
    expect(api.calls.filter((c) => c.operation === 'listLicenses').length).to.equal(calls);
  });

  it('no licenses: says so, with the account manager', async () => {
    const el = await mountIdle<AcctLicenseSummary>(html`<acct-license-summary .api=${accountApi({ fixture: 'empty' })}></acct-license-summary>`);
    expect(hasState(el, 'empty')).to.equal(true);
    expect(text($(el, '[part~="empty"]'))).to.contain('no licenses');
  });
});

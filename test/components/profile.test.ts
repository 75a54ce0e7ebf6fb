import { expect, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ApiError } from '../../src/api/errors.js';
import type { AcctProfile } from '../../src/components/profile/profile.js';
import '../../src/components/profile/acct-profile.js';
import type { AcctErrorEvent } from '../../src/events/index.js';
import { $, $$, accountApi, capturingConsoleErrors, hasState, mountIdle, record, text, until } from './account-helpers.js';

declare global {
  interface Window {
    __xss?: unknown;
  }
}

const mount = (template: ReturnType<typeof html>, idle = true) => mountIdle<AcctProfile>(template, idle);

/** Each fact as `term: value`. */
function facts(el: AcctProfile): string[] {
  return $$(el, '[part~="facts"] > div').map((div) => `${text(div.querySelector('dt'))}: ${text(div.querySelector('dd'))}`);
}

describe('acct-profile', () => {
  it('loading: a skeleton, aria-busy, :state(loading) and a status message', async () => {
    const el = await mount(html`<acct-profile .api=${accountApi({ latencyMs: Infinity })}></acct-profile>`, false);
    await el.updateComplete;
    expect(hasState(el, 'loading')).to.equal(true);
    expect($(el, '[part~="base"]')!.getAttribute('aria-busy')).to.equal('true');
    expect(text($(el, '[role="status"]'))).to.equal('Loading profile…');
    await expect(el).to.be.accessible();
  });

  it('shows the company, number, contacts, the administrator who set it up, the role, customer since and the licenses', async () => {
    const api = accountApi();
    const el = await mount(html`<acct-profile .api=${api}></acct-profile>`);
    expect(hasState(el, 'populated')).to.equal(true);
    const created = new Date(`${api.data.profile.created_on}T00:00:00Z`).toLocaleDateString('en-US', { dateStyle: 'medium', timeZone: 'UTC' });
    expect(facts(el)).to.deep.equal([
      'Company: Northwind Traders',
      'Account number: NW-100482',
      'Billing e-mail: billing@northwind.example',
      'Phone: +1 541 555 0142',
      'Set up by: Dana Whitfield dana.whitfield@example.com',
      'Your role: Administrator',
      `Customer since: ${created}`,
    ]);
    const heading = $(el, '[part~="heading"]')!;
    expect(heading.getAttribute('role')).to.equal('heading');
    expect(heading.getAttribute('aria-level')).to.equal('2');
    const licenses = $$(el, '[part~="license"]').map(text);
    expect(licenses).to.have.length(api.data.licensing.licenses.length);
    expect(licenses[0]).to.match(/^Workspace · Team \d+ in use$/);
    expect(text($(el, '[part~="licenses"]'))).to.match(/Renews on /);
    // Read only: nothing to press but the contact link.
    expect($$(el, 'button')).to.have.length(0);
    expect($<HTMLAnchorElement>(el, '[part~="contact-link"]')!.href).to.equal('mailto:accounts@example.com');
    expect(text($(el, '[part~="contact"]'))).to.contain('To change these details, contact your account manager.');
    await expect(el).to.be.accessible();
  });

  it('heading-level sets the outline: the licenses heading one level below', async () => {
    const el = await mount(html`<acct-profile heading-level="3" .api=${accountApi()}></acct-profile>`);
    expect($(el, '[part~="heading"]')!.getAttribute('aria-level')).to.equal('3');
    expect($(el, '[part~="licenses"] [role="heading"]')!.getAttribute('aria-level')).to.equal('4');
  });

  it('a billing viewer: the role says so', async () => {
    const el = await mount(html`<acct-profile .api=${accountApi({ fixture: 'viewer' })}></acct-profile>`);
    expect(facts(el)).to.include('Your role: Billing viewer');
  });

  it('a host role the elements do not know shows its id; facts the server leaves out leave no empty rows', async () => {
    const api = accountApi({ fixture: 'empty' });
    Object.assign(api.data.profile, { account_number: null, phone: null, provisioned_by: null, created_on: null, email: null });
    api.data.account.role = 'accounts_payable';
    const el = await mount(html`<acct-profile .api=${api}></acct-profile>`);
    expect(facts(el)).to.deep.equal(['Company: Fresh Start Ltd', 'Your role: accounts_payable']);
    expect(text($(el, '[part~="licenses"]'))).to.contain('This account has no licenses yet.');
  });

  it('contact-url wins; a javascript: contact is never linked; the contact slot replaces the link', async () => {
    const el = await mount(html`<acct-profile contact-url="https://example.com/am" .api=${accountApi()}></acct-profile>`);
    expect($<HTMLAnchorElement>(el, '[part~="contact-link"]')!.href).to.equal('https://example.com/am');
    const unsafe = await mount(html`<acct-profile contact-url="javascript:alert(1)" .api=${accountApi()}></acct-profile>`);
    expect($<HTMLAnchorElement>(unsafe, '[part~="contact-link"]')!.href, 'falls back to the account').to.equal('mailto:accounts@example.com');
    const slotted = await mount(html`<acct-profile .api=${accountApi()}><a slot="contact" href="/help">Call Ana</a></acct-profile>`);
    expect($<HTMLSlotElement>(slotted, 'slot[name="contact"]')!.assignedElements().map((e) => e.textContent)).to.deep.equal(['Call Ana']);
  });

  it('hostile data renders as text: no markup, no script, no javascript: link', async () => {
    const el = await mount(html`<acct-profile .api=${accountApi({ fixture: 'hostile' })}></acct-profile>`);
    expect($(el, 'img, script, b')).to.equal(null);
    expect($(el, '[part~="contact-link"]')).to.equal(null);
    expect(facts(el)[0]).to.equal('Company: <img src=x onerror="window.__xss=1">Evil Corp');
    expect(facts(el)).to.include('Phone: javascript:alert(1)');
    expect($$(el, 'a')).to.have.length(0);
    expect(window.__xss).to.equal(undefined);
    await expect(el).to.be.accessible();
  });

  it('the account fails: an error with Retry (by keyboard), acct-error once; Retry shows the profile', async () => {
    const api = accountApi({ fail: (operation, index) => (operation === 'getAccount' && index === 0 ? new ApiError('network', 'Failed to fetch') : undefined) });
    const el = await mount(html`<acct-profile .api=${api}></acct-profile>`, false);
    const errors = record<AcctErrorEvent>(el, 'acct-error');
    await until(() => hasState(el, 'error'));
    expect(errors).to.have.length(1);
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(el, '[part~="retry-button"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => hasState(el, 'populated'));
    expect(errors).to.have.length(1);
  });

  it('the licenses fail: the profile is shown, the licenses say so with Retry, which loads them', async () => {
    let failing = true;
    const api = accountApi({ fail: (operation) => (operation === 'listLicenses' && failing ? new ApiError('server', 'Internal Server Error', { status: 500 }) : undefined) });
    const el = await mount(html`<acct-profile .api=${api}></acct-profile>`, false);
    const errors = record<AcctErrorEvent>(el, 'acct-error');
    await until(() => hasState(el, 'populated') && $(el, '[part~="licenses-error"]') !== null);
    expect(facts(el)[0]).to.equal('Company: Northwind Traders');
    expect(text($(el, '[part~="licenses-error"]'))).to.contain('The licenses could not be loaded.');
    expect(errors).to.have.length(1);
    await expect(el).to.be.accessible();
    failing = false;
    $<HTMLButtonElement>(el, '[part~="licenses-error"] button')!.click();
    await until(() => $$(el, '[part~="license"]').length > 0);
    expect($(el, '[part~="licenses-error"]')).to.equal(null);
  });

  it('reloads by itself when the licenses change (a purchase), keeping the facts on screen', async () => {
    const api = accountApi({ provisioningMs: 0 });
    const el = await mount(html`<acct-profile .api=${api}></acct-profile>`);
    const before = text($$(el, '[part~="license"]')[0]);
    const quote = await api.createLicenseQuote({ product_id: 'prod_workspace', additional_quantity: 2 }, { idempotencyKey: 'q' });
    await api.createLicenseOrder({ quote_id: quote.id, authorization_acknowledged: true, payment: { type: 'invoice' } }, { idempotencyKey: 'o' });
    await until(() => text($$(el, '[part~="license"]')[0]) !== before);
    const [, count] = /(\d+) in use/.exec(before)!;
    expect(text($$(el, '[part~="license"]')[0])).to.match(new RegExp(`${Number(count) + 2} in use|${count} in use · 2 being set up`));
  });

  it('not configured: one console.error and the message', async () => {
    let el!: AcctProfile;
    const logged = await capturingConsoleErrors(async () => {
      el = await mount(html`<acct-profile></acct-profile>`, false);
      await until(() => hasState(el, 'unconfigured'));
      await el.updateComplete;
    });
    expect(logged).to.have.length(1);
    expect(String(logged[0][0])).to.contain('acct-profile');
    expect(text($(el, '[role="alert"]'))).to.contain('not connected to an account');
    await expect(el).to.be.accessible();
  });
});

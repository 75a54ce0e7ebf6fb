import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/portal/acct-portal.js';
import type { AcctPortal } from '../../src/components/portal/portal.js';
import type { AcctPortalNavigateEvent } from '../../src/events/portal-events.js';
import type { MemoryAccountApi } from '../../src/api/memory-api.js';
import { ApiError } from '../../src/api/errors.js';
import { waitForIdle } from '../helpers/wait.js';
import { $, $$, accountApi, hasState, record, text, until } from './account-helpers.js';

/** The element of `tag` inside the portal's shadow root, once it shows data. */
async function shown<T extends HTMLElement>(portal: AcctPortal, tag: string, state = 'populated'): Promise<T> {
  await until(() => !!portal.shadowRoot!.querySelector(tag)?.matches(`:state(${state})`), 10_000);
  return portal.shadowRoot!.querySelector<T>(tag)!;
}

const navLinks = (portal: AcctPortal) => $$(portal, '[part~="nav-link"]');
const navLabels = (portal: AcctPortal) => navLinks(portal).map(text);
const current = (portal: AcctPortal) => text($(portal, '[part~="nav-link"][aria-current="page"]'));
const heading = (portal: AcctPortal) => text($(portal, '[part~="section-heading"]'));

async function mount(template: ReturnType<typeof html>): Promise<AcctPortal> {
  const portal = await fixture<AcctPortal>(template);
  await until(() => hasState(portal, 'populated') || hasState(portal, 'error') || hasState(portal, 'unconfigured'));
  return portal;
}

describe('acct-portal', () => {
  afterEach(() => {
    history.replaceState(null, '', location.pathname + location.search);
  });

  it('the first view: the overview (balance, open invoices) and a navigation of every section the token may see', async () => {
    const portal = await mount(html`<acct-portal routing="none" .api=${accountApi()}></acct-portal>`);
    expect(navLabels(portal)).to.deep.equal(['Overview', 'Invoices', 'Payments', 'Payment methods', 'Licenses', 'Add-ons', 'Usage', 'Credits', 'Transactions', 'Addresses', 'Profile', 'Users']);
    expect(current(portal)).to.equal('Overview');
    expect(heading(portal)).to.equal('Overview');
    await shown(portal, 'acct-account-summary');
    const list = await shown(portal, 'acct-invoice-list');
    expect(list.getAttribute('filter')).to.equal('open');
    expect($(portal, 'nav')!.getAttribute('aria-label')).to.equal('Account');
    await waitForIdle(portal);
    await expect(portal).to.be.accessible();
  });

  it('loads a section’s elements the first time it is shown, not before', async () => {
    expect(customElements.get('acct-usage-table'), 'not registered by the portal itself').to.equal(undefined);
    const portal = await mount(html`<acct-portal routing="none" .api=${accountApi()}></acct-portal>`);
    await shown(portal, 'acct-account-summary');
    expect(customElements.get('acct-usage-table')).to.equal(undefined);
    portal.navigate('usage');
    await shown(portal, 'acct-usage-table');
    expect(customElements.get('acct-usage-chart')).to.not.equal(undefined);
  });

  it('hash routing: a deep link opens its view, the navigation writes the hash, Back goes back', async () => {
    history.replaceState(null, '', '#/invoices/in_1_000039');
    const portal = await mount(html`<acct-portal .api=${accountApi()}></acct-portal>`);
    const detail = await shown(portal, 'acct-invoice-detail');
    expect(detail.getAttribute('invoice-id')).to.equal('in_1_000039');
    expect(current(portal)).to.equal('Invoices');
    expect($<HTMLAnchorElement>(portal, '[part~="back-link"]')!.getAttribute('href')).to.equal('#/invoices');
    // The links are real links: a new tab opens the same view.
    expect(navLinks(portal).map((a) => a.getAttribute('href'))[2]).to.equal('#/payments');
    $<HTMLAnchorElement>(portal, '[part~="nav-link"][href="#/payments"]')!.click();
    await shown(portal, 'acct-payment-history');
    expect(location.hash).to.equal('#/payments');
    expect(portal.view).to.equal('payments');
    history.back();
    await until(() => portal.view === 'invoices/in_1_000039');
    await shown(portal, 'acct-invoice-detail');
    // A hash of the host's own (not `#/…`) is left alone.
    location.hash = 'top';
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(portal.view).to.equal('invoices/in_1_000039');
  });

  it('routing="none": acct-portal-navigate tells the host; cancelled, the host decides and sets view', async () => {
    const portal = await mount(html`<acct-portal routing="none" .api=${accountApi()}></acct-portal>`);
    const events = record<AcctPortalNavigateEvent>(portal, 'acct-portal-navigate');
    expect($(portal, 'a[part~="nav-link"]'), 'buttons, not links to a hash').to.equal(null);
    const stop = (event: Event) => event.preventDefault();
    portal.addEventListener('acct-portal-navigate', stop);
    navLinks(portal)[7].click();
    expect(events.map((e) => e.detail)).to.deep.equal([{ view: 'credits', from: 'overview' }]);
    await portal.updateComplete;
    expect(current(portal), 'cancelled: nothing changes').to.equal('Overview');
    expect(location.hash).to.equal('');
    portal.view = 'credits';
    await shown(portal, 'acct-credit-list', 'empty');
    expect(current(portal)).to.equal('Credits');
    portal.removeEventListener('acct-portal-navigate', stop);
    navLinks(portal)[10].click();
    await shown(portal, 'acct-profile');
    expect(location.hash, 'the hash is the host’s').to.equal('');
  });

  it('keyboard: Tab reaches the navigation, Enter shows the section and moves focus to its heading', async () => {
    const portal = await mount(html`<acct-portal routing="none" .api=${accountApi()}></acct-portal>`);
    await shown(portal, 'acct-account-summary');
    navLinks(portal)[0].focus();
    for (let i = 0; i < 4; i++) await sendKeys({ press: 'Tab' });
    expect(text(portal.shadowRoot!.activeElement)).to.equal('Licenses');
    await sendKeys({ press: 'Enter' });
    await shown(portal, 'acct-license-summary');
    await until(() => portal.shadowRoot!.activeElement?.getAttribute('part') === 'section-heading');
    expect(text(portal.shadowRoot!.activeElement)).to.equal('Licenses');
    // Shift+Tab from the heading goes back into the navigation.
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(portal.shadowRoot!.activeElement?.getAttribute('part')).to.equal('nav-link');
  });

  it('the elements’ requests become views: an invoice’s View, Pay, "Make a payment", "Buy more"', async () => {
    const portal = await mount(html`<acct-portal routing="none" .api=${accountApi()}></acct-portal>`);
    const list = await shown(portal, 'acct-invoice-list');
    const view = list.shadowRoot!.querySelector<HTMLButtonElement>('[part~="view-button"]')!;
    view.click();
    const detail = await shown(portal, 'acct-invoice-detail');
    expect(portal.view).to.match(/^invoices\/in_/);
    // The detail's Pay: the payment flow for that invoice.
    detail.shadowRoot!.querySelector<HTMLButtonElement>('[part~="pay-button"]')!.click();
    await until(() => portal.view === 'payments/pay');
    const pay = await shown(portal, 'acct-pay-invoice', 'review');
    expect((pay as unknown as { invoices: Array<{ id: string }> }).invoices.map((i) => i.id)).to.deep.equal([detail.getAttribute('invoice-id')]);
    // Back to payments, then "Make a payment": a new flow for every open invoice.
    $<HTMLButtonElement>(portal, '[part~="back-link"]')!.click();
    await shown(portal, 'acct-payment-history');
    $<HTMLButtonElement>(portal, '[part~="pay-button"]')!.click();
    const fresh = await shown(portal, 'acct-pay-invoice', 'select');
    expect(fresh).to.not.equal(pay);
    portal.navigate('licenses');
    const summary = await shown(portal, 'acct-license-summary');
    summary.shadowRoot!.querySelector<HTMLButtonElement>('[part~="buy-button"]')!.click();
    await until(() => portal.view === 'licenses/buy/prod_workspace');
    const purchase = await shown(portal, 'acct-license-purchase', 'form');
    expect(purchase.getAttribute('product-id')).to.equal('prod_workspace');
  });

  it('usage: the chart follows the table’s filters', async () => {
    const portal = await mount(html`<acct-portal routing="none" view="usage" .api=${accountApi()}></acct-portal>`);
    const table = await shown(portal, 'acct-usage-table');
    const chart = portal.shadowRoot!.querySelector('acct-usage-chart')!;
    table.setAttribute('metric', 'storage_gb');
    const select = table.shadowRoot!.querySelector<HTMLSelectElement>('[part~="metric-filter"]')!;
    select.value = 'api_requests';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await until(() => chart.getAttribute('metric') === 'api_requests');
  });

  it('capabilities: a billing viewer sees its sections without write actions; a basic user has no usage, a link to it says so', async () => {
    const viewer = await mount(html`<acct-portal routing="none" view="payments" .api=${accountApi({ fixture: 'viewer' })}></acct-portal>`);
    await shown(viewer, 'acct-payment-history');
    expect($(viewer, '[part~="pay-button"]')).to.equal(null);
    expect(navLabels(viewer)).to.include('Usage');
    expect(navLabels(viewer), 'users:manage is the administrator’s').to.not.include('Users');
    const api = accountApi();
    Object.assign(api.data.account, { role: 'basic', capabilities: ['invoices:read'] });
    const basic = await mount(html`<acct-portal routing="none" view="usage" .api=${api}></acct-portal>`);
    expect(navLabels(basic)).to.not.include('Usage');
    expect(text($(basic, '[part~="unavailable"]'))).to.contain('not available to you');
    expect(customElements.get('acct-usage-table') === undefined || !basic.shadowRoot!.querySelector('acct-usage-table')).to.equal(true);
    await expect(basic).to.be.accessible();
  });

  it('readonly: an administrator’s token with every write action left out, and writes refused before the API', async () => {
    const api = accountApi();
    const portal = await mount(html`<acct-portal routing="none" readonly view="payment-methods" .api=${api}></acct-portal>`);
    expect(hasState(portal, 'readonly')).to.equal(true);
    const methods = await shown(portal, 'acct-payment-methods');
    expect(methods.shadowRoot!.querySelector('[part~="add-card-button"]')).to.equal(null);
    expect(methods.shadowRoot!.querySelector('[part~="delete-button"]')).to.equal(null);
    const inner = (methods as unknown as { resolvedApi: MemoryAccountApi }).resolvedApi;
    const account = await inner.getAccount();
    expect(account.capabilities).to.deep.equal(['invoices:read', 'usage:read']);
    const before = api.calls.length;
    let refused: unknown;
    await inner.setAutopay({ enabled: true }, { idempotencyKey: 'k' }).catch((error: unknown) => (refused = error));
    expect((refused as { kind: string }).kind).to.equal('forbidden');
    expect(api.calls.slice(before).map((c) => c.operation), 'nothing sent').to.not.include('setAutopay');
    portal.navigate('payments');
    await shown(portal, 'acct-payment-history');
    expect($(portal, '[part~="pay-button"]')).to.equal(null);
    expect(navLabels(portal)).to.not.include('Users');
  });

  it('sections as a property: an array, or the text a framework sets (React, Vue and Svelte set the attribute’s text as the property)', async () => {
    const portal = await mount(html`<acct-portal routing="none" .sections=${'payments profile'} .api=${accountApi()}></acct-portal>`);
    expect(navLabels(portal)).to.deep.equal(['Payments', 'Profile']);
    portal.sections = ['credits'];
    await portal.updateComplete;
    expect(navLabels(portal)).to.deep.equal(['Credits']);
  });

  it('sections: the host’s choice in its order; unknown ids are ignored', async () => {
    const portal = await mount(html`<acct-portal routing="none" sections="profile, invoices nope" .api=${accountApi()}></acct-portal>`);
    expect(navLabels(portal)).to.deep.equal(['Profile', 'Invoices']);
    expect(current(portal), 'the first one is the first view').to.equal('Profile');
    await shown(portal, 'acct-profile');
  });

  it('gives its elements its own connection: a lone portal with an api property, inside no provider', async () => {
    const api = accountApi();
    const portal = await mount(html`<acct-portal routing="none" view="profile" .api=${api}></acct-portal>`);
    const profile = await shown(portal, 'acct-profile');
    expect((profile as unknown as { resolvedApi: unknown }).resolvedApi).to.equal(api);
  });

  it('the layout follows the portal’s own width: the navigation at the bottom when narrow, at the side when wide (and mirrored in RTL)', async () => {
    const host = await fixture<HTMLElement>(html`<div style="inline-size: 340px"><acct-portal routing="none" .api=${accountApi()}></acct-portal></div>`);
    const portal = host.querySelector('acct-portal')!;
    await until(() => hasState(portal, 'populated'));
    await shown(portal, 'acct-account-summary');
    const nav = () => $(portal, 'nav')!.getBoundingClientRect();
    const main = () => $(portal, '.main')!.getBoundingClientRect();
    // Narrow: after the section, kept at the bottom of the window while the portal is in view.
    expect(getComputedStyle($(portal, 'nav')!).position).to.equal('sticky');
    expect(nav().bottom).to.be.closeTo(Math.min(innerHeight, portal.getBoundingClientRect().bottom), 2);
    expect(nav().left).to.be.closeTo(main().left, 2);
    expect(document.documentElement.scrollWidth, 'no sideways scrolling of the page').to.be.at.most(document.documentElement.clientWidth);
    host.style.inlineSize = '1000px';
    await until(() => nav().right <= main().left + 1);
    host.dir = 'rtl';
    await until(() => nav().left >= main().right - 1);
  });

  it('the account fails: an error with Retry; Retry shows the portal', async () => {
    const api = accountApi({ fail: (operation, index) => (operation === 'getAccount' && index === 0 ? new ApiError('network', 'Failed to fetch') : undefined) });
    const portal = await fixture<AcctPortal>(html`<acct-portal routing="none" .api=${api}></acct-portal>`);
    await until(() => hasState(portal, 'error'));
    await expect(portal).to.be.accessible();
    $<HTMLButtonElement>(portal, '[part~="retry-button"]')!.click();
    await until(() => hasState(portal, 'populated'));
  });
});


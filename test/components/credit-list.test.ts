import { expect, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ApiError } from '../../src/api/errors.js';
import type { CreditQuery, MemoryAccountApi } from '../../src/api/memory-api.js';
import type { AcctCreditList } from '../../src/components/credit-list/credit-list.js';
import '../../src/components/credit-list/acct-credit-list.js';
import type { AcctErrorEvent } from '../../src/events/index.js';
import { credit, withCredits } from '../../stories/credit-stories-helpers.js';
import { deepQueryAll, waitForIdle } from '../helpers/wait.js';
import { $, $$, accountApi as fixedDayApi, capturingConsoleErrors, hasState, mountIdle, record, text, until } from './account-helpers.js';

declare global {
  interface Window {
    __xss?: unknown;
  }
}

/**
 * On the real clock (not the helpers' fixed day): the element marks a credit expired by today's
 * date, as the server applies credit by its own.
 */
const accountApi = (options: Parameters<typeof fixedDayApi>[0] = {}) => fixedDayApi({ today: undefined, ...options });

const mount = (template: ReturnType<typeof html>, idle = true) => mountIdle<AcctCreditList>(template, idle);
const bodyRows = (el: Element) => $$(el, '.body [role="row"]');
const dollars = (minor: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(minor / 100);

/** The text of one cell per body row (0 credit, 1 date, 2 amount, 3 remaining, 4 expires, 5 applied to), without the card label. */
function column(el: Element, index: number): string[] {
  return bodyRows(el).map((row) => {
    const cell = row.querySelectorAll(':scope > [role="cell"]')[index];
    const label = text(cell.querySelector('.cell-label'));
    return text(cell).replace(label, '').trim();
  });
}

function listQueries(api: MemoryAccountApi): CreditQuery[] {
  return api.calls.filter((c) => c.operation === 'listCredits').map((c) => c.args[0] as CreditQuery);
}

describe('acct-credit-list: states', () => {
  it('loading: skeleton rows under the column headers, :state(loading), a status message', async () => {
    const el = await mount(html`<acct-credit-list .api=${accountApi({ latencyMs: Infinity })}></acct-credit-list>`, false);
    await el.updateComplete;
    expect(hasState(el, 'loading')).to.be.true;
    expect($$(el, '.skeleton-row')).to.have.length(4);
    expect(text($(el, '[role="status"]'))).to.equal('Loading credits…');
    await expect(el).to.be.accessible();
    el.remove();
  });

  it('populated: newest first; reference, date, amount, what is left with Used or Expired, expiry, and the invoices each paid', async () => {
    const api = withCredits(accountApi());
    const credits = (await api.listCredits()).data;
    const el = await mount(html`<acct-credit-list .api=${api}></acct-credit-list>`);
    expect(hasState(el, 'populated')).to.be.true;
    expect($$(el, '[role="columnheader"]').map((h) => text(h))).to.deep.equal(['Credit', 'Date', 'Amount', 'Remaining', 'Expires', 'Applied to']);
    expect(column(el, 0)).to.deep.equal(['Referral credit', 'Goodwill credit for the outage on 3 March', 'Priority support disabled: unused part of the period', 'Promotional credit']);
    expect(column(el, 1)[0]).to.equal(new Intl.DateTimeFormat('en-US', { dateStyle: 'medium' }).format(new Date(credits[0].created_at)));
    expect(column(el, 2)).to.deep.equal(credits.map((c) => dollars(c.original.amount)));
    // Used up, partly used (2,500 left), untouched with an expiry ahead, and expired before it was applied.
    expect(column(el, 3)).to.deep.equal([dollars(1500), dollars(2500), `${dollars(0)} Used`, `${dollars(1200)} Expired`]);
    expect($$(el, '[part="status"]').map((b) => b.className.replace('badge', '').trim())).to.deep.equal(['muted', 'warning']);
    const format = (day: string) => new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
    expect(column(el, 4)).to.deep.equal([format(credits[0].expires_on!), 'Does not expire', 'Does not expire', format(credits[3].expires_on!)]);
    // Each application: the invoice number and what went to it; nothing applied reads "None".
    const used = credits[2];
    expect(used.applications).to.have.length(1);
    expect(column(el, 5)[2]).to.equal(`${used.applications[0].invoice_number} ${dollars(used.applications[0].amount.amount)}`);
    expect(column(el, 5)[1]).to.equal(credits[1].applications.map((a) => `${a.invoice_number} ${dollars(a.amount.amount)}`).join(''));
    expect(column(el, 5)[0]).to.equal('—None');
    expect($(el, '[role="table"]')!.getAttribute('aria-rowcount')).to.equal('5');
    expect(text($(el, '[role="status"]'))).to.equal('4 credits');
    // After the test's own call above.
    expect(listQueries(api).slice(1)).to.deep.equal([{ status: 'all', limit: 25 }]);
    await expect(el).to.be.accessible();
  });

  it('status="available" asks the server for the credits that can still pay, and says so when there are none', async () => {
    const api = withCredits(accountApi());
    const el = await mount(html`<acct-credit-list status="available" .api=${api}></acct-credit-list>`);
    expect(column(el, 0)).to.deep.equal(['Referral credit', 'Goodwill credit for the outage on 3 March']);
    expect(listQueries(api)).to.deep.equal([{ status: 'available', limit: 25 }]);
    const none = await mount(html`<acct-credit-list status="available" .api=${accountApi()}></acct-credit-list>`);
    expect(hasState(none, 'empty')).to.be.true;
    expect(text($(none, '[part="empty"]'))).to.equal('No credit available.');
    await expect(none).to.be.accessible();
  });

  it('empty: "No credits yet."', async () => {
    const el = await mount(html`<acct-credit-list .api=${accountApi()}></acct-credit-list>`);
    expect(hasState(el, 'empty')).to.be.true;
    expect(text($(el, '[part="empty"]'))).to.equal('No credits yet.');
    expect($(el, '[role="table"]')).to.be.null;
    await expect(el).to.be.accessible();
  });

  it('error: an alert with Retry (Enter) and one acct-error; Retry reloads fresh', async () => {
    const api = withCredits(accountApi({ fail: (op, i) => (op === 'listCredits' && i === 0 ? new ApiError('server', 'boom', { status: 500, requestId: 'req_cr' }) : undefined) }));
    const errors = record<AcctErrorEvent>(document, 'acct-error');
    const el = await mount(html`<acct-credit-list .api=${api}></acct-credit-list>`);
    expect(hasState(el, 'error')).to.be.true;
    expect(text($(el, '[role="alert"]'))).to.contain('req_cr');
    await expect(el).to.be.accessible();
    await el.updateComplete;
    expect(errors.filter((e) => e.target === el)).to.have.length(1);
    const fresh: boolean[] = [];
    const original = api.listCredits.bind(api);
    api.listCredits = (query, options) => {
      fresh.push(!!options?.fresh);
      return original(query, options);
    };
    $<HTMLButtonElement>(el, '[part="retry-button"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitForIdle(el);
    expect(hasState(el, 'populated')).to.be.true;
    expect(fresh).to.deep.equal([true]);
  });

  it('a custom api resolving with no page is an invalid-response error, not a crash', async () => {
    const api = accountApi();
    api.listCredits = () => Promise.resolve({} as never);
    const el = await mount(html`<acct-credit-list .api=${api}></acct-credit-list>`);
    expect(text($(el, '[role="alert"]'))).to.contain('could not read');
  });

  it('not configured: one console.error and the message', async () => {
    let el!: AcctCreditList;
    const logged = await capturingConsoleErrors(async () => {
      el = await mount(html`<acct-credit-list></acct-credit-list>`, false);
      await until(() => hasState(el, 'unconfigured'));
      await el.updateComplete;
    });
    expect(logged).to.have.length(1);
    expect(text($(el, '[role="alert"]'))).to.contain('not connected to an account');
    await expect(el).to.be.accessible();
  });

  it('hostile references and invoice numbers render as text', async () => {
    delete window.__xss;
    const api = accountApi({ fixture: 'hostile' });
    const evil = '<img src=x onerror="window.__xss=1">';
    const hostile = credit(api, 'cr_x', 1999, `${evil}Credit`, 1);
    hostile.applications = [{ invoice_id: 'in_x', invoice_number: `"><svg onload="window.__xss=1">INV`, amount: { amount: 999, currency: hostile.original.currency }, applied_at: hostile.created_at }];
    api.data.addons.credits.push(hostile);
    const el = await mount(html`<acct-credit-list .api=${api}></acct-credit-list>`);
    await new Promise((r) => requestAnimationFrame(r));
    expect(deepQueryAll(el, 'img, svg, script, iframe, object')).to.have.length(0);
    expect(window.__xss).to.be.undefined;
    expect(column(el, 0)[0]).to.equal(`${evil}Credit`);
    expect(column(el, 5)[0]).to.contain('"><svg onload="window.__xss=1">INV');
    await expect(el).to.be.accessible();
  });

  it('invalid status and page-size warn and keep the defaults', async () => {
    const original = console.warn;
    const warnings: string[] = [];
    console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
    try {
      const api = accountApi();
      await mount(html`<acct-credit-list status="spent" page-size="0" .api=${api}></acct-credit-list>`);
      expect(warnings.some((w) => w.includes('status="spent"'))).to.be.true;
      expect(warnings.some((w) => w.includes('page-size="0"'))).to.be.true;
      expect(listQueries(api)).to.deep.equal([{ status: 'all', limit: 25 }]);
    } finally {
      console.warn = original;
    }
  });
});

describe('acct-credit-list: pages, refresh and layout', () => {
  it('"Load more" (Tab to it, Enter) appends the next page by cursor; on the last page focus moves to the first new row', async () => {
    const api = withCredits(accountApi());
    const el = await mount(html`<acct-credit-list page-size="3" .api=${api}></acct-credit-list>`);
    expect(bodyRows(el)).to.have.length(3);
    $<HTMLButtonElement>(el, '[part="load-more"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => bodyRows(el).length === 4);
    await until(() => el.shadowRoot!.activeElement?.getAttribute('aria-rowindex') === '5');
    const queries = listQueries(api);
    expect(queries).to.have.length(2);
    expect(queries[1]).to.include({ status: 'all', limit: 3 });
    expect(queries[1].cursor).to.be.a('string');
    expect($(el, '[part="load-more"]')).to.be.null;
    await expect(el).to.be.accessible();
  });

  it('a failed "Load more" keeps the rows and offers its own Retry, which continues from the same cursor', async () => {
    const api = withCredits(accountApi({ fail: (op, i) => (op === 'listCredits' && i === 1 ? new ApiError('timeout', 'slow') : undefined) }));
    const el = await mount(html`<acct-credit-list page-size="2" .api=${api}></acct-credit-list>`);
    $<HTMLButtonElement>(el, '[part="load-more"]')!.click();
    await until(() => $(el, '[role="alert"]') !== null);
    expect(bodyRows(el)).to.have.length(2);
    expect(text($(el, '[role="alert"]'))).to.contain('took too long');
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(el, '[part="retry-button"]')!.click();
    await until(() => bodyRows(el).length === 4);
    const queries = listQueries(api);
    expect(queries[2].cursor).to.equal(queries[1].cursor);
  });

  it('disabling an add-on elsewhere makes a credit: the list reloads by itself and shows it, with the invoice it paid (R13)', async () => {
    const api = accountApi();
    const el = await mount(html`<acct-credit-list .api=${api}></acct-credit-list>`);
    expect(hasState(el, 'empty')).to.be.true;
    const support = 'addon_typical_priority_support';
    const preview = await api.previewAddonChange(support, { action: 'disable' }, { idempotencyKey: 'k-preview' });
    await api.disableAddon(support, { preview_id: preview.id }, { idempotencyKey: 'k-disable' });
    await until(() => bodyRows(el).length === 1);
    const [made] = (await api.listCredits()).data;
    expect(made.applications.length).to.be.greaterThan(0);
    expect(column(el, 0)).to.deep.equal([made.reference]);
    expect(column(el, 2)).to.deep.equal([dollars(preview.credit.amount)]);
    expect(column(el, 5)[0]).to.contain(made.applications[0].invoice_number);
  });

  it('narrow hosts: every credit is a card with the column names in it; no horizontal scroll', async () => {
    const el = await mount(html`<acct-credit-list style="width: 22rem" .api=${withCredits(accountApi())}></acct-credit-list>`);
    const label = bodyRows(el)[0].querySelector<HTMLElement>('.cell-label')!;
    expect(getComputedStyle(label).display).to.equal('block');
    expect($(el, '[role="table"]')!.scrollWidth).to.be.at.most(el.clientWidth + 1);
    await expect(el).to.be.accessible();
    el.style.width = '60rem';
    await new Promise((r) => requestAnimationFrame(r));
    expect(getComputedStyle(label).display).to.equal('none');
  });
});

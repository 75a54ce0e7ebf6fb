import { expect, html } from '@open-wc/testing';
import { ApiError } from '../../src/api/errors.js';
import type { AcctErrorEvent } from '../../src/events/index.js';
import { waitForIdle } from '../helpers/wait.js';
import { $, $$, bodyRows, column, hasState, memoryApi, mount, record, sleep, spyListInvoices, until } from './invoice-list-helpers.js';

describe('acct-invoice-list: states', () => {
  it('loading: skeleton rows, aria-busy table, :state(loading)', async () => {
    const api = memoryApi({ latencyMs: Infinity });
    const el = await mount(html`<acct-invoice-list .api=${api}></acct-invoice-list>`, false);
    await el.updateComplete;
    expect(hasState(el, 'loading')).to.be.true;
    expect($(el, '[role="table"]')!.getAttribute('aria-busy')).to.equal('true');
    expect($$(el, '.skeleton-row').length).to.be.greaterThan(0);
    expect($(el, '[role="status"]')!.textContent).to.contain('Loading invoices');
    await expect(el).to.be.accessible();
    el.remove();
  });

  it('populated: columns, formatted money and dates, status badges, "Showing X of Y"', async () => {
    const api = memoryApi();
    const el = await mount(html`<acct-invoice-list .api=${api}></acct-invoice-list>`);
    expect(hasState(el, 'populated')).to.be.true;
    expect(hasState(el, 'loading')).to.be.false;
    expect(hasState(el, 'readonly')).to.be.false;
    const table = $(el, '[role="table"]')!;
    expect(table.getAttribute('aria-rowcount')).to.equal('41');
    expect(table.getAttribute('aria-busy')).to.equal('false');
    expect($$(el, '[role="columnheader"]').map((h) => h.textContent!.trim())).to.include.members([
      'Number',
      'Date',
      'Due date',
      'Total',
      'Amount due',
      'Status',
    ]);
    const rows = bodyRows(el);
    expect(rows).to.have.length(25);
    expect(rows.map((r) => r.getAttribute('aria-rowindex')).slice(0, 3)).to.deep.equal(['2', '3', '4']);
    const newest = api.data.invoices[0];
    expect(column(el, 0)[0]).to.equal(newest.number);
    expect(column(el, 1)[0]).to.equal('Mar 12, 2026');
    expect(column(el, 2)[0]).to.equal('Apr 11, 2026');
    expect(column(el, 3)[0]).to.equal('$998.99');
    expect(column(el, 4)[0]).to.equal('$998.99');
    const badges = $$(el, '[part="status"]');
    const badgeFor = (text: string) => badges.find((b) => b.textContent === text)!;
    expect(badgeFor('Open').className).to.contain('info');
    expect(badgeFor('Overdue').className).to.contain('danger');
    expect(badgeFor('Paid').className).to.contain('success');
    expect(el.shadowRoot!.textContent).to.contain('Showing 25 of 40');
    expect(el.shadowRoot!.textContent).not.to.contain('undefined');
    await expect(el).to.be.accessible();
  });

  for (const [filter, message] of [
    ['all', 'No invoices yet.'],
    ['open', "No open invoices. You're all paid up."],
    ['paid', 'No paid invoices yet.'],
  ] as const) {
    it(`empty (${filter}): "${message}"`, async () => {
      const el = await mount(html`<acct-invoice-list filter=${filter} .api=${memoryApi({ fixture: 'empty' })}></acct-invoice-list>`);
      expect(hasState(el, 'empty')).to.be.true;
      expect($(el, '[part="empty"]')!.textContent!.trim()).to.equal(message);
      expect($(el, '[role="table"]')).to.be.null;
      // The filter stays, so the user can look at other invoices.
      expect($(el, '[part="filter"]')).to.exist;
      await expect(el).to.be.accessible();
    });
  }

  it('error: an alert with Retry, one acct-error per failure, Retry recovers with a fresh request', async () => {
    const api = memoryApi({
      fail: (op, i) => (op === 'listInvoices' && i === 0 ? new ApiError('server', 'boom', { status: 500, requestId: 'req_42' }) : undefined),
    });
    const calls = spyListInvoices(api);
    const errors: AcctErrorEvent[] = [];
    const onError = (e: Event) => errors.push(e as AcctErrorEvent);
    document.addEventListener('acct-error', onError);
    try {
      const el = await mount(html`<acct-invoice-list .api=${api}></acct-invoice-list>`);
      expect(hasState(el, 'error')).to.be.true;
      const alert = $(el, '[role="alert"]')!;
      expect(alert.textContent).to.contain('Something went wrong on our side');
      expect(alert.textContent).to.contain('req_42');
      await expect(el).to.be.accessible();
      el.requestUpdate();
      await el.updateComplete;
      expect(errors).to.have.length(1);
      expect(errors[0].detail.error.kind).to.equal('server');

      $<HTMLButtonElement>(el, '[part="retry-button"]')!.click();
      await waitForIdle(el);
      expect(hasState(el, 'error')).to.be.false;
      expect(hasState(el, 'populated')).to.be.true;
      expect(bodyRows(el)).to.have.length(25);
      expect(calls.at(-1)!.fresh).to.be.true;
      expect(errors).to.have.length(1);
      await expect(el).to.be.accessible();
    } finally {
      document.removeEventListener('acct-error', onError);
    }
  });

  it('invalid response: says the data could not be read and where', async () => {
    const api = memoryApi({
      fail: (op) => (op === 'listInvoices' ? new ApiError('invalid-response', 'bad', { path: 'data[3].total.amount' }) : undefined),
    });
    const el = await mount(html`<acct-invoice-list .api=${api}></acct-invoice-list>`);
    expect(hasState(el, 'error')).to.be.true;
    const text = $(el, '[role="alert"]')!.textContent!;
    expect(text).to.contain('could not read');
    expect(text).to.contain('data[3].total.amount');
    expect($(el, '[part="retry-button"]')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('a failed account load is an error state too (capabilities unknown)', async () => {
    const api = memoryApi({ fail: (op) => (op === 'getAccount' ? new ApiError('network', 'offline') : undefined) });
    const el = await mount(html`<acct-invoice-list .api=${api}></acct-invoice-list>`);
    expect(hasState(el, 'error')).to.be.true;
    expect($(el, '[role="alert"]')!.textContent).to.contain('could not reach the server');
    await expect(el).to.be.accessible();
  });

  it('a custom api resolving with no page is an invalid-response error, not a crash', async () => {
    const api = memoryApi();
    api.listInvoices = () => Promise.resolve({} as never);
    const el = await mount(html`<acct-invoice-list .api=${api}></acct-invoice-list>`);
    expect(hasState(el, 'error')).to.be.true;
    expect($(el, '[role="alert"]')!.textContent).to.contain('could not read');
  });

  it('permission-limited (billing viewer): rows, View and PDF, but no checkboxes and no Pay (selected or per row)', async () => {
    const el = await mount(html`<acct-invoice-list .api=${memoryApi({ fixture: 'viewer' })}></acct-invoice-list>`);
    expect(hasState(el, 'readonly')).to.be.true;
    expect(hasState(el, 'populated')).to.be.true;
    expect(bodyRows(el)).to.have.length(25);
    expect($$(el, 'input[type="checkbox"]')).to.have.length(0);
    expect($(el, '[part="pay-button"]')).to.be.null;
    expect($(el, '[part="row-pay-button"]')).to.be.null;
    expect($(el, '[part="summary"]')).to.be.null;
    expect($$(el, '[part="view-button"]')).to.have.length(25);
    expect($$(el, '[part="pdf-link"]')).to.have.length(25);
    await expect(el).to.be.accessible();
  });

  it('configuration missing: logs one console.error and shows the message', async () => {
    const original = console.error;
    const logged: unknown[][] = [];
    console.error = (...args: unknown[]) => logged.push(args);
    try {
      const el = await mount(html`<acct-invoice-list></acct-invoice-list>`, false);
      expect(hasState(el, 'loading')).to.be.true;
      await until(() => hasState(el, 'unconfigured'));
      await el.updateComplete;
      expect(logged).to.have.length(1);
      expect(String(logged[0][0])).to.contain('acct-invoice-list');
      expect($(el, '[role="alert"]')!.textContent).to.contain('not connected to an account');
      expect($(el, '[part="filter"]')).to.be.null;
      await expect(el).to.be.accessible();
    } finally {
      console.error = original;
    }
  });

  it('invalid filter and page-size warn and keep the defaults', async () => {
    const original = console.warn;
    const warnings: string[] = [];
    console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
    try {
      const api = memoryApi();
      const calls = spyListInvoices(api);
      const el = await mount(html`<acct-invoice-list filter="unpaid" page-size="500" .api=${api}></acct-invoice-list>`);
      expect(el.filter).to.equal('all');
      expect(el.getAttribute('filter')).to.equal('all');
      expect(el.pageSize).to.equal(25);
      expect(warnings.some((w) => w.includes('filter="unpaid"'))).to.be.true;
      expect(warnings.some((w) => w.includes('page-size="500"'))).to.be.true;
      expect(calls.map((c) => [c.query.status, c.query.limit])).to.deep.equal([['all', 25]]);

      el.setAttribute('page-size', 'ten');
      el.filter = 'open';
      await waitForIdle(el);
      el.filter = 'bogus' as never;
      await waitForIdle(el);
      expect(el.filter).to.equal('open');
      expect(el.pageSize).to.equal(25);
      expect(warnings.some((w) => w.includes('page-size="NaN"'))).to.be.true;
      expect(calls.map((c) => c.query.status)).to.deep.equal(['all', 'open']);
      await expect(el).to.be.accessible();
    } finally {
      console.warn = original;
    }
  });

  it('hide-filter removes the filter; the list still loads', async () => {
    const el = await mount(html`<acct-invoice-list hide-filter page-size="5" .api=${memoryApi()}></acct-invoice-list>`);
    expect($(el, '[part="filter"]')).to.be.null;
    expect(bodyRows(el)).to.have.length(5);
    await expect(el).to.be.accessible();
  });

  it('a valid page-size is the request limit', async () => {
    const api = memoryApi();
    const calls = spyListInvoices(api);
    const el = await mount(html`<acct-invoice-list page-size="10" .api=${api}></acct-invoice-list>`);
    expect(calls[0].query.limit).to.equal(10);
    expect(bodyRows(el)).to.have.length(10);
  });

  it('disconnecting mid-load aborts the request, logs nothing and resumes when re-attached', async () => {
    const api = memoryApi({ latencyMs: (op) => (op === 'listInvoices' ? 200 : 0) });
    const calls = spyListInvoices(api);
    const original = console.error;
    const logged: unknown[] = [];
    console.error = (...args: unknown[]) => logged.push(args);
    try {
      const el = await mount(html`<acct-invoice-list .api=${api}></acct-invoice-list>`, false);
      const errors = record(el, 'acct-error');
      const parent = el.parentElement!;
      await sleep(20);
      expect(calls).to.have.length(1);
      el.remove();
      expect(calls[0].signal!.aborted).to.be.true;
      await sleep(250);
      expect(logged).to.deep.equal([]);
      expect(errors).to.have.length(0);
      expect(hasState(el, 'error')).to.be.false;

      parent.append(el);
      await waitForIdle(el);
      expect(hasState(el, 'populated')).to.be.true;
      expect(calls).to.have.length(2);
    } finally {
      console.error = original;
    }
  });

  it('refresh on invalidation reloads from the first page without flashing skeletons', async () => {
    const api = memoryApi({ latencyMs: 30 });
    const el = await mount(html`<acct-invoice-list page-size="10" .api=${api}></acct-invoice-list>`);
    $<HTMLButtonElement>(el, '[part="load-more"]')!.click();
    await until(() => bodyRows(el).length === 20);
    const before = api.calls.length;
    api.invalidate(['invoices']);
    await el.updateComplete;
    // The old rows stay while the new first page loads.
    expect(bodyRows(el).length).to.equal(20);
    expect($(el, '[role="table"]')!.getAttribute('aria-busy')).to.equal('true');
    await waitForIdle(el);
    await until(() => bodyRows(el).length === 10);
    expect($(el, '[role="table"]')!.getAttribute('aria-busy')).to.equal('false');
    const reloaded = api.calls.slice(before).map((c) => c.operation);
    expect(reloaded).to.have.members(['getAccount', 'listInvoices']);
  });
});

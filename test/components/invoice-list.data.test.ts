import { expect, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ApiError } from '../../src/api/errors.js';
import { toSummary } from '../../src/api/fixtures/generate.js';
import type { AcctSelectionChangeEvent } from '../../src/events/index.js';
import { waitForIdle } from '../helpers/wait.js';
import {
  $,
  $$,
  bodyRows,
  column,
  hasState,
  listStatuses,
  memoryApi,
  mount,
  record,
  sleep,
  spyListInvoices,
  until,
} from './invoice-list-helpers.js';

function radio(el: HTMLElement, value: string): HTMLInputElement {
  return $$<HTMLInputElement>(el, '[part="filter"] input[type="radio"]').find((r) => r.value === value)!;
}

describe('acct-invoice-list: data', () => {
  it('the filter is a labelled radio group; each filter value is requested exactly once', async () => {
    const api = memoryApi();
    const el = await mount(html`<acct-invoice-list .api=${api}></acct-invoice-list>`);
    const fieldset = $(el, 'fieldset[part="filter"]')!;
    expect(fieldset.querySelector('legend')!.textContent).to.equal('Show');
    expect($$<HTMLInputElement>(el, '[part="filter"] input').map((r) => [r.value, r.checked])).to.deep.equal([
      ['all', true],
      ['open', false],
      ['paid', false],
    ]);

    radio(el, 'open').click();
    await waitForIdle(el);
    expect(el.filter).to.equal('open');
    expect(el.getAttribute('filter')).to.equal('open');
    expect(new Set(column(el, 5))).to.deep.equal(new Set(['Open', 'Overdue']));
    await expect(el).to.be.accessible();

    radio(el, 'paid').click();
    await waitForIdle(el);
    expect(new Set(column(el, 5))).to.deep.equal(new Set(['Paid']));
    expect(listStatuses(api)).to.deep.equal(['all', 'open', 'paid']);
    expect(api.calls.filter((c) => c.operation === 'getAccount')).to.have.length(1);
  });

  it('a slow request A then a fast B: B is shown, A is aborted and ignored', async () => {
    let latency = 0;
    const api = memoryApi({ latencyMs: (op) => (op === 'listInvoices' ? latency : 0) });
    const calls = spyListInvoices(api);
    const el = await mount(html`<acct-invoice-list .api=${api}></acct-invoice-list>`);

    latency = 300;
    el.filter = 'open'; // A
    await sleep(30);
    latency = 10;
    el.filter = 'paid'; // B
    await waitForIdle(el);
    expect(calls[1].query.status).to.equal('open');
    expect(calls[1].signal!.aborted).to.be.true;
    expect(new Set(column(el, 5))).to.deep.equal(new Set(['Paid']));
    await sleep(350);
    await el.updateComplete;
    expect(new Set(column(el, 5))).to.deep.equal(new Set(['Paid']));
    expect(hasState(el, 'populated')).to.be.true;
  });

  it('"Load more" (Enter) appends the next page with its cursor; "Showing X of Y"; gone on the last page, focus kept', async () => {
    const api = memoryApi();
    const calls = spyListInvoices(api);
    const el = await mount(html`<acct-invoice-list .api=${api}></acct-invoice-list>`);
    expect(el.shadowRoot!.textContent).to.contain('Showing 25 of 40');
    const first = column(el, 0);
    $<HTMLButtonElement>(el, '[part="load-more"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => bodyRows(el).length === 40);
    await el.updateComplete;
    // The button is gone with the last page; focus moved to the first new row, not to the page.
    await until(() => el.shadowRoot!.activeElement?.getAttribute('part') === 'view-button');
    expect(el.shadowRoot!.activeElement!.closest('[role="row"]')!.getAttribute('aria-rowindex')).to.equal('27');
    expect(column(el, 0).slice(0, 25)).to.deep.equal(first);
    expect(column(el, 0)[39]).to.equal(api.data.invoices[39].number);
    expect(calls[1].query).to.deep.include({ status: 'all', limit: 25 });
    expect(calls[1].query.cursor).to.be.a('string');
    expect(bodyRows(el).at(-1)!.getAttribute('aria-rowindex')).to.equal('41');
    expect(el.shadowRoot!.textContent).to.contain('Showing 40 of 40');
    expect($(el, '[part="load-more"]')).to.be.null;
    await expect(el).to.be.accessible();
  });

  it('"Load more" past 200 rows (the list becomes windowed): focus goes to the first new row, scrolled into the window', async () => {
    const api = memoryApi({ fixture: 'large' });
    const all = api.data.invoices.slice(0, 250).map(toSummary);
    // Pages of 100 (the largest page size): 100, 200, then 50 more and no cursor.
    api.listInvoices = async (query = {}) => {
      const start = query.cursor ? Number(query.cursor) : 0;
      const end = Math.min(all.length, start + (query.limit ?? 25));
      return { data: all.slice(start, end), next_cursor: end < all.length ? String(end) : null, total_count: all.length };
    };
    const el = await mount(html`<acct-invoice-list page-size="100" .api=${api}></acct-invoice-list>`);
    for (const shown of [200, 250]) {
      $<HTMLButtonElement>(el, '[part="load-more"]')!.focus();
      await sendKeys({ press: 'Enter' });
      await until(() => el.shadowRoot!.textContent!.includes(`Showing ${shown} of 250`));
    }
    expect(hasState(el, 'virtualized')).to.be.true;
    await until(() => el.shadowRoot!.activeElement?.getAttribute('part') === 'view-button');
    const row = el.shadowRoot!.activeElement!.closest('[role="row"]')!;
    expect(row.getAttribute('aria-rowindex')).to.equal('202');
    expect(row.textContent).to.contain(all[200].number);
    const table = $(el, '[role="table"]')!.getBoundingClientRect();
    const rect = row.getBoundingClientRect();
    expect(rect.top).to.be.at.least(table.top);
    expect(rect.bottom).to.be.at.most(table.bottom);
    expect(bodyRows(el).length).to.be.lessThan(60);
  });

  it('a failed "Load more" shows an inline error with Retry and keeps the loaded rows', async () => {
    const api = memoryApi({ fail: (op, i) => (op === 'listInvoices' && i === 1 ? new ApiError('timeout', 'slow') : undefined) });
    const el = await mount(html`<acct-invoice-list .api=${api}></acct-invoice-list>`);
    const errors = record(el, 'acct-error');
    $<HTMLButtonElement>(el, '[part="load-more"]')!.click();
    await until(() => !!$(el, '[role="alert"]'));
    expect($(el, '[role="alert"]')!.textContent).to.contain('took too long');
    expect(bodyRows(el)).to.have.length(25);
    expect(hasState(el, 'populated')).to.be.true;
    expect(errors).to.have.length(1);
    await expect(el).to.be.accessible();

    $<HTMLButtonElement>(el, '[part="retry-button"]')!.click();
    await until(() => bodyRows(el).length === 40);
    await el.updateComplete;
    expect($(el, '[role="alert"]')).to.be.null;
  });

  it('changing the filter aborts a pending "Load more"', async () => {
    let latency = 0;
    const api = memoryApi({ latencyMs: (op) => (op === 'listInvoices' ? latency : 0) });
    const calls = spyListInvoices(api);
    const el = await mount(html`<acct-invoice-list .api=${api}></acct-invoice-list>`);
    latency = 200;
    $<HTMLButtonElement>(el, '[part="load-more"]')!.click();
    await el.updateComplete;
    expect($(el, '[part="load-more"]')!.getAttribute('aria-disabled')).to.equal('true');
    latency = 0;
    el.filter = 'paid';
    await waitForIdle(el);
    expect(calls[1].query.cursor).to.be.a('string');
    expect(calls[1].signal!.aborted).to.be.true;
    await sleep(250);
    await el.updateComplete;
    expect(new Set(column(el, 5))).to.deep.equal(new Set(['Paid']));
    expect(bodyRows(el).length).to.be.at.most(25);
  });

  it('refresh keeps the selection of invoices that are still payable', async () => {
    const api = memoryApi();
    const el = await mount(html`<acct-invoice-list .api=${api}></acct-invoice-list>`);
    const changes = record<AcctSelectionChangeEvent>(el, 'acct-selection-change');
    const boxes = $$<HTMLInputElement>(el, '.body input[type="checkbox"]');
    boxes[0].click();
    await el.updateComplete;
    boxes[1].click();
    await el.updateComplete;
    expect(el.selectedInvoices.map((i) => i.id)).to.deep.equal([api.data.invoices[0].id, api.data.invoices[1].id]);

    api.invalidate(['invoices']);
    await waitForIdle(el);
    await sleep(20);
    expect(el.selectedInvoices.map((i) => i.id)).to.deep.equal([api.data.invoices[0].id, api.data.invoices[1].id]);
    expect(changes).to.have.length(2);

    // The first one was paid elsewhere: it leaves the selection, and the host hears about it.
    Object.assign(api.data.invoices[0], { status: 'paid', amount_due: { amount: 0, currency: 'USD' } });
    api.invalidate(['invoices', 'account']);
    await waitForIdle(el);
    await until(() => el.selectedInvoices.length === 1);
    await el.updateComplete;
    expect(el.selectedInvoices[0].id).to.equal(api.data.invoices[1].id);
    expect(changes).to.have.length(3);
    expect(changes[2].detail.invoices.map((i) => i.id)).to.deep.equal([api.data.invoices[1].id]);
  });
});

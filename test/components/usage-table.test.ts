import { expect, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ApiError } from '../../src/api/errors.js';
import type { MemoryAccountApi } from '../../src/api/memory-api.js';
import type { UsageQuery } from '../../src/api/memory-usage.js';
import type { UsageRecord } from '../../src/api/schemas/usage.js';
import { USAGE_COLUMNS_STORAGE_KEY, type AcctUsageTable } from '../../src/components/usage-table/usage-table.js';
import '../../src/components/usage-table/acct-usage-table.js';
import { CsvRecordCounter } from '../../src/components/usage-table/usage-download.js';
import type { AcctErrorEvent } from '../../src/events/index.js';
import type { AcctUsageColumnsChangeEvent, AcctUsageQueryChangeEvent } from '../../src/events/usage-events.js';
import { waitForIdle } from '../helpers/wait.js';
import { $, $$, accountApi, hasState, mountIdle, record, sleep, text, until } from './account-helpers.js';

declare global {
  interface Window {
    __xss?: unknown;
  }
}

const mount = (template: ReturnType<typeof html>, idle = true) => mountIdle<AcctUsageTable>(template, idle);
const bodyRows = (el: Element) => $$(el, '.body [role="row"]');
const headers = (el: Element) => $$(el, '.head [role="columnheader"]').map((h) => text(h).replace(/[▲▼↕]/g, '').trim());
const ALL_HEADERS = ['Date', 'Description', 'Metric', 'Quantity', 'Unit', 'Invoiced', 'Invoice', 'Project', 'Region', 'User', 'Cost center'];

/** The text of one cell per rendered body row, without the card label. */
function column(el: Element, index: number): string[] {
  return bodyRows(el).map((row) => {
    const cell = row.querySelectorAll(':scope > [role="cell"]')[index];
    const label = text(cell.querySelector('.cell-label'));
    return text(cell).replace(label, '').trim();
  });
}

function usageQueries(api: MemoryAccountApi): UsageQuery[] {
  return api.calls.filter((c) => c.operation === 'listUsage').map((c) => c.args[0] as UsageQuery);
}

function exportCalls(api: MemoryAccountApi) {
  return api.calls.filter((c) => c.operation === 'createUsageExport').map((c) => c.args[0] as Record<string, unknown>);
}

async function change(el: AcctUsageTable, selector: string, value: string): Promise<void> {
  const input = $<HTMLInputElement | HTMLSelectElement>(el, selector)!;
  input.value = value;
  input.dispatchEvent(new Event('change', { bubbles: true }));
  await waitForIdle(el);
}

/** Captures the downloads the element starts (its hidden link's click): name and the file's text. */
function captureDownloads(): { files: Array<{ name: string; blob: Promise<Blob> }>; restore: () => void } {
  const files: Array<{ name: string; blob: Promise<Blob> }> = [];
  const original = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
    if (this.download) files.push({ name: this.download, blob: fetch(this.href).then((r) => r.blob()) });
    else original.call(this);
  };
  return { files, restore: () => (HTMLAnchorElement.prototype.click = original) };
}

/** Replaces fetch for URLs starting with `prefix` by a stream the test feeds. */
function streamedFetch(prefix: string) {
  const original = window.fetch;
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    if (!url.startsWith(prefix)) return original(input, init);
    return Promise.resolve(new Response(body, { status: 200, headers: { 'Content-Type': 'text/csv;charset=utf-8' } }));
  };
  const encoder = new TextEncoder();
  return {
    push: (textChunk: string) => controller.enqueue(encoder.encode(textChunk)),
    close: () => controller.close(),
    fail: () => controller.error(new TypeError('network error')),
    restore: () => (window.fetch = original),
  };
}

/** An API whose export links point at `url` (the test serves it through streamedFetch). */
function withExportUrl(api: MemoryAccountApi, url: string): MemoryAccountApi {
  const create = api.createUsageExport.bind(api);
  api.createUsageExport = async (body, options) => ({ ...(await create({ ...body, format: 'csv' }, options)), url, filename: 'usage.csv' });
  return api;
}

describe('acct-usage-table: states', () => {
  it('loading: skeleton rows under the column headers, :state(loading), a status message', async () => {
    const el = await mount(html`<acct-usage-table .api=${accountApi({ latencyMs: Infinity })}></acct-usage-table>`, false);
    await el.updateComplete;
    expect(hasState(el, 'loading')).to.be.true;
    expect($$(el, '.skeleton-row')).to.have.length(4);
    expect(text($(el, '[role="status"]'))).to.equal('Loading usage…');
    await expect(el).to.be.accessible();
    el.remove();
  });

  it('populated: every column, newest first, the server\'s figures; a page of 500 windowed; a status with the total', async () => {
    const api = accountApi();
    const first = (await api.listUsage({ limit: 3 })).data;
    const el = await mount(html`<acct-usage-table .api=${api}></acct-usage-table>`);
    expect(hasState(el, 'populated')).to.be.true;
    expect(headers(el)).to.deep.equal(ALL_HEADERS);
    expect(usageQueries(api).slice(1, 2)).to.deep.equal([{ sort: '-date', limit: 500 }]);
    const names = new Map((await api.getUsageCatalogue()).metrics.map((m) => [m.id, m.name]));
    expect(column(el, 0)[0]).to.equal(new Intl.DateTimeFormat('en-US', { dateStyle: 'medium' }).format(new Date(first[0].occurred_at)));
    expect(column(el, 1).slice(0, 3)).to.deep.equal(first.map((r) => r.description));
    expect(column(el, 2).slice(0, 3)).to.deep.equal(first.map((r) => names.get(r.metric)));
    expect(column(el, 3).slice(0, 3)).to.deep.equal(first.map((r) => new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 }).format(r.quantity)));
    expect(column(el, 4).slice(0, 3)).to.deep.equal(first.map((r) => r.unit));
    expect(column(el, 5).slice(0, 3)).to.deep.equal(first.map((r) => (r.invoiced ? 'Invoiced' : 'Not invoiced')));
    expect(column(el, 7).slice(0, 3)).to.deep.equal(first.map((r) => (r.fields.project as string | null) ?? '—None'));
    expect($(el, '[role="table"]')!.getAttribute('aria-rowcount')).to.equal('3001');
    expect(hasState(el, 'virtualized')).to.be.true;
    expect(bodyRows(el).length).to.be.below(100);
    expect(text($(el, '[role="status"]'))).to.equal('3,000 usage records');
    await expect(el).to.be.accessible();
  });

  it('empty: "No usage yet." for an account without records', async () => {
    const el = await mount(html`<acct-usage-table .api=${accountApi({ fixture: 'empty' })}></acct-usage-table>`);
    expect(hasState(el, 'empty')).to.be.true;
    expect(text($(el, '[part="empty"]'))).to.equal('No usage yet.');
    await expect(el).to.be.accessible();
  });

  it('error: the first page fails with Retry, which loads it; one acct-error', async () => {
    const api = accountApi({ fail: (op, i) => (op === 'listUsage' && i === 0 ? new ApiError('server', 'boom', { status: 500 }) : undefined) });
    const errors: AcctErrorEvent[] = [];
    const el = await mount(html`<acct-usage-table .api=${api} @acct-error=${(e: AcctErrorEvent) => errors.push(e)}></acct-usage-table>`);
    expect(hasState(el, 'error')).to.be.true;
    expect(errors).to.have.length(1);
    await expect(el).to.be.accessible();
    $(el, '[part="retry-button"]')!.click();
    await until(() => hasState(el, 'populated'));
    expect(bodyRows(el).length).to.be.above(0);
  });

  it('error: a failed catalogue shows the error too, and Retry loads both', async () => {
    const api = accountApi({ fail: (op, i) => (op === 'getUsageCatalogue' && i === 0 ? new ApiError('network', 'down') : undefined) });
    const el = await mount(html`<acct-usage-table .api=${api}></acct-usage-table>`);
    expect(hasState(el, 'error')).to.be.true;
    $(el, '[part="retry-button"]')!.click();
    await until(() => hasState(el, 'populated'));
    expect(headers(el)).to.deep.equal(ALL_HEADERS);
  });

  it('unconfigured: the configuration message, no toolbar', async () => {
    const el = await mount(html`<acct-usage-table></acct-usage-table>`, false);
    await until(() => hasState(el, 'unconfigured'));
    expect($(el, '[part="toolbar"]')).to.equal(null);
    expect(text($(el, '[part~="error"]'))).to.contain('not connected');
  });
});

describe('acct-usage-table: filters and sorting', () => {
  it('the date inputs, metric, invoiced and search filter on the server, each change announced with the chart\'s names', async () => {
    const api = accountApi();
    const events: AcctUsageQueryChangeEvent[] = [];
    const el = await mount(html`<acct-usage-table .api=${api} @acct-usage-query-change=${(e: AcctUsageQueryChangeEvent) => events.push(e)}></acct-usage-table>`);
    await change(el, '[part="from-filter"]', '2026-02-01');
    await change(el, '[part="to-filter"]', '2026-02-28');
    expect(el.from).to.equal('2026-02-01');
    expect(el.getAttribute('to')).to.equal('2026-02-28');
    const month = await api.listUsage({ from: '2026-02-01', to: '2026-02-28', limit: 1 });
    expect(text($(el, '[role="status"]'))).to.equal(`${month.total_count!.toLocaleString('en-US')} usage records`);
    await change(el, '[part="metric-filter"]', 'storage_gb');
    await change(el, '[part="invoiced-filter"]', 'no');
    expect(usageQueries(api).at(-1)).to.deep.equal({ from: '2026-02-01', to: '2026-02-28', metric: 'storage_gb', invoiced: 'no', sort: '-date', limit: 500 });
    expect(events.map((e) => e.detail).at(-1)).to.deep.equal({ from: '2026-02-01', to: '2026-02-28', metric: 'storage_gb', invoiced: 'no', sort: '-date' });
    expect(events).to.have.length(4);
    for (const row of column(el, 2)) expect(row).to.equal('Storage');
    await expect(el).to.be.accessible();
  });

  it('search waits for typing to pause (or Enter), then asks once', async () => {
    const api = accountApi();
    const el = await mount(html`<acct-usage-table .api=${api}></acct-usage-table>`);
    const before = usageQueries(api).length;
    const search = $<HTMLInputElement>(el, '[part="search"]')!;
    search.focus();
    await sendKeys({ type: 'eu-' });
    await sleep(100);
    expect(usageQueries(api).length).to.equal(before);
    await sendKeys({ press: 'Enter' });
    await waitForIdle(el);
    expect(usageQueries(api).slice(before).map((q) => q.q)).to.deep.equal(['eu-']);
    expect(el.q).to.equal('eu-');
    await sendKeys({ type: 'west' });
    await until(() => usageQueries(api).length === before + 2, 3000);
    expect(usageQueries(api).at(-1)!.q).to.equal('eu-west');
    expect(search.value).to.equal('eu-west');
  });

  it('"from" after "to": a message on both inputs, no request, and what was typed stays', async () => {
    const api = accountApi();
    const el = await mount(html`<acct-usage-table .api=${api} from="2026-02-01" to="2026-02-28"></acct-usage-table>`);
    const before = usageQueries(api).length;
    await change(el, '[part="from-filter"]', '2026-03-10');
    expect(text($(el, '[role="alert"]'))).to.equal('The start date must be on or before the end date.');
    expect($(el, '[part="from-filter"]')!.getAttribute('aria-invalid')).to.equal('true');
    expect($<HTMLInputElement>(el, '[part="from-filter"]')!.value).to.equal('2026-03-10');
    expect(usageQueries(api).length).to.equal(before);
    await expect(el).to.be.accessible();
    await change(el, '[part="to-filter"]', '2026-03-31');
    expect($(el, '[role="alert"]')).to.equal(null);
    expect(usageQueries(api).at(-1)).to.include({ from: '2026-03-10', to: '2026-03-31' });
  });

  it('no match: says so with "Clear filters", which shows every record again and keeps focus in the toolbar', async () => {
    const api = accountApi();
    const el = await mount(html`<acct-usage-table .api=${api} q="no such text anywhere"></acct-usage-table>`);
    expect(hasState(el, 'empty')).to.be.true;
    expect(text($(el, '[part="empty"] p'))).to.equal('No usage matches these filters.');
    await expect(el).to.be.accessible();
    $(el, '[part="empty"] button')!.click();
    await waitForIdle(el);
    expect(hasState(el, 'populated')).to.be.true;
    expect(el.q).to.equal(undefined);
    expect(el.shadowRoot!.activeElement).to.equal($(el, '[part="from-filter"]'));
  });

  it('sorting: Date and Quantity headers are buttons with aria-sort; pressing one asks the server in that order', async () => {
    const api = accountApi();
    const el = await mount(html`<acct-usage-table .api=${api}></acct-usage-table>`);
    const header = (key: string) => $(el, `[data-sort="${key}"]`)!.closest('[role="columnheader"]')!;
    expect(header('date').getAttribute('aria-sort')).to.equal('descending');
    expect(header('quantity').hasAttribute('aria-sort')).to.be.false;
    $(el, '[data-sort="quantity"]')!.click();
    await waitForIdle(el);
    expect(el.sort).to.equal('-quantity');
    expect(header('quantity').getAttribute('aria-sort')).to.equal('descending');
    const quantities = (await api.listUsage({ sort: '-quantity', limit: 5 })).data.map((r) => r.quantity);
    expect(column(el, 3).slice(0, 5)).to.deep.equal(quantities.map((q) => new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 }).format(q)));
    // By keyboard: the button takes Enter.
    $(el, '[data-sort="quantity"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitForIdle(el);
    expect(el.getAttribute('sort')).to.equal('quantity');
    expect(header('quantity').getAttribute('aria-sort')).to.equal('ascending');
    expect(usageQueries(api).at(-1)).to.include({ sort: 'quantity' });
    await expect(el).to.be.accessible();
  });

  it('bad attribute values are ignored with one warning each', async () => {
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (message: string) => warnings.push(String(message));
    try {
      const api = accountApi();
      const el = await mount(html`<acct-usage-table .api=${api} sort="price" invoiced="maybe" page-size="5000" from="03/01/2026"></acct-usage-table>`);
      expect(usageQueries(api)[0]).to.deep.equal({ sort: '-date', limit: 500 });
      expect(hasState(el, 'populated')).to.be.true;
    } finally {
      console.warn = original;
    }
    for (const attribute of ['sort="price"', 'invoiced="maybe"', 'page-size="5000"', 'from="03/01/2026"']) {
      expect(warnings.filter((w) => w.includes(attribute)), attribute).to.have.length(1);
    }
  });
});

describe('acct-usage-table: long lists', () => {
  it('the next page loads as the window nears the end; the scroller reaches every record', async () => {
    const api = accountApi({ fixture: 'large' });
    const el = await mount(html`<acct-usage-table .api=${api} from="2026-03-01" to="2026-03-10"></acct-usage-table>`);
    const total = (await api.listUsage({ from: '2026-03-01', to: '2026-03-10', limit: 1 })).total_count!;
    expect(total).to.be.above(1000);
    const scroller = $(el, '[role="table"].virtual')!;
    for (let i = 0; i < 40 && usageQueries(api).filter((q) => q.cursor).length < Math.ceil(total / 500) - 1; i++) {
      scroller.scrollTop = scroller.scrollHeight;
      await sleep(50);
      await waitForIdle(el);
    }
    expect(usageQueries(api).filter((q) => q.cursor)).to.have.length(Math.ceil(total / 500) - 1);
    expect($(el, '[part="load-more"]')).to.equal(null);
    scroller.scrollTop = scroller.scrollHeight;
    await until(() => bodyRows(el).some((row) => row.getAttribute('aria-rowindex') === String(total + 1)));
  });

  it('a fast scroll: when half the rows or more leave, none moves in the DOM; every row shows the record of its index', async () => {
    const api = accountApi();
    const el = await mount(html`<acct-usage-table .api=${api}></acct-usage-table>`);
    const scroller = $(el, '[role="table"].virtual')!;
    const all = (await api.listUsage({ limit: 1000 })).data;
    let inPlace = 0;
    for (let step = 1; step <= 6; step++) {
      const before = bodyRows(el);
      const beforeIndices = before.map((row) => row.getAttribute('aria-rowindex'));
      scroller.scrollTop += scroller.clientHeight * 1.5;
      await until(() => bodyRows(el)[0]?.getAttribute('aria-rowindex') !== beforeIndices[0]);
      await waitForIdle(el);
      const after = bodyRows(el);
      const shown = new Set(after.map((row) => row.getAttribute('aria-rowindex')));
      const left = beforeIndices.filter((index) => !shown.has(index)).length;
      if (left * 2 >= before.length) {
        // At least half left: every element stayed where it was (none moved), showing other records.
        inPlace++;
        const n = Math.min(before.length, after.length);
        expect(after.slice(0, n)).to.deep.equal(before.slice(0, n));
      }
      const descriptions = column(el, 1);
      after.forEach((row, i) => expect(descriptions[i]).to.equal(all[Number(row.getAttribute('aria-rowindex')) - 2].description));
    }
    expect(inPlace).to.be.at.least(4);
  });

  it('the header and every row line up column by column, however long their text', async () => {
    const api = accountApi();
    const page = (await api.listUsage({ limit: 3 })).data;
    const long = { ...page[1], description: 'x'.repeat(400), unit: 'a-very-long-unit-name-without-spaces' };
    api.listUsage = async () => ({ data: [page[0], long, page[2]], next_cursor: null, total_count: 3 });
    const el = await mount(html`<acct-usage-table style="display: block; inline-size: 60rem" .api=${api}></acct-usage-table>`);
    const edges = (cells: Element[]) => cells.map((cell) => { const r = cell.getBoundingClientRect(); return [Math.round(r.left), Math.round(r.right)]; });
    const head = edges($$(el, '.head [role="columnheader"]'));
    expect(head).to.have.length(ALL_HEADERS.length);
    for (const row of bodyRows(el)) expect(edges([...row.querySelectorAll(':scope > [role="cell"]')])).to.deep.equal(head);
    // The shares: Description (2) is twice Metric (1); no column under 3rem.
    const widths = head.map(([left, right]) => right - left);
    expect(Math.abs(widths[1] - 2 * widths[2])).to.be.at.most(2);
    expect(Math.min(...widths)).to.be.at.least(47);
  });

  it('"Load more" for a short page size, with focus on the first new row after the last page', async () => {
    const api = accountApi();
    const el = await mount(html`<acct-usage-table .api=${api} page-size="5" from="2026-03-01" to="2026-03-03"></acct-usage-table>`);
    const total = (await api.listUsage({ from: '2026-03-01', to: '2026-03-03', limit: 1 })).total_count!;
    expect(total).to.be.within(11, 40);
    $(el, '[part="load-more"]')!.focus();
    while ($(el, '[part="load-more"]')) {
      await sendKeys({ press: 'Enter' });
      await waitForIdle(el);
    }
    expect(bodyRows(el)).to.have.length(total);
    const lastPageStart = Math.floor((total - 1) / 5) * 5;
    expect(el.shadowRoot!.activeElement?.getAttribute('aria-rowindex')).to.equal(String(lastPageStart + 2));
  });
});

describe('acct-usage-table: columns', () => {
  it('the chooser hides, shows and moves columns by keyboard; Escape closes it back to its button', async () => {
    const events: string[][] = [];
    const el = await mount(html`<acct-usage-table .api=${accountApi()} @acct-usage-columns-change=${(e: AcctUsageColumnsChangeEvent) => events.push(e.detail.columns)}></acct-usage-table>`);
    const button = $(el, '[part="columns-button"]')!;
    button.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    expect(el.shadowRoot!.activeElement).to.equal($(el, '[part="column-chooser"] input'));
    await expect(el).to.be.accessible();
    // Hide Unit and Invoice.
    for (const key of ['unit', 'invoice']) {
      $<HTMLInputElement>(el, `[data-column="${key}"] input`)!.click();
      await el.updateComplete;
    }
    expect(headers(el)).to.deep.equal(ALL_HEADERS.filter((h) => h !== 'Unit' && h !== 'Invoice'));
    // Each column once in the chooser: the shown ones in their order, then the hidden ones.
    expect($$(el, '[part="column-chooser"] li').map((li) => li.dataset.column)).to.deep.equal([
      'date', 'description', 'metric', 'quantity', 'invoiced', 'project', 'region', 'user_email', 'cost_center', 'unit', 'invoice',
    ]);
    expect(events.at(-1)).to.deep.equal(['date', 'description', 'metric', 'quantity', 'invoiced', 'project', 'region', 'user_email', 'cost_center']);
    // Move Quantity up: it swaps with Metric, and focus stays on its button.
    $(el, '[data-column="quantity"] [data-move="-1"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(headers(el).slice(0, 4)).to.deep.equal(['Date', 'Description', 'Quantity', 'Metric']);
    expect(el.shadowRoot!.activeElement).to.equal($(el, '[data-column="quantity"] [data-move="-1"]'));
    expect(column(el, 2)[0]).to.match(/^[\d,.]+$/);
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect($(el, '[part="column-chooser"]')).to.equal(null);
    expect(el.shadowRoot!.activeElement).to.equal(button);
    expect(localStorage.getItem(USAGE_COLUMNS_STORAGE_KEY)).to.equal(null);
  });

  it('the last column shown cannot be hidden', async () => {
    const el = await mount(html`<acct-usage-table .api=${accountApi()} .columns=${['description']}></acct-usage-table>`);
    expect(headers(el)).to.deep.equal(['Description']);
    $(el, '[part="columns-button"]')!.click();
    await el.updateComplete;
    expect($<HTMLInputElement>(el, '[data-column="description"] input')!.disabled).to.be.true;
  });

  it('columns as the text a framework sets as the property (React, Vue and Svelte do with columns="…")', async () => {
    const el = await mount(html`<acct-usage-table .api=${accountApi()} .columns=${'quantity, date'}></acct-usage-table>`);
    expect(headers(el)).to.deep.equal(['Quantity', 'Date']);
  });

  it('the host sets the default set and order (attribute), unknown keys left out; Reset goes back to it', async () => {
    const el = await mount(html`<acct-usage-table .api=${accountApi()} columns="quantity, date,region,nope"></acct-usage-table>`);
    expect(headers(el)).to.deep.equal(['Quantity', 'Date', 'Region']);
    $(el, '[part="columns-button"]')!.click();
    await el.updateComplete;
    $<HTMLInputElement>(el, '[data-column="metric"] input')!.click();
    await el.updateComplete;
    expect(headers(el)).to.deep.equal(['Quantity', 'Date', 'Region', 'Metric']);
    [...$$(el, '[part="column-chooser"] button')].find((b) => text(b) === 'Reset columns')!.click();
    await el.updateComplete;
    expect(headers(el)).to.deep.equal(['Quantity', 'Date', 'Region']);
    // A new default from the host replaces the customer's choice.
    el.columns = ['date', 'description'];
    await el.updateComplete;
    expect(headers(el)).to.deep.equal(['Date', 'Description']);
  });

  it('persist-columns keeps the choice in localStorage under its documented key, and the next table starts from it', async () => {
    localStorage.removeItem(USAGE_COLUMNS_STORAGE_KEY);
    try {
      const el = await mount(html`<acct-usage-table .api=${accountApi()} persist-columns></acct-usage-table>`);
      $(el, '[part="columns-button"]')!.click();
      await el.updateComplete;
      $<HTMLInputElement>(el, '[data-column="cost_center"] input')!.click();
      await el.updateComplete;
      const stored = JSON.parse(localStorage.getItem(USAGE_COLUMNS_STORAGE_KEY)!);
      expect(stored).to.deep.equal(['date', 'description', 'metric', 'quantity', 'unit', 'invoiced', 'invoice', 'project', 'region', 'user_email']);
      el.remove();
      const next = await mount(html`<acct-usage-table .api=${accountApi()} persist-columns columns="date"></acct-usage-table>`);
      expect(headers(next)).to.deep.equal(ALL_HEADERS.filter((h) => h !== 'Cost center'));
      // Garbage in storage is ignored.
      localStorage.setItem(USAGE_COLUMNS_STORAGE_KEY, '{"not":"a list"');
      const third = await mount(html`<acct-usage-table .api=${accountApi()} persist-columns columns="date"></acct-usage-table>`);
      expect(headers(third)).to.deep.equal(['Date']);
    } finally {
      localStorage.removeItem(USAGE_COLUMNS_STORAGE_KEY);
    }
  });
});

describe('acct-usage-table: export', () => {
  it('Export CSV: one link for the filters and the columns shown, then the file, its rows those of the list', async () => {
    const api = accountApi();
    const downloads = captureDownloads();
    try {
      const el = await mount(html`<acct-usage-table .api=${api} from="2026-02-01" to="2026-02-28" columns="date,description,quantity"></acct-usage-table>`);
      const button = $<HTMLButtonElement>(el, '[part="export-button"][data-format="csv"]')!;
      // A burst of presses asks for one link (the write-intent controller).
      button.click();
      button.click();
      button.click();
      await until(() => downloads.files.length === 1);
      await until(() => hasState(el, 'exporting') === false);
      expect(exportCalls(api)).to.deep.equal([{ format: 'csv', from: '2026-02-01', to: '2026-02-28', columns: ['date', 'description', 'quantity'] }]);
      const csv = await (await downloads.files[0].blob).text();
      const lines = csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
      expect(lines[0]).to.equal('Date,Description,Quantity');
      const total = (await api.listUsage({ from: '2026-02-01', to: '2026-02-28', limit: 1 })).total_count!;
      expect(lines).to.have.length(total + 1);
      expect(downloads.files[0].name).to.match(/\.csv$/);
      expect(text($(el, '[part="export-status"]'))).to.equal(`Exported ${total.toLocaleString('en-US')} records to ${downloads.files[0].name}.`);
      await expect(el).to.be.accessible();
    } finally {
      downloads.restore();
    }
  });

  it('progress: a bar of records received out of the total, Cancel, and nothing saved when cancelled', async () => {
    const feed = streamedFetch('https://export.test/');
    const downloads = captureDownloads();
    try {
      const api = withExportUrl(accountApi(), 'https://export.test/usage.csv');
      const el = await mount(html`<acct-usage-table .api=${api} from="2026-03-01" to="2026-03-02"></acct-usage-table>`);
      const total = (await api.listUsage({ from: '2026-03-01', to: '2026-03-02', limit: 1 })).total_count!;
      $(el, '[part="export-button"][data-format="csv"]')!.click();
      await until(() => !!$(el, '[part="export-progress"] progress'));
      feed.push('\uFEFFDate,Description\r\n2026-03-01,"a\r\nquoted line"\r\n2026-03-01,b\r\n');
      await until(() => text($(el, '[part="export-progress"]')).includes(`2 of ${total} records`));
      const bar = $<HTMLProgressElement>(el, '[part="export-progress"] progress')!;
      expect(bar.max).to.equal(total);
      expect(bar.value).to.equal(2);
      expect(hasState(el, 'exporting')).to.be.true;
      await expect(el).to.be.accessible();
      [...$$(el, '[part="export-progress"] button')].find((b) => text(b) === 'Cancel')!.click();
      await el.updateComplete;
      expect($(el, '[part="export-progress"]')).to.equal(null);
      expect(text($(el, '[part="export-status"]'))).to.equal('Export cancelled.');
      expect(el.shadowRoot!.activeElement).to.equal($(el, '[part="export-button"]'));
      expect(downloads.files).to.have.length(0);
    } finally {
      feed.restore();
      downloads.restore();
    }
  });

  it('a download cut short saves nothing and says so; the next press works', async () => {
    const feed = streamedFetch('https://export.test/');
    const downloads = captureDownloads();
    const errors: AcctErrorEvent[] = [];
    try {
      const api = withExportUrl(accountApi(), 'https://export.test/usage.csv');
      const el = await mount(html`<acct-usage-table .api=${api} @acct-error=${(e: AcctErrorEvent) => errors.push(e)}></acct-usage-table>`);
      $(el, '[part="export-button"][data-format="csv"]')!.click();
      await until(() => !!$(el, '[part="export-progress"] progress'));
      feed.push('Date\r\n2026-03-01\r\n');
      await sleep(20);
      feed.fail();
      await until(() => !!$(el, '[part="export-status"][role="alert"]'));
      expect(text($(el, '[part="export-status"]'))).to.equal('The download was cut short, so nothing was saved. Try the export again.');
      expect(downloads.files).to.have.length(0);
      expect(errors).to.have.length(1);
      await expect(el).to.be.accessible();
    } finally {
      feed.restore();
      downloads.restore();
    }
  });

  it('XLSX from an API that cannot write it: a clear error naming CSV as the way out', async () => {
    const api = accountApi();
    const el = await mount(html`<acct-usage-table .api=${api}></acct-usage-table>`);
    $(el, '[part="export-button"][data-format="xlsx"]')!.click();
    await until(() => !!$(el, '[part="export-status"][role="alert"]'));
    expect(text($(el, '[part="export-status"]'))).to.equal('This server cannot write this format. Export CSV instead.');
    expect(exportCalls(api)).to.have.length(1);
    expect(exportCalls(api)[0]).to.include({ format: 'xlsx' });
  });

  it('counts CSV records across chunks, line feeds inside quotes not ending one', () => {
    const counter = new CsvRecordCounter();
    const encode = (s: string) => new TextEncoder().encode(s);
    counter.push(encode('a,b\r\n"x\r\n'));
    counter.push(encode('y""z",2\r\n3,4\r\n'));
    expect(counter.records).to.equal(3);
  });
});

describe('acct-usage-table: bad and hostile rows', () => {
  it('rows from a custom API with wrong types show dashes, markup stays text', async () => {
    const api = accountApi();
    const rows = [
      { id: 'u1', description: '<img src=x onerror="window.__xss=1">', occurred_at: '2026-03-01T10:00:00Z', quantity: 'lots', unit: 7, metric: 'nope', invoiced: 'maybe', invoice: null, fields: undefined },
      { id: 'u2', description: '=HYPERLINK("http://evil")', occurred_at: 42, quantity: 3.14159, unit: 'GB', metric: 'storage_gb', invoiced: true, invoice: { id: 'i', number: 'INV-9' }, fields: { project: { x: 1 } } },
    ] as unknown as UsageRecord[];
    api.listUsage = async () => ({ data: rows, next_cursor: null, total_count: 2 });
    const el = await mount(html`<acct-usage-table .api=${api}></acct-usage-table>`);
    expect(hasState(el, 'populated')).to.be.true;
    expect(column(el, 1)).to.deep.equal(['<img src=x onerror="window.__xss=1">', '=HYPERLINK("http://evil")']);
    expect($(el, '.body img')).to.equal(null);
    expect(window.__xss).to.equal(undefined);
    expect(column(el, 3)).to.deep.equal(['—None', '3.142']);
    expect(column(el, 4)).to.deep.equal(['7', 'GB']);
    expect(column(el, 5)).to.deep.equal(['—None', 'Invoiced']);
    expect(column(el, 0)[1]).to.equal('—None');
    expect(column(el, 7)).to.deep.equal(['—None', '—None']);
  });

  it('a custom API answering something that is not a page: the error state', async () => {
    const api = accountApi();
    api.listUsage = async () => ({ rows: [] }) as never;
    const el = await mount(html`<acct-usage-table .api=${api}></acct-usage-table>`);
    expect(hasState(el, 'error')).to.be.true;
  });
});

describe('acct-usage-table: removal', () => {
  it('removed while loading and while exporting: nothing left running, no error', async () => {
    const events = record(document, 'acct-error');
    const el = await mount(html`<acct-usage-table .api=${accountApi({ latencyMs: 200 })}></acct-usage-table>`, false);
    el.remove();
    await sleep(300);
    expect(events).to.have.length(0);
  });
});

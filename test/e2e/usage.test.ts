// End to end: the usage section of the demo host page against the reference server (PGlite), in
// headless Chromium: filter the table to one month, see the chart follow it, hide two columns,
// export CSV and XLSX and check both files' rows against the API.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildDemo } from '../../scripts/demo-build.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.js';
import { startServer } from '../../server/index.js';
import { expectAccessible } from './page-helpers.js';

let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let outDir: string;

before(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'acct-demo-usage-'));
  await buildDemo(outDir);
  server = await startServer({ port: 0, staticDir: outDir, demoTokens: true, rateLimits: false, hostedFieldsPort: 0 });
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  await server?.close();
  await rm(outDir, { recursive: true, force: true });
});

async function token(page: Page): Promise<string> {
  const response = await page.request.post(`${server.url}/api/demo/token`, { data: { account: 'typical', role: 'admin' } });
  return ((await response.json()) as { token: string }).token;
}

async function api<T>(page: Page, path: string): Promise<T> {
  const response = await page.request.get(`${server.url}/api${path}`, { headers: { authorization: `Bearer ${await token(page)}` } });
  assert.equal(response.status(), 200, path);
  return (await response.json()) as T;
}

interface UsageRecord {
  id: string;
  description: string;
  occurred_at: string;
  quantity: number;
  metric: string;
  invoiced: boolean;
  fields: Record<string, string | number | null>;
}

/** Every record of the filters, through the API's pages. */
async function allRecords(page: Page, query: string): Promise<UsageRecord[]> {
  const records: UsageRecord[] = [];
  let cursor: string | null = null;
  do {
    const result: { data: UsageRecord[]; next_cursor: string | null } = await api(page, `/usage?${query}&limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    records.push(...result.data);
    cursor = result.next_cursor;
  } while (cursor);
  return records;
}

/** RFC 4180 rows (quoted fields with commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      (row = []), (field = ''), i++;
    } else field += c;
  }
  if (field || row.length) row.push(field), rows.push(row);
  return rows;
}

const shadow = (page: Page, host: string, selector: string) => page.locator(`${host} ${selector}`);

describe('usage on the demo page (reference server)', () => {
  it('filter to one month, the chart follows, hide two columns, export CSV and XLSX with the rows of the API', async () => {
    const page = await browser.newPage({ bypassCSP: true, acceptDownloads: true });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(`${server.url}/elements.html`);
    await page.waitForFunction(() => !!document.querySelector('acct-usage-table')?.matches(':state(populated)'));
    const catalogue = await api<{ last_on: string; metrics: Array<{ id: string; name: string }> }>(page, '/usage/catalogue');
    // The month before the last day with usage: a whole month of records.
    const last = new Date(`${catalogue.last_on}T00:00:00Z`);
    const monthStart = new Date(Date.UTC(last.getUTCFullYear(), last.getUTCMonth() - 1, 1));
    const monthEnd = new Date(Date.UTC(last.getUTCFullYear(), last.getUTCMonth(), 0));
    const from = monthStart.toISOString().slice(0, 10);
    const to = monthEnd.toISOString().slice(0, 10);

    await shadow(page, 'acct-usage-table', '[part="from-filter"]').fill(from);
    await shadow(page, 'acct-usage-table', '[part="to-filter"]').fill(to);
    await page.waitForFunction(
      ([f, t]) => {
        const table = document.querySelector('acct-usage-table');
        return table?.getAttribute('from') === f && table.getAttribute('to') === t && table.matches(':state(populated)') && !table.matches(':state(loading)');
      },
      [from, to],
    );
    const records = await allRecords(page, `from=${from}&to=${to}`);
    assert.ok(records.length > 50, `a month has records (${records.length})`);
    const status = await shadow(page, 'acct-usage-table', '[role="status"]').textContent();
    assert.equal(status?.trim(), `${records.length.toLocaleString('en-US')} usage records`);

    // The chart shows that month, per day: one bar a day.
    await page.locator('acct-usage-chart').scrollIntoViewIfNeeded();
    await page.waitForFunction(
      ([f, t]) => {
        const chart = document.querySelector('acct-usage-chart');
        return chart?.getAttribute('from') === f && chart.getAttribute('to') === t && !!chart.shadowRoot?.querySelector('[part~="bar"]') && !chart.matches(':state(loading)');
      },
      [from, to],
    );
    const bars = await page.locator('acct-usage-chart [part~="bar"]').count();
    assert.equal(bars, monthEnd.getUTCDate());

    // Hide Unit and Invoice.
    await shadow(page, 'acct-usage-table', '[part="columns-button"]').click();
    for (const key of ['unit', 'invoice']) await shadow(page, 'acct-usage-table', `[data-column="${key}"] input`).click();
    await page.keyboard.press('Escape');
    const headers = (await shadow(page, 'acct-usage-table', '.head [role="columnheader"]').allTextContents()).map((h) => h.replace(/[▲▼↕]/g, '').trim());
    assert.deepEqual(headers, ['Date', 'Description', 'Metric', 'Quantity', 'Invoiced', 'Project', 'Region', 'User', 'Cost center']);
    await expectAccessible(page, page.locator('acct-usage-table'), 'the usage table, two columns hidden');

    // Export CSV: the file has the shown columns and every record of the month.
    const download = page.waitForEvent('download');
    await shadow(page, 'acct-usage-table', '[part="export-button"][data-format="csv"]').click();
    const file = await download;
    const csv = parseCsv((await readFile((await file.path())!, 'utf8')).replace(/^\uFEFF/, ''));
    assert.deepEqual(csv[0], ['Date', 'Description', 'Metric', 'Quantity', 'Invoiced', 'Project', 'Region', 'User', 'Cost center']);
    const names = new Map(catalogue.metrics.map((m) => [m.id, m.name]));
    const unformula = (text: string) => text.replace(/^'(?=[=+\-@\t\r])/, '');
    const fromCsv = csv.slice(1).map((r) => [r[0], unformula(r[1]), r[2], r[3], r[4], unformula(r[5])].join('|')).sort();
    const fromApi = records
      .map((r) => [new Date(r.occurred_at).toISOString(), r.description, names.get(r.metric), String(r.quantity), r.invoiced ? 'yes' : 'no', r.fields.project ?? ''].join('|'))
      .sort();
    assert.equal(fromCsv.length, records.length);
    assert.deepEqual(fromCsv, fromApi);
    const done = await shadow(page, 'acct-usage-table', '[part="export-status"]').textContent();
    assert.match(done ?? '', new RegExp(`Exported ${records.length.toLocaleString('en-US')} records to `));

    // Export XLSX: one sheet, the same header, typed cells (a date, a number), the same records.
    const xlsxDownload = page.waitForEvent('download');
    await shadow(page, 'acct-usage-table', '[part="export-button"][data-format="xlsx"]').click();
    const xlsxFile = await xlsxDownload;
    assert.match(xlsxFile.suggestedFilename(), /\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile((await xlsxFile.path())!)) as unknown as ArrayBuffer);
    assert.equal(workbook.worksheets.length, 1);
    const sheet = workbook.worksheets[0];
    const sheetRows: ExcelJS.CellValue[][] = [];
    sheet.eachRow((row) => sheetRows.push((row.values as ExcelJS.CellValue[]).slice(1)));
    assert.deepEqual(sheetRows[0], csv[0]);
    const text = (value: ExcelJS.CellValue) => (value === null || value === undefined ? '' : String(value));
    const fromXlsx = sheetRows.slice(1).map((r) => {
      assert.ok(r[0] instanceof Date, 'the date is a date cell');
      assert.equal(typeof r[3], 'number', 'the quantity is a number cell');
      return [(r[0] as Date).toISOString(), text(r[1]), text(r[2]), text(r[3]), text(r[4]), text(r[5])].join('|');
    }).sort();
    assert.equal(fromXlsx.length, records.length);
    assert.deepEqual(fromXlsx, fromApi);
    // The XLSX's rows are not counted while it downloads (a zip): the status names the file.
    await page.waitForFunction((name) => {
      const status = document.querySelector('acct-usage-table')?.shadowRoot?.querySelector('[part="export-status"]')?.textContent ?? '';
      return status.trim() === `Exported ${name}.`;
    }, xlsxFile.suggestedFilename());
    assert.deepEqual(errors, []);
    await page.close();
  });
});

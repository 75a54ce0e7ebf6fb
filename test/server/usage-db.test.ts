/// <reference types="node" />
/**
 * Usage over HTTP (issue 11) on PGlite and on a throwaway PostgreSQL, seeded around SEED_DATE so
 * that every answer can be compared with MemoryAccountApi's on the same fixtures: list pages,
 * filters, sorts, cursors, series, the signed export link and the CSV and XLSX it streams (the XLSX
 * read back with exceljs), and an XLSX export whose database fails halfway.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { serve } from '@hono/node-server';
import ExcelJS from 'exceljs';
import { MemoryAccountApi } from '../../src/api/memory-api.js';
import type { FixtureName } from '../../src/api/fixtures/generate.js';
import { USAGE_COLUMNS, USAGE_METRICS } from '../../src/api/fixtures/usage.js';
import { UsageCatalogue, UsageExportLink, UsagePage, UsageSeries, type UsageRecord } from '../../src/api/schemas/usage.js';
import { exportColumns, USAGE_EXPORT_CONTENT_TYPES, type ExportColumn } from '../../src/api/usage-export.js';
import { createApp } from '../../server/app.js';
import type { Database, Queryable } from '../../server/db.js';
import { startServer, type RunningServer, type ServerOptions } from '../../server/index.js';
import { SEED_DATE } from '../../server/seed.js';
import { signPath } from '../../server/signed-url.js';
import { xlsxExportStream } from '../../server/usage.js';
import { startPostgresCluster, type PostgresCluster } from './postgres-cluster.js';
import { suiteHttp } from './suite-http.js';

const SECRET = 'usage-test-secret';

/** RFC 4180: quoted fields, doubled quotes, CRLF records (a CR or LF inside quotes is data). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      (row = []), (field = ''), i++;
    } else field += ch;
  }
  assert.equal(field, '', 'the file ends with CRLF');
  return rows;
}

/** An XLSX download read back with exceljs: its one sheet. */
async function readXlsx(res: Response): Promise<ExcelJS.Worksheet> {
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('Content-Type'), USAGE_EXPORT_CONTENT_TYPES.xlsx);
  const bytes = Buffer.from(await res.arrayBuffer());
  assert.equal(bytes.subarray(0, 4).toString('latin1'), 'PK\x03\x04', 'a zip');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  assert.equal(workbook.worksheets.length, 1);
  return workbook.worksheets[0];
}

/** Row `n`'s cells (1-based) as [type, value] pairs, one per column of the header. */
function xlsxRow(sheet: ExcelJS.Worksheet, n: number, width: number): Array<[ExcelJS.ValueType, ExcelJS.CellValue]> {
  const row = sheet.getRow(n);
  return Array.from({ length: width }, (_, i) => {
    const cell = row.getCell(i + 1);
    return [cell.type, cell.value];
  });
}

const { ValueType } = ExcelJS;

/** How many rows an XLSX file's sheet has, and the last one's values, read with exceljs's streaming reader. */
async function streamedRows(bytes: Buffer): Promise<{ rows: number; last: unknown[] }> {
  let rows = 0;
  let last: unknown[] = [];
  for await (const sheet of new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), { worksheets: 'emit' })) {
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      rows++;
      last = (row.values as unknown[]).slice(1);
    }
  }
  return { rows, last };
}

function usageSuite(name: string, databaseOptions: () => Promise<Pick<ServerOptions, 'databaseUrl'>>, cleanup = async () => {}) {
  describe(`usage on ${name}`, () => {
    let server: RunningServer;
    let seedMs = 0;
    const context = { url: () => server.url, token: async (body: { account: string; role?: string }) => {
      const res = await fetch(`${server.url}/api/demo/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      assert.equal(res.status, 201);
      return ((await res.json()) as { token: string }).token;
    } };
    const { tokenFor, call, expectProblem, ok } = suiteHttp(context);
    const memories = new Map<string, MemoryAccountApi>();
    const memory = (fixture: FixtureName) => {
      let api = memories.get(fixture);
      if (!api) memories.set(fixture, (api = new MemoryAccountApi({ fixture, today: SEED_DATE })));
      return api;
    };
    const page = async (fixture: FixtureName, query: string) => ok(await call(`/usage?${query}`, { token: await tokenFor(fixture) }), UsagePage);
    const same = (a: UsageRecord[], b: UsageRecord[]) => assert.deepEqual(a, b);

    before(async () => {
      const started = performance.now();
      server = await startServer({ ...(await databaseOptions()), secret: SECRET, today: SEED_DATE, largeUsage: true, hostedFieldsPort: 0, demoTokens: true, rateLimits: false });
      seedMs = performance.now() - started;
      console.log(`# ${name}: migrate + seed + start ${seedMs.toFixed(0)} ms`);
    });
    after(async () => {
      await server?.close();
      await cleanup();
    });

    test('the catalogue of each fixture is the memory API\'s', async () => {
      for (const fixture of ['typical', 'large', 'empty', 'hostile', 'jpy', 'kwd', 'viewer'] as const) {
        const served = await ok(await call('/usage/catalogue', { token: await tokenFor(fixture) }), UsageCatalogue);
        assert.deepEqual(served, await memory(fixture).getUsageCatalogue(), fixture);
      }
      assert.equal((await ok(await call('/usage/catalogue', { token: await tokenFor('empty') }), UsageCatalogue)).first_on, null);
    });

    test('list pages, filters, sorts and cursors agree with the memory API, with total_count', async () => {
      const queries = [
        '',
        'sort=date&limit=50',
        'sort=-quantity&limit=7&metric=storage_gb',
        'sort=quantity&limit=1000',
        'invoiced=no&limit=20',
        'invoiced=yes&from=2025-03-01&to=2025-03-31&limit=30',
        'q=BUILD&limit=25',
        'q=example.com&sort=date&limit=5',
      ];
      for (const fixture of ['typical', 'large'] as const) {
        for (const query of queries) {
          const params = Object.fromEntries(new URLSearchParams(query)) as Record<string, string>;
          const memQuery = { ...params, ...(params.limit ? { limit: Number(params.limit) } : {}) } as Parameters<MemoryAccountApi['listUsage']>[0];
          const first = await page(fixture, query);
          const mem = await memory(fixture).listUsage(memQuery);
          same(first.data, mem.data);
          assert.equal(first.total_count, mem.total_count, `${fixture} ${query}: total_count`);
          assert.equal(first.next_cursor === null, mem.next_cursor === null, `${fixture} ${query}: more pages`);
          if (!first.next_cursor || !mem.next_cursor) continue;
          const second = await page(fixture, `${query}&cursor=${encodeURIComponent(first.next_cursor)}`);
          const memSecond = await memory(fixture).listUsage({ ...memQuery, cursor: mem.next_cursor });
          same(second.data, memSecond.data);
        }
      }
      const empty = await page('empty', '');
      assert.deepEqual(empty, { data: [], next_cursor: null, total_count: 0 });
    });

    test('a cursor of another filter, order or account is 400 invalid_cursor', async () => {
      const first = await page('typical', 'limit=5');
      const cursor = encodeURIComponent(first.next_cursor!);
      await expectProblem(await call(`/usage?limit=5&sort=date&cursor=${cursor}`, { token: await tokenFor('typical') }), 400, 'validation_failed', 'cursor');
      await expectProblem(await call(`/usage?limit=5&metric=sms&cursor=${cursor}`, { token: await tokenFor('typical') }), 400, 'validation_failed', 'cursor');
      await expectProblem(await call(`/usage?limit=5&cursor=${cursor}`, { token: await tokenFor('large') }), 400, 'validation_failed', 'cursor');
      await expectProblem(await call('/usage?cursor=bm90LW91cnM', { token: await tokenFor('typical') }), 400, 'validation_failed', 'cursor');
    });

    test('a token without usage:read is 403 on every usage operation', async () => {
      const token = await tokenFor('typical', 'basic');
      for (const path of ['/usage', '/usage/catalogue', '/usage/series']) await expectProblem(await call(path, { token }), 403);
      await expectProblem(await call('/usage/exports', { method: 'POST', token, json: { format: 'csv' } }), 403);
      // The viewer (billing_viewer) may read usage.
      await ok(await call('/usage?limit=1', { token: await tokenFor('viewer') }), UsagePage);
    });

    test('series: zero-filled day, week (Monday) and month buckets, as the memory API; range_too_long', async () => {
      const token = await tokenFor('typical');
      for (const query of ['interval=month', 'interval=week&from=2025-06-04&to=2025-08-20', 'interval=day&from=2025-12-01&to=2025-12-31&metric=sms', 'interval=week&q=nightly']) {
        const served = await ok(await call(`/usage/series?${query}`, { token }), UsageSeries);
        const params = Object.fromEntries(new URLSearchParams(query));
        assert.deepEqual(served, await memory('typical').getUsageSeries(params), query);
        for (const s of served.series) assert.ok(s.points.every((p, i) => i === 0 || p.start > s.points[i - 1].start));
        if (params.interval === 'week') assert.ok(served.series[0].points.every((p) => new Date(`${p.start}T00:00:00Z`).getUTCDay() === 1), 'weeks start on Monday');
      }
      const days = await ok(await call('/usage/series?interval=day&from=2025-12-01&to=2025-12-31&metric=sms', { token }), UsageSeries);
      assert.equal(days.series.length, 1);
      assert.equal(days.series[0].points.length, 31);
      // A quiet account has every bucket, all zero.
      const quiet = await ok(await call('/usage/series?interval=month&from=2020-01-01&to=2020-03-31', { token }), UsageSeries);
      assert.deepEqual(quiet.series[0].points, [
        { start: '2020-01-01', quantity: 0 },
        { start: '2020-02-01', quantity: 0 },
        { start: '2020-03-01', quantity: 0 },
      ]);
      await expectProblem(await call('/usage/series?interval=day&from=2022-01-01&to=2025-01-01', { token }), 400, 'range_too_long');
      await ok(await call('/usage/series?interval=week&from=2022-01-01&to=2025-01-01', { token }), UsageSeries);
    });

    const exportLink = async (fixture: FixtureName, json: object) =>
      ok(await call('/usage/exports', { method: 'POST', token: await tokenFor(fixture), json }), UsageExportLink, 201);

    /** Every record matching `filters` (a query string), oldest first, through GET /usage by 1,000. */
    const listedOldestFirst = async (fixture: FixtureName, filters: string): Promise<UsageRecord[]> => {
      const listed: UsageRecord[] = [];
      let cursor: string | null = null;
      do {
        const p: UsagePage = await page(fixture, `sort=date&limit=1000&${filters}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        listed.push(...p.data);
        cursor = p.next_cursor;
      } while (cursor);
      return listed;
    };
    const metricNames = async (fixture: FixtureName) => new Map((await memory(fixture).getUsageCatalogue()).metrics.map((m) => [m.id, m.name]));

    test('export link: five minutes, filters signed (alter one: 403), expired: 403, unknown column or metric: 422', async () => {
      const link = await exportLink('typical', { format: 'csv', from: '2025-11-01', to: '2025-11-30', metric: 'sms' });
      assert.equal(link.filename, 'usage-2025-11-01-to-2025-11-30.csv');
      const ttl = Date.parse(link.expires_at) - Date.now();
      assert.ok(ttl > 290_000 && ttl <= 300_000, `${ttl}`);
      const url = new URL(link.url);
      assert.equal((await fetch(url)).status, 200);
      for (const [name, value] of [['metric', 'api_requests'], ['to', '2025-12-31'], ['account', 'acct_large'], ['format', 'xlsx']]) {
        const altered = new URL(url);
        altered.searchParams.set(name, value);
        await expectProblem(await fetch(altered), 403, 'invalid_signature');
      }
      const stale = signPath('/api/usage/export?account=acct_typical&format=csv', SECRET, Date.now() - 1000);
      await expectProblem(await fetch(server.url + stale), 403, 'invalid_signature');
      await expectProblem(await call('/usage/exports', { method: 'POST', token: await tokenFor('typical'), json: { format: 'csv', columns: ['date', 'nope'] } }), 422, 'unknown_column');
      await expectProblem(await call('/usage/exports', { method: 'POST', token: await tokenFor('typical'), json: { format: 'csv', metric: 'nope' } }), 422, 'unknown_metric');
    });

    test('CSV: BOM, header of labels, CRLF, every row of the list (oldest first), the memory API\'s bytes', async () => {
      const filters = { from: '2025-06-01', to: '2025-09-30', invoiced: 'yes' as const };
      const link = await exportLink('typical', { format: 'csv', ...filters });
      const res = await fetch(link.url);
      assert.equal(res.headers.get('Content-Type'), 'text/csv; charset=utf-8');
      assert.match(res.headers.get('Content-Disposition') ?? '', /attachment; filename="usage-2025-06-01-to-2025-09-30\.csv"/);
      const bytes = new Uint8Array(await res.arrayBuffer());
      assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
      const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
      const [header, ...rows] = parseCsv(text.slice(1));
      assert.deepEqual(header, ['Date', 'Description', 'Metric', 'Quantity', 'Unit', 'Invoiced', 'Invoice', 'Project', 'Region', 'User', 'Cost center']);
      const listed = await listedOldestFirst('typical', `from=${filters.from}&to=${filters.to}&invoiced=yes`);
      assert.equal(rows.length, listed.length);
      assert.ok(rows.length > 100);
      const names = await metricNames('typical');
      rows.forEach((row, i) => {
        const r = listed[i];
        assert.deepEqual(row, [r.occurred_at, r.description, names.get(r.metric), String(r.quantity), r.unit, 'yes', r.invoice!.number,
          String(r.fields.project ?? ''), String(r.fields.region ?? ''), String(r.fields.user_email ?? ''), String(r.fields.cost_center ?? '')]);
      });
      const memLink = await memory('typical').createUsageExport({ format: 'csv', ...filters }, { idempotencyKey: 'k' });
      const memBytes = new Uint8Array(await (await fetch(memLink.url)).arrayBuffer());
      URL.revokeObjectURL(memLink.url);
      assert.equal(Buffer.compare(Buffer.from(bytes), Buffer.from(memBytes)), 0, 'the memory API writes the same file');
    });

    test('CSV of the hostile account: formulas prefixed with \', quotes, commas and line breaks quoted', async () => {
      const link = await exportLink('hostile', { format: 'csv', columns: ['description', 'project', 'quantity'] });
      const text = (await (await fetch(link.url)).text()).replace(/^\uFEFF/, '');
      const [header, ...rows] = parseCsv(text);
      assert.deepEqual(header, ['Description', 'Project', 'Quantity']);
      const cells = rows.flatMap((r) => r.slice(0, 2));
      for (const cell of cells) assert.doesNotMatch(cell, /^[=+\-@\t\r]/, cell);
      for (const expected of [`'=HYPERLINK("https://evil.example/","Click me")`, "'+1", "'-2", "'@SUM(A1:A9)", "'\tTabbed", 'Two\r\nlines', 'Quoted "text", with a comma', 'Invoice \u202Efdp.exe']) {
        assert.ok(cells.includes(expected), `has ${JSON.stringify(expected)}`);
      }
      assert.match(text, /"'=HYPERLINK\(""https:\/\/evil\.example\/"",""Click me""\)"/);
      const records = await memory('hostile').listUsage({ sort: 'date', limit: 1000 });
      assert.equal(rows.length, records.total_count);
    });

    test('XLSX of a month, seven columns in a chosen order (four left out): header of labels, frozen; every row of the list as typed cells', async () => {
      const columns = ['quantity', 'date', 'metric', 'description', 'invoice', 'project', 'user_email'];
      const link = await exportLink('typical', { format: 'xlsx', from: '2025-11-01', to: '2025-11-30', columns });
      assert.equal(link.filename, 'usage-2025-11-01-to-2025-11-30.xlsx');
      const res = await fetch(link.url);
      assert.match(res.headers.get('Content-Disposition') ?? '', /^attachment; filename="usage-2025-11-01-to-2025-11-30\.xlsx"$/);
      assert.equal(res.headers.get('Cache-Control'), 'private, no-store');
      assert.ok(res.headers.get('Request-Id'), 'Request-Id');
      const sheet = await readXlsx(res);
      assert.equal(sheet.name, 'Usage');
      assert.deepEqual(
        xlsxRow(sheet, 1, columns.length + 1),
        [...['Quantity', 'Date', 'Metric', 'Description', 'Invoice', 'Project', 'User'].map((label): [ExcelJS.ValueType, string] => [ValueType.String, label]), [ValueType.Null, null]],
        'the header, and nothing right of it',
      );
      assert.equal(sheet.views[0]?.state, 'frozen');
      assert.equal((sheet.views[0] as ExcelJS.WorksheetViewFrozen).ySplit, 1, 'the header row is frozen');
      for (let i = 1; i <= columns.length; i++) assert.ok((sheet.getColumn(i).width ?? 0) >= 8, `column ${i} has a width`);
      assert.equal(sheet.getColumn(2).width, 20, 'the date column fits its format');
      const listed = await listedOldestFirst('typical', 'from=2025-11-01&to=2025-11-30');
      assert.ok(listed.length > 100);
      assert.equal(sheet.rowCount, listed.length + 1);
      const names = await metricNames('typical');
      listed.forEach((r, i) => {
        const text = (v: string | number | null | undefined): [ExcelJS.ValueType, ExcelJS.CellValue] => (v == null ? [ValueType.Null, null] : [ValueType.String, String(v)]);
        const cells = xlsxRow(sheet, i + 2, columns.length);
        assert.deepEqual(cells[0], [ValueType.Number, r.quantity], `row ${i + 2}: the quantity is a number`);
        assert.equal(cells[1][0], ValueType.Date, `row ${i + 2}: the date is a date`);
        assert.equal((cells[1][1] as Date).toISOString(), r.occurred_at);
        assert.deepEqual(cells.slice(2), [text(names.get(r.metric)), text(r.description), text(r.invoice?.number), text(r.fields.project), text(r.fields.user_email)], `row ${i + 2}`);
        assert.equal(sheet.getRow(i + 2).getCell(2).numFmt, 'yyyy-mm-dd hh:mm:ss');
      });
    });

    test('XLSX of every column with the metric and from filters: the same rows as the list; an account without records: the header only', async () => {
      const sheet = await readXlsx(await fetch((await exportLink('typical', { format: 'xlsx', metric: 'storage_gb', from: '2025-10-01' })).url));
      const labels = ['Date', 'Description', 'Metric', 'Quantity', 'Unit', 'Invoiced', 'Invoice', 'Project', 'Region', 'User', 'Cost center'];
      assert.deepEqual(xlsxRow(sheet, 1, labels.length).map(([, v]) => v), labels);
      const listed = await listedOldestFirst('typical', 'metric=storage_gb&from=2025-10-01');
      assert.ok(listed.length > 20, `${listed.length} records`);
      assert.equal(sheet.rowCount, listed.length + 1);
      listed.forEach((r, i) => {
        const values = xlsxRow(sheet, i + 2, labels.length).map(([, v]) => (v instanceof Date ? v.toISOString() : v));
        assert.deepEqual(values, [r.occurred_at, r.description, 'Storage', r.quantity, r.unit, r.invoiced ? 'yes' : 'no', r.invoice?.number ?? null,
          r.fields.project ?? null, r.fields.region ?? null, r.fields.user_email ?? null, r.fields.cost_center ?? null], `row ${i + 2}`);
      });
      assert.ok(listed.some((r) => !Number.isInteger(r.quantity)), 'decimals too');
      assert.ok(listed.some((r) => r.fields.user_email === undefined), 'and empty cells');
      const empty = await readXlsx(await fetch((await exportLink('empty', { format: 'xlsx' })).url));
      assert.equal(empty.rowCount, 1);
      assert.deepEqual(xlsxRow(empty, 1, 7).map(([, v]) => v), labels.slice(0, 7));
    });

    test('XLSX of the hostile account: formula-looking text is a string cell as written (no formula, no \'), markup and RTL kept', async () => {
      const link = await exportLink('hostile', { format: 'xlsx', columns: ['description', 'project', 'cost_center', 'quantity'] });
      const sheet = await readXlsx(await fetch(link.url));
      const records = await listedOldestFirst('hostile', '');
      assert.equal(sheet.rowCount, records.length + 1);
      const texts = new Set<string>();
      sheet.eachRow((row) => row.eachCell({ includeEmpty: true }, (cell) => {
        assert.notEqual(cell.type, ValueType.Formula, `${cell.address} is no formula`);
        assert.equal(cell.formula, undefined, cell.address);
      }));
      records.forEach((r, i) => {
        const cells = xlsxRow(sheet, i + 2, 4);
        const expected = [r.description, r.fields.project, r.fields.cost_center].map((v) => String(v).replace(/\r\n/g, '\n'));
        cells.slice(0, 3).forEach(([type, value], j) => {
          assert.equal(type, ValueType.String, `row ${i + 2} column ${j + 1}`);
          assert.equal(value, expected[j], `row ${i + 2} column ${j + 1}`);
          texts.add(value as string);
        });
        assert.deepEqual(cells[3], [ValueType.Number, r.quantity]);
      });
      for (const hostile of ['=HYPERLINK("https://evil.example/","Click me")', '+1', '-2', '@SUM(A1:A9)', '\tTabbed', 'Two\nlines', 'Invoice \u202Efdp.exe', '<script>window.__xss=1</script>']) {
        assert.ok(texts.has(hostile), `has ${JSON.stringify(hostile)} as text`);
      }
    });

    test('XLSX link: signed like the CSV (alter the format, a filter or the columns: 403), expired: 403; the memory API answers 501', async () => {
      const link = await exportLink('typical', { format: 'xlsx', from: '2025-12-01', columns: ['date', 'quantity'] });
      const url = new URL(link.url);
      assert.equal(url.searchParams.get('format'), 'xlsx');
      assert.equal((await fetch(url)).status, 200);
      for (const [name, value] of [['format', 'csv'], ['from', '2025-01-01'], ['columns', 'date,quantity,description'], ['account', 'acct_hostile']]) {
        const altered = new URL(url);
        altered.searchParams.set(name, value);
        await expectProblem(await fetch(altered), 403, 'invalid_signature');
      }
      const withoutColumns = new URL(url);
      withoutColumns.searchParams.delete('columns');
      await expectProblem(await fetch(withoutColumns), 403, 'invalid_signature');
      const stale = signPath('/api/usage/export?account=acct_typical&format=xlsx', SECRET, Date.now() - 1000);
      await expectProblem(await fetch(server.url + stale), 403, 'invalid_signature');
      const fresh = signPath('/api/usage/export?account=acct_typical&format=xlsx', SECRET, Date.now() + 60_000);
      assert.equal((await readXlsx(await fetch(server.url + fresh))).rowCount, 3_001, 'the same link, in time, is the whole account');
      // The in-memory API (the browser's) writes CSV only: exceljs stays out of the browser bundles.
      await assert.rejects(memory('typical').createUsageExport({ format: 'xlsx' }, { idempotencyKey: 'xlsx' }), (error: { status?: number; problem?: { code?: string } }) => {
        assert.equal(error.status, 501);
        assert.equal(error.problem?.code, 'format_unavailable');
        return true;
      });
    });

    test('the large account exports all of its 100,000 records', async () => {
      const link = await exportLink('large', { format: 'csv', columns: ['date', 'quantity'] });
      const started = performance.now();
      const text = await (await fetch(link.url)).text();
      const lines = text.split('\r\n').length - 2;
      assert.equal(lines, 100_000);
      console.log(`# ${name}: 100,000-row CSV (2 columns) in ${(performance.now() - started).toFixed(0)} ms, ${text.length} chars`);
    });

    test('the large account\'s 100,000 records as XLSX: every row, read back with exceljs\'s streaming reader', async () => {
      const link = await exportLink('large', { format: 'xlsx', columns: ['date', 'quantity'] });
      const started = performance.now();
      const res = await fetch(link.url);
      assert.equal(res.status, 200);
      const bytes = Buffer.from(await res.arrayBuffer());
      const downloaded = performance.now() - started;
      const { rows, last } = await streamedRows(bytes);
      assert.equal(rows, 100_001, 'the header and 100,000 records');
      assert.equal(typeof last[1], 'number');
      console.log(`# ${name}: 100,000-row XLSX (2 columns) in ${downloaded.toFixed(0)} ms, ${bytes.length} bytes`);
    });
  });
}

usageSuite('PGlite (in memory)', async () => ({}));

let cluster: PostgresCluster | undefined;
usageSuite(
  'a throwaway PostgreSQL cluster',
  async () => {
    cluster = await startPostgresCluster();
    return { databaseUrl: cluster.url };
  },
  async () => cluster?.stop(),
);

/**
 * A database of `descriptions.length` made-up usage records (the catalogue of USAGE_COLUMNS and
 * USAGE_METRICS), served in the batches asked for; with `fail`, the second batch is an error, as a
 * lost connection would give. `batches` counts the batches asked for.
 */
function madeUpDatabase(descriptions: readonly string[], { fail = false } = {}): Database & { batches: number } {
  const db = {
    kind: 'pglite' as const,
    batches: 0,
    async query<Row>(sql: string, params: unknown[] = []): Promise<Row[]> {
      if (/FROM usage_metrics/.test(sql)) return USAGE_METRICS.map((m) => ({ ...m })) as Row[];
      if (/FROM usage_columns/.test(sql)) return USAGE_COLUMNS.map((c) => ({ ...c })) as Row[];
      if (/min\(occurred_at\)/.test(sql)) return [{ first_on: '2025-01-01', last_on: '2025-12-31' }] as Row[];
      if (!/FROM usage_records u LEFT JOIN/.test(sql)) throw new Error(`unexpected query: ${sql}`);
      const limit = params.at(-1) as number;
      const offset = db.batches++ * limit;
      if (fail && offset > 0) throw new Error('connection terminated unexpectedly');
      return descriptions.slice(offset, offset + limit).map((description, j) => {
        const i = offset + j;
        return {
          id: `use_f_${String(i).padStart(6, '0')}`, occurred_at: new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString(), quantity: i, quantity_text: String(i),
          unit: 'GB', metric: 'storage_gb', description, invoice_id: null, invoice_number: null, fields: { project: 'apollo' },
        };
      }) as Row[];
    },
    exec: async () => {},
    transaction: <T,>(fn: (tx: Queryable) => Promise<T>) => fn(db),
    close: async () => {},
  };
  return db;
}

/** The app on `db`, listening; `fn` gets a signed XLSX export link of it. */
async function withApp(db: Database, fn: (url: string) => Promise<void>): Promise<void> {
  const app = createApp({ db, secret: SECRET });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  try {
    await fn(`http://127.0.0.1:${(server.address() as AddressInfo).port}${signPath('/api/usage/export?account=acct_f&format=xlsx', SECRET, Date.now() + 60_000)}`);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('XLSX export on made-up records', () => {
  test('=1+1 is text; a lone surrogate becomes U+FFFD, a control character is dropped, a CR is a line break', async () => {
    const descriptions = ['=1+1', '=SUM(1,2)', 'half \uD83D pair', 'bell\u0007', 'a\rb', '\uD83D\uDE00 whole pair'];
    await withApp(madeUpDatabase(descriptions), async (url) => {
      const sheet = await readXlsx(await fetch(url));
      assert.equal(sheet.rowCount, descriptions.length + 1);
      const cells = descriptions.map((_, i) => sheet.getRow(i + 2).getCell(2));
      for (const cell of cells) {
        assert.equal(cell.type, ValueType.String, cell.address);
        assert.equal(cell.formula, undefined, cell.address);
      }
      assert.deepEqual(cells.map((c) => c.value), ['=1+1', '=SUM(1,2)', 'half \uFFFD pair', 'bell', 'a\nb', '\uD83D\uDE00 whole pair']);
    });
  });

  test('backpressure: a client that stops reading stops the batches; every row once it reads on', async () => {
    const db = madeUpDatabase(Array.from({ length: 40_000 }, (_, i) => `Storage ${i}`));
    const columns = exportColumns(USAGE_COLUMNS, undefined) as ExportColumn[];
    const reader = xlsxExportStream(db, 'acct_f', {}, columns, USAGE_METRICS).getReader();
    const first = await reader.read();
    assert.equal(first.done, false);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.ok(db.batches <= 2, `a client that stopped reading: ${db.batches} batches read`);
    const chunks = [first.value!];
    for (let next = await reader.read(); !next.done; next = await reader.read()) chunks.push(next.value);
    assert.equal(db.batches, 21, 'twenty batches of 2,000 and the empty one after them');
    const { rows, last } = await streamedRows(Buffer.concat(chunks));
    assert.equal(rows, 40_001);
    assert.deepEqual([last[1], last[3]], ['Storage 39999', 39_999]);
  });

  test('a database failing after the first batch breaks the download (no valid-looking shorter file)', async () => {
    const original = console.error;
    const logged: unknown[] = [];
    console.error = (...args: unknown[]) => logged.push(args);
    try {
      await withApp(madeUpDatabase(Array.from({ length: 4_000 }, (_, i) => `Storage ${i}`), { fail: true }), async (url) => {
        const res = await fetch(url);
        assert.equal(res.status, 200);
        assert.equal(res.headers.get('Content-Type'), USAGE_EXPORT_CONTENT_TYPES.xlsx);
        let bytes = 0;
        await assert.rejects(
          (async () => {
            for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.byteLength;
          })(),
          /terminated/,
        );
        assert.ok(bytes > 10_000, `the first batch went out (${bytes} bytes) before the break`);
      });
    } finally {
      console.error = original;
    }
    assert.ok(logged.some((args) => String(args).includes('connection terminated unexpectedly')), 'the error is logged');
  });
});

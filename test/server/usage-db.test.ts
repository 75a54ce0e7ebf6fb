/// <reference types="node" />
/**
 * Usage over HTTP (issue 11) on PGlite and on a throwaway PostgreSQL, seeded around SEED_DATE so
 * that every answer can be compared with MemoryAccountApi's on the same fixtures: list pages,
 * filters, sorts, cursors, series, the signed export link and the CSV it streams.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { MemoryAccountApi } from '../../src/api/memory-api.js';
import type { FixtureName } from '../../src/api/fixtures/generate.js';
import { UsageCatalogue, UsageExportLink, UsagePage, UsageSeries, type UsageRecord } from '../../src/api/schemas/usage.js';
import { startServer, type RunningServer, type ServerOptions } from '../../server/index.js';
import { SEED_DATE } from '../../server/seed.js';
import { signPath } from '../../server/signed-url.js';
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
      const listed: UsageRecord[] = [];
      let cursor: string | null = null;
      do {
        const p: UsagePage = await page('typical', `sort=date&limit=1000&from=${filters.from}&to=${filters.to}&invoiced=yes${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        listed.push(...p.data);
        cursor = p.next_cursor;
      } while (cursor);
      assert.equal(rows.length, listed.length);
      assert.ok(rows.length > 100);
      const names = new Map((await memory('typical').getUsageCatalogue()).metrics.map((m) => [m.id, m.name]));
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

    test('the large account exports all of its 100,000 records', async () => {
      const link = await exportLink('large', { format: 'csv', columns: ['date', 'quantity'] });
      const started = performance.now();
      const text = await (await fetch(link.url)).text();
      const lines = text.split('\r\n').length - 2;
      assert.equal(lines, 100_000);
      console.log(`# ${name}: 100,000-row CSV (2 columns) in ${(performance.now() - started).toFixed(0)} ms, ${text.length} chars`);
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

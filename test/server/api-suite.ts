import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Account, AccountProfile, InvoiceDetail, InvoicePage, Problem } from '../../src/api/schemas/index.js';
import { startServer, type RunningServer, type ServerOptions } from '../../server/index.js';
import { seal } from '../../server/tokens.js';
import { addonTests } from './addons-suite.js';
import { addressTests } from './addresses-suite.js';
import { creditTests } from './credits-suite.js';
import { licenseTests } from './licenses-suite.js';
import { paymentTests, SUITE_ACH_SETTLE_MS } from './payments-suite.js';
import { userTests } from './users-suite.js';

const SECRET = 'test-secret';
const ORIGIN = 'https://host.example';

/** The whole HTTP suite, run once per database (PGlite, a throwaway PostgreSQL). */
export function apiSuite(name: string, databaseOptions: () => Promise<Pick<ServerOptions, 'databaseUrl'>>, cleanup = async () => {}) {
  describe(`reference server on ${name}`, () => {
    let server: RunningServer;
    const tokens: Record<string, string> = {};
    before(async () => {
      server = await startServer({
        ...(await databaseOptions()),
        secret: SECRET,
        corsOrigins: [ORIGIN],
        achSettleMs: SUITE_ACH_SETTLE_MS,
        hostedFieldsPort: 0,
        testFaults: true,
        demoTokens: true,
        // The suite writes far faster than a person (20 concurrent payments); hardening.test.ts tests the limits.
        rateLimits: false,
      });
      for (const account of ['typical', 'large', 'viewer', 'empty', 'jpy', 'kwd', 'hostile']) tokens[account] = await token({ account });
    });
    after(async () => {
      await server?.close();
      await cleanup();
    });

    const call = (path: string, init: RequestInit & { token?: string } = {}) => {
      const headers = new Headers(init.headers);
      if (init.token) headers.set('Authorization', `Bearer ${init.token}`);
      return fetch(server.url + path, { ...init, headers });
    };
    async function token(body: unknown): Promise<string> {
      const res = await call('/api/demo/token', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      assert.equal(res.status, 201);
      return ((await res.json()) as { token: string }).token;
    }
    async function expectProblem(res: Response, status: number, field?: string) {
      assert.equal(res.status, status);
      assert.match(res.headers.get('Content-Type') ?? '', /^application\/problem\+json/);
      const body = Problem.parse(await res.json());
      assert.equal(body.status, status);
      assert.equal(body.request_id, res.headers.get('Request-Id'));
      assert.ok(body.request_id);
      if (field) assert.ok(body.errors?.some((e) => e.field.includes(field)), `problem names ${field}: ${JSON.stringify(body)}`);
      return body;
    }

    test('GET /api/account: profile with the role’s capabilities', async () => {
      const res = await call('/api/account', { token: tokens.typical });
      assert.equal(res.status, 200);
      assert.ok(res.headers.get('Request-Id'));
      const account = Account.parse(await res.json());
      assert.equal(account.id, 'acct_typical');
      assert.equal(account.role, 'admin');
      assert.ok(account.capabilities.includes('invoices:pay'));
      const viewer = Account.parse(await (await call('/api/account', { token: tokens.viewer })).json());
      assert.equal(viewer.role, 'billing_viewer');
      assert.ok(!viewer.capabilities.includes('invoices:pay'));
      const basic = Account.parse(await (await call('/api/account', { token: await token({ account: 'jpy', role: 'basic' }) })).json());
      assert.deepEqual([basic.currency, basic.capabilities], ['JPY', ['invoices:read']]);
    });

    test('GET /api/account/profile: the seeded details, for every role; GET /account carries none of them', async () => {
      const res = await call('/api/account/profile', { token: tokens.typical });
      assert.equal(res.status, 200);
      const profile = AccountProfile.parse(await res.json());
      assert.deepEqual(
        { ...profile, created_on: undefined },
        {
          account_id: 'acct_typical',
          company: 'Northwind Traders',
          account_number: 'NW-100482',
          email: 'billing@northwind.example',
          phone: '+1 541 555 0142',
          created_on: undefined,
          provisioned_by: { name: 'Dana Whitfield', email: 'dana.whitfield@example.com' },
        },
      );
      assert.match(profile.created_on ?? '', /^\d{4}-\d{2}-\d{2}$/);
      // Opened before its oldest invoice.
      const oldest = InvoicePage.parse(await (await call('/api/invoices?limit=100', { token: tokens.typical })).json()).data.at(-1)!;
      assert.ok(profile.created_on! < oldest.issued_on, `${profile.created_on} before ${oldest.issued_on}`);
      const viewer = AccountProfile.parse(await (await call('/api/account/profile', { token: tokens.viewer })).json());
      assert.equal(viewer.account_number, 'NW-100482');
      const jpy = AccountProfile.parse(await (await call('/api/account/profile', { token: tokens.jpy })).json());
      assert.deepEqual([jpy.company, jpy.provisioned_by?.name], ['株式会社ノースウィンド', '佐藤 花子']);
      const account = (await (await call('/api/account', { token: tokens.typical })).json()) as Record<string, unknown>;
      assert.equal(account.details, undefined);
      assert.equal(account.account_number, undefined);
      await expectProblem(await call('/api/account/profile'), 401);
    });

    test('auth: missing, malformed, tampered, expired tokens → 401 with WWW-Authenticate', async () => {
      const missing = await call('/api/account');
      assert.equal(missing.headers.get('WWW-Authenticate'), 'Bearer');
      await expectProblem(missing, 401);
      await expectProblem(await call('/api/invoices', { headers: { Authorization: 'Basic abc' } }), 401);
      await expectProblem(await call('/api/invoices', { token: 'garbage' }), 401);
      const [body, sig] = tokens.typical.split('.');
      const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), account_id: 'acct_large' })).toString('base64url');
      await expectProblem(await call('/api/account', { token: `${forged}.${sig}` }), 401);
      const otherSecret = seal('token', 'other', { account_id: 'acct_typical', user: 'u', role: 'admin', exp: 2e9 });
      await expectProblem(await call('/api/account', { token: otherSecret }), 401);
      // exp is in whole seconds (issue time rounded down): a 1 s token lives 0-1 s, so one issued near a
      // second's end could expire before its first use. 2 s lives at least 1 s; then wait for its expires_at.
      const issued = await call('/api/demo/token', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ account: 'typical', ttl_seconds: 2 }) });
      const { token: short, expires_at } = (await issued.json()) as { token: string; expires_at: string };
      assert.equal((await call('/api/account', { token: short })).status, 200);
      await new Promise((resolve) => setTimeout(resolve, Date.parse(expires_at) - Date.now() + 20));
      const expired = await call('/api/account', { token: short });
      assert.match(expired.headers.get('WWW-Authenticate') ?? '', /invalid_token/);
      assert.match((await expectProblem(expired, 401)).detail ?? '', /expired/);
    });

    test('POST /api/demo/token: validation, unknown fields, bad JSON, size limit', async () => {
      const post = (body: string, type = 'application/json') => call('/api/demo/token', { method: 'POST', headers: { 'Content-Type': type }, body });
      const ok = await post(JSON.stringify({ account: 'kwd', role: 'billing_viewer', ttl_seconds: 60 }));
      const issued = (await ok.json()) as { token: string; expires_at: string };
      assert.ok(Math.abs(Date.parse(issued.expires_at) - Date.now() - 60_000) < 5_000);
      await expectProblem(await post('{"account":'), 400, 'body');
      await expectProblem(await post(JSON.stringify({ account: 'typical', extra: 1 })), 400, 'extra');
      await expectProblem(await post(JSON.stringify({ account: 'nobody' })), 400, 'account');
      await expectProblem(await post(JSON.stringify({ account: 'typical', role: 'root' })), 400, 'role');
      await expectProblem(await post(JSON.stringify({ account: 'typical', ttl_seconds: 0 })), 400, 'ttl_seconds');
      await expectProblem(await post(JSON.stringify({ account: 'typical', ttl_seconds: 1.5 })), 400, 'ttl_seconds');
      await expectProblem(await post(JSON.stringify({ account: 42 })), 400, 'account');
      await expectProblem(await post(JSON.stringify({ account: 'x'.repeat(20_000) })), 413);
      await expectProblem(await post('account=typical', 'application/x-www-form-urlencoded'), 415);
    });

    test('GET /api/invoices: first page, default limit, schema, pdf_url signed and absolute', async () => {
      const res = await call('/api/invoices', { token: tokens.typical });
      const page = InvoicePage.parse(await res.json());
      assert.equal(page.data.length, 25);
      assert.equal(page.total_count, 40);
      assert.ok(page.next_cursor);
      const pdf = page.data[0].pdf_url!;
      assert.ok(pdf.startsWith(`${server.url}/api/invoices/${page.data[0].id}/pdf?`), pdf);
      const empty = InvoicePage.parse(await (await call('/api/invoices', { token: tokens.empty })).json());
      assert.deepEqual(empty, { data: [], next_cursor: null, total_count: 0 });
    });

    test('pagination walks the 10,000-invoice account: every invoice once, in (issued_on, id) descending order', async () => {
      const seen: Array<{ id: string; issued_on: string }> = [];
      let cursor: string | null = null;
      do {
        const res = await call(`/api/invoices?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token: tokens.large });
        assert.equal(res.status, 200);
        const page = InvoicePage.parse(await res.json());
        // The total comes with the first page only; later pages say null (counting each costs more than the page).
        assert.equal(page.total_count, cursor ? null : 10_000);
        seen.push(...page.data);
        cursor = page.next_cursor;
      } while (cursor);
      assert.equal(seen.length, 10_000);
      assert.equal(new Set(seen.map((i) => i.id)).size, 10_000);
      for (let i = 1; i < seen.length; i++) {
        const [a, b] = [seen[i - 1], seen[i]];
        assert.ok(a.issued_on > b.issued_on || (a.issued_on === b.issued_on && a.id > b.id), `order at ${i}`);
      }
    });

    test('filters: open = open + overdue, paid; each paginates with its own total', async () => {
      const all = async (status: string) => {
        const rows: Array<{ status: string }> = [];
        let cursor: string | null = null;
        let total: number | null | undefined;
        do {
          const page: InvoicePage = InvoicePage.parse(
            await (await call(`/api/invoices?status=${status}&limit=7${cursor ? `&cursor=${cursor}` : ''}`, { token: tokens.typical })).json(),
          );
          rows.push(...page.data);
          if (!cursor) total = page.total_count;
          else assert.equal(page.total_count, null);
          cursor = page.next_cursor;
        } while (cursor);
        assert.equal(rows.length, total);
        return rows;
      };
      const open = await all('open');
      assert.ok(open.length > 0 && open.every((i) => i.status === 'open' || i.status === 'overdue'));
      assert.ok(open.some((i) => i.status === 'overdue'));
      const paid = await all('paid');
      assert.ok(paid.length > 0 && paid.every((i) => i.status === 'paid'));
      assert.equal((await all('all')).length, 40);
    });

    test('bad queries → 400 naming the parameter: limit, status, cursor (tampered, other filter, other account), unknown', async () => {
      for (const limit of ['0', '101', '-1', '1.5', 'ten', '']) {
        await expectProblem(await call(`/api/invoices?limit=${limit}`, { token: tokens.typical }), 400, 'limit');
      }
      await expectProblem(await call('/api/invoices?status=unpaid', { token: tokens.typical }), 400, 'status');
      await expectProblem(await call('/api/invoices?limit=5&limit=6', { token: tokens.typical }), 400, 'limit');
      await expectProblem(await call('/api/invoices?sort=asc', { token: tokens.typical }), 400, 'sort');
      // Names that are also Object.prototype members are parameters like any other.
      for (const name of ['toString', '__proto__', 'constructor']) {
        await expectProblem(await call(`/api/invoices?${name}=1`, { token: tokens.typical }), 400, name);
        await expectProblem(await call(`/api/account?${name}=1`, { token: tokens.typical }), 400, name);
      }
      const page = InvoicePage.parse(await (await call('/api/invoices?limit=2', { token: tokens.typical })).json());
      const cursor = page.next_cursor!;
      const [body, sig] = cursor.split('.');
      const payload = JSON.parse(Buffer.from(body, 'base64url').toString());
      const tampered = `${Buffer.from(JSON.stringify({ ...payload, k: ['2000-01-01', 'x'] })).toString('base64url')}.${sig}`;
      for (const bad of [tampered, 'not-a-cursor', `${body}.${sig.slice(0, -2)}AA`, cursor + 'x']) {
        await expectProblem(await call(`/api/invoices?cursor=${encodeURIComponent(bad)}`, { token: tokens.typical }), 400, 'cursor');
      }
      await expectProblem(await call(`/api/invoices?status=paid&cursor=${cursor}`, { token: tokens.typical }), 400, 'cursor');
      await expectProblem(await call(`/api/invoices?cursor=${cursor}`, { token: tokens.large }), 400, 'cursor');
      assert.equal((await call(`/api/invoices?cursor=${cursor}`, { token: tokens.typical })).status, 200);
    });

    test('GET /api/invoices/{id}: detail; another account’s id → 404; unknown → 404', async () => {
      const page = InvoicePage.parse(await (await call('/api/invoices?limit=1', { token: tokens.typical })).json());
      const id = page.data[0].id;
      const detail = InvoiceDetail.parse(await (await call(`/api/invoices/${id}`, { token: tokens.typical })).json());
      assert.equal(detail.id, id);
      assert.ok(detail.groups.length > 0);
      assert.ok(detail.pdf_url?.startsWith(server.url));
      await expectProblem(await call(`/api/invoices/${id}`, { token: tokens.large }), 404);
      await expectProblem(await call('/api/invoices/in_nope', { token: tokens.typical }), 404);
      await expectProblem(await call(`/api/invoices/${'x'.repeat(300)}`, { token: tokens.typical }), 400, 'id');
      const jpy = InvoicePage.parse(await (await call('/api/invoices?limit=1', { token: tokens.jpy })).json());
      assert.equal(jpy.data[0].total.currency, 'JPY');
      const hostile = InvoicePage.parse(await (await call('/api/invoices', { token: tokens.hostile })).json());
      assert.ok(hostile.data.some((i) => i.status === 'disputed'));
    });

    test('GET /api/invoices/{id}: a paid invoice names the payment that paid it and when (paid_at, payment_id); others give null', async () => {
      const get = async (id: string) => InvoiceDetail.parse(await (await call(`/api/invoices/${id}`, { token: tokens.typical })).json());
      const paid = await get('in_1_000030');
      assert.equal(paid.status, 'paid');
      assert.equal(paid.payment_id, 'py_1_000030');
      const payment = (await (await call('/api/payments/py_1_000030', { token: tokens.typical })).json()) as { settled_at: string; allocations: Array<{ invoice_id: string }> };
      assert.ok(payment.allocations.some((a) => a.invoice_id === 'in_1_000030'));
      assert.equal(paid.paid_at, payment.settled_at);
      const open = await get('in_1_000039');
      assert.equal(open.status, 'open');
      assert.equal(open.paid_at, null);
      assert.equal(open.payment_id, null);
    });

    test('GET …/pdf: signed link works without a token; tampered or unsigned → 403', async () => {
      const page = InvoicePage.parse(await (await call('/api/invoices?limit=1', { token: tokens.typical })).json());
      const url = new URL(page.data[0].pdf_url!);
      const res = await fetch(url);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('Content-Type'), 'application/pdf');
      assert.equal(Buffer.from(await res.arrayBuffer()).subarray(0, 5).toString(), '%PDF-');
      await expectProblem(await call(url.pathname), 403);
      const other = InvoicePage.parse(await (await call('/api/invoices?limit=1', { token: tokens.large })).json()).data[0].id;
      await expectProblem(await call(`/api/invoices/${other}/pdf${url.search}`), 403);
    });

    test('GET /api/openapi.json', async () => {
      const res = await call('/api/openapi.json');
      assert.equal(res.status, 200);
      assert.match(((await res.json()) as { openapi: string }).openapi, /^3\.1/);
    });

    test('unknown routes → 404, wrong method → 405 with Allow, all problem+json with Request-Id', async () => {
      await expectProblem(await call('/api/nope'), 404);
      await expectProblem(await call('/nope'), 404);
      const res = await call('/api/account', { method: 'DELETE', token: tokens.typical });
      assert.equal(res.headers.get('Allow'), 'GET');
      await expectProblem(res, 405);
      await expectProblem(await call('/api/demo/token'), 405);
      const ids = new Set<string>();
      for (let i = 0; i < 3; i++) ids.add((await call('/api/openapi.json')).headers.get('Request-Id')!);
      assert.equal(ids.size, 3);
    });

    // Paying: after the tests above, which read the seeded invoices as they are.
    paymentTests({ url: () => server.url, hostedFieldsUrl: () => server.hostedFieldsUrl!, token });
    // Licenses after paying: their orders add invoices and payments that the payment tests do not expect.
    licenseTests({ url: () => server.url, token });
    // Add-ons after licenses: their invoices and credits change the ledgers the license tests read.
    addonTests({ url: () => server.url, token });
    // Credits after add-ons: they disable and enable add-ons of their own account to make credits and invoices.
    creditTests({ url: () => server.url, token });
    // Users last: the suites above use the demo users' tokens (these tests leave them as seeded, but add people).
    userTests({ url: () => server.url, token });
    // The address book last: its link test adds (and removes) a payment method of its own.
    addressTests({ url: () => server.url, token });

    test('CORS: preflight for a configured origin; exposed headers; other origins get none', async () => {
      const preflight = await call('/api/invoices', {
        method: 'OPTIONS',
        headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' },
      });
      assert.equal(preflight.status, 204);
      assert.equal(preflight.headers.get('Access-Control-Allow-Origin'), ORIGIN);
      for (const h of ['Authorization', 'Idempotency-Key', 'Content-Type']) {
        assert.ok(preflight.headers.get('Access-Control-Allow-Headers')?.includes(h));
      }
      const res = await call('/api/account', { token: tokens.typical, headers: { Origin: ORIGIN } });
      assert.equal(res.headers.get('Access-Control-Allow-Origin'), ORIGIN);
      for (const h of ['Retry-After', 'Idempotent-Replayed', 'Request-Id']) {
        assert.ok(res.headers.get('Access-Control-Expose-Headers')?.includes(h));
      }
      const denied = await call('/api/account', { token: tokens.typical, headers: { Origin: 'https://evil.example' } });
      assert.equal(denied.headers.get('Access-Control-Allow-Origin'), null);
      const problem = await call('/api/account', { headers: { Origin: ORIGIN } });
      assert.equal(problem.headers.get('Access-Control-Allow-Origin'), ORIGIN);
    });
  });
}

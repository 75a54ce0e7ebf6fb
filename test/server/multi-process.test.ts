/// <reference types="node" />
/**
 * R18 and R1/R4 across processes: two reference servers (the real CLI, server/main.ts, in two child
 * processes) on one throwaway PostgreSQL, sharing the requests. They start together (migrations and
 * seeding run once), pay an invoice once however the requests are spread, settle bank payments
 * exactly once although both sweep, order a license quote once, provision each order once,
 * confirm an add-on preview once, keep an administrator when the last two demote or remove
 * each other at once, and keep one default per address use however the writes race.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { TEST_ROUTING_NUMBER } from '../../src/api/fixtures/test-gateway.js';
import { AddonChange, AddonList, AddonPreview } from '../../src/api/schemas/addon.js';
import { SavedAddress, SavedAddressPage } from '../../src/api/schemas/address.js';
import { Account, InvoiceDetail, InvoicePage, LicenseOrder, LicenseOverview, LicenseQuote, Payment, PaymentMethod } from '../../src/api/schemas/index.js';
import { User, UserPage } from '../../src/api/schemas/user.js';
import { openPostgres } from '../../server/db.js';
import { demoToken } from './http-checks.js';
import { startPostgresCluster, type PostgresCluster } from './postgres-cluster.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ACH_SETTLE_MS = 500;
/** Bought licenses appear after half a second: both processes' sweeps race for every order. */
const PROVISIONING_SECONDS = 0.5;

interface ServerProcess {
  url: string;
  child: ChildProcess;
}

/** `node --import tsx server/main.ts` on a free port; resolves with the URL it prints. */
function startServerProcess(databaseUrl: string): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      SECRET: 'two-processes',
      ACH_SETTLE_MS: String(ACH_SETTLE_MS),
      ACCT_PROVISIONING_SECONDS: String(PROVISIONING_SECONDS),
      HOSTED_FIELDS_PORT: 'off',
      TEST_FAULTS: '1',
      DEMO_TOKENS: '1',
      RATE_LIMITS: 'off',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const match = /reference server: (http:\/\/\S+)/.exec(line);
      if (match) resolve({ url: match[1], child });
    });
    child.once('exit', (code) => reject(new Error(`server process exited (${code}) before listening`)));
  });
}

async function stopServerProcess({ child }: ServerProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

describe('two server processes on one PostgreSQL', () => {
  let cluster: PostgresCluster;
  let servers: ServerProcess[] = [];
  let token: string;

  before(async () => {
    cluster = await startPostgresCluster();
    // Both start on the empty database at once: the advisory lock lets one migrate and seed.
    const started = await Promise.allSettled([startServerProcess(cluster.url), startServerProcess(cluster.url)]);
    servers = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    for (const result of started) if (result.status === 'rejected') throw result.reason;
    token = await demoToken(servers[0].url, { account: 'large' });
  });
  after(async () => {
    await Promise.all(servers.map(stopServerProcess));
    await cluster?.stop();
  });

  /** Request `i` goes to server `i % 2`. */
  const call = (i: number, path: string, init: RequestInit & { key?: string; json?: unknown } = {}) => {
    const headers = new Headers(init.headers);
    headers.set('Authorization', `Bearer ${token}`);
    if (init.key) headers.set('Idempotency-Key', init.key);
    if (init.json !== undefined) headers.set('Content-Type', 'application/json');
    return fetch(`${servers[i % servers.length].url}/api${path}`, { ...init, headers, body: init.json === undefined ? undefined : JSON.stringify(init.json) });
  };
  const json = async <T>(res: Response, schema: { parse(value: unknown): T }, status = 200): Promise<T> => {
    const text = await res.text();
    assert.equal(res.status, status, text);
    return schema.parse(JSON.parse(text));
  };
  const ledger = async () =>
    (await (await call(1, '/__test/ledger?account=large')).json()) as { payments: number; invoices: Array<{ invoice_id: string; payments: number; failed: number }> };
  const chargesOf = async (invoiceId: string) => (await ledger()).invoices.find((i) => i.invoice_id === invoiceId)?.payments ?? 0;
  /** Open invoices no payment has touched yet. */
  const untouchedOpen = async () => {
    const charged = new Set((await ledger()).invoices.map((i) => i.invoice_id));
    return (await json(await call(0, '/invoices?status=open&limit=100'), InvoicePage)).data.filter((i) => !charged.has(i.id));
  };

  test('both processes serve one seeded database (seeded once)', async () => {
    const { payments, invoices } = await ledger();
    assert.ok(payments > 9000, `the large account's history: ${payments}`);
    assert.ok(invoices.every((i) => i.payments === 1), 'one seeded payment per paid invoice');
    const [a, b] = await Promise.all([json(await call(0, '/account'), Account), json(await call(1, '/account'), Account)]);
    assert.deepEqual(a, b);
  });

  test('20 concurrent payments of one invoice with 20 keys, spread over both processes → one charge', async () => {
    const [target] = await untouchedOpen();
    const before = await json(await call(0, '/account'), Account);
    const results = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const res = await call(i, '/payments', { method: 'POST', key: randomUUID(), json: { invoice_ids: [target.id], payment_method_id: 'pm_acct_large_visa' } });
        return { status: res.status, code: ((await res.json()) as { code?: string }).code };
      }),
    );
    assert.equal(results.filter((r) => r.status === 201).length, 1, JSON.stringify(results));
    assert.ok(results.every((r) => r.status === 201 || (r.status === 409 && r.code === 'invoice_not_payable')), JSON.stringify(results));
    assert.equal(await chargesOf(target.id), 1);
    assert.equal((await json(await call(1, '/account'), Account)).balance.amount, before.balance.amount - target.amount_due.amount);
  });

  test('20 concurrent payments with one key, spread over both processes → one charge', async () => {
    const [target] = await untouchedOpen();
    const key = randomUUID();
    const results = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const res = await call(i, '/payments', { method: 'POST', key, json: { invoice_ids: [target.id], payment_method_id: 'pm_acct_large_visa' } });
        return { status: res.status, replayed: res.headers.get('Idempotent-Replayed') === 'true', body: (await res.json()) as { id?: string; code?: string } };
      }),
    );
    const created = results.filter((r) => r.status === 201);
    assert.equal(created.filter((r) => !r.replayed).length, 1, JSON.stringify(results.map((r) => [r.status, r.replayed])));
    assert.equal(new Set(created.map((r) => r.body.id)).size, 1);
    assert.ok(results.every((r) => r.status === 201 || (r.status === 409 && r.body.code === 'idempotency_key_in_use')));
    assert.equal(await chargesOf(target.id), 1);
  });

  test('returned bank debits are settled exactly once while both processes sweep and serve reads', async () => {
    const bank = await json(
      await call(1, '/payment-methods', {
        method: 'POST',
        key: randomUUID(),
        json: {
          type: 'bank_account',
          bank_account: { account_holder_name: 'Globex', routing_number: TEST_ROUTING_NUMBER, account_number: '000111111116', account_type: 'checking' },
          mandate_accepted: true,
        },
      }),
      PaymentMethod,
      201,
    );
    const targets = (await untouchedOpen()).slice(0, 6);
    const before = await json(await call(0, '/account'), Account);
    const payments = await Promise.all(
      targets.map(async (invoice, i) =>
        json(await call(i, '/payments', { method: 'POST', key: randomUUID(), json: { invoice_ids: [invoice.id], payment_method_id: bank.id } }), Payment, 201),
      ),
    );
    assert.ok(payments.every((p) => p.status === 'processing'));
    // Reads on both processes race the timers to settle them.
    const deadline = Date.now() + 10_000;
    let settled: Payment[] = [];
    for (let round = 0; settled.length < payments.length; round++) {
      assert.ok(Date.now() < deadline, 'settled in time');
      settled = (
        await Promise.all(payments.map(async (p, i) => json(await call(i + round, `/payments/${p.id}`), Payment)))
      ).filter((p) => p.status !== 'processing');
      await call(round, '/account').then((res) => res.body?.cancel());
    }
    assert.ok(settled.every((p) => p.status === 'failed' && p.failure?.code === 'insufficient_funds'));
    const after = await json(await call(1, '/account'), Account);
    assert.equal(after.balance.amount, before.balance.amount, 'the balance comes back once, not twice');
    for (const [i, invoice] of targets.entries()) {
      const now = await json(await call(i, `/invoices/${invoice.id}`), InvoiceDetail);
      assert.deepEqual(now.amount_due, invoice.amount_due, `${invoice.id} gets its amount due back once`);
      assert.ok(['open', 'overdue'].includes(now.status), now.status);
    }
    const entries = (await ledger()).invoices.filter((e) => targets.some((t) => t.id === e.invoice_id));
    assert.deepEqual(
      entries.map((e) => [e.payments, e.failed]),
      targets.map(() => [1, 1]),
    );
  });

  test('license orders: one order per quote across both processes, and every order provisioned once while both sweep', async () => {
    const analytics = async (i: number) => (await json(await call(i, '/licenses'), LicenseOverview)).licenses.find((l) => l.product_id === 'prod_analytics')!;
    const before = await analytics(0);
    const quoteOne = async (i: number) => json(await call(i, '/licenses/quotes', { method: 'POST', json: { product_id: 'prod_analytics', additional_quantity: 1 } }), LicenseQuote, 201);
    const order = (i: number, quoteId: string) =>
      call(i, '/licenses/orders', { method: 'POST', key: randomUUID(), json: { quote_id: quoteId, authorization_acknowledged: true, payment: { type: 'payment_method', payment_method_id: 'pm_acct_large_visa' } } });

    const contested = await quoteOne(0);
    const results = await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        const res = await order(i, contested.id);
        return { status: res.status, body: (await res.json()) as { id?: string; code?: string; order_id?: string } };
      }),
    );
    const created = results.filter((r) => r.status === 201);
    assert.equal(created.length, 1, JSON.stringify(results.map((r) => r.status)));
    assert.ok(results.every((r) => r.status === 201 || (r.status === 409 && r.body.code === 'quote_already_ordered' && r.body.order_id === created[0].body.id)));

    const orders = [LicenseOrder.parse(created[0].body)];
    for (let i = 1; i <= 5; i++) orders.push(await json(await order(i, (await quoteOne(i)).id), LicenseOrder, 201));
    // Reads on both processes race their timers to provision them.
    const deadline = Date.now() + 10_000;
    for (let round = 0; ; round++) {
      const seen = await Promise.all(orders.map(async (o, i) => json(await call(i + round, `/orders/${o.id}`), LicenseOrder)));
      if (seen.every((o) => o.status === 'provisioned')) break;
      assert.ok(Date.now() < deadline, 'provisioned in time');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const [a, b] = await Promise.all([analytics(0), analytics(1)]);
    assert.deepEqual(a, b);
    assert.deepEqual([a.quantity, a.pending_quantity, a.status], [before.quantity + orders.length, before.pending_quantity, 'active'], 'each order once, not once per process');
  });
  test('add-ons: one preview confirmed from both processes at once → one change and one invoice; a provisioned add-on becomes enabled once', async () => {
    const preview = async (i: number, id: string, action: string) => json(await call(i, `/addons/${id}/preview`, { method: 'POST', json: { action } }), AddonPreview, 201);
    const confirm = (i: number, id: string, action: string, previewId: string, key = randomUUID()) => call(i, `/addons/${id}/${action}`, { method: 'POST', key, json: { preview_id: previewId } });
    const invoices = async () => (await json(await call(0, '/invoices?limit=1'), InvoicePage)).total_count!;
    const before = { invoices: await invoices(), balance: (await json(await call(1, '/account'), Account)).balance };

    const p = await preview(0, 'addon_large_audit_export', 'enable');
    const results = await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        const res = await confirm(i, 'addon_large_audit_export', 'enable', p.id);
        return { status: res.status, code: ((await res.json()) as { code?: string }).code };
      }),
    );
    assert.equal(results.filter((r) => r.status === 200).length, 1, JSON.stringify(results));
    assert.ok(results.every((r) => r.status === 200 || (r.status === 409 && r.code === 'addon_state_changed')), JSON.stringify(results));
    assert.equal(await invoices(), before.invoices + 1);
    assert.equal((await json(await call(0, '/account'), Account)).balance.amount, before.balance.amount + p.total.amount);

    // The seeded dedicated IP: made due, disabled, enabled again (pending for half a second), read from both.
    const ip = 'addon_large_dedicated_ip';
    assert.equal((await call(1, '/__test/provision-addon', { method: 'POST', json: { addon_id: ip } })).status, 204);
    await json(await confirm(1, ip, 'disable', (await preview(1, ip, 'disable')).id), AddonChange);
    const on = await json(await confirm(0, ip, 'enable', (await preview(0, ip, 'enable')).id), AddonChange);
    assert.equal(on.addon.state, 'pending');
    const deadline = Date.now() + 10_000;
    for (let round = 0; ; round++) {
      const [a, b] = await Promise.all([0, 1].map(async (i) => (await json(await call(i + round, '/addons'), AddonList)).data.find((x) => x.id === ip)!));
      if (a.state === 'enabled' && b.state === 'enabled') {
        assert.deepEqual(a, b);
        assert.equal(a.enabled_at, on.addon.enabled_at);
        break;
      }
      assert.ok(Date.now() < deadline, 'enabled in time');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
  test('users: the last two administrators demote, then remove, each other at once on the two processes → one stays, the other is 409 last_admin', async () => {
    const empty = await demoToken(servers[0].url, { account: 'empty' });
    const as = (i: number, token: string, path: string, init: { method?: string; json?: unknown } = {}) =>
      fetch(`${servers[i].url}/api${path}`, {
        method: init.method,
        headers: { Authorization: `Bearer ${token}`, 'Idempotency-Key': randomUUID(), 'Content-Type': 'application/json' },
        body: init.json === undefined ? undefined : JSON.stringify(init.json),
      });
    const admins = async (token: string) =>
      (await json(await as(0, token, '/users?status=active&limit=100'), UserPage)).data.filter((u) => u.role === 'admin').map((u) => u.id);
    /** An administrator of `empty`: invited by its demo admin, signed in through process 1. */
    const administrator = async () => {
      const user = await json(await as(0, empty, '/users', { method: 'POST', json: { email: `admin.${randomUUID().slice(0, 8)}@freshstart.example`, name: 'Admin', role: 'admin' } }), User, 201);
      return { id: user.id, token: await demoToken(servers[1].url, { account: 'empty', user: user.email }) };
    };
    // Both requests pass the capability check, then wait at the account row, which this connection
    // holds until both are waiting: the rule, not the timing, must keep an administrator.
    const db = await openPostgres(cluster.url);
    try {
      for (const [method, change, done] of [
        ['PATCH', { role: 'billing_viewer' }, 200],
        ['DELETE', undefined, 204],
      ] as const) {
        // The last two administrators: x and y (the demo admin steps down for the round).
        const [x, y] = [await administrator(), await administrator()];
        assert.equal((await as(0, x.token, '/users/usr_empty_admin', { method: 'PATCH', json: { role: 'basic' } })).status, 200);
        assert.deepEqual((await admins(x.token)).sort(), [x.id, y.id].sort());
        let release!: () => void;
        const held = new Promise<void>((resolve) => (release = resolve));
        let locked!: () => void;
        const lockTaken = new Promise<void>((resolve) => (locked = resolve));
        const holder = db.transaction(async (tx) => {
          await tx.query(`SELECT 1 FROM accounts WHERE id = 'acct_empty' FOR UPDATE`);
          locked();
          await held;
        });
        await lockTaken;
        const requests = [as(0, x.token, `/users/${y.id}`, { method, json: change }), as(1, y.token, `/users/${x.id}`, { method, json: change })];
        const deadline = Date.now() + 10_000;
        for (;;) {
          const [{ waiting }] = await db.query<{ waiting: number }>(
            `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%FROM accounts WHERE id = $1 FOR UPDATE%'`,
          );
          if (waiting === 2) break;
          assert.ok(Date.now() < deadline, `both requests wait at the account row (${waiting} do)`);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        release();
        await holder;
        const [a, b] = await Promise.all(requests);
        assert.deepEqual([a.status, b.status].sort(), [done, 409].sort(), method);
        const [winner, loser] = a.status === done ? [x, b] : [y, a];
        assert.equal(((await loser.json()) as { code?: string }).code, 'last_admin');
        await (a.status === done ? a : b).body?.cancel();
        assert.deepEqual(await admins(winner.token), [winner.id], `${method}: one administrator left`);
        // Back to the seeded state: the demo admin the only administrator.
        assert.equal((await as(1, winner.token, '/users/usr_empty_admin', { method: 'PATCH', json: { role: 'admin' } })).status, 200);
        for (const id of [x.id, y.id]) assert.ok([204, 404].includes((await as(0, empty, `/users/${id}`, { method: 'DELETE' })).status));
        assert.deepEqual(await admins(empty), ['usr_empty_admin']);
      }
    } finally {
      await db.close();
    }
  });

  test('addresses: six first addresses of a use made at once, then each made its default at once, spread over both processes → one default each time', async () => {
    const residential = async (i: number) => (await json(await call(i, '/addresses?use=residential&limit=100'), SavedAddressPage)).data;
    assert.deepEqual(await residential(0), [], 'the large account has no residential address yet');
    const place = { line1: '1 Race Street', city: 'Reno', region: 'NV', postal_code: '89502', country: 'US', uses: ['residential'] };
    const made = await Promise.all(
      Array.from({ length: 6 }, async (_, i) =>
        json(await call(i, '/addresses', { method: 'POST', key: randomUUID(), json: { ...place, line1: `${i + 1} Race Street` } }), SavedAddress, 201),
      ),
    );
    assert.equal(made.filter((a) => a.default_for.includes('residential')).length, 1, JSON.stringify(made.map((a) => a.default_for)));

    const results = await Promise.all(made.map(async (a, i) => (await call(i, `/addresses/${a.id}`, { method: 'PATCH', key: randomUUID(), json: { default_for: ['residential'] } })).status));
    assert.deepEqual(results, made.map(() => 200));
    const [a, b] = await Promise.all([residential(0), residential(1)]);
    assert.deepEqual(a, b);
    const defaults = a.filter((address) => address.default_for.includes('residential'));
    assert.equal(defaults.length, 1, JSON.stringify(a.map((address) => [address.id, address.default_for])));
    assert.ok(made.some((address) => address.id === defaults[0].id));
  });
});

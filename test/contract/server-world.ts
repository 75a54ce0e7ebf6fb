/// <reference types="node" />
/**
 * The HTTP side of the contract suite: HttpAccountApi over real HTTP against the reference server
 * (the same app, database, migrations and seed as `startServer`, on PGlite), with the test-only
 * routes on (POST /api/__test/settle). The server takes seconds to start on a busy machine, so it
 * starts once; before each scenario the database goes back to its state right after seeding (a
 * copy of every table taken then), so every scenario sees the seeded fixtures and nothing else.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { AccountApi } from '../../src/api/account-api.js';
import { HttpAccountApi } from '../../src/api/http-api.js';
import { createApp } from '../../server/app.js';
import { migrate, openPglite, type Database } from '../../server/db.js';
import { createHostedFieldsApp } from '../../server/hosted-fields.js';
import { ProvisioningSweep } from '../../server/licenses.js';
import { SettlementSweep } from '../../server/payments.js';
import { SEED_DATE, seed } from '../../server/seed.js';
import { TestFaults } from '../../server/test-faults.js';
import type { Login, TestCard, World } from './world.js';

const SNAPSHOT = 'contract_snapshot';

/**
 * How to select one account's rows of each table: by `account_id`, by the payment they belong to
 * (allocations), by `id` (accounts); a table with none of these (card tokens) is copied whole.
 * Resetting only the scenario's account keeps the large demo account (10,000 invoices) out of it.
 */
async function tables(db: Database): Promise<Array<{ name: string; scope: string }>> {
  const rows = await db.query<{ name: string; columns: string[] }>(
    `SELECT t.table_name AS name, array_agg(c.column_name::text) AS columns
     FROM information_schema.tables t JOIN information_schema.columns c ON c.table_schema = t.table_schema AND c.table_name = t.table_name
     WHERE t.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND t.table_name <> 'schema_migrations'
     GROUP BY t.table_name ORDER BY t.table_name`,
  );
  return rows.map(({ name, columns }) => ({
    name,
    scope: columns.includes('account_id')
      ? 'account_id = $1'
      : columns.includes('payment_id')
        ? 'payment_id IN (SELECT id FROM public.payments WHERE account_id = $1)'
        : name === 'accounts'
          ? 'id = $1'
          : 'true',
  }));
}

export async function startServerWorld(): Promise<World> {
  const db = await openPglite();
  await migrate(db);
  await seed(db, SEED_DATE);
  const names = await tables(db);
  await db.exec(`CREATE SCHEMA ${SNAPSHOT}; ${names.map((t) => `CREATE TABLE ${SNAPSHOT}."${t.name}" AS TABLE public."${t.name}";`).join(' ')}`);
  // The sweep without a timer: every read settles what is due, as the tests' settle route expects.
  // Due dates are compared with the fixtures' date, as MemoryAccountApi({ today: SEED_DATE }) does.
  const sweep = new SettlementSweep(db, () => SEED_DATE);
  // Likewise provisioning (every read provisions what is due), and quotes prorate from the fixtures' date.
  const provisioning = new ProvisioningSweep(db);
  // The origin links (the usage export's) point at: set once the server listens.
  let origin = 'http://localhost';
  const app = createApp({
    db,
    publicOrigin: () => origin,
    secret: 'contract-suite-secret',
    demoTokens: true,
    rateLimits: false,
    payments: { achSettleMs: 10 * 60_000, acceptRawCardData: true },
    sweep,
    licensing: { provisioningMs: 10 * 60_000, today: () => SEED_DATE.toISOString().slice(0, 10) },
    provisioning,
    testFaults: new TestFaults(),
  });
  const fields = createHostedFieldsApp({ db });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    s.once('error', reject);
  });
  // A reset plus the memory side's run can outlast the default 5 s: an idle keep-alive socket the
  // server closes just as the client reuses it fails the next request ("could not be reached").
  (server as { keepAliveTimeout?: number }).keepAliveTimeout = 10 * 60_000;
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const base = `${origin}/api`;
  const tokens = new Map<Login, string>();
  const post = async (path: string, body: unknown, expected: number) => {
    const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    if (res.status !== expected) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
    return res;
  };

  return {
    name: 'http',
    async fresh(login: Login): Promise<AccountApi> {
      // The login's account back to its seeded state (a scenario touches only its own account);
      // foreign keys are not checked while the tables are refilled. Allocations go first: their
      // scope reads the payments.
      const accountId = `acct_${login === 'viewer' ? 'typical' : login}`;
      const ordered = [...names].sort((a, b) => Number(b.scope.startsWith('payment_id')) - Number(a.scope.startsWith('payment_id')));
      await db.transaction(async (tx) => {
        await tx.exec('SET LOCAL session_replication_role = replica');
        for (const t of ordered) await tx.query(`DELETE FROM public."${t.name}" WHERE ${t.scope}`, t.scope.includes('$1') ? [accountId] : []);
        for (const t of ordered) {
          await tx.query(`INSERT INTO public."${t.name}" OVERRIDING SYSTEM VALUE SELECT * FROM ${SNAPSHOT}."${t.name}" WHERE ${t.scope.replace('public.payments', `${SNAPSHOT}.payments`)}`, t.scope.includes('$1') ? [accountId] : []);
        }
      });
      let token = tokens.get(login);
      if (!token) {
        token = ((await (await post('/demo/token', { account: login, ttl_seconds: 3600 }, 201)).json()) as { token: string }).token;
        tokens.set(login, token);
      }
      // No cache beyond sharing identical in-flight reads (as MemoryAccountApi), no automatic retries.
      return new HttpAccountApi({ baseUrl: base, token, cacheTtlMs: 0, retry: { limit: 0 } });
    },
    async cardToken(_api: AccountApi, card: TestCard): Promise<string> {
      const res = await fields.request('/tokens', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(card) });
      if (res.status !== 201) throw new Error(`POST /tokens: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { token: string }).token;
    },
    async settle(_api: AccountApi, paymentId: string): Promise<void> {
      await post('/__test/settle', { payment_id: paymentId }, 204);
    },
    async provision(_api: AccountApi, orderId: string): Promise<void> {
      await post('/__test/provision', { order_id: orderId }, 204);
    },
    async expireQuote(_api: AccountApi, quoteId: string): Promise<void> {
      await post('/__test/expire-quote', { quote_id: quoteId }, 204);
    },
    async expireAddonPreview(_api: AccountApi, previewId: string): Promise<void> {
      await post('/__test/expire-preview', { preview_id: previewId }, 204);
    },
    async provisionAddon(_api: AccountApi, addonId: string): Promise<void> {
      await post('/__test/provision-addon', { addon_id: addonId }, 204);
    },
    async close(): Promise<void> {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      await Promise.all([sweep.stop(), provisioning.stop()]);
      await db.close();
    },
  };
}

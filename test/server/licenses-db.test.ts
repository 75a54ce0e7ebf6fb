/// <reference types="node" />
/**
 * Licenses below HTTP, on PGlite: upgrading a database seeded before licenses existed, the
 * provisioning sweep provisioning each order once however many sweeps run, and its sharing.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { CATALOGUE } from '../../src/api/fixtures/catalogue.js';
import { createFixture } from '../../src/api/fixtures/generate.js';
import type { LicenseOrder, LicenseQuote } from '../../src/api/schemas/index.js';
import { migrate, openPglite, type Database } from '../../server/db.js';
import { createOrder, createQuote, provisionDueOrders, ProvisioningSweep, readOverview, readPricing, type LicensingSettings } from '../../server/licenses.js';
import { listPayments, readAccount } from '../../server/payments.js';
import { SEED_DATE, seed } from '../../server/seed.js';
import { insertInvoicesAsSeeded } from './legacy-db.js';

const LICENSING: LicensingSettings = { provisioningMs: 0, today: () => new Date().toISOString().slice(0, 10) };
const PAYMENTS = { achSettleMs: 0, acceptRawCardData: true };
const noLink = (id: string) => `/orders/${id}`;

describe('a database seeded before licenses existed', () => {
  let db: Database;
  before(async () => {
    db = await openPglite();
    // Migrations 001-003 and the seed of that version: accounts, invoices and payment data.
    await db.exec('CREATE TABLE schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    for (const file of ['001_init.sql', '002_payments.sql', '003_payment_method_expiry.sql']) {
      await db.exec(await readFile(new URL(`../../server/migrations/${file}`, import.meta.url), 'utf8'));
      await db.query('INSERT INTO schema_migrations (version) VALUES ($1)', [file]);
    }
    const { account, invoices } = createFixture('typical', SEED_DATE);
    const { role: _role, capabilities: _capabilities, balance, last_payment: _last, autopay: _autopay, ...profile } = account;
    await db.query('INSERT INTO accounts (id, name, currency, profile, balance_amount) VALUES ($1, $2, $3, $4, $5)', [account.id, account.name, account.currency, JSON.stringify(profile), balance.amount]);
    await db.query(`INSERT INTO users (id, account_id, name, role) VALUES ('usr_typical_admin', $1, 'Demo admin', 'admin')`, [account.id]);
    await insertInvoicesAsSeeded(db, account.id, invoices);
    await db.query(
      `INSERT INTO payment_methods (id, account_id, type, is_default, card_brand, card_last4, card_exp_month, card_exp_year, gateway_outcome)
       VALUES ('pm_acct_typical_visa', $1, 'card', true, 'visa', '4242', 12, 2040, 'succeeded')`,
      [account.id],
    );
  });
  after(() => db.close());

  test('migrates, then seeds the catalogue, products and the licensing of the accounts it has, once, leaving the payment data alone', async () => {
    assert.deepEqual(await migrate(db), ['004_licenses.sql', '005_addons.sql', '006_credit_applications.sql', '006_usage.sql', '007_addresses.sql', '007_users.sql']);
    const methodsBefore = await db.query('SELECT id FROM payment_methods');
    assert.equal(await seed(db, SEED_DATE), true);
    assert.equal(await seed(db, SEED_DATE), false, 'once');
    assert.deepEqual(await db.query('SELECT id FROM payment_methods'), methodsBefore, 'no second copy of the payment data');
    assert.deepEqual(await readPricing(db), JSON.parse(JSON.stringify(CATALOGUE)));
    const fixture = createFixture('typical', SEED_DATE).licensing;
    const overview = await readOverview(db, { ...LICENSING, today: () => '2026-01-15' }, 'acct_typical');
    assert.deepEqual(overview, { term: fixture.term, licenses: fixture.licenses, ordering: { invoice_allowed: true, provisioning_minutes: 1 } });
    const products = await db.query<{ id: string; proration_policy: string; self_service: boolean }>('SELECT id, proration_policy, self_service FROM products ORDER BY id');
    assert.deepEqual(products, [
      { id: 'prod_analytics', proration_policy: 'prorate_by_month', self_service: true },
      { id: 'prod_residency', proration_policy: 'full_price', self_service: false },
      { id: 'prod_workspace', proration_policy: 'prorate_by_day', self_service: true },
    ]);
  });
});

describe('license orders and provisioning on PGlite', () => {
  let db: Database;
  before(async () => {
    db = await openPglite();
    await migrate(db);
    await seed(db);
  });
  after(() => db.close());

  /** Places `count` card orders of one license each on the large account (provisioned at once: no delay). */
  async function placeOrders(count: number, licensing = LICENSING): Promise<LicenseOrder[]> {
    const orders: LicenseOrder[] = [];
    for (let i = 0; i < count; i++) {
      const quote = (await createQuote(db, licensing, 'acct_large', { product_id: 'prod_analytics', additional_quantity: 1 })).body as LicenseQuote;
      const { response } = await createOrder(db, { payments: PAYMENTS, licensing }, { accountId: 'acct_large', userId: 'usr_large_admin' }, {
        quote_id: quote.id,
        authorization_acknowledged: true,
        payment: { type: 'payment_method', payment_method_id: 'pm_acct_large_visa' },
      }, noLink);
      assert.equal(response.status, 201, JSON.stringify(response.body));
      orders.push(response.body as LicenseOrder);
    }
    return orders;
  }
  const analytics = async () => (await readOverview(db, LICENSING, 'acct_large')).licenses.find((l) => l.product_id === 'prod_analytics')!;

  test('due orders are provisioned once, however many sweeps run at the same time', async () => {
    const before = await analytics();
    const orders = await placeOrders(4);
    const pending = await analytics();
    assert.deepEqual([pending.quantity, pending.pending_quantity, pending.status], [before.quantity, before.pending_quantity + 4, 'pending_provisioning']);
    const provisioned = await Promise.all(Array.from({ length: 5 }, () => provisionDueOrders(db)));
    assert.equal(provisioned.reduce((a, b) => a + b, 0), orders.length);
    assert.equal(await provisionDueOrders(db), 0);
    const after = await analytics();
    assert.deepEqual([after.quantity, after.pending_quantity, after.status], [before.quantity + 4, 0, 'active']);
    const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM license_orders WHERE status = 'provisioned' AND provisioned_at IS NOT NULL`);
    assert.equal(n, 4);
  });

  test('an order leaves the ledger of payments and the balance consistent: added and paid in one', async () => {
    const balance = (await readAccount(db, 'acct_large', 'admin')).balance.amount;
    const [placed] = await placeOrders(1);
    assert.equal((await readAccount(db, 'acct_large', 'admin')).balance.amount, balance);
    const { payments } = await listPayments(db, 'acct_large', 1);
    assert.deepEqual([payments[0].id, payments[0].amount, payments[0].allocations[0].invoice_id], [placed.payment_id, placed.due_today, placed.invoice_id]);
    await provisionDueOrders(db);
  });

  test('ProvisioningSweep: callers during a sweep share the next one; reads trust a sweep until the next order is due; changed() ends that', async () => {
    let sweeps = 0;
    const counting = {
      ...db,
      query: async <Row>(sql: string, params?: unknown[]) => {
        if (sql.includes('WITH due AS')) sweeps++;
        return db.query<Row>(sql, params);
      },
    } as Database;
    const sweep = new ProvisioningSweep(counting);
    const first = sweep.run();
    const waiting = Array.from({ length: 10 }, () => sweep.run());
    assert.equal(new Set(waiting).size, 1, 'one shared follow-up');
    await Promise.all([first, ...waiting]);
    assert.equal(sweeps, 2);

    sweep.start(60_000);
    try {
      await sweep.run();
      const known = sweeps;
      await Promise.all(Array.from({ length: 5 }, () => sweep.beforeRead()));
      assert.equal(sweeps, known, 'nothing pending: reads trust the last sweep');
      // An order due in 150 ms, placed here: the next read sweeps, and reads after that wait for it to be due.
      await placeOrders(1, { ...LICENSING, provisioningMs: 150 });
      sweep.changed();
      await sweep.beforeRead();
      const afterChange = sweeps;
      assert.ok(afterChange > known);
      await sweep.beforeRead();
      assert.equal(sweeps, afterChange, 'not due yet');
      await new Promise((resolve) => setTimeout(resolve, 200));
      await sweep.beforeRead();
      assert.ok(sweeps > afterChange, 'due now: the read sweeps');
      assert.equal((await analytics()).pending_quantity, 0, 'and provisions it');
    } finally {
      await sweep.stop();
    }
  });
});

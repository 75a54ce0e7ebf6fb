/// <reference types="node" />
/**
 * Paying below HTTP, on PGlite: upgrading a database seeded before payments existed, card tokens
 * that expired, the settlement sweep's sharing and exactly-once settlement, and card expiry.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { createFixture } from '../../src/api/fixtures/generate.js';
import { HttpProblem } from '../../server/problem.js';
import { migrate, openPglite, type Database } from '../../server/db.js';
import { addMethod, cardExpired, createPayment, listMethods, readAccount, readPayment, settleDuePayments, SettlementSweep } from '../../server/payments.js';
import { SEED_DATE, seed } from '../../server/seed.js';
import { insertInvoicesAsSeeded } from './legacy-db.js';

const SETTINGS = { achSettleMs: 0, acceptRawCardData: true };

/** A database whose sweep queries (the "what is due" select) are counted. */
function countSweeps(db: Database): { db: Database; count: number } {
  const counter = { db, count: 0 };
  counter.db = {
    ...db,
    query: async <Row>(sql: string, params?: unknown[]) => {
      if (sql.includes("status = 'processing' AND settle_at <= now() ORDER BY")) counter.count++;
      return db.query<Row>(sql, params);
    },
  } as Database;
  return counter;
}

async function rejection(promise: Promise<unknown>): Promise<HttpProblem> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof HttpProblem, String(error));
    return error;
  }
  assert.fail('expected a problem');
}

describe('a database seeded before payments existed', () => {
  let db: Database;
  before(async () => {
    db = await openPglite();
    // Exactly what the first version of the server left behind: migration 001 and the account in its profile document.
    await db.exec(await readFile(new URL('../../server/migrations/001_init.sql', import.meta.url), 'utf8'));
    await db.exec(`CREATE TABLE schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());
      INSERT INTO schema_migrations (version) VALUES ('001_init.sql')`);
    const { account, invoices } = createFixture('typical', SEED_DATE);
    const { role: _role, capabilities: _capabilities, payment_terms: _terms, ...profile } = account;
    await db.query('INSERT INTO accounts (id, name, currency, profile) VALUES ($1, $2, $3, $4)', [account.id, account.name, account.currency, JSON.stringify(profile)]);
    await insertInvoicesAsSeeded(db, account.id, invoices);
  });
  after(() => db.close());

  test('migrates the profile into columns and seeds the payment data of the accounts it has', async () => {
    assert.deepEqual(await migrate(db), ['002_payments.sql', '003_payment_method_expiry.sql', '004_licenses.sql', '005_addons.sql', '006_credit_applications.sql', '006_usage.sql', '007_addresses.sql', '007_users.sql']);
    assert.equal(await seed(db, SEED_DATE), true);
    assert.equal(await seed(db, SEED_DATE), false, 'once');
    const fixture = createFixture('typical', SEED_DATE);
    const account = await readAccount(db, 'acct_typical', 'admin');
    // The server derives the available credit (none in the fixture); the rest is the fixture's.
    assert.deepEqual({ ...account }, { ...fixture.account, available_credit: { amount: 0, currency: fixture.account.currency }, role: 'admin' });
    assert.deepEqual((await listMethods(db, 'acct_typical')).map((m) => m.id), fixture.paymentMethods.map((m) => m.id));
    const [{ count }] = await db.query<{ count: number }>('SELECT count(*)::int AS count FROM payments');
    assert.equal(count, fixture.payments.length);
    const payment = await readPayment(db, 'acct_typical', fixture.payments[0].id);
    assert.deepEqual(payment?.allocations, fixture.payments[0].allocations);
    assert.equal(Date.parse(payment!.created_at), Date.parse(fixture.payments[0].created_at));
  });
});

describe('payments on PGlite', () => {
  let db: Database;
  before(async () => {
    db = await openPglite();
    await migrate(db);
    await seed(db);
  });
  after(() => db.close());

  test('a card token that expired (or was used) is refused and saves nothing', async () => {
    await db.query(
      `INSERT INTO card_tokens (token, brand, last4, exp_month, exp_year, outcome, expires_at, used_at) VALUES
       ('tok_expired', 'visa', '4242', 12, 2040, 'succeeded', now() - interval '1 second', NULL),
       ('tok_used', 'visa', '4242', 12, 2040, 'succeeded', now() + interval '1 hour', now())`,
    );
    const before = (await listMethods(db, 'acct_empty')).length;
    for (const token of ['tok_expired', 'tok_used']) {
      const problem = await rejection(addMethod(db, SETTINGS, 'acct_empty', { type: 'card', token }));
      assert.deepEqual([problem.status, problem.errors?.[0]?.field], [422, 'token']);
    }
    assert.equal((await listMethods(db, 'acct_empty')).length, before);
  });

  test('the raw card refusal when the gateway takes tokens only', async () => {
    const problem = await rejection(
      addMethod(db, { ...SETTINGS, acceptRawCardData: false }, 'acct_empty', { type: 'card', card: { number: '4242424242424242', exp_month: 1, exp_year: 2040, cvc: '123' } }),
    );
    assert.deepEqual([problem.status, problem.code, problem.errors?.[0]?.field], [422, 'raw_card_data_not_allowed', 'card']);
  });

  test('bank payments due are settled once, however many sweeps run at the same time', async () => {
    const bank = await addMethod(db, SETTINGS, 'acct_large', {
      type: 'bank_account',
      bank_account: { account_holder_name: 'G', routing_number: '110000000', account_number: '000111111116', account_type: 'checking' },
      mandate_accepted: true,
    });
    const open = await db.query<{ id: string; amount_due: number }>(
      `SELECT id, amount_due::float8 AS amount_due FROM invoices WHERE account_id = 'acct_large' AND status IN ('open', 'overdue') ORDER BY id LIMIT 3`,
    );
    const balance = async () => (await readAccount(db, 'acct_large', 'admin')).balance.amount;
    const before = await balance();
    for (const invoice of open) {
      const { status } = await createPayment(db, SETTINGS, 'acct_large', { invoice_ids: [invoice.id], payment_method_id: (bank.body as { id: string }).id });
      assert.equal(status, 201);
    }
    assert.equal(await balance(), before - open.reduce((sum, i) => sum + i.amount_due, 0));
    const settled = await Promise.all(Array.from({ length: 5 }, () => settleDuePayments(db)));
    assert.equal(settled.reduce((a, b) => a + b, 0), open.length);
    assert.equal(await balance(), before);
    assert.equal(await settleDuePayments(db), 0);
  });

  test('SettlementSweep: callers during a sweep share the next one; stop() waits for it', async () => {
    const counter = countSweeps(db);
    const counting = counter.db;
    const sweep = new SettlementSweep(counting);
    const first = sweep.run();
    const waiting = Array.from({ length: 10 }, () => sweep.run());
    assert.equal(new Set(waiting).size, 1, 'one shared follow-up');
    await Promise.all([first, ...waiting]);
    assert.equal(counter.count, 2);
    sweep.start(5);
    await new Promise((resolve) => setTimeout(resolve, 40));
    await sweep.stop();
    const stopped = counter.count;
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.equal(counter.count, stopped, 'no sweep after stop()');
  });

  test('SettlementSweep: reads skip the sweep while nothing can be due, for at most one timer interval; changed() ends that', async () => {
    const counter = countSweeps(db);
    const counting = counter.db;
    const sweep = new SettlementSweep(counting);
    await sweep.beforeRead();
    await sweep.beforeRead();
    assert.equal(counter.count, 2, 'without a timer every read counter.count');

    sweep.start(60_000);
    try {
      await sweep.run();
      const afterSweep = counter.count;
      await Promise.all(Array.from({ length: 5 }, () => sweep.beforeRead()));
      assert.equal(counter.count, afterSweep, 'nothing processing: reads trust the last sweep');
      sweep.changed();
      await sweep.beforeRead();
      assert.equal(counter.count, afterSweep + 1, 'a change here: the next read counter.count');
      // A bank payment that becomes due in 150 ms: reads trust the sweep only until then.
      await db.query(
        `UPDATE payments SET status = 'processing', settle_fails = false, settle_at = now() + interval '150 milliseconds' WHERE id = (SELECT id FROM payments WHERE status = 'succeeded' ORDER BY id LIMIT 1)`,
      );
      sweep.changed();
      await sweep.beforeRead();
      const known = counter.count;
      await sweep.beforeRead();
      assert.equal(counter.count, known, 'not due yet');
      await new Promise((resolve) => setTimeout(resolve, 200));
      await sweep.beforeRead();
      assert.ok(counter.count > known, 'due now: the read counter.count (and settles it)');
      const [left] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM payments WHERE status = 'processing' AND settle_at <= now()`);
      assert.equal(left.n, 0);
    } finally {
      await sweep.stop();
    }
  });

  test('a card is good through the last day of its printed month (UTC)', () => {
    const now = new Date('2026-03-31T23:59:59Z');
    assert.equal(cardExpired(3, 2026, now), false);
    assert.equal(cardExpired(2, 2026, now), true);
    assert.equal(cardExpired(12, 2025, now), true);
    assert.equal(cardExpired(1, 2027, now), false);
    assert.equal(cardExpired(3, 2026, new Date('2026-04-01T00:00:00Z')), true);
  });
});

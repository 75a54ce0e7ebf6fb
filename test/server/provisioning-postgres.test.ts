/// <reference types="node" />
/**
 * The provisioning sweep's statement on a real PostgreSQL, deterministically: while one sweep (a
 * transaction of one connection, as another process's would be) holds the due orders, a second sweep
 * on another connection skips them instead of waiting and provisioning them again once the first
 * commits. (multi-process.test.ts runs two real servers; their sweeps rarely meet in the same instant.)
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LicenseQuote } from '../../src/api/schemas/index.js';
import { migrate, openPostgres, type Database } from '../../server/db.js';
import { createOrder, createQuote, provisionDueOrders, readOverview, type LicensingSettings } from '../../server/licenses.js';
import { seed } from '../../server/seed.js';
import { startPostgresCluster, type PostgresCluster } from './postgres-cluster.js';

const LICENSING: LicensingSettings = { provisioningMs: 0, today: () => new Date().toISOString().slice(0, 10) };

describe('provisioning on PostgreSQL', () => {
  let cluster: PostgresCluster;
  let db: Database;
  before(async () => {
    cluster = await startPostgresCluster();
    db = await openPostgres(cluster.url);
    await migrate(db);
    await seed(db);
  });
  after(async () => {
    await db?.close();
    await cluster?.stop();
  });

  test('a second sweep skips the orders a first one holds, and each order is provisioned once', async () => {
    const workspace = async () => (await readOverview(db, LICENSING, 'acct_typical')).licenses.find((l) => l.product_id === 'prod_workspace')!;
    const before = await workspace();
    for (let i = 0; i < 3; i++) {
      const quote = (await createQuote(db, LICENSING, 'acct_typical', { product_id: 'prod_workspace', additional_quantity: 2 })).body as LicenseQuote;
      const { response } = await createOrder(
        db,
        { payments: { achSettleMs: 0, acceptRawCardData: true }, licensing: LICENSING },
        { accountId: 'acct_typical', userId: 'usr_typical_admin' },
        { quote_id: quote.id, authorization_acknowledged: true, payment: { type: 'invoice' } },
        (id) => id,
      );
      assert.equal(response.status, 201, JSON.stringify(response.body));
    }
    let second: number | 'waited' | undefined;
    const first = await db.transaction(async (tx) => {
      const provisioned = await provisionDueOrders(tx);
      // Another connection, while this transaction holds the rows: it must not wait for them.
      second = await Promise.race([provisionDueOrders(db), new Promise<'waited'>((resolve) => setTimeout(() => resolve('waited'), 2000))]);
      return provisioned;
    });
    assert.equal(first, 3);
    assert.equal(second, 0, 'the second sweep skipped the held orders');
    assert.equal(await provisionDueOrders(db), 0, 'nothing left to provision');
    const after = await workspace();
    assert.deepEqual([after.quantity, after.pending_quantity, after.status], [before.quantity + 6, 0, 'active']);
  });
});

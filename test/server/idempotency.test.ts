import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { migrate, openPglite, openPostgres, type Database } from '../../server/db.js';
import { withIdempotency } from '../../server/idempotency.js';
import { HttpProblem } from '../../server/problem.js';
import { startPostgresCluster, type PostgresCluster } from './postgres-cluster.js';

const problemStatus = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof HttpProblem) return error.status;
    throw error;
  }
  return 'resolved';
};

function idempotencySuite(name: string, open: () => Promise<{ db: Database; stop(): Promise<void> }>) {
  describe(`withIdempotency on ${name}`, () => {
    let db: Database;
    let stop: () => Promise<void>;
    before(async () => {
      ({ db, stop } = await open());
      await migrate(db);
    });
    after(() => stop());
    let n = 0;
    const req = (fingerprint = 'fp-a', key = `key-${++n}`) => ({ accountId: 'acct_x', key, fingerprint });

    test('first call runs; same key and fingerprint replays the stored response without running', async () => {
      const r = req();
      let runs = 0;
      const run = async () => ({ status: 201, body: { id: `pay_${++runs}` } });
      assert.deepEqual(await withIdempotency(db, r, run), { status: 201, body: { id: 'pay_1' }, replayed: false });
      assert.deepEqual(await withIdempotency(db, r, run), { status: 201, body: { id: 'pay_1' }, replayed: true });
      assert.equal(runs, 1);
    });

    test('same key, different fingerprint → 422; missing key → 400', async () => {
      const r = req('fp-1');
      await withIdempotency(db, r, async () => ({ status: 200, body: {} }));
      assert.equal(await problemStatus(withIdempotency(db, { ...r, fingerprint: 'fp-2' }, async () => ({ status: 200, body: {} }))), 422);
      assert.equal(await problemStatus(withIdempotency(db, { ...r, key: undefined }, async () => ({ status: 200, body: {} }))), 400);
    });

    test('keys are per account', async () => {
      const r = req();
      await withIdempotency(db, r, async () => ({ status: 200, body: { a: 1 } }));
      const other = await withIdempotency(db, { ...r, accountId: 'acct_y', fingerprint: 'other' }, async () => ({ status: 200, body: { a: 2 } }));
      assert.deepEqual(other, { status: 200, body: { a: 2 }, replayed: false });
    });

    test('same key while the first call runs → 409; a failed run releases the key', async () => {
      const r = req();
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let running!: () => void;
      const started = new Promise<void>((resolve) => (running = resolve));
      const first = withIdempotency(db, r, async () => {
        running();
        await gate;
        return { status: 200, body: { ok: true } };
      });
      // Once it runs it holds the key (after a fixed sleep, a slow claim could lose the key to the second call).
      await started;
      assert.equal(await problemStatus(withIdempotency(db, r, async () => ({ status: 200, body: {} }))), 409);
      release();
      assert.equal((await first).replayed, false);

      const failing = req();
      await assert.rejects(withIdempotency(db, failing, async () => Promise.reject(new Error('gateway down'))), /gateway down/);
      assert.deepEqual(await withIdempotency(db, failing, async () => ({ status: 200, body: 'retried' })), {
        status: 200,
        body: 'retried',
        replayed: false,
      });
    });

    test('20 concurrent calls with one key → exactly one run', async () => {
      const r = req();
      let runs = 0;
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, () =>
          withIdempotency(db, r, async () => {
            runs++;
            await new Promise((resolve) => setTimeout(resolve, 30));
            return { status: 201, body: { charged: true } };
          }),
        ),
      );
      assert.equal(runs, 1);
      for (const result of results) {
        if (result.status === 'rejected') assert.equal((result.reason as HttpProblem).status, 409);
        else assert.deepEqual(result.value.body, { charged: true });
      }
      assert.equal(results.filter((x) => x.status === 'fulfilled' && !x.value.replayed).length, 1);
    });
  });
}

idempotencySuite('PGlite', async () => {
  const db = await openPglite();
  return { db, stop: () => db.close() };
});

let cluster: PostgresCluster | undefined;
idempotencySuite('PostgreSQL', async () => {
  cluster = await startPostgresCluster();
  const db = await openPostgres(cluster.url);
  return {
    db,
    async stop() {
      await db.close();
      await cluster?.stop();
    },
  };
});

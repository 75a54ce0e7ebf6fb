/// <reference types="node" />
/**
 * Add-ons on PGlite outside the api-suite: a database seeded before add-ons existed gets them
 * once, and a provisioned add-on enabled on a server with a short ACCT_PROVISIONING_SECONDS is
 * `pending` until that time has passed, then `enabled` on the next read.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { createFixture, FIXTURE_NAMES } from '../../src/api/fixtures/generate.js';
import { AddonChange, AddonList, AddonPreview } from '../../src/api/schemas/addon.js';
import { listAddons } from '../../server/addons.js';
import { migrate, openPglite, type Database } from '../../server/db.js';
import { startServer, type RunningServer } from '../../server/index.js';
import { SEED_DATE, seed } from '../../server/seed.js';

describe('a database seeded before add-ons existed', () => {
  let db: Database;
  before(async () => {
    db = await openPglite();
    await migrate(db);
    await seed(db, SEED_DATE);
    // What a database of the version before add-ons holds: everything but the add-ons.
    await db.query('DELETE FROM addons');
  });
  after(() => db.close());

  test('seeds the add-ons of every account it has, once, leaving the rest alone', async () => {
    const count = async (table: string) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0].n;
    const before = { invoices: await count('invoices'), payments: await count('payments'), licenses: await count('licenses') };
    assert.equal(await seed(db, SEED_DATE), true);
    assert.equal(await seed(db, SEED_DATE), false, 'once');
    assert.deepEqual({ invoices: await count('invoices'), payments: await count('payments'), licenses: await count('licenses') }, before);
    for (const name of FIXTURE_NAMES) {
      const fixture = createFixture(name, SEED_DATE);
      const { data } = await listAddons(db, fixture.account.id);
      const normalized = (list: typeof data) => list.map((a) => ({ ...a, enabled_at: a.enabled_at && new Date(a.enabled_at).toISOString() }));
      assert.deepEqual(normalized(data), normalized(fixture.addons.addons), name);
    }
    assert.deepEqual(
      await db.query(`SELECT id FROM addons WHERE provisioned ORDER BY id`),
      ['large', 'jpy', 'hostile', 'typical', 'kwd'].map((n) => ({ id: `addon_${n}_dedicated_ip` })).sort((a, b) => a.id.localeCompare(b.id)),
    );
  });
});

describe('a provisioned add-on on a server with ACCT_PROVISIONING_SECONDS=1', () => {
  let server: RunningServer;
  let token: string;
  before(async () => {
    server = await startServer({ secret: 'addons-db', provisioningSeconds: 1, testFaults: true, demoTokens: true, rateLimits: false });
    const res = await fetch(`${server.url}/api/demo/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ account: 'kwd' }) });
    token = ((await res.json()) as { token: string }).token;
  });
  after(() => server?.close());

  const post = (path: string, json: unknown, key?: string) =>
    fetch(`${server.url}/api${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...(key ? { 'Idempotency-Key': key } : {}) },
      body: JSON.stringify(json),
    });
  const dedicatedIp = async () => AddonList.parse(await (await fetch(`${server.url}/api/addons`, { headers: { Authorization: `Bearer ${token}` } })).json()).data.find((a) => a.id === 'addon_kwd_dedicated_ip')!;
  async function change(action: 'enable' | 'disable') {
    const preview = AddonPreview.parse(await (await post('/addons/addon_kwd_dedicated_ip/preview', { action })).json());
    const res = await post(`/addons/addon_kwd_dedicated_ip/${action}`, { preview_id: preview.id }, randomUUID());
    assert.equal(res.status, 200);
    return AddonChange.parse(await res.json());
  }

  test('is pending for the provisioning time after it is enabled, then enabled', async () => {
    // The seeded one is pending with no end: the product says when it is done.
    assert.equal((await dedicatedIp()).state, 'pending');
    assert.equal((await post('/__test/provision-addon', { addon_id: 'addon_kwd_dedicated_ip' })).status, 204);
    assert.equal((await dedicatedIp()).state, 'enabled');
    assert.equal((await change('disable')).addon.state, 'disabled');

    const enabledAt = Date.now();
    const on = await change('enable');
    assert.deepEqual([on.addon.state, on.addon.pending_action], ['pending', 'enable']);
    let seen = await dedicatedIp();
    while (seen.state === 'pending') {
      assert.ok(Date.now() - enabledAt < 10_000, 'enabled within 10 s');
      await new Promise((resolve) => setTimeout(resolve, 100));
      seen = await dedicatedIp();
    }
    assert.ok(Date.now() - enabledAt >= 900, `pending for the provisioning time, not ${Date.now() - enabledAt} ms`);
    assert.deepEqual([seen.state, seen.pending_action, seen.enabled_at], ['enabled', null, on.addon.enabled_at]);
  });
});

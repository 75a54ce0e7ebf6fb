/// <reference types="node" />
/**
 * Users on PGlite outside the api-suite: a database seeded before users had emails (migrations
 * 001-006, the demo users as that version wrote them) gets the emails, dates and the fixtures'
 * people once, keeping the roles it has; and the token's user costs one primary-key read per request.
 */
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { after, before, describe, test } from 'node:test';
import { createFixture, FIXTURE_NAMES } from '../../src/api/fixtures/generate.js';
import { usersFixture } from '../../src/api/fixtures/users.js';
import { UserPage } from '../../src/api/schemas/user.js';
import { createApp } from '../../server/app.js';
import { migrate, openPglite, type Database } from '../../server/db.js';
import { SEED_DATE, seed } from '../../server/seed.js';
import { insertInvoicesAsSeeded } from './legacy-db.js';
import { issueToken } from '../../server/tokens.js';
import { listUsers } from '../../server/users.js';

const MIGRATIONS = new URL('../../server/migrations/', import.meta.url);

describe('a database seeded before users had emails', () => {
  let db: Database;
  before(async () => {
    db = await openPglite();
    // The migrations before 007, and the accounts with their demo users as that version seeded them.
    await db.exec('CREATE TABLE schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    for (const file of (await readdir(MIGRATIONS)).filter((f) => f.endsWith('.sql') && f < '007').sort()) {
      await db.exec(await readFile(new URL(file, MIGRATIONS), 'utf8'));
      await db.query('INSERT INTO schema_migrations (version) VALUES ($1)', [file]);
    }
    const { account, invoices } = createFixture('typical', SEED_DATE);
    const { role: _role, capabilities: _capabilities, balance, last_payment: _last, autopay: _autopay, ...profile } = account;
    await db.query('INSERT INTO accounts (id, name, currency, profile, balance_amount) VALUES ($1, $2, $3, $4, $5)', [account.id, account.name, account.currency, JSON.stringify(profile), balance.amount]);
    // Its invoices, which the payment history, the licenses and the usage the seed adds refer to.
    await insertInvoicesAsSeeded(db, account.id, invoices);
    for (const role of ['admin', 'billing_viewer', 'basic']) {
      await db.query('INSERT INTO users (id, account_id, name, role) VALUES ($1, $2, $3, $4)', [`usr_typical_${role}`, account.id, `Demo ${role.replace('_', ' ')}`, role]);
    }
    // A role changed by hand in that version stays; a user the fixtures do not know gets an address.
    await db.query(`UPDATE users SET role = 'basic' WHERE id = 'usr_typical_billing_viewer'`);
    await db.query(`INSERT INTO users (id, account_id, name, role) VALUES ('usr_typical_legacy', $1, 'Legacy', 'basic')`, [account.id]);
  });
  after(() => db.close());

  test('migrates, then completes the users once: the fixture’s emails, dates and people, the roles as they were', async () => {
    assert.deepEqual(await migrate(db), ['007_addresses.sql', '007_users.sql']);
    // An email is required of every row written from now on.
    await assert.rejects(db.query(`INSERT INTO users (id, account_id, name, role) VALUES ('usr_x', 'acct_typical', 'X', 'basic')`), /users_email_given/);
    assert.equal(await seed(db, SEED_DATE), true);
    assert.equal(await seed(db, SEED_DATE), false, 'once');
    const { users } = await listUsers(db, { accountId: 'acct_typical', userId: 'usr_typical_admin' }, undefined, 100);
    const expected = usersFixture('acct_typical', SEED_DATE).map((user) => ({
      ...user,
      role: user.id === 'usr_typical_billing_viewer' ? 'basic' : user.role,
      current: user.id === 'usr_typical_admin',
    }));
    assert.deepEqual(users.filter((u) => u.id !== 'usr_typical_legacy'), expected);
    const legacy = users.find((u) => u.id === 'usr_typical_legacy');
    assert.equal(legacy?.email, 'usr_typical_legacy@users.invalid');
    // One address per account, whatever its case.
    await assert.rejects(
      db.query(`INSERT INTO users (id, account_id, email, name, role) VALUES ('usr_y', 'acct_typical', 'MARIA.gonzalez@northwind.example', 'Y', 'basic')`),
      /users_account_email/,
    );
  });
});

describe('the token’s user on every request', () => {
  let db: Database;
  let url: string;
  let close: () => Promise<void>;
  const queries: string[] = [];
  before(async () => {
    db = await openPglite();
    await migrate(db);
    await seed(db, SEED_DATE);
    const counting: Database = { ...db, query: (sql, params) => (queries.push(sql), db.query(sql, params)) };
    const app = createApp({ db: counting, secret: 'users-db' });
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
    close = () => new Promise((resolve) => server.close(() => resolve()));
  });
  after(async () => {
    await close?.();
    await db?.close();
  });

  test('is one primary-key read of users per request, whatever the route', async () => {
    const token = issueToken('users-db', { account_id: 'acct_typical', user: 'usr_typical_admin', role: 'admin' }, 600).token;
    for (const path of ['/account', '/invoices?limit=5', '/users?limit=3', '/roles']) {
      queries.length = 0;
      const res = await fetch(url + path, { headers: { Authorization: `Bearer ${token}` } });
      assert.equal(res.status, 200, path);
      if (path.startsWith('/users')) UserPage.parse(await res.json());
      else await res.body?.cancel();
      const reads = queries.filter((sql) => /\bFROM users\b/.test(sql));
      assert.equal(reads.filter((sql) => /WHERE id = \$1 AND account_id = \$2/.test(sql)).length, 1, `${path}: ${JSON.stringify(reads)}`);
      assert.equal(reads.length, path.startsWith('/users') ? 3 : 1, `${path}: the users list reads its page and its count, nothing else reads users`);
    }
  });

  test('a token naming no user of its account is a 401 invalid_token, for every fixture account', async () => {
    for (const name of FIXTURE_NAMES) {
      const { account } = createFixture(name, SEED_DATE);
      const token = issueToken('users-db', { account_id: account.id, user: 'usr_typical_admin', role: 'admin' }, 600).token;
      const res = await fetch(`${url}/account`, { headers: { Authorization: `Bearer ${token}` } });
      assert.equal(res.status, account.id === 'acct_typical' ? 200 : 401, name);
      if (res.status === 401) assert.equal(res.headers.get('WWW-Authenticate'), 'Bearer error="invalid_token"');
      await res.body?.cancel();
    }
  });
});

/// <reference types="node" />
/**
 * Demo data that looks current (issue 9): the server seeds around the day it starts, and an open
 * invoice becomes overdue the day after its due date, for every account, however old the seed.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { migrate, openPglite, type Database } from '../../server/db.js';
import { startServer, type RunningServer } from '../../server/index.js';
import { SettlementSweep } from '../../server/payments.js';
import { SEED_DATE, seed } from '../../server/seed.js';
import { demoToken } from './http-checks.js';

const DAY_MS = 86_400_000;
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

describe('demo data around today', () => {
  let server: RunningServer;
  let token: string;
  before(async () => {
    server = await startServer({ port: 0, secret: 'demo-data', demoTokens: true });
    token = await demoToken(server.url, { account: 'typical' });
  });
  after(() => server?.close());

  const get = async <T>(path: string): Promise<T> => (await (await fetch(server.url + path, { headers: { Authorization: `Bearer ${token}` } })).json()) as T;

  test('the newest invoice is from the last month, the next one is ahead, the last payment is not in the future', async () => {
    const today = isoDay(new Date());
    const { data } = await get<{ data: Array<{ issued_on: string }> }>('/api/invoices?limit=1');
    assert.ok(Date.parse(data[0].issued_on) > Date.now() - 35 * DAY_MS, `newest issued ${data[0].issued_on}`);
    assert.ok(data[0].issued_on <= today);
    const account = await get<{ next_invoice: { date: string } | null; last_payment: { paid_at: string } | null }>('/api/account');
    assert.ok(account.next_invoice && account.next_invoice.date >= today, `next invoice ${account.next_invoice?.date}`);
    assert.ok(!account.last_payment || Date.parse(account.last_payment.paid_at) <= Date.now());
  });

  test('no invoice reads open after its due date', async () => {
    const today = isoDay(new Date());
    for (const login of ['typical', 'jpy', 'kwd', 'large']) {
      const bearer = await demoToken(server.url, { account: login });
      const res = await fetch(`${server.url}/api/invoices?status=open&limit=100`, { headers: { Authorization: `Bearer ${bearer}` } });
      const { data } = (await res.json()) as { data: Array<{ number: string; status: string; due_on: string | null }> };
      for (const invoice of data) {
        if (invoice.due_on && invoice.due_on < today) assert.equal(invoice.status, 'overdue', `${login} ${invoice.number} due ${invoice.due_on}`);
      }
    }
  });
});

describe('overdue derived from the due date and today', () => {
  let db: Database;
  before(async () => {
    db = await openPglite();
    await migrate(db);
    await seed(db, SEED_DATE);
  });
  after(() => db.close());

  test('an open invoice becomes overdue the day after its due date, in every account, and paid ones stay paid', async () => {
    let now = SEED_DATE;
    const sweep = new SettlementSweep(db, () => now);
    await sweep.beforeRead();
    const open = await db.query<{ id: string; due_on: string }>(`SELECT id, due_on::text AS due_on FROM invoices WHERE status = 'open' ORDER BY due_on`);
    assert.ok(open.length > 0, 'the fixtures have invoices not yet due on their date');
    const paidBefore = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM invoices WHERE status = 'paid'`))[0].n;

    // On the last open invoice's due date it is still open; the day after, it is overdue.
    const last = open.at(-1)!;
    now = new Date(`${last.due_on}T12:00:00Z`);
    await sweep.beforeRead();
    const [onDueDate] = await db.query<{ status: string }>('SELECT status FROM invoices WHERE id = $1', [last.id]);
    assert.equal(onDueDate.status, 'open');
    now = new Date(Date.parse(`${last.due_on}T00:00:00Z`) + DAY_MS);
    await sweep.beforeRead();
    const rows = await db.query<{ status: string }>(`SELECT status FROM invoices WHERE id = ANY($1::text[])`, [open.map((o) => o.id)]);
    assert.deepEqual([...new Set(rows.map((r) => r.status))], ['overdue']);
    const paidAfter = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM invoices WHERE status = 'paid'`))[0].n;
    assert.equal(paidAfter, paidBefore);
  });
});

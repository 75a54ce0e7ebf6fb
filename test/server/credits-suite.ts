/// <reference types="node" />
/**
 * Credits over HTTP (issue 11), run inside the api-suite on PGlite and on PostgreSQL after the
 * add-on tests: a disable's credit pays the oldest open invoices by the shared rule
 * (src/api/credits.ts), an enable's invoice is paid from what is left, the balance and the ledger
 * do not move when credit is applied, `available_credit`, and GET /credits' pages and filter.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { planCreditApplications } from '../../src/api/credits.js';
import { AddonChange, AddonList, AddonPreview, type Addon } from '../../src/api/schemas/addon.js';
import { CreditPage, type Credit } from '../../src/api/schemas/credit.js';
import { Account, InvoiceDetail, InvoicePage, TransactionPage, type InvoiceSummary } from '../../src/api/schemas/index.js';
import { suiteHttp, type SuiteContext } from './suite-http.js';

export function creditTests(context: SuiteContext): void {
  const { tokenFor, call, expectProblem, ok } = suiteHttp(context);
  const account = async (token: string) => ok(await call('/account', { token }), Account);
  async function all<T>(token: string, path: string, schema: { parse(v: unknown): { data: T[]; next_cursor: string | null } }): Promise<T[]> {
    const rows: T[] = [];
    let cursor: string | null = null;
    do {
      const page: { data: T[]; next_cursor: string | null } = await ok(
        await call(`${path}${path.includes('?') ? '&' : '?'}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token }),
        schema,
      );
      rows.push(...page.data);
      cursor = page.next_cursor;
    } while (cursor);
    return rows;
  }
  const openInvoices = (token: string) => all<InvoiceSummary>(token, '/invoices?status=open', InvoicePage);
  const credits = (token: string, status = 'all') => all<Credit>(token, `/credits?status=${status}`, CreditPage);
  async function change(token: string, addon: Addon, action: 'enable' | 'disable'): Promise<{ change: AddonChange; preview: AddonPreview }> {
    const preview = await ok(await call(`/addons/${addon.id}/preview`, { method: 'POST', token, json: { action } }), AddonPreview, 201);
    const res = await call(`/addons/${addon.id}/${action}`, { method: 'POST', token, key: randomUUID(), json: { preview_id: preview.id } });
    return { change: await ok(res, AddonChange), preview };
  }
  /** What the shared rule says the account's available credit pays of its open invoices now. */
  async function expectedPlan(token: string) {
    const today = new Date().toISOString().slice(0, 10);
    const available = (await credits(token)).map((c) => ({ id: c.id, created_at: c.created_at, remaining: c.remaining.amount, currency: c.remaining.currency, expires_on: c.expires_on }));
    const open = (await openInvoices(token)).map((i) => ({ id: i.id, status: i.status, issued_on: i.issued_on, due_on: i.due_on, amount_due: i.amount_due.amount, currency: i.amount_due.currency }));
    return { available, open, today };
  }

  test('credits: a disable’s credit pays the oldest open invoices (the shared rule); the balance and the ledger move by the credit only', async () => {
    const token = await tokenFor('jpy');
    const addons = (await ok(await call('/addons', { token }), AddonList)).data;
    const enabled = addons.find((a) => a.state === 'enabled' && (a.billing === 'monthly' || a.billing === 'yearly'))!;
    assert.ok(enabled, 'the account has an enabled add-on billed per period');
    const before = { account: await account(token), open: await openInvoices(token), credits: await credits(token) };
    assert.ok(before.open.length > 0, 'the account has open invoices to pay');
    const ledgerBefore = await ok(await call('/transactions?limit=1', { token }), TransactionPage);

    const { change: disabled, preview } = await change(token, enabled, 'disable');
    assert.ok(disabled.credit_id && preview.credit.amount > 0);
    const made = (await credits(token)).find((c) => c.id === disabled.credit_id)!;
    assert.deepEqual([made.original, made.expires_on], [preview.credit, null]);
    assert.match(made.reference, new RegExp(`^${enabled.name} disabled`));

    // What it paid is what the rule plans from the state before, with the new credit in it.
    const plan = planCreditApplications(
      [{ id: made.id, created_at: made.created_at, remaining: made.original.amount, currency: made.original.currency, expires_on: null }],
      before.open.map((i) => ({ id: i.id, status: i.status, issued_on: i.issued_on, due_on: i.due_on, amount_due: i.amount_due.amount, currency: i.amount_due.currency })),
      new Date().toISOString().slice(0, 10),
    );
    assert.ok(plan.length > 0);
    assert.deepEqual(
      made.applications.map((a) => ({ invoice_id: a.invoice_id, amount: a.amount.amount })),
      plan.map((p) => ({ invoice_id: p.invoice_id, amount: p.amount })),
    );
    const applied = plan.reduce((sum, p) => sum + p.amount, 0);
    assert.equal(made.remaining.amount, made.original.amount - applied);
    for (const application of made.applications) {
      const invoice = await ok(await call(`/invoices/${application.invoice_id}`, { token }), InvoiceDetail);
      const was = before.open.find((i) => i.id === invoice.id)!;
      assert.equal(application.invoice_number, invoice.number);
      assert.equal(invoice.amount_due.amount, was.amount_due.amount - application.amount.amount, invoice.number);
      if (invoice.amount_due.amount === 0) {
        assert.equal(invoice.status, 'paid');
        assert.deepEqual([invoice.payment_id, invoice.paid_at && Date.parse(invoice.paid_at)], [null, Date.parse(application.applied_at)]);
      } else assert.equal(invoice.status, was.status);
    }

    const after = await account(token);
    assert.equal(after.balance.amount, before.account.balance.amount - made.original.amount, 'the balance goes down by the credit, once');
    assert.deepEqual(after.available_credit, made.remaining);
    const ledger = await ok(await call('/transactions?limit=2', { token }), TransactionPage);
    assert.deepEqual(
      [ledger.data[0].type, ledger.data[0].amount.amount, ledger.data[0].balance_after],
      ['credit', -made.original.amount, after.balance],
      'one ledger row: the credit; applying it adds none',
    );
    assert.equal(ledger.data[1].id, ledgerBefore.data[0].id);
  });

  test('credits: an enabled add-on’s invoice is paid from the credit that is left; none left, it stays open', async () => {
    const token = await tokenFor('jpy');
    const addons = (await ok(await call('/addons', { token }), AddonList)).data;
    const disabled = addons.find((a) => a.state === 'disabled' && a.billing !== 'per_use' && a.price.amount > 0)!;
    const { available, open, today } = await expectedPlan(token);
    const left = available.reduce((sum, c) => sum + c.remaining, 0);
    const { change: enabled } = await change(token, disabled, 'enable');
    assert.ok(enabled.invoice_id);
    const invoice = await ok(await call(`/invoices/${enabled.invoice_id}`, { token }), InvoiceDetail);
    const plan = planCreditApplications(available, [...open, { id: invoice.id, status: 'open', issued_on: invoice.issued_on, due_on: invoice.due_on, amount_due: invoice.total.amount, currency: invoice.total.currency }], today);
    const paid = plan.filter((p) => p.invoice_id === invoice.id).reduce((sum, p) => sum + p.amount, 0);
    assert.equal(invoice.amount_due.amount, invoice.total.amount - paid);
    assert.equal((await account(token)).available_credit?.amount, left - plan.reduce((sum, p) => sum + p.amount, 0));
  });

  test('credits: GET /credits pages newest first with a cursor bound to its filter; `available` lists what can still pay; read access is enough', async () => {
    const token = await tokenFor('jpy');
    const every = await credits(token);
    assert.ok(every.length >= 1);
    const paged: Credit[] = [];
    let cursor: string | null = null;
    let first = true;
    do {
      const page: CreditPage = await ok(await call(`/credits?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token }), CreditPage);
      if (first) assert.equal(page.total_count, every.length);
      first = false;
      paged.push(...page.data);
      cursor = page.next_cursor;
    } while (cursor);
    assert.deepEqual(paged, every);
    for (let i = 0; i + 1 < every.length; i++) assert.ok(every[i].created_at >= every[i + 1].created_at, 'newest first');
    assert.deepEqual(await credits(token, 'available'), every.filter((c) => c.remaining.amount > 0));
    const page = await ok(await call('/credits?status=available&limit=1', { token }), CreditPage);
    if (page.next_cursor) await expectProblem(await call(`/credits?cursor=${encodeURIComponent(page.next_cursor)}`, { token }), 400, undefined, 'cursor');
    await expectProblem(await call('/credits?status=spent', { token }), 400, undefined, 'status');
    // Another account sees its own (none), a viewer may read, no token is a 401.
    assert.deepEqual((await ok(await call('/credits', { token: await tokenFor('kwd') }), CreditPage)).data.filter((c) => every.some((e) => e.id === c.id)), []);
    assert.ok(Array.isArray((await ok(await call('/credits', { token: await tokenFor('viewer') }), CreditPage)).data));
    await expectProblem(await call('/credits'), 401);
    assert.deepEqual((await account(await tokenFor('empty'))).available_credit, { amount: 0, currency: (await account(await tokenFor('empty'))).currency });
  });
}

/// <reference types="node" />
/**
 * Add-ons over HTTP (issue 11), run inside the api-suite on PGlite and on PostgreSQL: the list per
 * fixture, capabilities, previews (the shared price rules of src/api/addons.ts, reuse, refusals),
 * changes (invoice, credit, balance, ledger), a preview confirmed twice, expiry, R1 (a burst of one
 * key) and R2 (committed, the answer lost, retried with the key), and the pending rule.
 *
 * The suite's server provisions after its default delay (minutes): a test makes a pending add-on
 * due with POST /__test/provision-addon (addons-db.test.ts waits for a real, short delay).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { PREVIEW_TTL_MS, addonPreviewAmounts } from '../../src/api/addons.js';
import { createFixture, type FixtureName } from '../../src/api/fixtures/generate.js';
import { AddonChange, AddonList, AddonPreview, type Addon } from '../../src/api/schemas/addon.js';
import { Account, InvoiceDetail, InvoicePage, LicenseOverview, TransactionPage, type Transaction } from '../../src/api/schemas/index.js';
import { suiteHttp, type SuiteContext } from './suite-http.js';

export type AddonSuiteContext = SuiteContext;

/** The tax rate of each fixture account's licenses (and so of its add-ons). */
const TAX_BASIS_POINTS: Record<string, number> = { typical: 825, large: 825, jpy: 1000, kwd: 0 };

export function addonTests(context: AddonSuiteContext): void {
  const { tokenFor, call, expectProblem, ok } = suiteHttp(context);
  const today = () => new Date().toISOString().slice(0, 10);
  const idOf = (account: string, key: string) => `addon_${account}_${key}`;
  const addons = async (token: string) => (await ok(await call('/addons', { token }), AddonList)).data;
  const addonOf = async (token: string, id: string) => (await addons(token)).find((a) => a.id === id)!;
  const account = async (token: string) => ok(await call('/account', { token }), Account);
  const previewRes = (token: string, id: string, action: string, key?: string) => call(`/addons/${id}/preview`, { method: 'POST', token, key, json: { action } });
  const preview = async (token: string, id: string, action: 'enable' | 'disable') => ok(await previewRes(token, id, action), AddonPreview, 201);
  const confirm = (token: string, id: string, action: string, previewId: string, key: string | null = randomUUID()) =>
    call(`/addons/${id}/${action}`, { method: 'POST', token, key: key ?? undefined, json: { preview_id: previewId } });
  const invoiceCount = async (token: string) => (await ok(await call('/invoices?limit=1', { token }), InvoicePage)).total_count!;
  /** The whole ledger, newest first. */
  const ledger = async (token: string, query = '') => {
    const rows: Transaction[] = [];
    let cursor: string | null = null;
    do {
      const page: TransactionPage = await ok(
        await call(`/transactions?limit=100${query ? `&${query}` : ''}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token }),
        TransactionPage,
      );
      rows.push(...page.data);
      cursor = page.next_cursor;
    } while (cursor);
    return rows;
  };
  /** The ledger's newest balance is the account's, and each row's balance follows from the one before. */
  async function assertLedgerBalances(token: string, what: string): Promise<Transaction[]> {
    const rows = await ledger(token);
    assert.deepEqual(rows[0].balance_after, (await account(token)).balance, `${what}: newest balance_after is the account's balance`);
    for (let i = 0; i + 1 < rows.length; i++) {
      assert.equal(rows[i].balance_after.amount, rows[i + 1].balance_after.amount + rows[i].amount.amount, `${what}: running balance at ${i}`);
    }
    return rows;
  }
  const expected = async (token: string, name: string, addon: Addon, action: 'enable' | 'disable') => {
    const { term } = await ok(await call('/licenses', { token }), LicenseOverview);
    return addonPreviewAmounts({ addon, action, today: today(), term, taxBasisPoints: TAX_BASIS_POINTS[name] });
  };
  const amountsOf = (p: AddonPreview) => ({ period: p.period, proration_policy: p.proration_policy, subtotal: p.subtotal, tax: p.tax, total: p.total, credit: p.credit, next_invoice: p.next_invoice });
  const normalized = (list: Addon[]) => list.map((a) => ({ ...a, enabled_at: a.enabled_at && new Date(a.enabled_at).toISOString() }));

  test('add-ons: GET /addons is each fixture account’s add-ons in the fixture’s order; read access is enough; a token is needed', async () => {
    for (const name of ['typical', 'viewer', 'empty', 'large', 'jpy', 'kwd', 'hostile'] as FixtureName[]) {
      const list = await addons(await tokenFor(name));
      assert.deepEqual(normalized(list), normalized(createFixture(name, new Date()).addons.addons), name);
    }
    assert.equal((await addons(await tokenFor('typical', 'basic'))).length, 6);
    await expectProblem(await call('/addons'), 401);
  });

  test('add-ons: a billing viewer (and a basic user) lists them but gets 403 on preview, enable and disable', async () => {
    for (const token of [await tokenFor('viewer'), await tokenFor('typical', 'basic')]) {
      assert.equal((await addons(token)).length, 6);
      const id = idOf('typical', 'audit_export');
      await expectProblem(await previewRes(token, id, 'enable'), 403, 'forbidden');
      await expectProblem(await confirm(token, id, 'enable', 'adp_nope'), 403, 'forbidden');
      await expectProblem(await confirm(token, idOf('typical', 'priority_support'), 'disable', 'adp_nope'), 403, 'forbidden');
    }
  });

  test('add-ons: a preview is the shared price rules (src/api/addons.ts) for monthly, yearly, one-time and per-use add-ons in USD, JPY and KWD, kept for 30 minutes', async () => {
    for (const [name, key, action] of [
      ['typical', 'audit_export', 'enable'],
      ['typical', 'sso', 'enable'],
      ['typical', 'onboarding', 'enable'],
      ['typical', 'priority_support', 'disable'],
      ['typical', 'sms', 'disable'],
      ['jpy', 'audit_export', 'enable'],
      ['jpy', 'priority_support', 'disable'],
      ['kwd', 'sso', 'enable'],
      ['large', 'priority_support', 'disable'],
    ] as const) {
      const token = await tokenFor(name);
      const addon = await addonOf(token, idOf(name, key));
      const p = await preview(token, addon.id, action);
      assert.deepEqual(amountsOf(p), await expected(token, name, addon, action), `${name} ${key} ${action}`);
      assert.deepEqual([p.addon_id, p.addon_name, p.action, p.billing], [addon.id, addon.name, action, addon.billing]);
      assert.equal(Date.parse(p.expires_at) - Date.parse(p.created_at), PREVIEW_TTL_MS);
      assert.equal(p.tax_label, name === 'kwd' ? null : name === 'jpy' ? '消費税' : 'Sales tax');
    }
    // Something to charge or credit where the add-on is billed per period.
    const typical = await tokenFor('typical');
    assert.ok((await preview(typical, idOf('typical', 'audit_export'), 'enable')).total.amount > 0);
    assert.ok((await preview(typical, idOf('typical', 'priority_support'), 'disable')).credit.amount > 0);
    assert.equal((await preview(typical, idOf('typical', 'sms'), 'disable')).credit.amount, 0);
  });

  test('add-ons: refusals: 409 addon_state_changed (already so, pending), 404 for an unknown or another account’s add-on, 400 for a bad action', async () => {
    const token = await tokenFor('typical');
    await expectProblem(await previewRes(token, idOf('typical', 'priority_support'), 'enable'), 409, 'addon_state_changed');
    await expectProblem(await previewRes(token, idOf('typical', 'audit_export'), 'disable'), 409, 'addon_state_changed');
    await expectProblem(await previewRes(token, idOf('typical', 'dedicated_ip'), 'enable'), 409, 'addon_state_changed');
    await expectProblem(await previewRes(token, idOf('typical', 'dedicated_ip'), 'disable'), 409, 'addon_state_changed');
    await expectProblem(await previewRes(token, 'addon_nope', 'enable'), 404, 'not_found');
    await expectProblem(await previewRes(token, idOf('jpy', 'audit_export'), 'enable'), 404, 'not_found');
    await expectProblem(await previewRes(token, idOf('typical', 'audit_export'), 'toggle'), 400, 'validation_failed', 'action');
  });

  test('add-ons: the same request previews the same open preview (at once, again, with a key); the other action or add-on is another', async () => {
    const token = await tokenFor('typical');
    const id = idOf('typical', 'sso');
    const first = await preview(token, id, 'enable');
    const again = await Promise.all([preview(token, id, 'enable'), preview(token, id, 'enable')]);
    assert.deepEqual(again, [first, first]);
    assert.equal((await ok(await previewRes(token, id, 'enable', randomUUID()), AddonPreview, 201)).id, first.id);
    assert.notEqual((await preview(token, idOf('typical', 'audit_export'), 'enable')).id, first.id);
  });

  test('add-ons: a confirmation needs a key, and a preview of this account for this add-on and action (422 preview_not_found / preview_mismatch; 404 for the add-on)', async () => {
    const token = await tokenFor('typical');
    const audit = idOf('typical', 'audit_export');
    const p = await preview(token, audit, 'enable');
    await expectProblem(await confirm(token, audit, 'enable', p.id, null), 400, 'idempotency_key_missing');
    await expectProblem(await confirm(token, audit, 'enable', 'adp_nope'), 422, 'preview_not_found', 'preview_id');
    await expectProblem(await confirm(token, idOf('typical', 'onboarding'), 'enable', p.id), 422, 'preview_mismatch', 'preview_id');
    await expectProblem(await confirm(token, audit, 'disable', p.id), 422, 'preview_mismatch', 'preview_id');
    await expectProblem(await confirm(token, 'addon_nope', 'enable', p.id), 404, 'not_found');
    const jpy = await tokenFor('jpy');
    const jpyPreview = await preview(jpy, idOf('jpy', 'audit_export'), 'enable');
    await expectProblem(await confirm(token, audit, 'enable', jpyPreview.id), 422, 'preview_not_found', 'preview_id');
    await expectProblem(await confirm(token, idOf('jpy', 'audit_export'), 'enable', jpyPreview.id), 404, 'not_found');
    assert.equal((await addonOf(token, audit)).state, 'disabled', 'nothing changed');
  });

  test('add-ons: enabling invoices the preview’s total (open, due in 30 days, one prorated line and the tax), adds it to the balance and to the ledger; the key replays it', async () => {
    const token = await tokenFor('typical');
    const id = idOf('typical', 'audit_export');
    const before = { balance: (await account(token)).balance, invoices: await invoiceCount(token) };
    const p = await preview(token, id, 'enable');
    const key = randomUUID();
    const res = await confirm(token, id, 'enable', p.id, key);
    assert.equal(res.headers.get('Idempotent-Replayed'), null);
    const change = await ok(res, AddonChange);
    assert.deepEqual([change.addon.id, change.addon.state, change.addon.pending_action, change.credit_id], [id, 'enabled', null, null]);
    assert.ok(change.addon.enabled_at && Math.abs(Date.parse(change.addon.enabled_at) - Date.now()) < 60_000);
    assert.match(change.invoice_number ?? '', /^INV-\d{4}-A\d{4}$/);
    assert.deepEqual(await addonOf(token, id), change.addon);

    const invoice = await ok(await call(`/invoices/${change.invoice_id}`, { token }), InvoiceDetail);
    assert.deepEqual([invoice.number, invoice.status, invoice.total, invoice.amount_due], [change.invoice_number, 'open', p.total, p.total]);
    assert.equal(invoice.due_on, new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10));
    assert.equal(invoice.groups.length, 1);
    assert.deepEqual(
      invoice.groups[0].lines.map((l) => [l.description, l.quantity, l.amount, l.period]),
      [[`${change.addon.name}, prorated`, 1, p.subtotal, { start: p.period!.start, end: p.period!.end }]],
    );
    assert.deepEqual(invoice.taxes, [{ label: 'Sales tax', rate: '8.25%', amount: p.tax }]);
    assert.equal((await account(token)).balance.amount, before.balance.amount + p.total.amount);
    assert.equal(await invoiceCount(token), before.invoices + 1);

    const rows = await assertLedgerBalances(token, 'typical after an enable');
    const entry = rows.find((r) => r.invoice_id === change.invoice_id)!;
    assert.deepEqual([entry.type, entry.amount, entry.description], ['invoice', p.total, `Invoice ${change.invoice_number}`]);

    const replay = await confirm(token, id, 'enable', p.id, key);
    assert.equal(replay.headers.get('Idempotent-Replayed'), 'true');
    assert.deepEqual(await ok(replay, AddonChange), change);
    assert.equal(await invoiceCount(token), before.invoices + 1);
  });

  test('add-ons: disabling credits the unused part (a credit row, the balance down by it, a `credit` in the ledger with its reference); nothing to credit makes no credit', async () => {
    const token = await tokenFor('typical');
    const id = idOf('typical', 'priority_support');
    const before = (await account(token)).balance;
    const p = await preview(token, id, 'disable');
    assert.ok(p.credit.amount > 0 && p.total.amount === 0);
    const change = await ok(await confirm(token, id, 'disable', p.id), AddonChange);
    assert.deepEqual([change.addon.state, change.addon.enabled_at, change.invoice_id, change.invoice_number], ['disabled', null, null, null]);
    assert.match(change.credit_id ?? '', /^cr_/);
    assert.equal((await account(token)).balance.amount, before.amount - p.credit.amount);

    const rows = await assertLedgerBalances(token, 'typical after a disable');
    const credit = rows.find((r) => r.id === `tx_${change.credit_id}`)!;
    assert.deepEqual(
      [credit.type, credit.amount, credit.description],
      ['credit', { amount: -p.credit.amount, currency: p.credit.currency }, `${change.addon.name} disabled: unused part of the period`],
    );
    const credits = await ledger(token, 'type=credit');
    assert.deepEqual(credits.map((r) => r.id), [credit.id]);
    assert.deepEqual(credits[0].balance_after, credit.balance_after, 'the whole ledger’s balance');

    // A per-use add-on credits nothing: no credit, the balance as it was.
    const sms = idOf('typical', 'sms');
    const balance = (await account(token)).balance;
    const free = await ok(await confirm(token, sms, 'disable', (await preview(token, sms, 'disable')).id), AddonChange);
    assert.deepEqual([free.addon.state, free.credit_id, free.invoice_id], ['disabled', null, null]);
    assert.deepEqual((await account(token)).balance, balance);
    assert.equal((await ledger(token, 'type=credit')).length, 1);
    // Disabled again: it can be enabled again, at no charge now (per use).
    const back = await ok(await confirm(token, sms, 'enable', (await preview(token, sms, 'enable')).id), AddonChange);
    assert.deepEqual([back.addon.state, back.invoice_id], ['enabled', null]);
  });

  test('add-ons: a one-time add-on invoices its price once, without proration', async () => {
    const token = await tokenFor('typical');
    const id = idOf('typical', 'onboarding');
    const p = await preview(token, id, 'enable');
    assert.equal(p.period, null);
    const change = await ok(await confirm(token, id, 'enable', p.id), AddonChange);
    const invoice = await ok(await call(`/invoices/${change.invoice_id}`, { token }), InvoiceDetail);
    assert.deepEqual(invoice.groups[0].lines.map((l) => [l.description, l.amount, l.period ?? null]), [[change.addon.name, p.subtotal, null]]);
    assert.deepEqual(invoice.total, p.total);
    await assertLedgerBalances(token, 'typical after a one-time add-on');
  });

  test('add-ons: one preview confirmed by six tabs at once (six keys) → one change, one invoice, and 409 addon_state_changed for the others', async () => {
    const token = await tokenFor('kwd');
    const id = idOf('kwd', 'audit_export');
    const before = { invoices: await invoiceCount(token), balance: (await account(token)).balance };
    const p = await preview(token, id, 'enable');
    const results = await Promise.all(
      Array.from({ length: 6 }, async () => {
        const res = await confirm(token, id, 'enable', p.id);
        return { status: res.status, body: (await res.json()) as { code?: string } };
      }),
    );
    assert.equal(results.filter((r) => r.status === 200).length, 1, JSON.stringify(results.map((r) => r.status)));
    for (const r of results.filter((r) => r.status !== 200)) assert.deepEqual([r.status, r.body.code], [409, 'addon_state_changed']);
    assert.equal(await invoiceCount(token), before.invoices + 1);
    assert.equal((await account(token)).balance.amount, before.balance.amount + p.total.amount);
    // Later, a second tab confirming the consumed preview hears the same.
    await expectProblem(await confirm(token, id, 'enable', p.id), 409, 'addon_state_changed');
    await assertLedgerBalances(token, 'kwd after an enable');
  });

  test('add-ons: an expired preview is a 409 preview_expired carrying a fresh preview, which is the open one and confirms', async () => {
    const token = await tokenFor('jpy');
    const id = idOf('jpy', 'sso');
    const p = await preview(token, id, 'enable');
    assert.equal((await call('/__test/expire-preview', { method: 'POST', json: { preview_id: p.id } })).status, 204);
    const problem = await expectProblem(await confirm(token, id, 'enable', p.id), 409, 'preview_expired');
    const fresh = AddonPreview.parse(problem.preview);
    assert.notEqual(fresh.id, p.id);
    assert.deepEqual(amountsOf(fresh), amountsOf(p));
    assert.ok(Date.parse(fresh.expires_at) > Date.now());
    assert.equal((await addonOf(token, id)).state, 'disabled', 'nothing changed');
    assert.equal((await preview(token, id, 'enable')).id, fresh.id);
    const change = await ok(await confirm(token, id, 'enable', fresh.id), AddonChange);
    assert.equal(change.addon.state, 'enabled');
    const invoice = await ok(await call(`/invoices/${change.invoice_id}`, { token }), InvoiceDetail);
    assert.deepEqual([invoice.total, invoice.taxes[0]?.label], [fresh.total, '消費税']);
    await expectProblem(await call('/__test/expire-preview', { method: 'POST', json: { preview_id: fresh.id } }), 404, 'not_found');
  });

  test('R1 add-ons: 20 enables with one key at once → one change and one invoice; the others replay it or hear "in progress"', async () => {
    const token = await tokenFor('large');
    const id = idOf('large', 'audit_export');
    const before = await invoiceCount(token);
    const p = await preview(token, id, 'enable');
    const key = randomUUID();
    const results = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const res = await confirm(token, id, 'enable', p.id, key);
        return { status: res.status, replayed: res.headers.get('Idempotent-Replayed'), body: (await res.json()) as { invoice_id?: string; code?: string } };
      }),
    );
    const done = results.filter((r) => r.status === 200);
    assert.equal(done.filter((r) => !r.replayed).length, 1, JSON.stringify(results.map((r) => [r.status, r.replayed])));
    assert.equal(new Set(done.map((r) => r.body.invoice_id)).size, 1);
    for (const r of results.filter((r) => r.status !== 200)) assert.deepEqual([r.status, r.body.code], [409, 'idempotency_key_in_use']);
    assert.equal(await invoiceCount(token), before + 1);
    assert.equal((await addonOf(token, id)).state, 'enabled');
  });

  test('R2 add-ons: the server commits and drops the connection; the same key retried → the same change, once', async () => {
    const token = await tokenFor('large');
    const id = idOf('large', 'sso');
    const before = { invoices: await invoiceCount(token), balance: (await account(token)).balance };
    const p = await preview(token, id, 'enable');
    const arm = await call('/__test/faults', { method: 'POST', json: { method: 'POST', path: `/api/addons/${id}/enable`, action: 'drop-after-commit', times: 1 } });
    assert.equal(arm.status, 204);
    const key = randomUUID();
    await assert.rejects(confirm(token, id, 'enable', p.id, key), 'the answer is lost');
    const retry = await confirm(token, id, 'enable', p.id, key);
    assert.equal(retry.headers.get('Idempotent-Replayed'), 'true');
    const change = await ok(retry, AddonChange);
    assert.equal(change.addon.state, 'enabled');
    assert.equal(await invoiceCount(token), before.invoices + 1);
    assert.equal((await account(token)).balance.amount, before.balance.amount + p.total.amount);
    // A new key for the same preview is a second tab: refused.
    await expectProblem(await confirm(token, id, 'enable', p.id), 409, 'addon_state_changed');
  });

  test('add-ons: a pending add-on becomes its target once its time has passed; enabling a provisioned one is pending until then', async () => {
    const token = await tokenFor('typical');
    const id = idOf('typical', 'dedicated_ip');
    assert.deepEqual([(await addonOf(token, id)).state, (await addonOf(token, id)).pending_action], ['pending', 'enable']);
    assert.equal((await call('/__test/provision-addon', { method: 'POST', json: { addon_id: id } })).status, 204);
    const enabled = await addonOf(token, id);
    assert.deepEqual([enabled.state, enabled.pending_action], ['enabled', null]);
    assert.ok(enabled.enabled_at, 'enabled when it became due');
    await expectProblem(await call('/__test/provision-addon', { method: 'POST', json: { addon_id: id } }), 404, 'not_found');

    const off = await ok(await confirm(token, id, 'disable', (await preview(token, id, 'disable')).id), AddonChange);
    assert.equal(off.addon.state, 'disabled');
    const p = await preview(token, id, 'enable');
    const on = await ok(await confirm(token, id, 'enable', p.id), AddonChange);
    assert.deepEqual([on.addon.state, on.addon.pending_action], ['pending', 'enable']);
    assert.ok(on.invoice_id, 'invoiced when confirmed');
    assert.deepEqual(await addonOf(token, id), on.addon, 'pending for the provisioning time (minutes here)');
    await expectProblem(await previewRes(token, id, 'disable'), 409, 'addon_state_changed');
    assert.equal((await call('/__test/provision-addon', { method: 'POST', json: { addon_id: id } })).status, 204);
    const done = await addonOf(token, id);
    assert.deepEqual([done.state, done.pending_action, done.enabled_at], ['enabled', null, on.addon.enabled_at]);
    await assertLedgerBalances(token, 'typical after the dedicated IP');
  });
}

/// <reference types="node" />
/**
 * Licenses over HTTP (issue 10), run inside the api-suite on PGlite and on PostgreSQL: the public
 * pricing catalogue and its caching, the account's licenses, quotes (the shared price math, reuse,
 * refusals), orders (card, bank, invoice, declines, one order per quote under concurrency, replay,
 * expiry), provisioning, the sales order PDF and its signed link, and the transaction history.
 *
 * The suite's server provisions after its default delay (minutes): a test makes an order due with
 * POST /__test/provision, so what it sees before that does not depend on the machine's speed.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { CATALOGUE } from '../../src/api/fixtures/catalogue.js';
import { createFixture } from '../../src/api/fixtures/generate.js';
import { TEST_ROUTING_NUMBER } from '../../src/api/fixtures/test-gateway.js';
import { QUOTE_TTL_MS, quoteAmounts } from '../../src/api/licensing.js';
import {
  Account,
  InvoiceDetail,
  LicenseOrder,
  LicenseOrderPage,
  LicenseOverview,
  LicenseQuote,
  Payment,
  PaymentMethod,
  Pricing,
  TransactionPage,
  type Transaction,
} from '../../src/api/schemas/index.js';
import { suiteHttp, type SuiteContext } from './suite-http.js';

export type LicenseSuiteContext = SuiteContext;

export function licenseTests(context: LicenseSuiteContext): void {
  const { tokenFor, call, expectProblem, ok } = suiteHttp(context);
  const today = () => new Date().toISOString().slice(0, 10);
  const overview = async (token: string) => ok(await call('/licenses', { token }), LicenseOverview);
  const licenseOf = async (token: string, productId: string) => (await overview(token)).licenses.find((l) => l.product_id === productId)!;
  const account = async (token: string) => ok(await call('/account', { token }), Account);
  const quote = async (token: string, product_id: string, additional_quantity: number) =>
    ok(await call('/licenses/quotes', { method: 'POST', token, json: { product_id, additional_quantity } }), LicenseQuote, 201);
  const order = (token: string, quoteId: string, payment: unknown, key: string = randomUUID()) =>
    call('/licenses/orders', { method: 'POST', token, key, json: { quote_id: quoteId, authorization_acknowledged: true, payment } });
  const card = (id: string) => ({ type: 'payment_method', payment_method_id: id });
  const provisionNow = async (orderId: string) => assert.equal((await call('/__test/provision', { method: 'POST', json: { order_id: orderId } })).status, 204);
  const addCard = async (token: string, number: string) =>
    ok(await call('/payment-methods', { method: 'POST', token, key: randomUUID(), json: { type: 'card', card: { number, exp_month: 12, exp_year: 2040, cvc: '123' } } }), PaymentMethod, 201);
  /** The whole ledger, newest first, walked page by page. */
  const ledger = async (token: string, query = '', limit = 50) => {
    const rows: Transaction[] = [];
    let cursor: string | null = null;
    let total: number | null | undefined;
    do {
      const separator = query ? '&' : '';
      const page: TransactionPage = await ok(
        await call(`/transactions?${query}${separator}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token }),
        TransactionPage,
      );
      if (cursor) assert.equal(page.total_count, null);
      else total = page.total_count;
      rows.push(...page.data);
      cursor = page.next_cursor;
    } while (cursor);
    assert.equal(rows.length, total);
    return rows;
  };
  async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const value = await read();
      if (done(value)) return value;
      assert.ok(Date.now() < deadline, `timed out waiting for ${what}: ${JSON.stringify(value)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  test('licenses: GET /pricing needs no token, is public and cacheable with a strong ETag, answers 304 and is open to any origin', async () => {
    const res = await fetch(`${context.url()}/api/pricing`, { headers: { Origin: 'https://marketing.example' } });
    const pricing = await ok(res, Pricing);
    assert.deepEqual(pricing, JSON.parse(JSON.stringify(CATALOGUE)), "the catalogue, as JSON has it");
    assert.equal(res.headers.get('Cache-Control'), 'public, max-age=300');
    const etag = res.headers.get('ETag')!;
    assert.match(etag, /^"[A-Za-z0-9_-]{43}"$/, 'a strong ETag: a hash of the body');
    assert.equal(res.headers.get('Access-Control-Allow-Origin'), '*');
    assert.match(res.headers.get('Access-Control-Expose-Headers') ?? '', /ETag/);
    assert.doesNotMatch(res.headers.get('Vary') ?? '', /Origin/, 'one answer for every origin');

    for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const again = await fetch(`${context.url()}/api/pricing`, { headers: { 'If-None-Match': ifNoneMatch } });
      assert.equal(again.status, 304, ifNoneMatch);
      assert.equal(await again.text(), '');
      assert.equal(again.headers.get('ETag'), etag);
      assert.equal(again.headers.get('Cache-Control'), 'public, max-age=300');
    }
    const stale = await fetch(`${context.url()}/api/pricing`, { headers: { 'If-None-Match': '"not-this-one"' } });
    assert.equal(stale.status, 200);
    assert.equal(stale.headers.get('ETag'), etag, 'the same body, the same tag');
    await stale.body?.cancel();

    const preflight = await fetch(`${context.url()}/api/pricing`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://anywhere.example', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('Access-Control-Allow-Origin'), '*');
    assert.match(preflight.headers.get('Access-Control-Allow-Headers') ?? '', /Authorization/);
    // A token is not needed, and one that does not verify is ignored rather than refused.
    assert.equal((await call('/pricing', { token: 'not-a-token' })).status, 200);
    await expectProblem(await call('/pricing?currency=EUR'), 400, 'validation_failed', 'currency');
    // Bearer routes keep their CORS: only configured origins.
    const licenses = await call('/licenses', { token: await tokenFor('typical'), headers: { Origin: 'https://marketing.example' } });
    assert.equal(licenses.headers.get('Access-Control-Allow-Origin'), null);
    assert.equal(licenses.headers.get('Cache-Control'), 'no-store');
    await licenses.body?.cancel();
  });

  test('licenses: GET /licenses is the fixture’s term and licenses, with how orders may be paid; none without a contract', async () => {
    const fixture = createFixture('typical', new Date()).licensing;
    const typical = await overview(await tokenFor('typical'));
    assert.deepEqual(typical.term, fixture.term);
    assert.deepEqual(typical.licenses, fixture.licenses);
    assert.deepEqual(typical.ordering, { invoice_allowed: true, provisioning_minutes: 5 });
    assert.deepEqual((await overview(await tokenFor('kwd'))).ordering.invoice_allowed, false);
    assert.deepEqual(await overview(await tokenFor('empty')), { term: null, licenses: [], ordering: { invoice_allowed: false, provisioning_minutes: 5 } });
    const hostile = await overview(await tokenFor('hostile'));
    assert.equal(hostile.licenses[0].product_name, createFixture('hostile', new Date()).licensing.licenses[0].product_name, 'stored as given');
    // Read access is enough to see them.
    assert.equal((await overview(await tokenFor('viewer'))).licenses.length, 3);
    await expectProblem(await call('/licenses'), 401);
  });

  test('licenses: a quote is the shared price math (src/api/licensing.ts) to the term’s end, in USD, JPY and KWD, kept for 30 minutes', async () => {
    for (const [name, productId, quantity, taxBasisPoints] of [
      ['typical', 'prod_workspace', 3, 825],
      ['typical', 'prod_analytics', 4, 825],
      ['jpy', 'prod_workspace', 7, 1000],
      ['kwd', 'prod_analytics', 2, 0],
    ] as const) {
      const token = await tokenFor(name);
      const { term, licenses } = await overview(token);
      const license = licenses.find((l) => l.product_id === productId)!;
      const q = await quote(token, productId, quantity);
      const expected = quoteAmounts({ license, term: term!, additional: quantity, today: today(), taxBasisPoints });
      assert.deepEqual(
        { unit_price: q.unit_price, period: q.period, proration_policy: q.proration_policy, subtotal: q.subtotal, tax: q.tax, total: q.total, due_today: q.due_today, next_invoice: q.next_invoice },
        expected,
        `${name} ${productId}`,
      );
      assert.deepEqual([q.product_id, q.license_id, q.current_quantity, q.additional_quantity], [productId, license.id, license.quantity + license.pending_quantity, quantity]);
      assert.equal(Date.parse(q.expires_at) - Date.parse(q.created_at), QUOTE_TTL_MS);
      assert.ok(q.total.amount > 0 && q.period.end === term!.end);
    }
    assert.equal((await quote(await tokenFor('kwd'), 'prod_workspace', 1)).tax_label, null);
    assert.equal((await quote(await tokenFor('jpy'), 'prod_workspace', 1)).tax_label, '消費税');
  });

  test('licenses: the same request quotes the same open quote; another quantity is another quote', async () => {
    const token = await tokenFor('typical');
    const first = await quote(token, 'prod_workspace', 11);
    const again = await Promise.all([quote(token, 'prod_workspace', 11), quote(token, 'prod_workspace', 11)]);
    assert.deepEqual(again, [first, first]);
    // With an idempotency key too (optional for quotes): the same quote.
    const keyed = await ok(await call('/licenses/quotes', { method: 'POST', token, key: randomUUID(), json: { product_id: 'prod_workspace', additional_quantity: 11 } }), LicenseQuote, 201);
    assert.equal(keyed.id, first.id);
    assert.notEqual((await quote(token, 'prod_workspace', 12)).id, first.id);
  });

  test('licenses: refusals are 422 with their code (zero, negative, above the maximum, not self-service, not licensed); 404 for an unknown product; 403 without licenses:purchase', async () => {
    const token = await tokenFor('typical');
    const post = (json: unknown, as = token) => call('/licenses/quotes', { method: 'POST', token: as, json });
    await expectProblem(await post({ product_id: 'prod_workspace', additional_quantity: 0 }), 422, 'quantity_not_positive', 'additional_quantity');
    await expectProblem(await post({ product_id: 'prod_workspace', additional_quantity: -2 }), 422, 'license_decrease_not_self_service', 'additional_quantity');
    const workspace = await licenseOf(token, 'prod_workspace');
    const room = workspace.max_quantity! - workspace.quantity - workspace.pending_quantity;
    await expectProblem(await post({ product_id: 'prod_workspace', additional_quantity: room + 1 }), 422, 'quantity_above_maximum', 'additional_quantity');
    await expectProblem(await post({ product_id: 'prod_residency', additional_quantity: 1 }), 422, 'product_not_self_service', 'additional_quantity');
    await expectProblem(await post({ product_id: 'prod_analytics', additional_quantity: 1 }, await tokenFor('empty')), 422, 'product_not_licensed');
    await expectProblem(await post({ product_id: 'prod_nope', additional_quantity: 1 }), 404, 'not_found');
    await expectProblem(await post({ product_id: 'prod_workspace', additional_quantity: 1.5 }), 400, 'validation_failed', 'additional_quantity');
    await expectProblem(await post({ product_id: 'prod_workspace', additional_quantity: 1, extra: true }), 400, 'validation_failed', 'extra');
    await expectProblem(await post({ product_id: 'prod_workspace', additional_quantity: 1 }, await tokenFor('viewer')), 403, 'forbidden');
    await expectProblem(await post({ product_id: 'prod_workspace', additional_quantity: 1 }, await tokenFor('typical', 'basic')), 403, 'forbidden');
    const someQuote = await quote(token, 'prod_workspace', 1);
    await expectProblem(await order(await tokenFor('viewer'), someQuote.id, { type: 'invoice' }), 403, 'forbidden');
    await expectProblem(await call('/licenses/orders', { method: 'POST', token, json: { quote_id: someQuote.id, authorization_acknowledged: true, payment: { type: 'invoice' } } }), 400, 'idempotency_key_missing');
    await expectProblem(await call('/licenses/orders', { method: 'POST', token, key: randomUUID(), json: { quote_id: someQuote.id, authorization_acknowledged: false, payment: { type: 'invoice' } } }), 400, 'validation_failed', 'authorization_acknowledged');
  });

  test('licenses: an order by card is paid at once (invoice, payment, balance), pending until provisioned, then the license has the licenses', async () => {
    const token = await tokenFor('typical');
    const before = { license: await licenseOf(token, 'prod_workspace'), account: await account(token) };
    const q = await quote(token, 'prod_workspace', 2);
    const placed = await ok(await order(token, q.id, card('pm_acct_typical_visa')), LicenseOrder, 201);
    assert.equal(placed.status, 'pending_provisioning');
    assert.match(placed.number, /^SO-\d{6}$/);
    assert.deepEqual([placed.quote_id, placed.additional_quantity, placed.period, placed.total, placed.due_today], [q.id, 2, q.period, q.total, q.due_today]);
    assert.equal(placed.payment_type, 'payment_method');
    assert.equal(placed.payment_label, 'Visa •••• 4242');
    assert.equal(placed.provisioned_at, null);
    assert.ok(Date.parse(placed.provisioning_expected_at) - Date.parse(placed.created_at) >= 299_000, 'the server’s provisioning delay');
    assert.ok(placed.sales_order_url.startsWith(`${context.url()}/api/orders/${placed.id}/sales-order.pdf?`));

    const invoice = await ok(await call(`/invoices/${placed.invoice_id}`, { token }), InvoiceDetail);
    assert.deepEqual([invoice.status, invoice.number, invoice.total, invoice.amount_due.amount, invoice.payment_id], ['paid', placed.invoice_number, q.total, 0, placed.payment_id]);
    assert.deepEqual(invoice.taxes, [{ label: 'Sales tax', rate: '8.25%', amount: q.tax }]);
    assert.deepEqual(invoice.groups[0].lines[0].amount, q.subtotal);
    const payment = await ok(await call(`/payments/${placed.payment_id}`, { token }), Payment);
    assert.deepEqual([payment.status, payment.amount, payment.allocations[0].invoice_id], ['succeeded', q.total, invoice.id]);
    const after = await account(token);
    assert.equal(after.balance.amount, before.account.balance.amount, 'charged: added and paid in one');
    assert.deepEqual(after.last_payment?.amount, q.total);

    const pending = await licenseOf(token, 'prod_workspace');
    assert.deepEqual([pending.quantity, pending.pending_quantity, pending.status], [before.license.quantity, before.license.pending_quantity + 2, 'pending_provisioning']);
    assert.equal((await ok(await call(`/orders/${placed.id}`, { token }), LicenseOrder)).status, 'pending_provisioning');
    await provisionNow(placed.id);
    const provisioned = await until(() => call(`/orders/${placed.id}`, { token }).then((res) => ok(res, LicenseOrder)), (o) => o.status === 'provisioned', 'provisioning');
    assert.ok(provisioned.provisioned_at);
    const grown = await licenseOf(token, 'prod_workspace');
    assert.deepEqual([grown.quantity, grown.pending_quantity], [before.license.quantity + 2, before.license.pending_quantity]);
    if (grown.pending_quantity === 0) assert.equal(grown.status, 'active');
    await expectProblem(await call('/__test/provision', { method: 'POST', json: { order_id: placed.id } }), 404, 'not_found');
    // Read access sees orders; another account does not.
    assert.equal((await ok(await call(`/orders/${placed.id}`, { token: await tokenFor('viewer') }), LicenseOrder)).id, placed.id);
    await expectProblem(await call(`/orders/${placed.id}`, { token: await tokenFor('jpy') }), 404, 'not_found');
    await expectProblem(await call('/orders/ord_nope', { token }), 404, 'not_found');
  });

  test('licenses: “invoice me” makes an open invoice due in 30 days and adds to the balance; accounts without invoice terms get 422', async () => {
    const token = await tokenFor('typical');
    const before = await account(token);
    const q = await quote(token, 'prod_analytics', 3);
    const placed = await ok(await order(token, q.id, { type: 'invoice' }), LicenseOrder, 201);
    assert.deepEqual([placed.payment_type, placed.payment_id, placed.payment_label], ['invoice', null, null]);
    const invoice = await ok(await call(`/invoices/${placed.invoice_id}`, { token }), InvoiceDetail);
    assert.equal(invoice.status, 'open');
    assert.deepEqual(invoice.amount_due, q.total);
    assert.equal(invoice.due_on, new Date(Date.parse(placed.created_at) + 30 * 86_400_000).toISOString().slice(0, 10));
    assert.equal((await account(token)).balance.amount, before.balance.amount + q.total.amount);

    const kwd = await tokenFor('kwd');
    const kwdQuote = await quote(kwd, 'prod_workspace', 1);
    await expectProblem(await order(kwd, kwdQuote.id, { type: 'invoice' }), 422, 'invoice_payment_not_allowed', 'payment');
    await expectProblem(await order(kwd, kwdQuote.id, card('pm_nope')), 422, 'payment_method_not_found', 'payment_method_id');
    await expectProblem(await order(kwd, 'lq_nope', { type: 'invoice' }), 422, 'quote_not_found', 'quote_id');
    // Another account's quote is not this account's either.
    await expectProblem(await order(token, kwdQuote.id, { type: 'invoice' }), 422, 'quote_not_found', 'quote_id');
  });

  test('licenses: a declined card is a 402 kept for its key, nothing is ordered, and the same quote can then be ordered with another method', async () => {
    const token = await tokenFor('typical');
    const declining = await addCard(token, '4000000000000002');
    const q = await quote(token, 'prod_workspace', 4);
    const before = { license: await licenseOf(token, 'prod_workspace'), account: await account(token) };
    const key = randomUUID();
    const declined = await expectProblem(await order(token, q.id, card(declining.id), key), 402, 'card_declined');
    const replay = await order(token, q.id, card(declining.id), key);
    assert.equal(replay.headers.get('Idempotent-Replayed'), 'true');
    assert.equal((await expectProblem(replay, 402, 'card_declined')).detail, declined.detail);
    assert.deepEqual(await licenseOf(token, 'prod_workspace'), before.license);
    assert.equal((await account(token)).balance.amount, before.account.balance.amount);
    const placed = await ok(await order(token, q.id, card('pm_acct_typical_visa')), LicenseOrder, 201);
    assert.equal(placed.quote_id, q.id);
  });

  test('licenses: a bank account pays by a processing payment that the settlement sweep settles', async () => {
    const token = await tokenFor('typical');
    const bank = await ok(
      await call('/payment-methods', {
        method: 'POST',
        token,
        key: randomUUID(),
        json: { type: 'bank_account', bank_account: { account_holder_name: 'Northwind', routing_number: TEST_ROUTING_NUMBER, account_number: '000123456789', account_type: 'checking' }, mandate_accepted: true },
      }),
      PaymentMethod,
      201,
    );
    const q = await quote(token, 'prod_workspace', 1);
    const placed = await ok(await order(token, q.id, card(bank.id)), LicenseOrder, 201);
    const payment = await ok(await call(`/payments/${placed.payment_id}`, { token }), Payment);
    assert.equal(payment.status, 'processing');
    assert.equal((await ok(await call(`/invoices/${placed.invoice_id}`, { token }), InvoiceDetail)).status, 'processing');
    assert.equal((await call('/__test/settle', { method: 'POST', json: { payment_id: payment.id } })).status, 204);
    await until(() => call(`/payments/${payment.id}`, { token }).then((res) => ok(res, Payment)), (p) => p.status === 'succeeded', 'settlement');
    assert.equal((await ok(await call(`/invoices/${placed.invoice_id}`, { token }), InvoiceDetail)).status, 'paid');
  });

  test('licenses: two orders of one quote at once with different keys → one order and a 409 quote_already_ordered naming it', async () => {
    const token = await tokenFor('large');
    const q = await quote(token, 'prod_workspace', 1);
    const results = await Promise.all(
      Array.from({ length: 6 }, async (_, i) => {
        const res = await order(token, q.id, i % 2 ? { type: 'invoice' } : card('pm_acct_large_visa'));
        return { status: res.status, body: (await res.json()) as Record<string, unknown> };
      }),
    );
    const created = results.filter((r) => r.status === 201);
    assert.equal(created.length, 1, JSON.stringify(results.map((r) => r.status)));
    const placed = LicenseOrder.parse(created[0].body);
    for (const conflict of results.filter((r) => r.status !== 201)) {
      assert.equal(conflict.status, 409);
      assert.deepEqual([conflict.body.code, conflict.body.order_id, conflict.body.order_number], ['quote_already_ordered', placed.id, placed.number]);
    }
    const orders = await ok(await call('/orders?limit=100', { token }), LicenseOrderPage);
    assert.equal(orders.data.filter((o) => o.quote_id === q.id).length, 1);
    assert.equal((await licenseOf(token, 'prod_workspace')).pending_quantity, 1);
  });

  test('licenses: the same key retried after a success replays the same order (one order in the database)', async () => {
    const token = await tokenFor('typical');
    const q = await quote(token, 'prod_analytics', 1);
    const key = randomUUID();
    const first = await ok(await order(token, q.id, { type: 'invoice' }, key), LicenseOrder, 201);
    const retries = await Promise.all([order(token, q.id, { type: 'invoice' }, key), order(token, q.id, { type: 'invoice' }, key)]);
    for (const retry of retries) {
      assert.equal(retry.headers.get('Idempotent-Replayed'), 'true');
      assert.equal((await ok(retry, LicenseOrder, 201)).id, first.id);
    }
    // The same key for another request is refused; a new key for the same quote is the 409.
    await expectProblem(await order(token, q.id, card('pm_acct_typical_visa'), key), 422, 'idempotency_key_reused');
    await expectProblem(await order(token, q.id, { type: 'invoice' }), 409, 'quote_already_ordered');
    const all = await ok(await call('/orders?limit=100', { token }), LicenseOrderPage);
    assert.equal(all.data.filter((o) => o.quote_id === q.id).length, 1);
  });

  test('licenses: an expired quote is a 409 quote_expired carrying today’s quote, which can be ordered', async () => {
    const token = await tokenFor('typical');
    const q = await quote(token, 'prod_workspace', 5);
    assert.equal((await call('/__test/expire-quote', { method: 'POST', json: { quote_id: q.id } })).status, 204);
    const problem = await expectProblem(await order(token, q.id, { type: 'invoice' }), 409, 'quote_expired');
    const fresh = LicenseQuote.parse(problem.quote);
    assert.notEqual(fresh.id, q.id);
    assert.deepEqual([fresh.product_id, fresh.additional_quantity, fresh.total], [q.product_id, 5, q.total]);
    assert.ok(Date.parse(fresh.expires_at) > Date.now());
    // Asking again gives that same fresh quote, and it orders.
    assert.equal((await quote(token, 'prod_workspace', 5)).id, fresh.id);
    await ok(await order(token, fresh.id, { type: 'invoice' }), LicenseOrder, 201);
  });

  test('licenses: the sales order is a real PDF behind a signed link; an altered or unsigned link is 403', async () => {
    const token = await tokenFor('typical');
    const { data } = await ok(await call('/orders?limit=2', { token }), LicenseOrderPage);
    assert.equal(data.length, 2);
    const url = new URL(data[0].sales_order_url);
    const res = await fetch(url);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('Content-Type'), 'application/pdf');
    assert.equal(res.headers.get('Content-Disposition'), `attachment; filename="${data[0].number}.pdf"`);
    const bytes = Buffer.from(await res.arrayBuffer());
    assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
    assert.ok(bytes.includes(`/OrderNumber (${data[0].number})`), 'the order number in the document info');
    const inline = await fetch(`${url}&disposition=inline`);
    assert.match(inline.headers.get('Content-Disposition') ?? '', /^inline;/);
    await inline.body?.cancel();
    const signature = url.searchParams.get('signature')!;
    const altered = new URL(url);
    altered.searchParams.set('signature', `${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`);
    await expectProblem(await fetch(altered), 403, 'invalid_signature');
    await expectProblem(await call(url.pathname.slice('/api'.length)), 403, 'invalid_signature');
    await expectProblem(await call(`/orders/${data[1].id}/sales-order.pdf${url.search}`), 403, 'invalid_signature');
  });

  test('transactions: pages newest first with a running balance whose newest value is the account’s balance, in every fixture', async () => {
    for (const name of ['typical', 'jpy', 'kwd', 'hostile', 'empty']) {
      const token = await tokenFor(name);
      const rows = await ledger(token, '', 9);
      const balance = (await account(token)).balance;
      if (rows.length === 0) assert.equal(balance.amount, 0, name);
      else assert.deepEqual(rows[0].balance_after, balance, name);
      assert.equal(new Set(rows.map((r) => r.id)).size, rows.length, `${name}: every entry once`);
      for (let i = 0; i + 1 < rows.length; i++) {
        const [newer, older] = [rows[i], rows[i + 1]];
        assert.ok(newer.occurred_at >= older.occurred_at, `${name}: newest first at ${i}`);
        assert.equal(newer.balance_after.amount, older.balance_after.amount + newer.amount.amount, `${name}: running balance at ${i}`);
      }
      if (rows.length) assert.equal(rows.at(-1)!.balance_after.amount, rows.at(-1)!.amount.amount, `${name}: starts from zero`);
    }
    // The 10,000-invoice account: the first page is enough to check its newest balance.
    const large = await tokenFor('large');
    const first = await ok(await call('/transactions?limit=100', { token: large }), TransactionPage);
    assert.ok(first.total_count! > 19_000, `large: ${first.total_count}`);
    assert.deepEqual(first.data[0].balance_after, (await account(large)).balance);
  });

  test('transactions: license purchases carry the order, its prorated period and the sales order link; filters keep the whole ledger’s balance', async () => {
    const token = await tokenFor('typical');
    const all = await ledger(token);
    const orders = (await ok(await call('/orders?limit=100', { token }), LicenseOrderPage)).data;
    const purchases = await ledger(token, 'type=license_purchase');
    assert.equal(purchases.length, orders.filter((o) => o.invoice_id).length);
    for (const purchase of purchases) {
      const placed = orders.find((o) => o.id === purchase.order_id)!;
      assert.deepEqual(
        [purchase.type, purchase.order_number, purchase.invoice_id, purchase.period, purchase.amount, purchase.occurred_at, purchase.description],
        ['license_purchase', placed.number, placed.invoice_id, placed.period, placed.total, placed.created_at, `${placed.additional_quantity} × ${placed.product_name}`],
      );
      assert.ok(purchase.document_url?.startsWith(`${context.url()}/api/orders/${placed.id}/sales-order.pdf?`));
      assert.deepEqual(purchase.balance_after, all.find((r) => r.id === purchase.id)!.balance_after, 'the balance of the whole ledger');
    }
    const invoices = await ledger(token, 'type=invoice');
    assert.ok(invoices.length > 0 && invoices.every((r) => r.type === 'invoice' && r.period === null && r.document_url?.includes(`/api/invoices/${r.invoice_id}/pdf?`)));
    const payments = await ledger(token, 'type=payment');
    assert.ok(payments.every((r) => r.type === 'payment' && r.amount.amount < 0 && r.payment_id));
    assert.equal(invoices.length + payments.length + purchases.length, all.length, 'typical has no refunds or credits');
    assert.deepEqual(await ledger(token, 'type=refund'), []);

    const day = orders[0].created_at.slice(0, 10);
    const onDay = await ledger(token, `from=${day}&to=${day}`);
    assert.deepEqual(onDay.map((r) => r.id), all.filter((r) => r.occurred_at.slice(0, 10) === day).map((r) => r.id));
    const sinceYear = all.filter((r) => r.occurred_at.slice(0, 10) >= `${day.slice(0, 4)}-01-01`);
    assert.deepEqual((await ledger(token, `from=${day.slice(0, 4)}-01-01`)).map((r) => r.id), sinceYear.map((r) => r.id));
    assert.deepEqual(await ledger(token, 'from=2001-01-01&to=2001-12-31'), []);
  });

  test('transactions: bad queries are 400; a cursor is bound to its account and its filter; read access is enough', async () => {
    const token = await tokenFor('typical');
    await expectProblem(await call('/transactions?type=invoices', { token }), 400, 'validation_failed', 'type');
    await expectProblem(await call('/transactions?from=2026-02-30', { token }), 400, 'validation_failed', 'from');
    await expectProblem(await call('/transactions?to=yesterday', { token }), 400, 'validation_failed', 'to');
    await expectProblem(await call('/transactions?limit=0', { token }), 400, 'validation_failed', 'limit');
    const page = await ok(await call('/transactions?limit=3', { token }), TransactionPage);
    const cursor = encodeURIComponent(page.next_cursor!);
    assert.equal((await call(`/transactions?limit=3&cursor=${cursor}`, { token })).status, 200);
    await expectProblem(await call(`/transactions?type=payment&cursor=${cursor}`, { token }), 400, 'validation_failed', 'cursor');
    await expectProblem(await call(`/transactions?cursor=${cursor}`, { token: await tokenFor('jpy') }), 400, 'validation_failed', 'cursor');
    const orders = await ok(await call('/orders?limit=1', { token }), LicenseOrderPage);
    await expectProblem(await call(`/transactions?cursor=${encodeURIComponent(orders.next_cursor!)}`, { token }), 400, 'validation_failed', 'cursor');
    await expectProblem(await call(`/orders?cursor=${cursor}`, { token }), 400, 'validation_failed', 'cursor');
    assert.equal((await call('/transactions', { token: await tokenFor('typical', 'basic') })).status, 200);
    await expectProblem(await call('/transactions'), 401);
  });

  test('orders: GET /orders pages newest first with a keyset cursor bound to the account', async () => {
    const token = await tokenFor('typical');
    const seen: LicenseOrder[] = [];
    let cursor: string | null = null;
    let total: number | null | undefined;
    do {
      const page: LicenseOrderPage = await ok(await call(`/orders?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token }), LicenseOrderPage);
      if (cursor) assert.equal(page.total_count, null);
      else total = page.total_count;
      seen.push(...page.data);
      cursor = page.next_cursor;
    } while (cursor);
    assert.ok(total && total >= 5, `typical's orders: ${total}`);
    assert.equal(seen.length, total);
    for (let i = 1; i < seen.length; i++) assert.ok(seen[i - 1].created_at > seen[i].created_at || (seen[i - 1].created_at === seen[i].created_at && seen[i - 1].id > seen[i].id));
    // Numbers count the account's orders.
    assert.deepEqual(seen.map((o) => o.number).sort(), seen.map((_, i) => `SO-${String(i + 1).padStart(6, '0')}`));
    const first = await ok(await call('/orders?limit=1', { token }), LicenseOrderPage);
    await expectProblem(await call(`/orders?cursor=${encodeURIComponent(first.next_cursor!)}`, { token: await tokenFor('large') }), 400, 'validation_failed', 'cursor');
    assert.deepEqual(await ok(await call('/orders', { token: await tokenFor('empty') }), LicenseOrderPage), { data: [], next_cursor: null, total_count: 0 });
  });
}

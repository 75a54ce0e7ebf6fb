/// <reference types="node" />
/**
 * Paying over HTTP (issue 4), run inside the api-suite on PGlite and on PostgreSQL: payments with
 * the test gateway's outcomes, allocation and amount rules, ACH settlement, payment methods,
 * autopay, capabilities, exactly-once under concurrency and after dropped connections, and the
 * hosted card fields' token endpoint and page.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { test } from 'node:test';
import { HttpAccountApi } from '../../src/api/http-api.js';
import { DECLINE_DETAILS, TEST_ROUTING_NUMBER } from '../../src/api/fixtures/test-gateway.js';
import { Account, InvoiceDetail, InvoicePage, Payment, PaymentMethod, PaymentMethodList, PaymentPage } from '../../src/api/schemas/index.js';
import { ACH_RETURN_MESSAGE } from '../../server/payments.js';
import { suiteHttp, type SuiteContext } from './suite-http.js';

/**
 * How long a bank payment stays processing in this suite's server: longer than any test looks at
 * one, so what a test sees while it is processing does not depend on the machine's speed (at 600 ms
 * a slow machine could settle it between the payment and the reads that expect "processing"). The
 * ACH test makes it due with POST /__test/settle and waits for the sweep.
 */
export const SUITE_ACH_SETTLE_MS = 10 * 60_000;

export interface PaymentSuiteContext extends SuiteContext {
  hostedFieldsUrl(): string;
}

export function paymentTests(context: PaymentSuiteContext): void {
  const { tokenFor, call, expectProblem, ok } = suiteHttp(context);
  const account = async (token: string) => ok(await call('/account', { token }), Account);
  const invoice = async (token: string, id: string) => ok(await call(`/invoices/${id}`, { token }), InvoiceDetail);
  const openInvoices = async (token: string) => (await ok(await call('/invoices?status=open&limit=100', { token }), InvoicePage)).data;
  const methods = async (token: string) => ok(await call('/payment-methods', { token }), PaymentMethodList);
  const pay = (token: string, json: unknown, key: string = randomUUID()) => call('/payments', { method: 'POST', token, key, json });
  const addMethod = (token: string, json: unknown, key: string = randomUUID()) => call('/payment-methods', { method: 'POST', token, key, json });
  const addCard = async (token: string, number: string, extra: object = {}) =>
    ok(await addMethod(token, { type: 'card', card: { number, exp_month: 12, exp_year: 2040, cvc: number.startsWith('37') ? '1234' : '123' }, ...extra }), PaymentMethod, 201);
  const addBank = async (token: string, accountNumber: string) =>
    ok(
      await addMethod(token, {
        type: 'bank_account',
        bank_account: { account_holder_name: 'Globex Corporation', routing_number: TEST_ROUTING_NUMBER, account_number: accountNumber, account_type: 'checking' },
        mandate_accepted: true,
      }),
      PaymentMethod,
      201,
    );
  const ledger = async (accountName: string) =>
    (await (await call(`/__test/ledger?account=${accountName}`)).json()) as {
      payments: number;
      declined: number;
      invoices: Array<{ invoice_id: string; payments: number; succeeded: number; processing: number; failed: number; amount: number }>;
    };
  /** The test bank answers now: the payment is due, and the next sweep (timer or read) settles it. */
  const settleNow = async (paymentId: string) => assert.equal((await call('/__test/settle', { method: 'POST', json: { payment_id: paymentId } })).status, 204);
  const chargesOf = async (accountName: string, invoiceId: string) => (await ledger(accountName)).invoices.find((i) => i.invoice_id === invoiceId)?.payments ?? 0;
  /** Open invoices nobody has paid any part of yet (the tests share the accounts). */
  const untouchedOpen = async (token: string, accountName: string) => {
    const charged = new Set((await ledger(accountName)).invoices.map((i) => i.invoice_id));
    return (await openInvoices(token)).filter((i) => !charged.has(i.id));
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

  test('payments: GET /payments pages newest first with a keyset cursor bound to the account', async () => {
    const token = await tokenFor('typical');
    const seen: Payment[] = [];
    let cursor: string | null = null;
    let total: number | null | undefined;
    do {
      const page: PaymentPage = await ok(await call(`/payments?limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token }), PaymentPage);
      if (cursor) assert.equal(page.total_count, null);
      else total = page.total_count;
      seen.push(...page.data);
      cursor = page.next_cursor;
    } while (cursor);
    assert.ok(total && total > 30, `typical has its history: ${total}`);
    assert.equal(seen.length, total);
    assert.equal(new Set(seen.map((p) => p.id)).size, seen.length);
    for (let i = 1; i < seen.length; i++) {
      const [a, b] = [seen[i - 1], seen[i]];
      assert.ok(a.created_at > b.created_at || (a.created_at === b.created_at && a.id > b.id), `order at ${i}`);
    }
    const first = seen.at(-1)!;
    assert.equal(first.status, 'succeeded');
    assert.equal(first.allocations.length, 1);
    assert.deepEqual(first.payment_method, { id: 'pm_acct_typical_visa', type: 'card', label: 'Visa •••• 4242', exp_month: 12, exp_year: 2029 });

    const page = await ok(await call('/payments?limit=2', { token }), PaymentPage);
    await expectProblem(await call(`/payments?cursor=${page.next_cursor}`, { token: await tokenFor('large') }), 400, 'validation_failed', 'cursor');
    await expectProblem(await call('/payments?cursor=garbage', { token }), 400, 'validation_failed', 'cursor');
    await expectProblem(await call('/payments?limit=0', { token }), 400, 'validation_failed', 'limit');
    await expectProblem(await call('/payments?status=paid', { token }), 400, 'validation_failed', 'status');
    const empty = await ok(await call('/payments', { token: await tokenFor('empty') }), PaymentPage);
    assert.deepEqual(empty, { data: [], next_cursor: null, total_count: 0 });
  });

  test('payments: GET /payments/{id}; another account’s or an unknown id → 404; a bad id → 400', async () => {
    const token = await tokenFor('typical');
    const [latest] = (await ok(await call('/payments?limit=1', { token }), PaymentPage)).data;
    assert.deepEqual(await ok(await call(`/payments/${latest.id}`, { token }), Payment), latest);
    await expectProblem(await call(`/payments/${latest.id}`, { token: await tokenFor('large') }), 404, 'not_found');
    await expectProblem(await call('/payments/py_nope', { token }), 404, 'not_found');
    await expectProblem(await call(`/payments/${'x'.repeat(201)}`, { token }), 400, 'validation_failed', 'id');
    await expectProblem(await call(`/payments/${latest.id}`), 401);
  });

  test('payment methods: the fixtures’ methods and the gateway’s offer, with the hosted fields on the public origin’s host name', async () => {
    const typicalToken = await tokenFor('typical');
    const typical = await methods(typicalToken);
    assert.deepEqual(
      typical.data.map((m) => [m.id, m.type, m.is_default]),
      [
        ['pm_acct_typical_visa', 'card', true],
        ['pm_acct_typical_bank', 'bank_account', false],
        ['pm_acct_typical_mc', 'card', false],
      ],
    );
    assert.deepEqual(typical.data[1].bank_account, { bank_name: 'Test Bank', last4: '6789', account_type: 'checking', account_holder_name: 'Northwind Traders' });
    assert.deepEqual(typical.gateway.supported_types, ['card', 'bank_account']);
    assert.equal(typical.gateway.accepts_raw_card_data, true);
    assert.ok(typical.gateway.mandate_text);
    assert.equal(typical.gateway.hosted_fields_url, context.hostedFieldsUrl());
    const euro = await methods(await tokenFor('empty'));
    assert.deepEqual([euro.data, euro.gateway.supported_types, euro.gateway.mandate_text], [[], ['card'], null]);
    // Not the Host header's (a client could reflect its own host into a shared cache): hardening.test.ts.
    const viaLocalhost = await new Promise<PaymentMethodList>((resolve, reject) => {
      const url = new URL(`${context.url()}/api/payment-methods`);
      const req = httpRequest(url, { headers: { Host: `localhost:${url.port}`, Authorization: `Bearer ${typicalToken}` } }, (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve(PaymentMethodList.parse(JSON.parse(text))));
      });
      req.on('error', reject);
      req.end();
    });
    assert.equal(viaLocalhost.gateway.hosted_fields_url, context.hostedFieldsUrl());
  });

  test('capabilities: a billing viewer and a basic user read payments and methods but cannot pay or change anything (403)', async () => {
    const [invoiceId] = (await openInvoices(await tokenFor('typical'))).map((i) => i.id);
    for (const [accountName, role] of [['viewer', undefined], ['typical', 'basic']] as const) {
      const token = await tokenFor(accountName, role);
      await ok(await call('/payments', { token }), PaymentPage);
      await ok(await call('/payment-methods', { token }), PaymentMethodList);
      await expectProblem(await pay(token, { invoice_ids: [invoiceId], payment_method_id: 'pm_acct_typical_visa' }), 403, 'forbidden');
      await expectProblem(await addMethod(token, { type: 'card', card: { number: '4242424242424242', exp_month: 1, exp_year: 2040, cvc: '123' } }), 403, 'forbidden');
      await expectProblem(await call('/payment-methods/pm_acct_typical_bank', { method: 'PATCH', token, json: { is_default: true } }), 403, 'forbidden');
      await expectProblem(await call('/payment-methods/pm_acct_typical_bank', { method: 'DELETE', token }), 403, 'forbidden');
      await expectProblem(await call('/account/autopay', { method: 'PATCH', token, json: { enabled: true } }), 403, 'forbidden');
    }
    assert.equal(await chargesOf('typical', invoiceId), 0);
  });

  test('POST /payments by card: succeeded, invoice paid, balance and last payment in the same write; replay and key rules', async () => {
    const token = await tokenFor('large');
    const [target] = await untouchedOpen(token, 'large');
    const before = await account(token);
    const body = { invoice_ids: [target.id], payment_method_id: 'pm_acct_large_visa' };
    const key = randomUUID();
    const res = await pay(token, body, key);
    assert.equal(res.headers.get('Idempotent-Replayed'), null);
    const payment = await ok(res, Payment, 201);
    assert.equal(payment.status, 'succeeded');
    assert.deepEqual(payment.amount, target.amount_due);
    assert.deepEqual(payment.allocations, [{ invoice_id: target.id, invoice_number: target.number, amount: target.amount_due }]);
    assert.equal(payment.settled_at, payment.created_at);
    assert.equal(payment.payment_method?.label, 'Visa •••• 4242');
    const paid = await invoice(token, target.id);
    assert.deepEqual([paid.status, paid.amount_due.amount], ['paid', 0]);
    const after = await account(token);
    assert.equal(after.balance.amount, before.balance.amount - target.amount_due.amount);
    assert.deepEqual(after.last_payment, { amount: target.amount_due, paid_at: payment.created_at, method_label: 'Visa •••• 4242' });
    assert.equal((await ok(await call('/payments?limit=1', { token }), PaymentPage)).data[0].id, payment.id);

    const replay = await pay(token, body, key);
    assert.equal(replay.headers.get('Idempotent-Replayed'), 'true');
    assert.deepEqual(await ok(replay, Payment, 201), payment);
    await expectProblem(await pay(token, { ...body, amount: target.amount_due }, key), 422, 'idempotency_key_reused');
    const [other] = await openInvoices(token);
    await expectProblem(await call('/payments', { method: 'POST', token, json: { ...body, invoice_ids: [other.id] } }), 400, 'idempotency_key_missing');
    await expectProblem(await pay(token, body), 409, 'invoice_not_payable');
    assert.equal(await chargesOf('large', target.id), 1);
    assert.equal((await account(token)).balance.amount, after.balance.amount);
  });

  test('POST /payments: oldest due first, partial amounts, minimum, too large, full-only accounts, currency and bad references', async () => {
    const token = await tokenFor('large');
    const open = await openInvoices(token);
    const byDue = [...open].sort((a, b) => (a.due_on ?? '').localeCompare(b.due_on ?? ''));
    const older = byDue[0];
    const newer = byDue.find((i) => i.due_on! > older.due_on! && i.amount_due.amount > 1000)!;
    assert.ok(newer, 'a later invoice to pay in part');
    const method = 'pm_acct_large_visa';
    const amount = older.amount_due.amount + 150;
    const partial = await ok(await pay(token, { invoice_ids: [newer.id, older.id], payment_method_id: method, amount: { amount, currency: 'USD' } }), Payment, 201);
    assert.deepEqual(
      partial.allocations.map((a) => [a.invoice_id, a.amount.amount]),
      [
        [older.id, older.amount_due.amount],
        [newer.id, 150],
      ],
    );
    assert.deepEqual([(await invoice(token, older.id)).status, (await invoice(token, newer.id)).status], ['paid', newer.status]);
    assert.equal((await invoice(token, newer.id)).amount_due.amount, newer.amount_due.amount - 150);

    const [next] = await openInvoices(token);
    const base = { invoice_ids: [next.id], payment_method_id: method };
    await expectProblem(await pay(token, { ...base, amount: { amount: next.amount_due.amount + 1, currency: 'USD' } }), 422, 'amount_too_large', 'amount');
    await expectProblem(await pay(token, { ...base, amount: { amount: 99, currency: 'USD' } }), 422, 'amount_too_small', 'amount');
    await expectProblem(await pay(token, { ...base, amount: { amount: 0, currency: 'USD' } }), 422, 'amount_too_small', 'amount');
    await expectProblem(await pay(token, { ...base, amount: { amount: 500, currency: 'EUR' } }), 422, 'currency_mismatch', 'amount');
    await expectProblem(await pay(token, { ...base, invoice_ids: [next.id, next.id] }), 422, 'validation_failed', 'invoice_ids');
    await expectProblem(await pay(token, { ...base, invoice_ids: [next.id, 'in_nope'] }), 422, 'validation_failed', 'invoice_ids');
    const typicalInvoice = (await openInvoices(await tokenFor('typical')))[0].id;
    await expectProblem(await pay(token, { ...base, invoice_ids: [typicalInvoice] }), 422, 'validation_failed', 'invoice_ids');
    await expectProblem(await pay(token, { ...base, payment_method_id: 'pm_acct_typical_visa' }), 422, 'payment_method_not_found', 'payment_method_id');
    await expectProblem(await pay(token, { ...base, payment_method_id: 'pm_nope' }), 422, 'payment_method_not_found', 'payment_method_id');
    await expectProblem(await pay(token, { ...base, invoice_ids: [] }), 400, 'validation_failed', 'invoice_ids');
    await expectProblem(await pay(token, { ...base, tip: 1 }), 400, 'validation_failed', 'tip');
    await expectProblem(await pay(token, { ...base, amount: { amount: 1.5, currency: 'USD' } }), 400, 'validation_failed', 'amount.amount');
    const minimum = await ok(await pay(token, { ...base, amount: { amount: 100, currency: 'USD' } }), Payment, 201);
    assert.equal(minimum.amount.amount, 100);
    const paidInvoice = (await ok(await call('/invoices?status=paid&limit=1', { token }), InvoicePage)).data[0].id;
    await expectProblem(await pay(token, { ...base, invoice_ids: [paidInvoice] }), 409, 'invoice_not_payable');

    // KWD pays invoices in full only; the whole amount due is always fine.
    const kwd = await tokenFor('kwd');
    const [dinar] = await openInvoices(kwd);
    const kwdBody = { invoice_ids: [dinar.id], payment_method_id: 'pm_acct_kwd_visa' };
    await expectProblem(await pay(kwd, { ...kwdBody, amount: { amount: dinar.amount_due.amount - 1, currency: 'KWD' } }), 422, 'partial_payment_not_allowed', 'amount');
    const full = await ok(await pay(kwd, { ...kwdBody, amount: dinar.amount_due }), Payment, 201);
    assert.deepEqual(full.amount, dinar.amount_due);
    assert.equal((await account(kwd)).payment_terms?.partial_payments, false);
  });

  test('declines: every test card answers 402 with its code and detail, is recorded as a failed payment and replays for its key', async () => {
    const token = await tokenFor('large');
    const before = await account(token);
    const declined = (await ledger('large')).declined;
    const [target] = await openInvoices(token);
    const cards = { card_declined: '4000000000000002', insufficient_funds: '4000000000009995', expired_card: '4000000000000069', incorrect_cvc: '4000000000000127' };
    for (const [code, number] of Object.entries(cards)) {
      const method = await addCard(token, number);
      const key = randomUUID();
      const body = { invoice_ids: [target.id], payment_method_id: method.id };
      const problem = await expectProblem(await pay(token, body, key), 402, code);
      assert.equal(problem.detail, DECLINE_DETAILS[code as keyof typeof DECLINE_DETAILS]);
      // Newest first; the previous card's payment may share its millisecond, and ties sort by id.
      const failed = (await ok(await call('/payments?limit=2', { token }), PaymentPage)).data.find((p) => p.payment_method?.id === method.id);
      assert.ok(failed, `the declined payment is listed first or tied with the previous one`);
      // Traceable: the invoices it was to pay (nothing was paid) and the card, with its expiry.
      const wouldPay = [{ invoice_id: target.id, invoice_number: target.number, amount: target.amount_due }];
      assert.deepEqual([failed.status, failed.failure, failed.allocations, failed.amount], ['failed', { code, message: problem.detail }, wouldPay, target.amount_due]);
      assert.deepEqual([failed.payment_method?.exp_month, failed.payment_method?.exp_year], [method.card?.exp_month, method.card?.exp_year]);
      const replay = await pay(token, body, key);
      assert.equal(replay.headers.get('Idempotent-Replayed'), 'true');
      await expectProblem(replay, 402, code);
    }
    assert.equal((await ledger('large')).declined, declined + 4);
    const still = await invoice(token, target.id);
    assert.deepEqual([still.status, still.amount_due], [target.status, target.amount_due]);
    assert.equal((await account(token)).balance.amount, before.balance.amount);
    // A saved card whose printed month has passed.
    const typical = await tokenFor('typical');
    const [typicalInvoice] = await openInvoices(typical);
    await expectProblem(await pay(typical, { invoice_ids: [typicalInvoice.id], payment_method_id: 'pm_acct_typical_mc' }), 402, 'expired_card');
  });

  test('ACH: a bank payment is processing (its invoices too) until it settles; the failing test account returns the debit', async () => {
    const token = await tokenFor('large');
    const settles = await addBank(token, '000123456789');
    const fails = await addBank(token, '000111111116');
    assert.deepEqual(settles.bank_account, { bank_name: 'Test Bank', last4: '6789', account_type: 'checking', account_holder_name: 'Globex Corporation' });
    const [first, second] = await openInvoices(token);
    const before = await account(token);
    const chargesBefore = await chargesOf('large', second.id);

    const processing = await ok(await pay(token, { invoice_ids: [first.id], payment_method_id: settles.id }), Payment, 201);
    assert.deepEqual([processing.status, processing.settled_at, processing.failure], ['processing', null, null]);
    const during = await invoice(token, first.id);
    assert.deepEqual([during.status, during.amount_due.amount], ['processing', 0]);
    assert.ok(!(await openInvoices(token)).some((i) => i.id === first.id), 'a processing invoice is not open');
    await expectProblem(await pay(token, { invoice_ids: [first.id], payment_method_id: 'pm_acct_large_visa' }), 409, 'invoice_not_payable');
    const meanwhile = await account(token);
    assert.equal(meanwhile.balance.amount, before.balance.amount - first.amount_due.amount);
    assert.deepEqual(meanwhile.last_payment, before.last_payment, 'not paid until it settles');

    assert.equal((await ok(await call(`/payments/${processing.id}`, { token }), Payment)).status, 'processing');
    await settleNow(processing.id);
    const settled = await until(async () => ok(await call(`/payments/${processing.id}`, { token }), Payment), (p) => p.status !== 'processing', 'settlement');
    assert.equal(settled.status, 'succeeded');
    assert.ok(settled.settled_at && settled.settled_at >= processing.created_at);
    assert.equal((await invoice(token, first.id)).status, 'paid');
    assert.deepEqual((await account(token)).last_payment, { amount: first.amount_due, paid_at: settled.settled_at, method_label: 'Test Bank •••• 6789' });

    const beforeFailure = await account(token);
    const returned = await ok(await pay(token, { invoice_ids: [second.id], payment_method_id: fails.id }), Payment, 201);
    assert.equal(returned.status, 'processing');
    assert.equal((await account(token)).balance.amount, beforeFailure.balance.amount - second.amount_due.amount);
    await settleNow(returned.id);
    const failed = await until(async () => ok(await call(`/payments/${returned.id}`, { token }), Payment), (p) => p.status !== 'processing', 'the returned debit');
    assert.deepEqual([failed.status, failed.failure, failed.settled_at], ['failed', { code: 'insufficient_funds', message: ACH_RETURN_MESSAGE }, null]);
    const reopened = await invoice(token, second.id);
    assert.deepEqual(reopened.amount_due, second.amount_due);
    assert.ok(['open', 'overdue'].includes(reopened.status), reopened.status);
    const afterFailure = await account(token);
    assert.equal(afterFailure.balance.amount, beforeFailure.balance.amount);
    assert.deepEqual(afterFailure.last_payment, beforeFailure.last_payment);
    assert.ok((await openInvoices(token)).some((i) => i.id === second.id), 'payable again');
    const entry = (await ledger('large')).invoices.find((i) => i.invoice_id === second.id);
    assert.deepEqual([entry?.payments, entry?.failed], [chargesBefore + 1, 1]);
  });

  test('POST /payment-methods: raw cards, validation, unsupported types, bank accounts and the default', async () => {
    const token = await tokenFor('empty');
    const card = { number: '5555555555554444', exp_month: 3, exp_year: 2040, cvc: '123' };
    const address = { name: 'Fresh Start Ltd', line1: '1 Main St', city: 'Berlin', postal_code: '10115', country: 'DE' };
    await expectProblem(await addMethod(token, { type: 'card', card: { ...card, number: '5555555555554445' } }), 422, 'validation_failed', 'card.number');
    await expectProblem(await addMethod(token, { type: 'card', card: { ...card, exp_year: 2020 } }), 422, 'validation_failed', 'card.exp_month');
    await expectProblem(await addMethod(token, { type: 'card' }), 422, 'validation_failed', 'token');
    await expectProblem(await addMethod(token, { type: 'card', token: 'tok_nope' }), 422, 'validation_failed', 'token');
    await expectProblem(await addMethod(token, { type: 'card', card: { ...card, cvc: '12' } }), 400, 'validation_failed', 'card.cvc');
    await expectProblem(await addMethod(token, { type: 'card', card, billing_address: { ...address, country: 'Germany' } }), 400, 'validation_failed', 'billing_address.country');
    await expectProblem(await addMethod(token, { type: 'paypal' }), 400, 'validation_failed', 'type');
    await expectProblem(await addMethod(token, { type: 'card', card, extra: true }), 400, 'validation_failed', 'extra');
    await expectProblem(await call('/payment-methods', { method: 'POST', token, json: { type: 'card', card } }), 400, 'idempotency_key_missing');
    const bank = { account_holder_name: 'X', routing_number: TEST_ROUTING_NUMBER, account_number: '000123456789', account_type: 'checking' };
    await expectProblem(await addMethod(token, { type: 'bank_account', bank_account: bank, mandate_accepted: true }), 422, 'validation_failed', 'type');
    assert.deepEqual((await methods(token)).data, [], 'nothing saved by refused requests');

    const first = await ok(await addMethod(token, { type: 'card', card, billing_address: address }), PaymentMethod, 201);
    assert.deepEqual(
      [first.is_default, first.card, first.bank_account, first.billing_address],
      [true, { brand: 'mastercard', last4: '4444', exp_month: 3, exp_year: 2040 }, null, { ...address }],
    );
    const second = await addCard(token, '378282246310005');
    assert.deepEqual([second.is_default, second.card?.brand, second.card?.last4], [false, 'amex', '0005']);
    const third = await addCard(token, '4242424242424242', { set_default: true });
    const list = await methods(token);
    assert.deepEqual(list.data.map((m) => [m.id, m.is_default]), [[first.id, false], [second.id, false], [third.id, true]]);
    assert.ok(!JSON.stringify(list).includes('4242424242424242'), 'no card number is ever echoed');

    const usd = await tokenFor('large');
    await expectProblem(await addMethod(usd, { type: 'bank_account', bank_account: { ...bank, routing_number: '110000001' }, mandate_accepted: true }), 422, 'validation_failed', 'bank_account.routing_number');
    await expectProblem(await addMethod(usd, { type: 'bank_account', bank_account: bank }), 422, 'validation_failed', 'mandate_accepted');
    await expectProblem(await addMethod(usd, { type: 'bank_account', mandate_accepted: true }), 422, 'validation_failed', 'bank_account');
    await expectProblem(await addMethod(usd, { type: 'bank_account', bank_account: { ...bank, account_number: '12' }, mandate_accepted: true }), 400, 'validation_failed', 'bank_account.account_number');
  });

  test('PATCH /payment-methods/{id}: default, billing address and expiry; another account’s id → 404; replay with a key', async () => {
    const token = await tokenFor('hostile');
    const list = await methods(token);
    const wallet = list.data.find((m) => m.type === 'wallet')!;
    assert.ok(wallet.label?.includes('<img'), 'labels come back as stored (the elements render them as text)');
    const key = randomUUID();
    const res = await call(`/payment-methods/${wallet.id}`, { method: 'PATCH', token, key, json: { is_default: true } });
    const updated = await ok(res, PaymentMethod);
    assert.equal(updated.is_default, true);
    assert.deepEqual((await methods(token)).data.filter((m) => m.is_default).map((m) => m.id), [wallet.id]);
    const replay = await call(`/payment-methods/${wallet.id}`, { method: 'PATCH', token, key, json: { is_default: true } });
    assert.equal(replay.headers.get('Idempotent-Replayed'), 'true');
    await expectProblem(await call(`/payment-methods/${wallet.id}`, { method: 'PATCH', token, key, json: { billing_address: null } }), 422, 'idempotency_key_reused');

    const visa = 'pm_acct_hostile_visa';
    const address = { line1: '1 Side St', city: 'Springfield', region: 'OR', postal_code: '97477', country: 'US' };
    const patched = await ok(await call(`/payment-methods/${visa}`, { method: 'PATCH', token, json: { billing_address: address, exp_month: 2, exp_year: 2031 } }), PaymentMethod);
    assert.deepEqual([patched.billing_address, patched.card?.exp_month, patched.card?.exp_year, patched.is_default], [address, 2, 2031, false]);
    await expectProblem(await call(`/payment-methods/${visa}`, { method: 'PATCH', token, json: { is_default: false } }), 400, 'validation_failed', 'is_default');
    await expectProblem(await call(`/payment-methods/${visa}`, { method: 'PATCH', token, json: { exp_month: 13 } }), 400, 'validation_failed', 'exp_month');
    await expectProblem(await call('/payment-methods/pm_acct_typical_visa', { method: 'PATCH', token, json: { is_default: true } }), 404, 'not_found');
    await expectProblem(await call('/payment-methods/pm_nope', { method: 'PATCH', token, json: {} }), 404, 'not_found');
    await expectProblem(await call(`/payment-methods/${visa}`, { method: 'PATCH', token, body: 'x', headers: { 'Content-Type': 'text/plain' } }), 415);
  });

  test('DELETE /payment-methods/{id}: default with others → 409, autopay’s method → 409, else 204 and gone; payments keep the snapshot', async () => {
    const token = await tokenFor('jpy');
    const visa = 'pm_acct_jpy_visa';
    const extra = await addCard(token, '5555555555554444');
    await expectProblem(await call(`/payment-methods/${visa}`, { method: 'DELETE', token }), 409, 'default_payment_method_required');
    await ok(await call('/account/autopay', { method: 'PATCH', token, json: { enabled: true, payment_method_id: extra.id } }), Account);
    await expectProblem(await call(`/payment-methods/${extra.id}`, { method: 'DELETE', token }), 409, 'payment_method_in_use');
    await ok(await call('/account/autopay', { method: 'PATCH', token, json: { enabled: false } }), Account);

    const [yen] = await openInvoices(token);
    const payment = await ok(await pay(token, { invoice_ids: [yen.id], payment_method_id: extra.id, amount: { amount: 100, currency: 'JPY' } }), Payment, 201);
    const key = randomUUID();
    const deleted = await call(`/payment-methods/${extra.id}`, { method: 'DELETE', token, key });
    assert.equal(deleted.status, 204);
    assert.equal(await deleted.text(), '');
    const again = await call(`/payment-methods/${extra.id}`, { method: 'DELETE', token, key });
    assert.deepEqual([again.status, again.headers.get('Idempotent-Replayed')], [204, 'true']);
    await expectProblem(await call(`/payment-methods/${extra.id}`, { method: 'DELETE', token }), 404, 'not_found');
    assert.deepEqual((await methods(token)).data.map((m) => m.id), [visa]);
    assert.deepEqual((await ok(await call(`/payments/${payment.id}`, { token }), Payment)).payment_method, {
      id: extra.id,
      type: 'card',
      label: 'Mastercard •••• 4444',
      exp_month: extra.card?.exp_month,
      exp_year: extra.card?.exp_year,
    });
    await expectProblem(await pay(token, { invoice_ids: [yen.id], payment_method_id: extra.id }), 422, 'payment_method_not_found');
    await expectProblem(await call(`/payment-methods/${visa}`, { method: 'DELETE', token: await tokenFor('large') }), 404, 'not_found');
    // The last method may go, default or not.
    assert.equal((await call(`/payment-methods/${visa}`, { method: 'DELETE', token })).status, 204);
    assert.deepEqual((await methods(token)).data, []);
  });

  test('PATCH /account/autopay: needs a method; the default or a named one; off clears it', async () => {
    const token = await tokenFor('jpy');
    assert.deepEqual((await methods(token)).data, [], 'after the delete test');
    await expectProblem(await call('/account/autopay', { method: 'PATCH', token, json: { enabled: true } }), 422, 'default_payment_method_required', 'payment_method_id');
    const card = await addCard(token, '4242424242424242');
    const on = await ok(await call('/account/autopay', { method: 'PATCH', token, key: randomUUID(), json: { enabled: true } }), Account);
    assert.deepEqual(on.autopay, { enabled: true, payment_method_id: card.id });
    assert.deepEqual([on.role, on.currency], ['admin', 'JPY']);
    assert.deepEqual((await account(token)).autopay, on.autopay);
    await expectProblem(await call('/account/autopay', { method: 'PATCH', token, json: { enabled: true, payment_method_id: 'pm_acct_typical_visa' } }), 422, 'payment_method_not_found', 'payment_method_id');
    const off = await ok(await call('/account/autopay', { method: 'PATCH', token, json: { enabled: false } }), Account);
    assert.deepEqual(off.autopay, { enabled: false, payment_method_id: null });
    await expectProblem(await call('/account/autopay', { method: 'PATCH', token, json: { enabled: 'yes' } }), 400, 'validation_failed', 'enabled');
    await expectProblem(await call('/account/autopay', { method: 'POST', token, json: { enabled: false } }), 405);
  });

  test('R1/R4: 20 concurrent payments of one invoice with 20 keys → one charge, 19 × 409 invoice_not_payable', async () => {
    const token = await tokenFor('large');
    const [target] = await untouchedOpen(token, 'large');
    const before = await account(token);
    const results = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const res = await pay(token, { invoice_ids: [target.id], payment_method_id: 'pm_acct_large_visa' });
        return { status: res.status, body: (await res.json()) as { code?: string } };
      }),
    );
    assert.equal(results.filter((r) => r.status === 201).length, 1, JSON.stringify(results.map((r) => r.status)));
    for (const r of results.filter((r) => r.status !== 201)) assert.deepEqual([r.status, r.body.code], [409, 'invoice_not_payable']);
    assert.equal(await chargesOf('large', target.id), 1);
    assert.equal((await account(token)).balance.amount, before.balance.amount - target.amount_due.amount);
  });

  test('R1: 20 concurrent payments with one key → one charge; the others replay it or hear "in progress"', async () => {
    const token = await tokenFor('large');
    const [target] = await untouchedOpen(token, 'large');
    const key = randomUUID();
    const results = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const res = await pay(token, { invoice_ids: [target.id], payment_method_id: 'pm_acct_large_visa' }, key);
        return { status: res.status, replayed: res.headers.get('Idempotent-Replayed'), body: (await res.json()) as { id?: string; code?: string } };
      }),
    );
    const created = results.filter((r) => r.status === 201);
    assert.equal(created.filter((r) => !r.replayed).length, 1);
    assert.equal(new Set(created.map((r) => r.body.id)).size, 1);
    for (const r of results.filter((r) => r.status !== 201)) assert.deepEqual([r.status, r.body.code], [409, 'idempotency_key_in_use']);
    assert.equal(await chargesOf('large', target.id), 1);
  });

  test('R2: the server commits and drops the connection twice; HttpAccountApi retries with the same key → one charge', async () => {
    const token = await tokenFor('large');
    const [target] = await untouchedOpen(token, 'large');
    const arm = await call('/__test/faults', { method: 'POST', json: { method: 'POST', path: '/api/payments', action: 'drop-after-commit', times: 2 } });
    assert.equal(arm.status, 204);
    const client = new HttpAccountApi({ baseUrl: `${context.url()}/api`, token, retry: { baseDelayMs: 20 } });
    const payment = await client.createPayment({ invoice_ids: [target.id], payment_method_id: 'pm_acct_large_visa' }, { idempotencyKey: randomUUID() });
    assert.equal(payment.status, 'succeeded');
    assert.equal(await chargesOf('large', target.id), 1);

    // A response slower than the client's timeout: the retry finds the first attempt's outcome. The
    // delay comes after the request has run, so the first attempt always times out, and the timeout
    // leaves each retry ample room on a loaded machine.
    const [slow] = await untouchedOpen(token, 'large');
    await call('/__test/faults', { method: 'POST', json: { method: 'POST', path: '/api/payments', action: 'delay', times: 1, delayMs: 2500 } });
    const impatient = new HttpAccountApi({ baseUrl: `${context.url()}/api`, token, timeoutMs: 1000, retry: { baseDelayMs: 20, limit: 3 } });
    const second = await impatient.createPayment({ invoice_ids: [slow.id], payment_method_id: 'pm_acct_large_visa' }, { idempotencyKey: randomUUID() });
    assert.deepEqual(second.allocations.map((a) => a.invoice_id), [slow.id]);
    assert.equal(await chargesOf('large', slow.id), 1);
  });

  test('hosted fields: the page (CSP, lang, labels, no inline code), its script and style', async () => {
    const base = context.hostedFieldsUrl();
    const page = await fetch(`${base}?origin=${encodeURIComponent('https://host.example')}&locale=de-DE`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('Content-Type') ?? '', /^text\/html/);
    assert.equal(page.headers.get('Content-Security-Policy'), "default-src 'self'; frame-ancestors *");
    assert.equal(page.headers.get('X-Content-Type-Options'), 'nosniff');
    const german = await page.text();
    assert.match(german, /<html lang="de-DE">/);
    for (const label of ['Kartennummer', 'Ablaufdatum (MM/JJ)', 'Sicherheitscode (CVC)']) assert.ok(german.includes(label), label);
    for (const id of ['number', 'expiry', 'cvc']) {
      assert.match(german, new RegExp(`<label for="${id}">`));
      assert.match(german, new RegExp(`<input id="${id}"[^>]*aria-describedby="${id}-error"`));
    }
    assert.match(german, /autocomplete="cc-number"/);
    assert.match(german, /<script type="module" src="\/hosted-fields\.js\?v=[\w-]{16}"><\/script>/);
    assert.doesNotMatch(german, /<script>|<style|style=|\son\w+=/, 'no inline script or style (CSP default-src self)');
    const english = await (await fetch(`${base}?origin=https%3A%2F%2Fhost.example`)).text();
    assert.match(english, /<html lang="en">/);
    assert.ok(english.includes('Card number') && english.includes('Security code (CVC)'));
    const injected = await (await fetch(`${base}?locale=${encodeURIComponent('de"><script>alert(1)</script>')}`)).text();
    assert.match(injected, /<html lang="en">/);
    assert.doesNotMatch(injected, /alert/);

    const script = await fetch(new URL('/hosted-fields.js', base));
    assert.equal(script.status, 200);
    assert.match(script.headers.get('Content-Type') ?? '', /^text\/javascript/);
    const code = await script.text();
    for (const word of ['acct-hf:ready', 'acct-hf:tokenize', 'acct-hf:result', '/tokens']) assert.ok(code.includes(word), word);
    const style = await fetch(new URL('/hosted-fields.css', base));
    assert.match(style.headers.get('Content-Type') ?? '', /^text\/css/);
    await style.body?.cancel();
    assert.equal((await fetch(new URL('/nope', base))).status, 404);
  });

  test('hosted fields: POST /tokens validates with the shared validators; a token saves a card once and keeps its test outcome', async () => {
    const tokens = new URL('/tokens', context.hostedFieldsUrl());
    const post = (body: unknown) => fetch(tokens, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const good = { number: '4242 4242 4242 4242', exp_month: 12, exp_year: 2040, cvc: '123' };
    const created = await post(good);
    assert.equal(created.status, 201);
    const { token: cardToken } = (await created.json()) as { token: string };
    assert.match(cardToken, /^tok_[\w-]{20,}$/);
    const fields = async (body: unknown) => {
      const res = await post(body);
      const problem = await expectProblem(res, 422, 'validation_failed');
      return Object.fromEntries((problem.errors ?? []).map((e) => [e.field, e.code]));
    };
    assert.deepEqual(await fields({ ...good, number: '4242424242424241' }), { number: 'checksum' });
    assert.deepEqual(await fields({ ...good, number: '42424242' }), { number: 'length' });
    assert.deepEqual(await fields({ ...good, exp_year: 2020 }), { expiry: 'expired' });
    assert.deepEqual(await fields({ ...good, exp_month: 13 }), { expiry: 'invalid' });
    assert.deepEqual(await fields({ ...good, number: '378282246310005' }), { cvc: 'length' });
    assert.deepEqual(await fields({ ...good, cvc: '1234' }), { cvc: 'length' });
    assert.deepEqual(await fields({ number: '', exp_month: 0, exp_year: 2040, cvc: '' }), { number: 'required', expiry: 'invalid', cvc: 'required' });
    assert.equal((await post({ ...good, number: '378282246310005', cvc: '1234' })).status, 201);
    await expectProblem(await post({ ...good, extra: 1 }), 400, 'validation_failed', 'extra');
    await expectProblem(await fetch(tokens, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{' }), 400, 'invalid_json');
    await expectProblem(await fetch(tokens), 405);

    const token = await tokenFor('large');
    const saved = await ok(await addMethod(token, { type: 'card', token: cardToken }), PaymentMethod, 201);
    assert.deepEqual(saved.card, { brand: 'visa', last4: '4242', exp_month: 12, exp_year: 2040 });
    await expectProblem(await addMethod(token, { type: 'card', token: cardToken }), 422, 'validation_failed', 'token');
    const declining = (await (await post({ ...good, number: '4000000000000002' })).json()) as { token: string };
    const method = await ok(await addMethod(token, { type: 'card', token: declining.token }), PaymentMethod, 201);
    const [target] = await openInvoices(token);
    await expectProblem(await pay(token, { invoice_ids: [target.id], payment_method_id: method.id }), 402, 'card_declined');
  });
}

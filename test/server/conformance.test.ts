/// <reference types="node" />
/**
 * OpenAPI conformance: real responses of the running server validate against the response schemas of
 * buildOpenApiDocument() (Ajv, JSON Schema 2020-12), and the routes the server answers are the documented ones.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { createApp } from '../../server/app.js';
import type { Database } from '../../server/db.js';
import { startServer, type RunningServer } from '../../server/index.js';
import { demoToken } from './http-checks.js';
import { conformanceErrors, doc } from './openapi-conformance.js';

type Json = Record<string, any>;
/** Served by the server but deliberately not an operation of the document: the document itself. */
const UNDOCUMENTED = new Set(['GET /openapi.json']);
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** Asserts the response is documented for the operation and its body validates against the documented schema. */
async function expectConforms(res: Response, method: string, path: string): Promise<Json> {
  const body = await res.text();
  assert.deepEqual(conformanceErrors({ method, path, status: res.status, headers: res.headers, body }), []);
  return body && /json/.test(res.headers.get('Content-Type') ?? '') ? (JSON.parse(body) as Json) : {};
}

describe('OpenAPI conformance of the running server', () => {
  let server: RunningServer;
  const tokens: Record<string, string> = {};
  before(async () => {
    server = await startServer({ port: 0, secret: 'conformance-secret', demoTokens: true, rateLimits: false, achSettleMs: 200, hostedFieldsPort: 0 });
    for (const account of ['typical', 'jpy', 'kwd', 'empty', 'hostile', 'large']) tokens[account] = await demoToken(server.url, { account });
  });
  after(() => server?.close());

  const call = (path: string, init: RequestInit & { token?: string } = {}) => {
    const headers = new Headers(init.headers);
    if (init.token) headers.set('Authorization', `Bearer ${init.token}`);
    return fetch(`${server.url}/api${path}`, { ...init, headers });
  };

  test('GET /account for every account kind', async () => {
    for (const [account, token] of Object.entries(tokens)) {
      const body = await expectConforms(await call('/account', { token }), 'GET', '/account');
      assert.ok(body.id, account);
    }
    await expectConforms(await call('/account', { token: await demoToken(server.url, { account: 'typical', role: 'billing_viewer' }) }), 'GET', '/account');
  });

  test('GET /invoices: pages and filters for typical, jpy, kwd, empty, hostile', async () => {
    for (const account of ['typical', 'jpy', 'kwd', 'empty', 'hostile']) {
      for (const status of ['all', 'open', 'paid']) {
        let cursor: string | null = null;
        let pages = 0;
        do {
          const query: string = `?status=${status}&limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
          const page = await expectConforms(await call(`/invoices${query}`, { token: tokens[account] }), 'GET', '/invoices');
          cursor = page.next_cursor;
          pages++;
        } while (cursor && pages < 4);
      }
    }
    await expectConforms(await call('/invoices', { token: tokens.large }), 'GET', '/invoices');
    await expectConforms(await call('/invoices?limit=100', { token: tokens.large }), 'GET', '/invoices');
  });

  test('GET /invoices/{id} for invoices of every account kind', async () => {
    for (const account of ['typical', 'jpy', 'kwd', 'hostile']) {
      const page = (await (await call('/invoices?limit=5', { token: tokens[account] })).json()) as { data: Array<{ id: string }> };
      assert.ok(page.data.length > 0, account);
      for (const { id } of page.data) {
        const detail = await expectConforms(await call(`/invoices/${encodeURIComponent(id)}`, { token: tokens[account] }), 'GET', '/invoices/{id}');
        assert.equal(detail.id, id);
      }
    }
  });

  test('POST /demo/token', async () => {
    const post = (body: string, type = 'application/json') => call('/demo/token', { method: 'POST', headers: { 'Content-Type': type }, body });
    await expectConforms(await post(JSON.stringify({ account: 'typical' })), 'POST', '/demo/token');
    await expectConforms(await post(JSON.stringify({ account: 'kwd', role: 'basic', ttl_seconds: 60 })), 'POST', '/demo/token');
    await expectConforms(await post('{"account":'), 'POST', '/demo/token');
    await expectConforms(await post(JSON.stringify({ account: 'nobody' })), 'POST', '/demo/token');
  });

  test('error responses are the documented problem+json: 401, 404, 400', async () => {
    await expectConforms(await call('/account'), 'GET', '/account');
    await expectConforms(await call('/invoices', { token: 'garbage' }), 'GET', '/invoices');
    await expectConforms(await call('/invoices?limit=0', { token: tokens.typical }), 'GET', '/invoices');
    await expectConforms(await call('/invoices?cursor=tampered', { token: tokens.typical }), 'GET', '/invoices');
    await expectConforms(await call('/invoices/in_nope', { token: tokens.typical }), 'GET', '/invoices/{id}');
    await expectConforms(await call('/invoices/in_nope', { token: 'garbage' }), 'GET', '/invoices/{id}');
    await expectConforms(await call('/invoices/in_nope/pdf?expires=1&signature=abc'), 'GET', '/invoices/{id}/pdf');
  });

  test('payments: lists, one payment, a card payment, ACH processing then settled, declines and refusals', async () => {
    const token = tokens.large;
    const write = (path: string, method: string, body: unknown, key: string | null = randomUUID()) =>
      call(path, { method, token, body: JSON.stringify(body), headers: { 'Content-Type': 'application/json', ...(key ? { 'Idempotency-Key': key } : {}) } });
    for (const account of ['typical', 'jpy', 'kwd', 'empty', 'hostile']) {
      const page = await expectConforms(await call('/payments?limit=5', { token: tokens[account] }), 'GET', '/payments');
      if (page.next_cursor) await expectConforms(await call(`/payments?limit=5&cursor=${page.next_cursor}`, { token: tokens[account] }), 'GET', '/payments');
      for (const { id } of page.data) await expectConforms(await call(`/payments/${id}`, { token: tokens[account] }), 'GET', '/payments/{id}');
    }
    await expectConforms(await call('/payments?limit=500', { token }), 'GET', '/payments');
    await expectConforms(await call('/payments/py_nope', { token }), 'GET', '/payments/{id}');

    const open = (await (await call('/invoices?status=open&limit=10', { token })).json()) as { data: Array<{ id: string; amount_due: { amount: number } }> };
    const [first, second, third] = open.data;
    await expectConforms(await write('/payments', 'POST', { invoice_ids: [first.id], payment_method_id: 'pm_acct_large_visa' }), 'POST', '/payments');
    await expectConforms(await write('/payments', 'POST', { invoice_ids: [first.id], payment_method_id: 'pm_acct_large_visa' }), 'POST', '/payments');
    await expectConforms(await write('/payments', 'POST', { invoice_ids: [second.id], payment_method_id: 'pm_nope' }), 'POST', '/payments');
    await expectConforms(await write('/payments', 'POST', { invoice_ids: [second.id] }), 'POST', '/payments');
    await expectConforms(await write('/payments', 'POST', { invoice_ids: [second.id], payment_method_id: 'pm_acct_large_visa' }, null), 'POST', '/payments');
    const declining = await expectConforms(
      await write('/payment-methods', 'POST', { type: 'card', card: { number: '4000000000009995', exp_month: 1, exp_year: 2040, cvc: '123' } }),
      'POST',
      '/payment-methods',
    );
    const declined = await expectConforms(await write('/payments', 'POST', { invoice_ids: [second.id], payment_method_id: declining.id }), 'POST', '/payments');
    assert.equal(declined.code, 'insufficient_funds');
    const bank = await expectConforms(
      await write('/payment-methods', 'POST', {
        type: 'bank_account',
        bank_account: { account_holder_name: 'Globex', routing_number: '110000000', account_number: '000123456789', account_type: 'savings' },
        mandate_accepted: true,
      }),
      'POST',
      '/payment-methods',
    );
    const processing = await expectConforms(await write('/payments', 'POST', { invoice_ids: [third.id], payment_method_id: bank.id }), 'POST', '/payments');
    assert.equal(processing.status, 'processing');
    // Settles 200 ms after it was made (the server's achSettleMs); a loaded machine may take longer to sweep.
    const deadline = Date.now() + 10_000;
    let settled = await expectConforms(await call(`/payments/${processing.id}`, { token }), 'GET', '/payments/{id}');
    while (settled.status === 'processing' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      settled = await expectConforms(await call(`/payments/${processing.id}`, { token }), 'GET', '/payments/{id}');
    }
    assert.equal(settled.status, 'succeeded');
    await expectConforms(await call('/payments', { token }), 'GET', '/payments');
    await expectConforms(await call(`/invoices/${third.id}`, { token }), 'GET', '/invoices/{id}');
    await expectConforms(await call('/account', { token }), 'GET', '/account');
    const viewer = await demoToken(server.url, { account: 'viewer' });
    await expectConforms(await call('/payments', { method: 'POST', token: viewer, body: '{}', headers: { 'Content-Type': 'application/json' } }), 'POST', '/payments');
  });

  test('payment methods and autopay: list, add, update, delete, refusals', async () => {
    const token = tokens.typical;
    const write = (path: string, method: string, body?: unknown, key: string | null = randomUUID()) =>
      call(path, {
        method,
        token,
        body: body === undefined ? undefined : JSON.stringify(body),
        headers: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...(key ? { 'Idempotency-Key': key } : {}) },
      });
    for (const account of ['typical', 'jpy', 'empty', 'hostile']) {
      const list = await expectConforms(await call('/payment-methods', { token: tokens[account] }), 'GET', '/payment-methods');
      assert.match(list.gateway.hosted_fields_url, /^http:\/\/127\.0\.0\.1:\d+\/hosted-fields\.html$/);
    }
    const card = { number: '4242424242424242', exp_month: 1, exp_year: 2040, cvc: '123' };
    const added = await expectConforms(await write('/payment-methods', 'POST', { type: 'card', card, billing_address: { line1: 'a', city: 'b', region: 'OR', postal_code: '97477', country: 'US' } }), 'POST', '/payment-methods');
    await expectConforms(await write('/payment-methods', 'POST', { type: 'card', card: { ...card, number: '4242424242424241' } }), 'POST', '/payment-methods');
    await expectConforms(await write('/payment-methods', 'POST', { type: 'card', card: { ...card, cvc: 'x' } }), 'POST', '/payment-methods');
    await expectConforms(await write(`/payment-methods/${added.id}`, 'PATCH', { is_default: true }), 'PATCH', '/payment-methods/{id}');
    await expectConforms(await write(`/payment-methods/${added.id}`, 'PATCH', { exp_year: 2041 }, null), 'PATCH', '/payment-methods/{id}');
    await expectConforms(await write('/payment-methods/pm_nope', 'PATCH', {}), 'PATCH', '/payment-methods/{id}');
    await expectConforms(await write(`/payment-methods/${added.id}`, 'DELETE'), 'DELETE', '/payment-methods/{id}');
    await expectConforms(await write('/account/autopay', 'PATCH', { enabled: true }), 'PATCH', '/account/autopay');
    await expectConforms(await write('/payment-methods/pm_acct_typical_visa', 'DELETE'), 'DELETE', '/payment-methods/{id}');
    await expectConforms(await write('/payment-methods/pm_acct_typical_mc', 'DELETE', undefined, null), 'DELETE', '/payment-methods/{id}');
    await expectConforms(await write('/payment-methods/pm_acct_typical_mc', 'DELETE'), 'DELETE', '/payment-methods/{id}');
    await expectConforms(await write('/account/autopay', 'PATCH', { enabled: true, payment_method_id: 'pm_nope' }), 'PATCH', '/account/autopay');
    await expectConforms(await write('/account/autopay', 'PATCH', { enabled: false }), 'PATCH', '/account/autopay');
    await expectConforms(await write('/account/autopay', 'PATCH', { enabled: true }, null), 'PATCH', '/account/autopay');
    await expectConforms(await call('/account/autopay', { method: 'PATCH', token: tokens.empty, body: '{"enabled":true}', headers: { 'Content-Type': 'application/json' } }), 'PATCH', '/account/autopay');
    await expectConforms(await call('/account/autopay', { method: 'PATCH', token, body: 'x', headers: { 'Content-Type': 'text/plain' } }), 'PATCH', '/account/autopay');
    await expectConforms(await call('/account', { token }), 'GET', '/account');
  });

  test('licenses: the public catalogue and its 304, licenses, quotes, orders and their refusals, the sales order, transactions', async () => {
    const token = tokens.typical;
    const write = (path: string, body: unknown, as = token, key: string | null = randomUUID()) =>
      call(path, { method: 'POST', token: as, body: JSON.stringify(body), headers: { 'Content-Type': 'application/json', ...(key ? { 'Idempotency-Key': key } : {}) } });
    const pricing = await call('/pricing');
    const etag = pricing.headers.get('ETag')!;
    await expectConforms(pricing, 'GET', '/pricing');
    await expectConforms(await call('/pricing', { headers: { 'If-None-Match': etag } }), 'GET', '/pricing');
    await expectConforms(await call('/pricing?x=1'), 'GET', '/pricing');
    for (const account of ['typical', 'jpy', 'kwd', 'empty', 'hostile']) await expectConforms(await call('/licenses', { token: tokens[account] }), 'GET', '/licenses');

    const quote = await expectConforms(await write('/licenses/quotes', { product_id: 'prod_workspace', additional_quantity: 2 }, token, null), 'POST', '/licenses/quotes');
    await expectConforms(await write('/licenses/quotes', { product_id: 'prod_workspace', additional_quantity: 0 }), 'POST', '/licenses/quotes');
    await expectConforms(await write('/licenses/quotes', { product_id: 'prod_nope', additional_quantity: 1 }), 'POST', '/licenses/quotes');
    await expectConforms(await write('/licenses/quotes', { product_id: 'prod_workspace' }), 'POST', '/licenses/quotes');
    await expectConforms(await write('/licenses/quotes', { product_id: 'prod_workspace', additional_quantity: 1 }, await demoToken(server.url, { account: 'viewer' })), 'POST', '/licenses/quotes');

    const declining = await expectConforms(await write('/payment-methods', { type: 'card', card: { number: '4000000000000002', exp_month: 1, exp_year: 2040, cvc: '123' } }), 'POST', '/payment-methods');
    const orderOf = (quoteId: string, payment: unknown, key?: string | null) => write('/licenses/orders', { quote_id: quoteId, authorization_acknowledged: true, payment }, token, key);
    await expectConforms(await orderOf(quote.id, { type: 'payment_method', payment_method_id: declining.id }), 'POST', '/licenses/orders');
    await expectConforms(await orderOf(quote.id, { type: 'invoice' }, null), 'POST', '/licenses/orders');
    // Invoiced: the methods test above may have removed the account's cards.
    const key = randomUUID();
    const order = await expectConforms(await orderOf(quote.id, { type: 'invoice' }, key), 'POST', '/licenses/orders');
    assert.equal(order.status, 'pending_provisioning');
    await expectConforms(await orderOf(quote.id, { type: 'invoice' }, key), 'POST', '/licenses/orders');
    await expectConforms(await orderOf(quote.id, { type: 'invoice' }), 'POST', '/licenses/orders');
    await expectConforms(await orderOf('lq_nope', { type: 'invoice' }), 'POST', '/licenses/orders');
    const kwdQuote = await expectConforms(await write('/licenses/quotes', { product_id: 'prod_workspace', additional_quantity: 1 }, tokens.kwd), 'POST', '/licenses/quotes');
    await expectConforms(await write('/licenses/orders', { quote_id: kwdQuote.id, authorization_acknowledged: true, payment: { type: 'invoice' } }, tokens.kwd), 'POST', '/licenses/orders');

    await expectConforms(await call('/orders', { token }), 'GET', '/orders');
    await expectConforms(await call('/orders', { token: tokens.empty }), 'GET', '/orders');
    await expectConforms(await call(`/orders/${order.id}`, { token }), 'GET', '/orders/{id}');
    await expectConforms(await call('/orders/ord_nope', { token }), 'GET', '/orders/{id}');
    const pdf = await fetch(order.sales_order_url);
    assert.deepEqual(conformanceErrors({ method: 'GET', path: `/orders/${order.id}/sales-order.pdf`, status: pdf.status, headers: pdf.headers, body: undefined }), []);
    await pdf.body?.cancel();
    await expectConforms(await call(`/orders/${order.id}/sales-order.pdf?expires=1&signature=abc`), 'GET', '/orders/{id}/sales-order.pdf');

    for (const account of ['typical', 'jpy', 'kwd', 'empty', 'hostile']) {
      const page = await expectConforms(await call('/transactions?limit=7', { token: tokens[account] }), 'GET', '/transactions');
      if (page.next_cursor) await expectConforms(await call(`/transactions?limit=7&cursor=${page.next_cursor}`, { token: tokens[account] }), 'GET', '/transactions');
    }
    await expectConforms(await call('/transactions?type=license_purchase&from=2020-01-01', { token }), 'GET', '/transactions');
    await expectConforms(await call('/transactions?type=nope', { token }), 'GET', '/transactions');
  });

  test('add-ons: the list, previews, enable and disable, and their refusals', async () => {
    const token = tokens.jpy;
    const write = (path: string, body: unknown, as = token, key: string | null = randomUUID()) =>
      call(path, { method: 'POST', token: as, body: JSON.stringify(body), headers: { 'Content-Type': 'application/json', ...(key ? { 'Idempotency-Key': key } : {}) } });
    for (const account of ['typical', 'jpy', 'kwd', 'empty', 'hostile']) await expectConforms(await call('/addons', { token: tokens[account] }), 'GET', '/addons');
    await expectConforms(await call('/addons'), 'GET', '/addons');

    const preview = (id: string, action: string, as = token, key: string | null = null) => write(`/addons/${id}/preview`, { action }, as, key);
    const enablePreview = await expectConforms(await preview('addon_jpy_audit_export', 'enable'), 'POST', '/addons/{id}/preview');
    await expectConforms(await preview('addon_jpy_audit_export', 'enable', token, randomUUID()), 'POST', '/addons/{id}/preview');
    const oneTime = await expectConforms(await preview('addon_jpy_onboarding', 'enable'), 'POST', '/addons/{id}/preview');
    const disablePreview = await expectConforms(await preview('addon_jpy_priority_support', 'disable'), 'POST', '/addons/{id}/preview');
    await expectConforms(await preview('addon_jpy_sms', 'disable'), 'POST', '/addons/{id}/preview');
    await expectConforms(await preview('addon_jpy_priority_support', 'enable'), 'POST', '/addons/{id}/preview');
    await expectConforms(await preview('addon_jpy_dedicated_ip', 'disable'), 'POST', '/addons/{id}/preview');
    await expectConforms(await preview('addon_nope', 'enable'), 'POST', '/addons/{id}/preview');
    await expectConforms(await preview('addon_jpy_sso', 'toggle'), 'POST', '/addons/{id}/preview');
    await expectConforms(await preview('addon_typical_sso', 'enable', await demoToken(server.url, { account: 'viewer' })), 'POST', '/addons/{id}/preview');

    const change = (id: string, action: string, previewId: string, key: string | null = randomUUID()) => write(`/addons/${id}/${action}`, { preview_id: previewId }, token, key);
    const key = randomUUID();
    const enabled = await expectConforms(await change('addon_jpy_audit_export', 'enable', enablePreview.id, key), 'POST', '/addons/{id}/enable');
    assert.equal(enabled.addon.state, 'enabled');
    await expectConforms(await change('addon_jpy_audit_export', 'enable', enablePreview.id, key), 'POST', '/addons/{id}/enable');
    await expectConforms(await change('addon_jpy_audit_export', 'enable', enablePreview.id), 'POST', '/addons/{id}/enable');
    await expectConforms(await change('addon_jpy_audit_export', 'enable', enablePreview.id, null), 'POST', '/addons/{id}/enable');
    await expectConforms(await change('addon_jpy_audit_export', 'enable', 'adp_nope'), 'POST', '/addons/{id}/enable');
    await expectConforms(await change('addon_jpy_sso', 'enable', oneTime.id), 'POST', '/addons/{id}/enable');
    await expectConforms(await change('addon_nope', 'enable', oneTime.id), 'POST', '/addons/{id}/enable');
    await expectConforms(await change('addon_jpy_onboarding', 'enable', oneTime.id), 'POST', '/addons/{id}/enable');
    const disabled = await expectConforms(await change('addon_jpy_priority_support', 'disable', disablePreview.id), 'POST', '/addons/{id}/disable');
    assert.ok(disabled.credit_id);
    await expectConforms(await change('addon_jpy_priority_support', 'disable', disablePreview.id), 'POST', '/addons/{id}/disable');
    await expectConforms(await change('addon_jpy_priority_support', 'disable', oneTime.id), 'POST', '/addons/{id}/disable');
    await expectConforms(await call('/addons', { token }), 'GET', '/addons');
    await expectConforms(await call(`/invoices/${enabled.invoice_id}`, { token }), 'GET', '/invoices/{id}');
    await expectConforms(await call('/transactions?type=credit', { token }), 'GET', '/transactions');
    await expectConforms(await call('/transactions?limit=5', { token }), 'GET', '/transactions');
    await expectConforms(await call('/account', { token }), 'GET', '/account');
  });

  test('users: roles, the lists and their pages, invitations, resends, role changes, removals, and their refusals', async () => {
    const token = tokens.kwd;
    const write = (path: string, method: string, body?: unknown, as = token, key: string | null = randomUUID()) =>
      call(path, {
        method,
        token: as,
        body: body === undefined ? undefined : JSON.stringify(body),
        headers: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...(key ? { 'Idempotency-Key': key } : {}) },
      });
    const viewer = await demoToken(server.url, { account: 'viewer' });
    for (const as of [token, viewer]) await expectConforms(await call('/roles', { token: as }), 'GET', '/roles');
    await expectConforms(await call('/roles'), 'GET', '/roles');
    for (const account of ['typical', 'jpy', 'kwd', 'empty', 'hostile', 'large']) {
      const page = await expectConforms(await call('/users?limit=30', { token: tokens[account] }), 'GET', '/users');
      if (page.next_cursor) await expectConforms(await call(`/users?limit=30&cursor=${encodeURIComponent(page.next_cursor)}`, { token: tokens[account] }), 'GET', '/users');
    }
    await expectConforms(await call('/users?status=invited', { token }), 'GET', '/users');
    await expectConforms(await call('/users?status=nope', { token }), 'GET', '/users');
    await expectConforms(await call('/users', { token: viewer }), 'GET', '/users');

    const key = randomUUID();
    const invitation = { email: 'new.member@gulftrading.example', name: 'New member', role: 'billing_viewer', time_zone: 'Asia/Kuwait' };
    const made = await expectConforms(await write('/users', 'POST', invitation, token, key), 'POST', '/users');
    await expectConforms(await write('/users', 'POST', invitation, token, key), 'POST', '/users');
    await expectConforms(await write('/users', 'POST', { ...invitation, role: 'basic' }, token, key), 'POST', '/users');
    await expectConforms(await write('/users', 'POST', invitation), 'POST', '/users');
    await expectConforms(await write('/users', 'POST', { ...invitation, email: 'x', name: '' }), 'POST', '/users');
    await expectConforms(await write('/users', 'POST', { ...invitation, extra: 1 }), 'POST', '/users');
    await expectConforms(await write('/users', 'POST', invitation, token, null), 'POST', '/users');
    await expectConforms(await write('/users', 'POST', invitation, viewer), 'POST', '/users');
    await expectConforms(await write(`/users/${made.id}/invitation`, 'POST'), 'POST', '/users/{id}/invitation');
    await expectConforms(await write('/users/usr_kwd_fatima/invitation', 'POST'), 'POST', '/users/{id}/invitation');
    await expectConforms(await write('/users/usr_nope/invitation', 'POST'), 'POST', '/users/{id}/invitation');
    await expectConforms(await write(`/users/${made.id}`, 'PATCH', { role: 'basic' }), 'PATCH', '/users/{id}');
    await expectConforms(await write(`/users/${made.id}`, 'PATCH', { role: 'owner' }), 'PATCH', '/users/{id}');
    await expectConforms(await write('/users/usr_kwd_admin', 'PATCH', { role: 'basic' }), 'PATCH', '/users/{id}');
    await expectConforms(await write('/users/usr_typical_basic', 'PATCH', { role: 'basic' }), 'PATCH', '/users/{id}');
    await expectConforms(await write('/users/usr_kwd_admin', 'DELETE'), 'DELETE', '/users/{id}');
    const removeKey = randomUUID();
    await expectConforms(await write(`/users/${made.id}`, 'DELETE', undefined, token, removeKey), 'DELETE', '/users/{id}');
    await expectConforms(await write(`/users/${made.id}`, 'DELETE', undefined, token, removeKey), 'DELETE', '/users/{id}');
    await expectConforms(await write(`/users/${made.id}`, 'DELETE'), 'DELETE', '/users/{id}');
    await expectConforms(await call('/users', { token }), 'GET', '/users');
    // A demo token for a user (an invited one accepts), and one for nobody.
    await expectConforms(
      await call('/demo/token', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ account: 'kwd', user: 'yousef.haddad@gulftrading.example' }) }),
      'POST',
      '/demo/token',
    );
    await expectConforms(await call('/demo/token', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ account: 'kwd', user: 'nobody' }) }), 'POST', '/demo/token');
  });

  test('addresses: the book, its filter and pages, writes, refusals and replays', async () => {
    const token = tokens.jpy;
    const write = (path: string, method: string, body?: unknown, as = token, key: string | null = randomUUID()) =>
      call(path, {
        method,
        token: as,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        headers: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...(key ? { 'Idempotency-Key': key } : {}) },
      });
    for (const account of ['typical', 'jpy', 'kwd', 'empty', 'hostile']) await expectConforms(await call('/addresses', { token: tokens[account] }), 'GET', '/addresses');
    const page = await expectConforms(await call('/addresses?use=shipping&limit=1', { token: tokens.typical }), 'GET', '/addresses');
    await expectConforms(await call(`/addresses?use=shipping&limit=1&cursor=${encodeURIComponent(page.next_cursor)}`, { token: tokens.typical }), 'GET', '/addresses');
    await expectConforms(await call(`/addresses?cursor=${encodeURIComponent(page.next_cursor)}`, { token: tokens.typical }), 'GET', '/addresses');
    await expectConforms(await call('/addresses?use=office', { token }), 'GET', '/addresses');
    await expectConforms(await call('/addresses'), 'GET', '/addresses');

    const place = { line1: '梅田3-1-1', city: '大阪市北区', region: '大阪府', postal_code: '530-0001', country: 'JP' };
    const key = randomUUID();
    const made = await expectConforms(await write('/addresses', 'POST', { ...place, uses: ['shipping'], default_for: ['shipping'] }, token, key), 'POST', '/addresses');
    await expectConforms(await write('/addresses', 'POST', { ...place, uses: ['shipping'], default_for: ['shipping'] }, token, key), 'POST', '/addresses');
    await expectConforms(await write('/addresses', 'POST', { ...place, uses: ['billing'] }, token, key), 'POST', '/addresses');
    await expectConforms(await write('/addresses', 'POST', { ...place, uses: ['shipping'] }, token, null), 'POST', '/addresses');
    await expectConforms(await write('/addresses', 'POST', { ...place, region: 'Atlantis', uses: ['shipping'] }), 'POST', '/addresses');
    await expectConforms(await write('/addresses', 'POST', { ...place, uses: [] }), 'POST', '/addresses');
    await expectConforms(await write('/addresses', 'POST', { ...place, uses: ['shipping'] }, await demoToken(server.url, { account: 'viewer' })), 'POST', '/addresses');

    await expectConforms(await write(`/addresses/${made.id}`, 'PATCH', { name: 'Osaka', default_for: ['shipping'] }), 'PATCH', '/addresses/{id}');
    await expectConforms(await write(`/addresses/${made.id}`, 'PATCH', { uses: ['billing'] }), 'PATCH', '/addresses/{id}');
    await expectConforms(await write(`/addresses/${made.id}`, 'PATCH', { uses: ['billing'], replacement: 'adr_nope' }), 'PATCH', '/addresses/{id}');
    await expectConforms(await write(`/addresses/${made.id}`, 'PATCH', { postal_code: '5300' }), 'PATCH', '/addresses/{id}');
    await expectConforms(await write('/addresses/adr_nope', 'PATCH', {}), 'PATCH', '/addresses/{id}');
    await expectConforms(await write(`/addresses/${made.id}`, 'DELETE'), 'DELETE', '/addresses/{id}');
    const deleteKey = randomUUID();
    await expectConforms(await write(`/addresses/${made.id}?replacement=adr_jpy_osaka`, 'DELETE', undefined, token, deleteKey), 'DELETE', '/addresses/{id}');
    await expectConforms(await write(`/addresses/${made.id}?replacement=adr_jpy_osaka`, 'DELETE', undefined, token, deleteKey), 'DELETE', '/addresses/{id}');
    await expectConforms(await write(`/addresses/${made.id}`, 'DELETE'), 'DELETE', '/addresses/{id}');
    await expectConforms(await write(`/addresses/${made.id}?replacement=`, 'DELETE'), 'DELETE', '/addresses/{id}');
    await expectConforms(await call('/addresses', { token }), 'GET', '/addresses');
  });

  test('the test-only routes are off unless asked for', async () => {
    const res = await call('/__test/faults', { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json' } });
    assert.equal(res.status, 404);
    await res.body?.cancel();
    assert.equal((await call('/__test/ledger?account=typical')).status, 404);
  });

  test('the routes the server answers are the documented operations, and vice versa', () => {
    // The route table needs no database: nothing is queried while listing it. Demo mode: the
    // document describes the demo token endpoint too (marked demo only); without it, it is a 404.
    const app = createApp({ db: {} as Database, secret: 'routes', demoTokens: true });
    const answered = new Set(
      app.routes
        .filter((route) => METHODS.includes(route.method) && route.path.startsWith('/api/'))
        .map((route) => `${route.method} ${route.path.slice('/api'.length).replace(/:(\w+)/g, '{$1}')}`),
    );
    const documented = new Set(
      Object.entries(doc.paths as Record<string, Json>).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`)),
    );
    assert.deepEqual([...answered].filter((op) => !documented.has(op) && !UNDOCUMENTED.has(op)).sort(), [], 'answered but undocumented');
    assert.deepEqual([...documented].filter((op) => !answered.has(op)).sort(), [], 'documented but not answered');
  });

  test('undocumented methods on documented paths answer 405 with the documented methods in Allow', async () => {
    for (const [path, item] of Object.entries(doc.paths as Record<string, Json>)) {
      const allowed = Object.keys(item).map((m) => m.toUpperCase());
      const concrete = path.replace('{id}', 'in_1_000039');
      for (const method of METHODS.filter((m) => !allowed.includes(m))) {
        const res = await call(concrete, { method, token: tokens.typical });
        assert.equal(res.status, 405, `${method} ${path}`);
        assert.deepEqual(res.headers.get('Allow')?.split(/,\s*/).sort(), allowed.sort(), `${method} ${path}: Allow`);
        await res.body?.cancel();
      }
    }
  });
});

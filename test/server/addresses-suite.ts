/// <reference types="node" />
/**
 * The address book over HTTP (issue 12), run inside the api-suite on PGlite and on PostgreSQL after
 * the other suites: the seeded books, the `use` filter and keyset pages, capabilities, R1/R2 on
 * POST, the country rules (shared with payment methods' billing addresses), defaults (the first of a
 * use, `default_for` moving one, a default removed or deleted with and without a replacement, the
 * last address of a use), 404 across accounts, concurrent defaults, and the payment methods billed
 * at an address.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { paymentMethodsAt } from '../../src/api/addresses.js';
import { createFixture, type FixtureName } from '../../src/api/fixtures/generate.js';
import { SavedAddress, SavedAddressPage } from '../../src/api/schemas/address.js';
import { PaymentMethod, PaymentMethodList } from '../../src/api/schemas/index.js';
import { suiteHttp, type SuiteContext } from './suite-http.js';

const US = { name: 'Test Co.', line1: '1 Main Street', line2: null, city: 'Portland', region: 'OR', postal_code: '97201', country: 'US' };

export function addressTests(context: SuiteContext): void {
  const { tokenFor, call, expectProblem, ok } = suiteHttp(context);

  /** Every address (every page), optionally only those with `use`. */
  async function book(token: string, use?: string): Promise<SavedAddress[]> {
    const rows: SavedAddress[] = [];
    let cursor: string | null = null;
    do {
      const query = new URLSearchParams({ limit: '100', ...(use ? { use } : {}), ...(cursor ? { cursor } : {}) });
      const page: SavedAddressPage = await ok(await call(`/addresses?${query}`, { token }), SavedAddressPage);
      rows.push(...page.data);
      cursor = page.next_cursor;
    } while (cursor);
    return rows;
  }
  const addressOf = async (token: string, id: string) => (await book(token)).find((a) => a.id === id);
  const create = (token: string, json: unknown, key: string | null = randomUUID()) => call('/addresses', { method: 'POST', token, key: key ?? undefined, json });
  const created = async (token: string, json: unknown) => ok(await create(token, json), SavedAddress, 201);
  const patch = (token: string, id: string, json: unknown, key = randomUUID()) => call(`/addresses/${id}`, { method: 'PATCH', token, key, json });
  const remove = (token: string, id: string, replacement?: string, key = randomUUID()) =>
    call(`/addresses/${id}${replacement === undefined ? '' : `?replacement=${encodeURIComponent(replacement)}`}`, { method: 'DELETE', token, key });
  /** Each use's default, as the book says: exactly one per use that any address has. */
  async function defaults(token: string): Promise<Record<string, string>> {
    const addresses = await book(token);
    const found: Record<string, string> = {};
    for (const use of new Set(addresses.flatMap((a) => a.uses))) {
      const holders = addresses.filter((a) => a.default_for.includes(use));
      assert.equal(holders.length, 1, `one ${use} default: ${JSON.stringify(holders.map((a) => a.id))}`);
      found[use] = holders[0].id;
    }
    for (const a of addresses) for (const use of a.default_for) assert.ok(a.uses.includes(use), `${a.id} is the default only of its own uses`);
    return found;
  }
  const instant = (value: string) => new Date(value).toISOString();
  const comparable = (a: SavedAddress) => ({ ...a, created_at: instant(a.created_at), updated_at: instant(a.updated_at) });

  test('addresses: GET /addresses is each fixture account’s book, oldest first, with uses, defaults and the methods billed there; any token of the account reads it; a token is needed', async () => {
    for (const name of ['typical', 'viewer', 'empty', 'large', 'jpy', 'kwd', 'hostile'] as FixtureName[]) {
      const token = await tokenFor(name);
      const methods = (await ok(await call('/payment-methods', { token }), PaymentMethodList)).data;
      const expected = createFixture(name, new Date()).addresses.map((a) => comparable({ ...a, payment_methods: paymentMethodsAt(a, methods) }));
      assert.deepEqual((await book(token)).map(comparable), expected, name);
    }
    assert.equal((await book(await tokenFor('typical', 'basic'))).length, 4);
    await expectProblem(await call('/addresses'), 401);
  });

  test('addresses: the use filter and keyset pages (limit 1 walked, total on the first page); a cursor of another filter or account, or an unknown use, is a 400', async () => {
    const token = await tokenFor('typical');
    assert.deepEqual((await book(token, 'shipping')).map((a) => a.id), ['adr_typical_warehouse', 'adr_typical_east']);
    assert.deepEqual((await book(token, 'residential')).map((a) => a.id), ['adr_typical_home']);
    const ids: string[] = [];
    let cursor: string | null = null;
    for (let n = 0; n === 0 || cursor; n++) {
      const page: SavedAddressPage = await ok(await call(`/addresses?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token }), SavedAddressPage);
      assert.equal(page.total_count, n === 0 ? 4 : null);
      ids.push(...page.data.map((a) => a.id));
      cursor = page.next_cursor;
    }
    assert.deepEqual(ids, ['adr_typical_billing', 'adr_typical_warehouse', 'adr_typical_home', 'adr_typical_east']);
    const first = await ok(await call('/addresses?limit=1&use=shipping', { token }), SavedAddressPage);
    await expectProblem(await call(`/addresses?limit=1&cursor=${encodeURIComponent(first.next_cursor!)}`, { token }), 400, 'validation_failed', 'cursor');
    await expectProblem(await call(`/addresses?use=shipping&cursor=${encodeURIComponent(first.next_cursor!)}`, { token: await tokenFor('large') }), 400, 'validation_failed', 'cursor');
    await expectProblem(await call('/addresses?use=office', { token }), 400, 'validation_failed', 'use');
  });

  test('addresses: POST makes one (201); the same key retried makes one and replays the same body (R1/R2); the key with another body is a 422; no key is a 400', async () => {
    const token = await tokenFor('large');
    const before = (await book(token)).length;
    const key = randomUUID();
    const first = await create(token, { ...US, uses: ['shipping'] }, key);
    assert.equal(first.headers.get('Idempotent-Replayed'), null);
    const made = await ok(first, SavedAddress, 201);
    assert.match(made.id, /^adr_/);
    assert.deepEqual([made.uses, made.default_for, made.payment_methods, made.created_at], [['shipping'], [], [], made.updated_at]);
    const again = await create(token, { ...US, uses: ['shipping'] }, key);
    assert.equal(again.headers.get('Idempotent-Replayed'), 'true');
    assert.deepEqual(await ok(again, SavedAddress, 201), made);
    await expectProblem(await create(token, { ...US, city: 'Salem', uses: ['shipping'] }, key), 422, 'idempotency_key_reused');
    await expectProblem(await create(token, { ...US, uses: ['shipping'] }, null), 400, 'idempotency_key_missing');

    // R1: a burst of one intent.
    const burstKey = randomUUID();
    const results = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const res = await create(token, { ...US, line1: '2 Burst Street', uses: ['shipping'] }, burstKey);
        return { status: res.status, replayed: res.headers.get('Idempotent-Replayed'), body: (await res.json()) as { id?: string; code?: string } };
      }),
    );
    const done = results.filter((r) => r.status === 201);
    assert.equal(done.filter((r) => !r.replayed).length, 1, JSON.stringify(results.map((r) => [r.status, r.replayed])));
    assert.equal(new Set(done.map((r) => r.body.id)).size, 1);
    for (const r of results.filter((r) => r.status !== 201)) assert.deepEqual([r.status, r.body.code], [409, 'idempotency_key_in_use']);

    // R2: committed, the answer lost, retried with the key.
    const arm = await call('/__test/faults', { method: 'POST', json: { method: 'POST', path: '/api/addresses', action: 'drop-after-commit', times: 1 } });
    assert.equal(arm.status, 204);
    const lostKey = randomUUID();
    await assert.rejects(create(token, { ...US, line1: '3 Lost Street', uses: ['shipping'] }, lostKey), 'the answer is lost');
    const retry = await create(token, { ...US, line1: '3 Lost Street', uses: ['shipping'] }, lostKey);
    assert.equal(retry.headers.get('Idempotent-Replayed'), 'true');
    const lost = await ok(retry, SavedAddress, 201);
    const after = await book(token);
    assert.equal(after.length, before + 3, 'one address per intent');
    assert.deepEqual(after.filter((a) => a.line1 === '3 Lost Street').map((a) => a.id), [lost.id]);
  });

  test('addresses: the country rules of billing addresses (US state and ZIP, a Canadian postal code, a Japanese prefecture, countries without postal codes) are 422s naming the field', async () => {
    const token = await tokenFor('kwd');
    const refused = async (json: Record<string, unknown>, fields: Array<[string, string]>) => {
      const problem = await expectProblem(await create(token, { uses: ['shipping'], ...json }), 422, 'validation_failed');
      assert.deepEqual(problem.errors?.map((e) => [e.field, e.code]), fields, JSON.stringify(json));
    };
    const us = { line1: '1 Main Street', city: 'Portland', country: 'US' };
    await refused(us, [['region', 'required'], ['postal_code', 'required']]);
    await refused({ ...us, region: 'OR', postal_code: '9720' }, [['postal_code', 'invalid_format']]);
    await refused({ ...us, region: 'Oregano', postal_code: '97201' }, [['region', 'invalid_value']]);
    await created(token, { ...us, region: 'oregon', postal_code: '97201-1234', uses: ['shipping'] });
    await created(token, { ...us, region: 'US-OR', postal_code: '97201', uses: ['shipping'] });

    const ca = { line1: '1000 Rue Sherbrooke', city: 'Montréal', region: 'QC', country: 'CA' };
    await refused({ ...ca, postal_code: 'H3Z 2Y' }, [['postal_code', 'invalid_format']]);
    await refused({ ...ca, postal_code: '12345' }, [['postal_code', 'invalid_format']]);
    await created(token, { ...ca, postal_code: 'h3z2y7', uses: ['shipping'] });
    await created(token, { ...ca, region: 'Quebec', postal_code: 'H3Z 2Y7', uses: ['shipping'] });

    const jp = { line1: '丸の内1-1-1', city: '千代田区', postal_code: '100-0005', country: 'JP' };
    await refused(jp, [['region', 'required']]);
    await refused({ ...jp, region: 'Atlantis' }, [['region', 'invalid_value']]);
    await refused({ ...jp, region: '東京都', postal_code: '1000' }, [['postal_code', 'invalid_format']]);
    for (const region of ['東京都', 'Tokyo', 'JP-13']) await created(token, { ...jp, region, uses: ['shipping'] });

    // No postal codes in the United Arab Emirates (an emirate is required); Kuwait's are optional.
    await created(token, { line1: 'Sheikh Zayed Road 1', city: 'Dubai', region: 'Dubai', country: 'AE', uses: ['shipping'] });
    await refused({ line1: 'Sheikh Zayed Road 1', city: 'Dubai', country: 'AE' }, [['region', 'required']]);
    await created(token, { line1: 'Gulf Road', city: 'Kuwait City', country: 'KW', uses: ['shipping'] });

    // The same rules on a PATCH: the address as patched (a US address moved to Canada).
    const moved = await created(token, { ...US, uses: ['shipping'] });
    const problem = await expectProblem(await patch(token, moved.id, { country: 'CA' }), 422, 'validation_failed');
    assert.deepEqual(problem.errors?.map((e) => e.field), ['region', 'postal_code']);
    assert.deepEqual(await addressOf(token, moved.id), moved, 'unchanged');

    // And on a payment method's billing address: a state that is not one is refused there too.
    const card = { number: '4242424242424242', exp_month: 12, exp_year: 2040, cvc: '123' };
    const method = await call('/payment-methods', { method: 'POST', token, key: randomUUID(), json: { type: 'card', card, billing_address: { ...US, region: 'Oregano' } } });
    const methodProblem = await expectProblem(method, 422, 'validation_failed', 'billing_address.region');
    assert.equal(methodProblem.errors?.[0].code, 'invalid_value');
  });

  test('addresses: malformed bodies are 400s naming the field (schema of the billing address, uses once each, unknown fields)', async () => {
    const token = await tokenFor('kwd');
    const bad = async (json: Record<string, unknown>, field: string) => expectProblem(await create(token, { ...US, uses: ['shipping'], ...json }), 400, 'validation_failed', field);
    await bad({ line1: '' }, 'line1');
    await bad({ country: 'us' }, 'country');
    await bad({ uses: [] }, 'uses');
    await bad({ uses: ['billing', 'billing'] }, 'uses');
    await bad({ uses: ['office'] }, 'uses.0');
    await bad({ default_for: ['office'] }, 'default_for.0');
    await bad({ phone: '555' }, 'phone');
    await expectProblem(await patch(token, 'adr_kwd_head_office', { uses: [] }), 400, 'validation_failed', 'uses');
    await expectProblem(await patch(token, 'adr_kwd_head_office', { line1: null }), 400, 'validation_failed', 'line1');
    await expectProblem(await remove(token, 'adr_kwd_head_office', ''), 400, 'validation_failed', 'replacement');
  });

  test('addresses: the first address of a use becomes its default; default_for on POST takes the default over; only its own uses', async () => {
    const token = await tokenFor('empty');
    assert.deepEqual(await book(token), []);
    const first = await created(token, { ...US, uses: ['shipping'] });
    assert.deepEqual(first.default_for, ['shipping']);
    const second = await created(token, { ...US, line1: '2 Main Street', uses: ['shipping'] });
    assert.deepEqual(second.default_for, []);
    const both = await created(token, { ...US, line1: '3 Main Street', uses: ['shipping', 'billing'], default_for: ['shipping'] });
    assert.deepEqual([both.uses, both.default_for], [['billing', 'shipping'], ['billing', 'shipping']]);
    assert.deepEqual(await defaults(token), { shipping: both.id, billing: both.id });
    assert.deepEqual((await addressOf(token, first.id))?.default_for, []);
    assert.notEqual((await addressOf(token, first.id))?.updated_at, first.updated_at, 'giving up a default changes it');
    const problem = await expectProblem(await create(token, { ...US, uses: ['shipping'], default_for: ['billing'] }), 422, 'validation_failed', 'default_for');
    assert.equal(problem.errors?.[0].code, 'not_a_use');
  });

  test('addresses: PATCH default_for moves the default from the other address in one write; fields change; an empty patch changes nothing', async () => {
    const token = await tokenFor('typical');
    const before = await book(token);
    const moved = await ok(await patch(token, 'adr_typical_east', { default_for: ['shipping'] }), SavedAddress);
    assert.deepEqual(moved.default_for, ['shipping']);
    assert.ok(moved.updated_at > before.find((a) => a.id === 'adr_typical_east')!.updated_at);
    const warehouse = (await addressOf(token, 'adr_typical_warehouse'))!;
    assert.deepEqual(warehouse.default_for, []);
    assert.equal(warehouse.updated_at, moved.updated_at, 'both in one write');
    assert.deepEqual(await defaults(token), { billing: 'adr_typical_billing', shipping: 'adr_typical_east', residential: 'adr_typical_home' });

    const renamed = await ok(await patch(token, 'adr_typical_east', { name: 'East office', line2: null, postal_code: '10001' }), SavedAddress);
    assert.deepEqual([renamed.name, renamed.line2, renamed.postal_code, renamed.line1, renamed.region], ['East office', null, '10001', '350 Fifth Avenue', 'NY']);
    assert.deepEqual(await ok(await patch(token, 'adr_typical_east', {}), SavedAddress), renamed);
    // Made the default of a use it already defaults: nothing moves.
    assert.deepEqual(await ok(await patch(token, 'adr_typical_east', { default_for: ['shipping'] }), SavedAddress), renamed);
    await expectProblem(await patch(token, 'adr_typical_east', { default_for: ['billing'] }), 422, 'validation_failed', 'default_for');
  });

  test('addresses: removing the use an address is the default of, while others have it, is a 409 naming the uses unless a replacement with that use takes over', async () => {
    const token = await tokenFor('typical');
    // Back to the fixture's shipping default, then the warehouse gives up shipping.
    await ok(await patch(token, 'adr_typical_warehouse', { default_for: ['shipping'] }), SavedAddress);
    const problem = await expectProblem(await patch(token, 'adr_typical_warehouse', { uses: ['billing'] }), 409, 'default_needs_replacement');
    assert.deepEqual(problem.uses, ['shipping']);
    for (const replacement of ['adr_typical_home', 'adr_nope', 'adr_typical_warehouse', 'adr_jpy_osaka']) {
      const bad = await expectProblem(await patch(token, 'adr_typical_warehouse', { uses: ['billing'], replacement }), 422, 'invalid_replacement', 'replacement');
      assert.deepEqual(bad.uses, ['shipping'], replacement);
    }
    assert.deepEqual(await defaults(token), { billing: 'adr_typical_billing', shipping: 'adr_typical_warehouse', residential: 'adr_typical_home' }, 'nothing changed');
    const changed = await ok(await patch(token, 'adr_typical_warehouse', { uses: ['billing'], replacement: 'adr_typical_east' }), SavedAddress);
    assert.deepEqual([changed.uses, changed.default_for], [['billing'], []]);
    assert.deepEqual(await defaults(token), { billing: 'adr_typical_billing', shipping: 'adr_typical_east', residential: 'adr_typical_home' });
    // A use added that another address defaults stays theirs; one no address had becomes this one's.
    const widened = await ok(await patch(token, 'adr_typical_warehouse', { uses: ['billing', 'shipping'] }), SavedAddress);
    assert.deepEqual(widened.default_for, []);
    // Removing a default use that no other address has needs no replacement: the use has no default.
    const home = await ok(await patch(token, 'adr_typical_home', { uses: ['shipping'] }), SavedAddress);
    assert.deepEqual([home.uses, home.default_for], [['shipping'], []]);
    assert.deepEqual(await book(token, 'residential'), []);
    const back = await ok(await patch(token, 'adr_typical_home', { uses: ['shipping', 'residential'] }), SavedAddress);
    assert.deepEqual(back.default_for, ['residential'], 'the first residential address again');
  });

  test('addresses: deleting a default is a 409 without a replacement and with one it takes over; the last address of a use may go; the key covers the replacement', async () => {
    const token = await tokenFor('jpy');
    const problem = await expectProblem(await remove(token, 'adr_jpy_head_office'), 409, 'default_needs_replacement');
    assert.deepEqual(problem.uses, ['shipping'], 'billing has no other address: it may go without one');
    const key = randomUUID();
    await expectProblem(await remove(token, 'adr_jpy_head_office', 'adr_nope', key), 422, 'invalid_replacement', 'replacement');
    const res = await remove(token, 'adr_jpy_head_office', 'adr_jpy_osaka', key);
    assert.equal(res.status, 204, 'a refusal kept no outcome: the key is free');
    const replay = await remove(token, 'adr_jpy_head_office', 'adr_jpy_osaka', key);
    assert.deepEqual([replay.status, replay.headers.get('Idempotent-Replayed')], [204, 'true']);
    await expectProblem(await remove(token, 'adr_jpy_head_office', 'adr_jpy_other', key), 422, 'idempotency_key_reused');
    await expectProblem(await remove(token, 'adr_jpy_head_office'), 404, 'not_found');
    assert.deepEqual(await defaults(token), { shipping: 'adr_jpy_osaka' });
    assert.deepEqual(await book(token, 'billing'), [], 'no billing address, no billing default');

    const billing = await created(token, { line1: '梅田3-1-1', city: '大阪市北区', region: '大阪府', postal_code: '530-0001', country: 'JP', uses: ['billing'] });
    assert.deepEqual(billing.default_for, ['billing'], 'the first billing address again');
    assert.equal((await remove(token, 'adr_jpy_osaka')).status, 204, 'the last shipping address');
    assert.deepEqual(await book(token, 'shipping'), []);
    assert.deepEqual(await defaults(token), { billing: billing.id });
  });

  test('addresses: a billing viewer and a basic user read the book but get 403 on every write', async () => {
    for (const token of [await tokenFor('viewer'), await tokenFor('typical', 'basic')]) {
      assert.ok((await book(token)).length > 0);
      await expectProblem(await create(token, { ...US, uses: ['shipping'] }), 403, 'forbidden');
      await expectProblem(await patch(token, 'adr_typical_east', { default_for: ['shipping'] }), 403, 'forbidden');
      await expectProblem(await remove(token, 'adr_typical_east'), 403, 'forbidden');
    }
  });

  test('addresses: another account’s address is a 404 to PATCH and DELETE and no replacement; the list shows only the account’s own', async () => {
    const token = await tokenFor('large');
    const kwd = await tokenFor('kwd');
    const before = await book(kwd);
    await expectProblem(await patch(token, 'adr_kwd_head_office', { name: 'Mine now' }), 404, 'not_found');
    await expectProblem(await remove(token, 'adr_kwd_head_office'), 404, 'not_found');
    // The distribution center is the shipping default, and the POST test added other shipping addresses.
    await expectProblem(await patch(token, 'adr_large_distribution', { uses: ['billing'], replacement: 'adr_kwd_head_office' }), 422, 'invalid_replacement', 'replacement');
    assert.deepEqual(await book(kwd), before);
    assert.ok((await book(token)).every((a) => !a.id.startsWith('adr_kwd_')));
    await expectProblem(await patch(token, 'adr_nope', {}), 404, 'not_found');
  });

  test('addresses: ten addresses made the shipping default at once → all answered, exactly one default', async () => {
    const token = await tokenFor('hostile');
    const made = await Promise.all(Array.from({ length: 10 }, (_, i) => created(token, { ...US, line1: `${i + 10} Race Street`, uses: ['shipping'] })));
    const results = await Promise.all(made.map((a) => patch(token, a.id, { default_for: ['shipping'] }).then((res) => res.status)));
    assert.deepEqual(results, made.map(() => 200));
    const { shipping } = await defaults(token);
    assert.ok(made.some((a) => a.id === shipping));
  });

  test('addresses: payment_methods names the methods whose billing address is the address (case and spaces aside, not the name); they keep their own copy', async () => {
    const token = await tokenFor('kwd');
    const place = { name: 'Link Test', line1: '77 Link Road', line2: 'Unit 5', city: 'Kuwait City', region: null, postal_code: '15463', country: 'KW' };
    const address = await created(token, { ...place, uses: ['shipping'] });
    assert.deepEqual(address.payment_methods, []);
    const card = { number: '5555555555554444', exp_month: 12, exp_year: 2040, cvc: '123' };
    const billing = { ...place, name: 'Someone Else', line1: '77  LINK road ', city: 'kuwait city' };
    const method = await ok(await call('/payment-methods', { method: 'POST', token, key: randomUUID(), json: { type: 'card', card, billing_address: billing } }), PaymentMethod, 201);
    assert.deepEqual((await addressOf(token, address.id))?.payment_methods, [{ id: method.id, label: 'Mastercard •••• 4444' }]);

    const moved = { ...billing, line1: '78 Link Road' };
    await ok(await call(`/payment-methods/${method.id}`, { method: 'PATCH', token, key: randomUUID(), json: { billing_address: moved } }), PaymentMethod);
    assert.deepEqual((await addressOf(token, address.id))?.payment_methods, []);
    await ok(await call(`/payment-methods/${method.id}`, { method: 'PATCH', token, key: randomUUID(), json: { billing_address: billing } }), PaymentMethod);
    // Editing the address changes no method: the link follows the places.
    const edited = await ok(await patch(token, address.id, { line2: 'Unit 6' }), SavedAddress);
    assert.deepEqual(edited.payment_methods, []);
    const methods = (await ok(await call('/payment-methods', { token }), PaymentMethodList)).data;
    assert.deepEqual(methods.find((m) => m.id === method.id)?.billing_address, billing);
    await ok(await patch(token, address.id, { line2: 'Unit 5' }), SavedAddress);
    assert.deepEqual((await addressOf(token, address.id))?.payment_methods.map((m) => m.id), [method.id]);
    assert.equal((await remove(token, address.id)).status, 204);
    assert.deepEqual((await ok(await call('/payment-methods', { token }), PaymentMethodList)).data.find((m) => m.id === method.id)?.billing_address, billing, 'the method keeps its copy');
    assert.equal((await call(`/payment-methods/${method.id}`, { method: 'DELETE', token, key: randomUUID() })).status, 204);
  });
}

/// <reference types="node" />
/**
 * R18: malformed input never produces a 500. Property-generated queries, path ids, bodies and
 * Authorization headers against one PGlite server: every answer is 2xx or 4xx, and every 4xx is a
 * problem+json whose request_id is the Request-Id header and whose validation errors name a field
 * the client actually sent (or a required one it left out).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { connect } from 'node:net';
import fc from 'fast-check';
import { InvoiceDetail, InvoicePage, Payment, PaymentPage } from '../../src/api/schemas/index.js';
import { SavedAddressPage } from '../../src/api/schemas/address.js';
import { startServer, type RunningServer } from '../../server/index.js';
import { demoToken, expectProblemResponse } from './http-checks.js';

const RUNS = 250;
const TYPICAL_METHODS = ['pm_acct_typical_visa', 'pm_acct_typical_bank', 'pm_acct_typical_mc'];
const PRINTABLE_ASCII = Array.from({ length: 0x7e - 0x20 + 1 }, (_, i) => String.fromCharCode(0x20 + i));
const BASE64URL = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'];

describe('malformed input → 2xx or 4xx problem+json, never 5xx (R18)', () => {
  let server: RunningServer;
  let token: string;
  const serverErrors: string[] = [];
  const originalConsoleError = console.error;

  before(async () => {
    server = await startServer({ port: 0, secret: 'malformed-input-secret', demoTokens: true, rateLimits: false, hostedFieldsPort: 0 });
    token = await demoToken(server.url, { account: 'typical' });
    // A 500 logs a line; collect them so a failure shows the server's own account of it.
    console.error = (...args: unknown[]) => void serverErrors.push(args.map(String).join(' '));
  });
  after(async () => {
    console.error = originalConsoleError;
    await server?.close();
  });

  /**
   * The common property: no 5xx; 4xx → a valid problem; a 400 names fields, each of which is in `allowedFields`
   * (one error per unknown key: generated keys such as ", " made a joined list ambiguous).
   */
  async function expectClientOutcome(res: Response, where: string, allowedFields: Set<string>) {
    assert.ok(res.status < 500, `${where}: ${res.status} ${await res.clone().text()} ${serverErrors.at(-1) ?? ''}`);
    assert.ok(res.status >= 200, `${where}: ${res.status}`);
    if (res.status < 400) return;
    const problem = await expectProblemResponse(res, where);
    if (res.status !== 400) return;
    const fields = (problem.errors ?? []).map((e) => e.field);
    assert.ok(fields.length > 0 || allowedFields.size === 0, `${where}: a 400 names its field: ${JSON.stringify(problem)}`);
    for (const field of fields) {
      // A nested field (`card.number`, `invoice_ids.0`) is named under a top-level field the client sent.
      const named = allowedFields.has(field) || allowedFields.has(field.split('.')[0]);
      assert.ok(named, `${where}: field ${JSON.stringify(field)} is not one of ${JSON.stringify([...allowedFields])}`);
    }
    for (const field of fields) assert.ok(problem.detail?.includes(field), `${where}: detail mentions ${field}`);
  }

  const get = (path: string, authorization = `Bearer ${token}`) => fetch(server.url + path, { headers: { Authorization: authorization } });

  /** Query values: unicode, lone surrogates, huge / negative / fractional numbers, empty, long. */
  const queryValue = fc.oneof(
    fc.constantFrom('', 'all', 'open', 'paid', 'ALL', ' open', '0', '1', '100', '101', '-1', '1.5', '1e2', '0x10', '010', 'NaN', 'Infinity'),
    fc.string(),
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.string({ unit: 'binary', maxLength: 20 }),
    fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map(String),
    fc.double().map(String),
    fc.integer().map(String),
    fc.string({ unit: fc.constantFrom(...BASE64URL, '.'), minLength: 1, maxLength: 700 }),
  );
  const queryName = fc.oneof(fc.constantFrom('status', 'limit', 'cursor'), fc.constantFrom('status', 'limit', 'cursor'), fc.string({ maxLength: 10 }));

  test('GET /api/invoices with generated query strings', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          // Well-formed encoding of random pairs (repeats allowed).
          fc.array(fc.tuple(queryName, queryValue), { maxLength: 5 }).map((pairs) => new URLSearchParams(pairs).toString()),
          // Raw query text: stray %, broken escapes, NUL, separators.
          fc
            .array(fc.constantFrom('%', '%0', '%00', '%zz', '%E2%82', '%C3%A9', '&', '=', '+', ';', 'limit', 'status', 'cursor', 'open', '1', 'é', '.', '[]'), { maxLength: 12 })
            .map((parts) => parts.join('')),
        ),
        async (search) => {
          const res = await get(`/api/invoices?${search}`);
          // The names the server sees, decoded as it decodes them.
          const names = new Set(new URL(`${server.url}/api/invoices?${search}`).searchParams.keys());
          await expectClientOutcome(res, `GET /api/invoices?${search}`, names);
          if (res.status === 200) InvoicePage.parse(await res.json());
        },
      ),
      { numRuns: RUNS },
    );
  });

  test('GET /api/invoices/{id} with generated path segments', async () => {
    const rawPieces = fc.constantFrom('%', '%2e', '%2E%2e', '..', '.', '%2F', '%5C', '%00', '%ZZ', '%C3', '%ED%A0%80', 'a', 'in_', 'é', '~', ';', '@', ':', '+', '%20', '\\');
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ unit: 'grapheme', minLength: 1, maxLength: 250 }).map(encodeURIComponent),
          fc.array(rawPieces, { minLength: 1, maxLength: 20 }).map((parts) => parts.join('')),
          fc.integer({ min: 190, max: 4000 }).map((n) => 'x'.repeat(n)),
          fc.constantFrom('in_1_000039', 'in_nope', 'in_2_000001', '%00', 'a%00b'),
        ),
        async (segment) => {
          const res = await get(`/api/invoices/${segment}`);
          await expectClientOutcome(res, `GET /api/invoices/${segment.slice(0, 80)}`, new Set(['id']));
          if (res.status === 200) InvoiceDetail.parse(await res.json());
        },
      ),
      { numRuns: RUNS },
    );
  });

  const anyField = fc.oneof(
    fc.constantFrom('typical', 'jpy', 'kwd', 'empty', 'admin', 'billing_viewer', 'basic', '__proto__', 'constructor', '', 'typ\u0000ical', '\u0000'),
    fc.string(),
    fc.string({ unit: 'binary', maxLength: 20 }),
    fc.string({ minLength: 190, maxLength: 400 }),
    fc.integer(),
    fc.integer({ min: -100_000, max: 200_000 }),
    fc.double(),
    fc.constantFrom(0, -1, 1.5, 86_400, 86_401, Number.MAX_SAFE_INTEGER, 1e300),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
  );

  test('POST /api/demo/token with generated bodies and content types', async () => {
    const body = fc.oneof(
      // Objects near the schema: any subset of the known fields, each of any type, plus unknown fields.
      fc
        .tuple(
          fc.record({ account: anyField, role: anyField, ttl_seconds: anyField }, { requiredKeys: [] }),
          fc.dictionary(fc.string({ maxLength: 8 }), anyField, { maxKeys: 2 }),
        )
        .map(([known, extra]) => JSON.stringify({ ...extra, ...known })),
      // Only the account, so a bad value reaches the database lookup rather than failing on another field.
      anyField.map((account) => JSON.stringify({ account })),
      fc.jsonValue().map((value) => JSON.stringify(value) ?? 'null'),
      fc.string(),
      fc.constantFrom('', '{', '{"account":', '{"account":"typical",}', "{'account':'typical'}", '[]', 'null', '"typical"', '{"account":"typical","ttl_seconds":1e400}'),
      fc.integer({ min: 16 * 1024 - 20, max: 40_000 }).map((n) => JSON.stringify({ account: 'x'.repeat(n) })),
    );
    const contentType = fc.oneof(
      { weight: 4, arbitrary: fc.constant('application/json') },
      { weight: 1, arbitrary: fc.constantFrom('application/json; charset=utf-8', 'APPLICATION/JSON', 'text/plain', 'application/x-www-form-urlencoded', 'application/jsonx', 'multipart/form-data', 'application/problem+json') },
    );
    await fc.assert(
      fc.asyncProperty(body, contentType, async (text, type) => {
        const res = await fetch(`${server.url}/api/demo/token`, { method: 'POST', headers: { 'Content-Type': type }, body: text });
        let keys: string[] = [];
        try {
          const parsed: unknown = JSON.parse(text);
          if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) keys = Object.keys(parsed);
        } catch {
          // Not JSON: the problem names `body`.
        }
        await expectClientOutcome(res, `POST /api/demo/token ${type} ${text.slice(0, 120)}`, new Set(['body', 'account', 'role', 'ttl_seconds', ...keys]));
        if (res.status < 300) assert.equal(res.status, 201);
      }),
      { numRuns: RUNS },
    );
  });

  /** The top-level keys of a JSON text (what a 400 may name), or none when it is not a JSON object. */
  const jsonKeys = (text: string): string[] => {
    try {
      const parsed: unknown = JSON.parse(text);
      return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? Object.keys(parsed) : [];
    } catch {
      return [];
    }
  };
  /** Objects near a schema: any subset of `fields` with generated values, plus unknown fields; or any JSON; or text. */
  const nearBody = (fields: Record<string, fc.Arbitrary<unknown>>, plausible?: fc.Arbitrary<object>) =>
    fc.oneof(
      // Well-formed requests with plausible values, so that many reach the database and the gateway.
      { weight: plausible ? 6 : 0, arbitrary: (plausible ?? fc.constant({})).map((value) => JSON.stringify(value)) },
      { weight: 5, arbitrary: fc.tuple(fc.record(fields, { requiredKeys: [] }), fc.dictionary(fc.string({ maxLength: 8 }), anyField, { maxKeys: 2 })).map(([known, extra]) => JSON.stringify({ ...extra, ...known })) },
      { weight: 2, arbitrary: fc.record(fields).map((known) => JSON.stringify(known)) },
      { weight: 1, arbitrary: fc.jsonValue().map((value) => JSON.stringify(value) ?? 'null') },
      { weight: 1, arbitrary: fc.constantFrom('', '{', '[]', 'null', '{"a":1,}', '\u0000') },
    );
  const idLike = fc.oneof(fc.constantFrom('in_1_000039', 'in_1_000038', 'in_1_000001', 'pm_acct_typical_visa', 'pm_acct_typical_bank', 'pm_acct_typical_mc', 'pm_acct_large_visa', 'x\u0000'), anyField);
  const money = fc.oneof(fc.record({ amount: anyField, currency: fc.oneof(fc.constantFrom('USD', 'EUR', 'usd', ''), anyField) }, { requiredKeys: [] }), anyField);
  const idempotencyKey = fc.oneof(
    { weight: 4, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...PRINTABLE_ASCII), maxLength: 300 }) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
  const contentType = fc.oneof({ weight: 6, arbitrary: fc.constant('application/json') }, { weight: 1, arbitrary: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded') });

  /** A generated write: no 5xx, a problem for 4xx, 400s name fields the client sent. */
  async function writeProperty(method: string, path: fc.Arbitrary<string>, body: fc.Arbitrary<string>, known: string[], pathFields: string[] = []) {
    await fc.assert(
      fc.asyncProperty(path, body, idempotencyKey, contentType, async (target, text, key, type) => {
        const headers: Record<string, string> = { Authorization: `Bearer ${token}`, 'Content-Type': type };
        if (key !== undefined) headers['Idempotency-Key'] = key;
        const res = await fetch(`${server.url}${target}`, { method, headers, body: method === 'DELETE' ? undefined : text });
        await expectClientOutcome(res, `${method} ${target} ${text.slice(0, 160)} key=${key}`, new Set(['body', 'Idempotency-Key', ...known, ...pathFields, ...jsonKeys(text)]));
      }),
      { numRuns: RUNS },
    );
  }
  const methodPath = fc
    .oneof(fc.constantFrom(...TYPICAL_METHODS, ...TYPICAL_METHODS, 'pm_nope', '%00', 'x'.repeat(201)), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).map(encodeURIComponent))
    .map((id) => `/api/payment-methods/${id}`);

  test('POST /api/payments with generated bodies and keys', async () => {
    await writeProperty(
      'POST',
      fc.constant('/api/payments'),
      nearBody(
        { invoice_ids: fc.oneof(fc.array(idLike, { maxLength: 4 }), anyField), payment_method_id: idLike, amount: money },
        fc.record(
          {
            invoice_ids: fc.subarray(['in_1_000039', 'in_1_000038', 'in_1_000037', 'in_1_000036', 'in_1_000035', 'in_nope', 'in_3_000001'], { minLength: 1 }),
            payment_method_id: fc.constantFrom(...TYPICAL_METHODS, 'pm_nope', 'pm_acct_large_visa'),
            amount: fc.record({ amount: fc.integer({ min: -1000, max: 2_000_000 }), currency: fc.constantFrom('USD', 'USD', 'EUR') }),
          },
          { requiredKeys: ['invoice_ids', 'payment_method_id'] },
        ),
      ),
      ['invoice_ids', 'payment_method_id', 'amount'],
    );
  });

  test('POST /api/payment-methods with generated cards, tokens, bank accounts and addresses', async () => {
    const digits = fc.oneof(fc.constantFrom('4242424242424242', '4000000000000002', '378282246310005', '4242424242424241', '110000000', '000123456789', '123'), anyField);
    const card = fc.oneof(fc.record({ number: digits, exp_month: anyField, exp_year: fc.oneof(fc.constantFrom(2020, 2040, 2200, 2201), anyField), cvc: digits }, { requiredKeys: [] }), anyField);
    const bank = fc.oneof(
      fc.record({ account_holder_name: anyField, routing_number: digits, account_number: digits, account_type: fc.oneof(fc.constantFrom('checking', 'savings'), anyField) }, { requiredKeys: [] }),
      anyField,
    );
    const validAddress = fc.record({ line1: fc.string({ minLength: 1, maxLength: 30 }), city: fc.string({ minLength: 1, maxLength: 30 }), country: fc.constantFrom('US', 'DE') });
    const plausible = fc.oneof(
      fc.record(
        {
          type: fc.constant('card'),
          card: fc.record({
            number: fc.constantFrom('4242424242424242', '4000000000000002', '4000000000009995', '5555555555554444', '4242424242424241'),
            exp_month: fc.integer({ min: 1, max: 12 }),
            exp_year: fc.integer({ min: 2015, max: 2060 }),
            cvc: fc.constantFrom('123', '1234'),
          }),
          billing_address: fc.option(validAddress),
          set_default: fc.boolean(),
        },
        { requiredKeys: ['type', 'card'] },
      ),
      fc.record({ type: fc.constant('card'), token: fc.constantFrom('tok_nope', 'tok_', 'x'.repeat(500)) }),
      fc.record(
        {
          type: fc.constant('bank_account'),
          bank_account: fc.record({
            account_holder_name: fc.string({ minLength: 1, maxLength: 20 }),
            routing_number: fc.constantFrom('110000000', '110000001', '021000021'),
            account_number: fc.constantFrom('000123456789', '000111111116', '1234'),
            account_type: fc.constantFrom('checking', 'savings'),
          }),
          mandate_accepted: fc.boolean(),
        },
        { requiredKeys: ['type', 'bank_account'] },
      ),
    );
    const address = fc.oneof(fc.record({ line1: anyField, city: anyField, country: fc.oneof(fc.constantFrom('US', 'DE', 'us'), anyField), name: anyField }, { requiredKeys: [] }), anyField);
    await writeProperty(
      'POST',
      fc.constant('/api/payment-methods'),
      nearBody({
        type: fc.oneof(fc.constantFrom('card', 'bank_account', 'wallet'), anyField),
        token: fc.oneof(fc.constantFrom('tok_nope', 'tok_\u0000'), anyField),
        card,
        bank_account: bank,
        mandate_accepted: anyField,
        billing_address: address,
        set_default: anyField,
      }, plausible),
      ['type', 'token', 'card', 'bank_account', 'mandate_accepted', 'billing_address', 'set_default'],
    );
  });

  test('PATCH and DELETE /api/payment-methods/{id}, PATCH /api/account/autopay with generated ids and bodies', async () => {
    const patch = { is_default: anyField, billing_address: anyField, exp_month: anyField, exp_year: anyField };
    const plausiblePatch = fc.oneof(
      fc.constant({ is_default: true }),
      fc.record({ billing_address: fc.option(fc.record({ line1: fc.constant('1 Main St'), city: fc.constant('Springfield'), country: fc.constant('US') })) }),
      fc.record({ exp_month: fc.integer({ min: 1, max: 12 }), exp_year: fc.integer({ min: 2000, max: 2200 }) }, { requiredKeys: [] }),
    );
    await writeProperty('PATCH', methodPath, nearBody(patch, plausiblePatch), Object.keys(patch), ['id']);
    await writeProperty('DELETE', methodPath, fc.constant(''), [], ['id']);
    const plausibleAutopay = fc.record({ enabled: fc.boolean(), payment_method_id: fc.option(fc.constantFrom(...TYPICAL_METHODS, 'pm_nope')) }, { requiredKeys: ['enabled'] });
    await writeProperty('PATCH', fc.constant('/api/account/autopay'), nearBody({ enabled: anyField, payment_method_id: idLike }, plausibleAutopay), ['enabled', 'payment_method_id']);
  });

  test('the address book: GET /api/addresses queries, POST /api/addresses, PATCH and DELETE /api/addresses/{id} with generated ids, bodies and replacements', async () => {
    const ADDRESSES = ['adr_typical_billing', 'adr_typical_warehouse', 'adr_typical_home', 'adr_typical_east'];
    const DELETE_QUERY_NAMES = ['replacement', 'use', 'x', ''];
    const uses = fc.oneof(fc.subarray(['billing', 'shipping', 'residential']), fc.array(fc.constantFrom('billing', 'shipping', 'office', 'BILLING'), { maxLength: 4 }), anyField);
    const place = {
      name: anyField,
      line1: fc.oneof(fc.string({ maxLength: 30 }), anyField),
      line2: anyField,
      city: fc.oneof(fc.string({ maxLength: 30 }), anyField),
      region: fc.oneof(fc.constantFrom('OR', 'oregon', 'Oregano', '東京都', 'Tokyo', 'QC', ''), anyField),
      postal_code: fc.oneof(fc.constantFrom('97201', '9720', '100-0005', 'H3Z 2Y7', ''), anyField),
      country: fc.oneof(fc.constantFrom('US', 'JP', 'CA', 'KW', 'us', 'XX'), anyField),
    };
    const plausiblePlace = fc.record(
      {
        line1: fc.string({ minLength: 1, maxLength: 30 }),
        city: fc.string({ minLength: 1, maxLength: 30 }),
        region: fc.constantFrom('OR', 'Oregano', 'Tokyo', 'QC'),
        postal_code: fc.constantFrom('97201', '9720', '100-0005', 'H3Z 2Y7'),
        country: fc.constantFrom('US', 'JP', 'CA', 'KW'),
        uses: fc.subarray(['billing', 'shipping', 'residential'], { minLength: 1 }),
        default_for: fc.subarray(['billing', 'shipping', 'residential']),
      },
      { requiredKeys: ['line1', 'city', 'country', 'uses'] },
    );
    const replacement = fc.oneof(fc.constantFrom(...ADDRESSES, 'adr_nope', 'adr_jpy_osaka'), anyField);
    await writeProperty('POST', fc.constant('/api/addresses'), nearBody({ ...place, uses, default_for: uses }, plausiblePlace), [...Object.keys(place), 'uses', 'default_for']);

    const id = fc.oneof(fc.constantFrom(...ADDRESSES, ...ADDRESSES, 'adr_nope', 'adr_jpy_osaka', '%00', 'x'.repeat(201)), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).map(encodeURIComponent));
    const plausiblePatch = fc.record(
      { uses: fc.subarray(['billing', 'shipping', 'residential'], { minLength: 1 }), default_for: fc.subarray(['billing', 'shipping', 'residential']), replacement: fc.constantFrom(...ADDRESSES, 'adr_nope'), postal_code: fc.constantFrom('97201', '9720') },
      { requiredKeys: [] },
    );
    await writeProperty('PATCH', id.map((a) => `/api/addresses/${a}`), nearBody({ ...place, uses, default_for: uses, replacement }, plausiblePatch), [...Object.keys(place), 'uses', 'default_for', 'replacement'], ['id']);
    const query = fc.oneof(
      fc.constant(''),
      fc.constantFrom(...ADDRESSES, 'adr_nope', '').map((r) => `?replacement=${r}`),
      // Known names only (a 400 names them): the other generated queries cover unknown ones.
      fc.array(fc.tuple(fc.constantFrom(...DELETE_QUERY_NAMES), queryValue), { maxLength: 3 }).map((pairs) => `?${new URLSearchParams(pairs)}`),
    );
    await writeProperty('DELETE', fc.tuple(id, query).map(([a, q]) => `/api/addresses/${a}${q}`), fc.constant(''), [], ['id', ...DELETE_QUERY_NAMES]);

    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.oneof(fc.constantFrom('use', 'limit', 'cursor'), fc.string({ maxLength: 8 })), fc.oneof(fc.constantFrom('billing', 'shipping', 'residential', 'office'), queryValue)), { maxLength: 4 }).map((pairs) => new URLSearchParams(pairs).toString()),
        async (search) => {
          const res = await get(`/api/addresses?${search}`);
          await expectClientOutcome(res, `GET /api/addresses?${search}`, new Set(new URL(`${server.url}/api/addresses?${search}`).searchParams.keys()));
          if (res.status === 200) SavedAddressPage.parse(await res.json());
        },
      ),
      { numRuns: RUNS },
    );
  });

  test('GET /api/payments and /api/payments/{id} with generated queries and ids', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.oneof(fc.constantFrom('limit', 'cursor'), fc.string({ maxLength: 8 })), queryValue), { maxLength: 4 }).map((pairs) => new URLSearchParams(pairs).toString()),
        fc.oneof(fc.constantFrom('py_1_000035', 'py_nope', '%00', 'x'.repeat(300)), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }).map(encodeURIComponent)),
        async (search, id) => {
          const list = await get(`/api/payments?${search}`);
          await expectClientOutcome(list, `GET /api/payments?${search}`, new Set(new URL(`${server.url}/api/payments?${search}`).searchParams.keys()));
          if (list.status === 200) PaymentPage.parse(await list.json());
          const one = await get(`/api/payments/${id}`);
          await expectClientOutcome(one, `GET /api/payments/${id.slice(0, 80)}`, new Set(['id']));
          if (one.status === 200) Payment.parse(await one.json());
        },
      ),
      { numRuns: RUNS },
    );
  });

  test('POST /tokens of the hosted fields with generated cards', async () => {
    const tokens = new URL('/tokens', server.hostedFieldsUrl);
    const text = fc.oneof(fc.constantFrom('4242424242424242', '4242 4242 4242 4242', '378282246310005', '', '123', '1234', '４２４２'), fc.string({ maxLength: 30 }), anyField);
    const plausible = fc.record({
      number: fc.constantFrom('4242424242424242', '4242 4242 4242 4242', '378282246310005', '4242424242424241'),
      exp_month: fc.integer({ min: 0, max: 13 }),
      exp_year: fc.integer({ min: 2020, max: 2060 }),
      cvc: fc.constantFrom('123', '1234', '12'),
    });
    await fc.assert(
      fc.asyncProperty(nearBody({ number: text, exp_month: anyField, exp_year: fc.oneof(fc.constantFrom(2030, 2040, 2050, 99999), anyField), cvc: text }, plausible), contentType, async (body, type) => {
        const res = await fetch(tokens, { method: 'POST', headers: { 'Content-Type': type }, body });
        await expectClientOutcome(res, `POST /tokens ${body.slice(0, 160)}`, new Set(['body', 'number', 'exp_month', 'exp_year', 'cvc', ...jsonKeys(body)]));
        if (res.status < 300) assert.match(((await res.json()) as { token: string }).token, /^tok_/);
      }),
      { numRuns: RUNS },
    );
  });

  test('Authorization: garbage, truncated and tampered tokens → 401 problem+json', async () => {
    const tamper = fc.tuple(fc.nat(), fc.constantFrom(...BASE64URL, '.')).map(([at, char]) => {
      const i = at % token.length;
      return token.slice(0, i) + char + token.slice(i + 1);
    });
    const authorization = fc.oneof(
      fc.string({ unit: fc.constantFrom(...PRINTABLE_ASCII), maxLength: 200 }),
      fc.string({ unit: fc.constantFrom(...PRINTABLE_ASCII), maxLength: 200 }).map((s) => `Bearer ${s}`),
      fc.string({ unit: fc.constantFrom(...BASE64URL, '.'), maxLength: 3000 }).map((s) => `Bearer ${s}`),
      fc.nat({ max: token.length - 1 }).map((n) => `Bearer ${token.slice(0, n)}`),
      tamper.map((t) => `Bearer ${t}`),
      fc.constantFrom(`bearer ${token}`, `Bearer  ${token}`, `Basic ${token}`, `Bearer ${token}.x`, `Bearer ${token}${token}`, 'Bearer', 'Bearer .', `Token ${token}`),
    );
    await fc.assert(
      fc.asyncProperty(authorization, fc.constantFrom('/api/account', '/api/invoices', '/api/invoices/in_1_000039', '/api/payments', '/api/payment-methods'), async (header, path) => {
        const res = await get(path, header);
        await expectClientOutcome(res, `${path} Authorization: ${header.slice(0, 120)}`, new Set());
        // Only the token itself passes (a tamper may put back the character it replaced).
        if (res.status !== 200) {
          assert.equal(res.status, 401, header);
          assert.match(res.headers.get('WWW-Authenticate') ?? '', /^Bearer/);
        }
      }),
      { numRuns: RUNS },
    );
  });

  test('NUL in an id or a body field is a 400 naming the field (PostgreSQL text cannot hold it)', async () => {
    const res = await get('/api/invoices/in%00x');
    await expectClientOutcome(res, 'GET /api/invoices/in%00x', new Set(['id']));
    assert.equal(res.status, 400);
    const post = await fetch(`${server.url}/api/demo/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"account":"typ\\u0000ical"}' });
    await expectClientOutcome(post, 'POST /api/demo/token NUL', new Set(['account']));
    assert.equal(post.status, 400);
  });

  test('a request the HTTP parser refuses (malformed header, huge headers) → problem+json 400 / 431 with a Request-Id', async () => {
    const { port, hostname } = new URL(server.url);
    const raw = (request: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = connect({ port: Number(port), host: hostname }, () => socket.end(request));
        let answer = '';
        socket.on('data', (chunk) => (answer += chunk));
        socket.on('end', () => resolve(answer));
        socket.on('error', reject);
      });
    const cases: Array<[string, number]> = [
      ['GET /api/account HTTP/1.1\r\nHost: x\r\nNot a header\r\n\r\n', 400],
      ['GET /api/account HTTP/1.1\r\nHost: x\r\nX-\u0001: y\r\n\r\n', 400],
      [`GET /api/account HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431],
    ];
    for (const [request, status] of cases) {
      const answer = await raw(request);
      const [head, body] = answer.split('\r\n\r\n');
      assert.match(head, new RegExp(`^HTTP/1.1 ${status} `), JSON.stringify(answer.slice(0, 200)));
      assert.match(head, /\r\nContent-Type: application\/problem\+json\r\n/i);
      const requestId = /\r\nRequest-Id: ([\w-]+)/i.exec(head)?.[1];
      const problem = JSON.parse(body) as { status: number; request_id: string; code: string };
      assert.deepEqual([problem.status, problem.request_id], [status, requestId]);
    }
  });
});

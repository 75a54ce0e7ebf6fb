/// <reference types="node" />
/**
 * R18: malformed input never produces a 500. Property-generated queries, path ids, bodies and
 * Authorization headers against one PGlite server: every answer is 2xx or 4xx, and every 4xx is a
 * problem+json whose request_id is the Request-Id header and whose validation errors name a field
 * the client actually sent (or a required one it left out).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { InvoiceDetail, InvoicePage } from '../../src/api/schemas/index.js';
import { startServer, type RunningServer } from '../../server/index.js';
import { demoToken, expectProblemResponse } from './http-checks.js';

const RUNS = 250;
const PRINTABLE_ASCII = Array.from({ length: 0x7e - 0x20 + 1 }, (_, i) => String.fromCharCode(0x20 + i));
const BASE64URL = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'];

describe('malformed input → 2xx or 4xx problem+json, never 5xx (R18)', () => {
  let server: RunningServer;
  let token: string;
  const serverErrors: string[] = [];
  const originalConsoleError = console.error;

  before(async () => {
    server = await startServer({ port: 0, secret: 'malformed-input-secret' });
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
   * (split on ', ' for several unknown keys at once).
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
      const named = allowedFields.has(field) || field.split(', ').every((part) => allowedFields.has(part));
      assert.ok(named, `${where}: field ${JSON.stringify(field)} is not one of ${JSON.stringify([...allowedFields])}`);
    }
    for (const field of fields) assert.ok(problem.detail?.includes(field.split(', ')[0]), `${where}: detail mentions ${field}`);
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
      fc.asyncProperty(authorization, fc.constantFrom('/api/account', '/api/invoices', '/api/invoices/in_1_000039'), async (header, path) => {
        const res = await get(path, header);
        await expectClientOutcome(res, `${path} Authorization: ${header.slice(0, 120)}`, new Set());
        // A changed padding bit can leave the signature's bytes intact; anything else is refused.
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
});

/// <reference types="node" />
/**
 * Server faults: a failure inside a handler answers 500 problem+json with a request id, the same id in
 * `Request-Id`, and exactly one stderr line carrying that id and no token. The database is really
 * closed underneath a running app (PGlite), and an element-side HttpAccountApi sees the id as
 * ApiError.requestId.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { serve } from '@hono/node-server';
import { ApiError } from '../../src/api/errors.js';
import { HttpAccountApi } from '../../src/api/http-api.js';
import { createApp } from '../../server/app.js';
import { migrate, openPglite, type Database } from '../../server/db.js';
import { seed } from '../../server/seed.js';
import { issueToken } from '../../server/tokens.js';
import { expectProblemResponse } from './http-checks.js';

const SECRET = 'faults-secret';

/** Runs `fn` with stderr captured; returns what was written to it. */
async function captureStderr<T>(fn: () => Promise<T>): Promise<{ result: T; lines: string[] }> {
  const original = process.stderr.write;
  let written = '';
  process.stderr.write = ((chunk: string | Uint8Array) => {
    written += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
    return true;
  }) as typeof process.stderr.write;
  try {
    const result = await fn();
    return { result, lines: written.split('\n').filter(Boolean) };
  } finally {
    process.stderr.write = original;
  }
}

describe('server faults → 500 problem+json, logged once under the Request-Id', () => {
  let db: Database;
  let url: string;
  let close: () => Promise<void>;
  let token: string;

  before(async () => {
    db = await openPglite();
    await migrate(db);
    await seed(db);
    const app = createApp({ db, secret: SECRET, demoTokens: true });
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => new Promise((resolve) => server.close(() => resolve()));
    token = issueToken(SECRET, { account_id: 'acct_typical', user: 'usr_typical_admin', role: 'admin' }, 600).token;
    // Healthy first: the faults below come from the closed database, not from the setup.
    assert.equal((await fetch(`${url}/api/account`, { headers: { Authorization: `Bearer ${token}` } })).status, 200);
    await db.close();
  });
  after(() => close?.());

  for (const [method, path, body] of [
    ['GET', '/api/account', undefined],
    ['GET', '/api/invoices?status=open&limit=5', undefined],
    ['GET', '/api/invoices/in_1_000039', undefined],
    ['POST', '/api/demo/token', JSON.stringify({ account: 'typical' })],
    ['GET', '/api/payments', undefined],
    ['GET', '/api/payment-methods', undefined],
    ['POST', '/api/payments', JSON.stringify({ invoice_ids: ['in_1_000039'], payment_method_id: 'pm_acct_typical_visa' })],
    ['DELETE', '/api/payment-methods/pm_acct_typical_mc', undefined],
  ] as const) {
    test(`${method} ${path} with the database gone`, async () => {
      const { result: res, lines } = await captureStderr(() =>
        fetch(url + path, {
          method,
          body,
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': 'faults-key' },
        }),
      );
      assert.equal(res.status, 500);
      const problem = await expectProblemResponse(res, `${method} ${path}`);
      assert.equal(problem.code, 'internal_error');
      assert.doesNotMatch(problem.detail ?? '', /PGlite|closed|SELECT/i, 'no internals in the response');
      const requestId = res.headers.get('Request-Id')!;
      assert.equal(lines.length, 1, `one log line: ${JSON.stringify(lines)}`);
      const [line] = lines;
      assert.ok(line.includes(requestId), `log line carries ${requestId}: ${line}`);
      assert.ok(!line.includes(token) && !line.includes(token.split('.')[1]), 'no token in the log line');
      assert.equal(JSON.parse(line).request_id, requestId);
    });
  }

  test('the element-side client reports the 500 as ApiError(server) with the requestId', async () => {
    const api = new HttpAccountApi({ baseUrl: `${url}/api`, token, retry: { limit: 0 } });
    const { result: error, lines } = await captureStderr(() => api.getAccount().then(() => undefined, (e: unknown) => e));
    assert.ok(error instanceof ApiError, String(error));
    assert.equal(error.kind, 'server');
    assert.equal(error.status, 500);
    assert.ok(error.requestId, 'requestId set');
    assert.equal(error.problem?.request_id, error.requestId);
    assert.equal(lines.length, 1);
    assert.ok(lines[0].includes(error.requestId!), 'the id the element shows is the one in the log');
  });
});

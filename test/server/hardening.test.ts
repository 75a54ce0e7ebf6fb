/// <reference types="node" />
/**
 * The server's answers to what an outside audit tried (issue 9): oversized chunked bodies, strings
 * that cannot be stored, the demo token endpoint, caching and content-type headers, absolute URLs
 * from the Host header, the bearer scheme's case and the token's canonical encoding, rate limits.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { MAX_BODY_BYTES } from '../../server/app.js';
import { startServer, type RunningServer } from '../../server/index.js';
import { demoToken, expectProblemResponse } from './http-checks.js';

describe('server hardening (issue 9)', () => {
  let server: RunningServer;
  let token: string;

  before(async () => {
    server = await startServer({ port: 0, secret: 'hardening-secret', demoTokens: true });
    token = await demoToken(server.url, { account: 'typical' });
  });
  after(() => server?.close());

  const write = (path: string, method: string, body: string) =>
    fetch(server.url + path, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
      body,
    });

  test('a chunked body over the limit is refused while it arrives, not after it was read in full', async () => {
    const { hostname, port } = new URL(server.url);
    const chunk = Buffer.alloc(16 * 1024, 0x20);
    const cap = 64 * 1024 * 1024;
    const outcome = await new Promise<{ status: number; sentWhenAnswered: number }>((resolve, reject) => {
      let sent = 0;
      let answered = false;
      const req = request({ host: hostname, port: Number(port), method: 'POST', path: '/api/demo/token', headers: { 'Content-Type': 'application/json' } });
      req.on('response', (res) => {
        answered = true;
        const sentWhenAnswered = sent;
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, sentWhenAnswered }));
        req.destroy();
      });
      req.on('error', (error) => {
        if (!answered) reject(error);
      });
      // No Content-Length: Node sends the body chunked. Keep writing until the server answers.
      const pump = () => {
        while (!answered && sent < cap) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        if (!answered) req.end();
      };
      req.write('{"account":"');
      pump();
    });
    assert.equal(outcome.status, 413);
    // Socket buffers let some more through before the answer is read; far less than the 64 MiB sent before the fix.
    assert.ok(outcome.sentWhenAnswered < 8 * 1024 * 1024, `answered after ${outcome.sentWhenAnswered} bytes`);
  });

  test('a body whose Content-Length understates it is cut at the limit too', async () => {
    const body = `{"account":"${'x'.repeat(MAX_BODY_BYTES + 10)}"}`;
    const res = await fetch(`${server.url}/api/demo/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    assert.equal(res.status, 413);
    await expectProblemResponse(res, 'POST /demo/token over the limit');
  });

  const address = (field: string, value: string) => ({ line1: '1 Main St', city: 'Springfield', region: 'OR', postal_code: '97477', country: 'US', [field]: value });

  for (const [label, value] of [
    ['a lone high surrogate', '\\ud800'],
    ['a lone low surrogate', 'ab\\udfffcd'],
    ['U+0000', 'a\\u0000b'],
  ]) {
    test(`${label} in a billing address (POST and PATCH /payment-methods) is a 400 naming the field`, async () => {
      const card = { number: '4242424242424242', exp_month: 12, exp_year: 2040, cvc: '123' };
      // The JSON escape reaches the server as written: JSON.stringify would re-escape the backslash.
      const postBody = JSON.stringify({ type: 'card', card, billing_address: address('line1', 'VALUE') }).replace('VALUE', value);
      const post = await write('/api/payment-methods', 'POST', postBody);
      assert.equal(post.status, 400, await post.clone().text());
      const problem = await expectProblemResponse(post, 'POST');
      assert.deepEqual(problem.errors?.map((e) => e.field), ['billing_address.line1']);

      const patchBody = JSON.stringify({ billing_address: address('city', 'VALUE') }).replace('VALUE', value);
      const patch = await write('/api/payment-methods/pm_acct_typical_visa', 'PATCH', patchBody);
      assert.equal(patch.status, 400, await patch.clone().text());
      assert.deepEqual((await expectProblemResponse(patch, 'PATCH')).errors?.map((e) => e.field), ['billing_address.city']);
    });
  }

  test('the bearer scheme is case-insensitive', async () => {
    for (const scheme of ['bearer', 'BEARER', 'Bearer']) {
      const res = await fetch(`${server.url}/api/account`, { headers: { Authorization: `${scheme} ${token}` } });
      assert.equal(res.status, 200, scheme);
    }
  });

  test('a signature spelled with other spare bits in its last character is refused (one canonical encoding)', async () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const [payload, signature] = token.split('.');
    // 32 bytes in 43 characters: the last one carries 4 bits of the MAC and 2 spare bits.
    const last = alphabet.indexOf(signature.at(-1)!);
    const variant = `${payload}.${signature.slice(0, -1)}${alphabet[last ^ 1]}`;
    assert.deepEqual(Buffer.from(variant.split('.')[1], 'base64url'), Buffer.from(signature, 'base64url'), 'the same bytes');
    const res = await fetch(`${server.url}/api/account`, { headers: { Authorization: `Bearer ${variant}` } });
    assert.equal(res.status, 401);
  });

  test('well-formed astral characters (a surrogate pair) are stored as given', async () => {
    const body = JSON.stringify({ billing_address: { ...address('city', 'Zürich 🏔'), name: 'A\u{1F600}' } });
    const res = await write('/api/payment-methods/pm_acct_typical_visa', 'PATCH', body);
    assert.equal(res.status, 200, await res.clone().text());
    const method = (await res.json()) as { billing_address: { city: string; name: string } };
    assert.equal(method.billing_address.city, 'Zürich 🏔');
    assert.equal(method.billing_address.name, 'A\u{1F600}');
  });
});

describe('the demo token endpoint (issue 9)', () => {
  let demo: RunningServer;
  let plain: RunningServer;
  before(async () => {
    [demo, plain] = await Promise.all([
      startServer({ port: 0, secret: 'demo-mode', demoTokens: true }),
      startServer({ port: 0, secret: 'plain' }),
    ]);
  });
  after(() => Promise.all([demo?.close(), plain?.close()]));

  const post = (server: RunningServer, body: unknown) =>
    fetch(`${server.url}/api/demo/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

  test('exists only in demo mode: a plain server answers 404', async () => {
    const res = await post(plain, { account: 'typical' });
    assert.equal(res.status, 404);
    await expectProblemResponse(res, 'plain server');
  });

  test('never grants more than the demo login: viewer cannot get an admin token; less is fine', async () => {
    const refused = await post(demo, { account: 'viewer', role: 'admin' });
    assert.equal(refused.status, 400);
    assert.deepEqual((await expectProblemResponse(refused, 'viewer as admin')).errors?.map((e) => e.field), ['role']);
    assert.equal((await post(demo, { account: 'viewer', role: 'basic' })).status, 201);
    assert.equal((await post(demo, { account: 'typical', role: 'billing_viewer' })).status, 201);
  });

  test('lives at most an hour', async () => {
    const tooLong = await post(demo, { account: 'typical', ttl_seconds: 3601 });
    assert.equal(tooLong.status, 400);
    assert.deepEqual((await expectProblemResponse(tooLong, 'ttl 3601')).errors?.map((e) => e.field), ['ttl_seconds']);
    const ok = await post(demo, { account: 'typical', ttl_seconds: 3600 });
    const { expires_at } = (await ok.json()) as { expires_at: string };
    assert.ok(Date.parse(expires_at) - Date.now() <= 3600_000 + 1000);
  });
});

describe('headers and absolute URLs (issue 9)', () => {
  const ORIGIN = 'https://app.example';
  let server: RunningServer;
  let proxied: RunningServer;
  let token: string;
  let staticDir: string;

  before(async () => {
    staticDir = await mkdtemp(join(tmpdir(), 'acct-static-'));
    await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>demo</title>');
    await writeFile(join(staticDir, 'main.js'), 'export {};');
    [server, proxied] = await Promise.all([
      startServer({ port: 0, secret: 'headers', demoTokens: true, corsOrigins: [ORIGIN], hostedFieldsPort: 0, staticDir }),
      startServer({ port: 0, secret: 'headers', demoTokens: true, hostedFieldsPort: 0, publicOrigin: 'https://billing.example.com' }),
    ]);
    token = await demoToken(server.url, { account: 'typical' });
  });
  after(async () => {
    await Promise.all([server?.close(), proxied?.close()]);
    await rm(staticDir, { recursive: true, force: true });
  });

  const get = (base: RunningServer, path: string, headers: Record<string, string> = {}) =>
    fetch(base.url + path, { headers: { Authorization: `Bearer ${token}`, ...headers } });

  test('authenticated JSON, problems and the token response: Cache-Control no-store, nosniff, Vary: Origin', async () => {
    const responses = {
      account: await get(server, '/api/account'),
      invoices: await get(server, '/api/invoices?limit=2'),
      problem: await get(server, '/api/invoices/in_nope'),
      unauthorized: await fetch(`${server.url}/api/account`),
      token: await fetch(`${server.url}/api/demo/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"account":"typical"}' }),
    };
    for (const [name, res] of Object.entries(responses)) {
      assert.equal(res.headers.get('Cache-Control'), 'no-store', name);
      assert.equal(res.headers.get('X-Content-Type-Options'), 'nosniff', name);
      assert.match(res.headers.get('Vary') ?? '', /\bOrigin\b/, name);
    }
  });

  test('the signed PDF keeps its own policy; static files get nosniff', async () => {
    const { data } = (await (await get(server, '/api/invoices?limit=1')).json()) as { data: Array<{ pdf_url: string }> };
    const pdf = await fetch(data[0].pdf_url);
    assert.equal(pdf.status, 200);
    assert.equal(pdf.headers.get('Cache-Control'), 'private, no-store');
    const script = await fetch(`${server.url}/main.js`);
    assert.equal(script.headers.get('X-Content-Type-Options'), 'nosniff');
    assert.equal(script.headers.get('Content-Security-Policy'), null, 'a policy is for documents');
  });

  test('the PDF link downloads a file named after the invoice; disposition=inline shows it, with the same signature', async () => {
    const { data } = (await (await get(server, '/api/invoices?limit=1')).json()) as { data: Array<{ number: string; pdf_url: string }> };
    const download = await fetch(data[0].pdf_url);
    assert.equal(download.status, 200);
    assert.equal(download.headers.get('Content-Disposition'), `attachment; filename="${data[0].number}.pdf"`);
    const view = await fetch(`${data[0].pdf_url}&disposition=inline`);
    assert.equal(view.status, 200);
    assert.equal(view.headers.get('Content-Disposition'), `inline; filename="${data[0].number}.pdf"`);
    assert.equal((await fetch(`${data[0].pdf_url}&disposition=bogus`)).status, 400);
    assert.equal((await fetch(`${data[0].pdf_url}&other=1`)).status, 403, 'any other parameter is part of what was signed');
  });

  test('the demo page has a strict Content-Security-Policy naming the hosted fields as its only frame', async () => {
    const page = await fetch(`${server.url}/`);
    const csp = page.headers.get('Content-Security-Policy') ?? '';
    const fields = new URL(server.hostedFieldsUrl!).origin;
    for (const directive of ["default-src 'none'", "script-src 'self'", "style-src 'self'", "object-src 'none'", "base-uri 'none'", `frame-src ${fields}`, "require-trusted-types-for 'script'", 'trusted-types lit-html']) {
      assert.ok(csp.includes(directive), `${directive} in ${csp}`);
    }
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  });

  /** A GET with a Host header of the client's choosing (fetch does not send the one it is given). */
  const withHost = (base: RunningServer, path: string, bearer: string, host: string) =>
    new Promise<unknown>((resolve, reject) => {
      const { hostname, port } = new URL(base.url);
      const req = request({ host: hostname, port: Number(port), path, headers: { Host: host, Authorization: `Bearer ${bearer}` } }, (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(text)) : reject(new Error(`${res.statusCode} ${text}`))));
      });
      req.on('error', reject);
      req.end();
    });

  test('absolute URLs come from the listening or configured origin, never from the Host header', async () => {
    const evil = 'evil.example';
    const list = (await withHost(server, '/api/invoices?limit=1', token, evil)) as { data: Array<{ id: string; pdf_url: string }> };
    assert.equal(new URL(list.data[0].pdf_url).origin, new URL(server.url).origin);
    const detail = (await withHost(server, `/api/invoices/${list.data[0].id}`, token, evil)) as { pdf_url: string };
    assert.equal(new URL(detail.pdf_url).origin, new URL(server.url).origin);
    const methods = (await withHost(server, '/api/payment-methods', token, evil)) as { gateway: { hosted_fields_url: string } };
    assert.equal(methods.gateway.hosted_fields_url, server.hostedFieldsUrl);

    const proxiedToken = await demoToken(proxied.url, { account: 'typical' });
    const { data } = (await withHost(proxied, '/api/invoices?limit=1', proxiedToken, evil)) as { data: Array<{ pdf_url: string }> };
    assert.match(data[0].pdf_url, /^https:\/\/billing\.example\.com\/api\/invoices\//);
    const { gateway } = (await withHost(proxied, '/api/payment-methods', proxiedToken, evil)) as { gateway: { hosted_fields_url: string } };
    assert.match(gateway.hosted_fields_url, /^https:\/\/billing\.example\.com:\d+\/hosted-fields\.html$/);
  });

  test('a public origin that is not a bare http(s) origin is refused at start', async () => {
    for (const bad of ['billing.example.com', 'https://billing.example.com/api', 'ftp://x.example']) {
      await assert.rejects(startServer({ port: 0, publicOrigin: bad }), /publicOrigin/, bad);
    }
  });

  test('CORS preflight lists only the methods routes answer (no PUT); Vary: Origin also for other origins', async () => {
    const preflight = await fetch(`${server.url}/api/payments`, {
      method: 'OPTIONS',
      headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'POST' },
    });
    assert.equal(preflight.status, 204);
    const methods = (preflight.headers.get('Access-Control-Allow-Methods') ?? '').split(/,\s*/).sort();
    assert.deepEqual(methods, ['DELETE', 'GET', 'OPTIONS', 'PATCH', 'POST']);
    const other = await get(server, '/api/account', { Origin: 'https://other.example' });
    assert.equal(other.headers.get('Access-Control-Allow-Origin'), null);
    assert.match(other.headers.get('Vary') ?? '', /\bOrigin\b/);
  });
});

describe('rate limits (issue 9)', () => {
  let server: RunningServer;
  before(async () => {
    server = await startServer({
      port: 0,
      secret: 'limits',
      demoTokens: true,
      hostedFieldsPort: 0,
      rateLimits: { writes: { burst: 3, perMinute: 60 }, quotes: { burst: 5, perMinute: 60 }, clients: { burst: 2, perMinute: 6 } },
    });
  });
  after(() => server?.close());

  const autopay = (token: string, key = randomUUID()) =>
    fetch(`${server.url}/api/account/autopay`, {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': key },
      body: JSON.stringify({ enabled: false }),
    });

  test('writes per user: over the burst a 429 problem with Retry-After; reads and other users go on; the same key runs after the wait', async () => {
    const admin = await demoToken(server.url, { account: 'typical' });
    const other = await demoToken(server.url, { account: 'jpy' });
    for (let i = 0; i < 3; i++) assert.equal((await autopay(admin)).status, 200, `write ${i + 1}`);
    const key = randomUUID();
    const limited = await autopay(admin, key);
    assert.equal(limited.status, 429);
    const problem = await expectProblemResponse(limited, 'the fourth write');
    assert.equal(problem.code, 'rate_limited');
    const retryAfter = Number(limited.headers.get('Retry-After'));
    assert.ok(retryAfter >= 1 && retryAfter <= 2, `Retry-After ${retryAfter}`);
    assert.equal((await fetch(`${server.url}/api/account`, { headers: { Authorization: `Bearer ${admin}` } })).status, 200, 'reads are not limited');
    assert.equal((await autopay(other)).status, 200, 'another user has a bucket of their own');
    // 60 a minute: one a second. The limited request was refused before its key was stored.
    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000 + 50));
    const again = await autopay(admin, key);
    assert.equal(again.status, 200, await again.clone().text());
    assert.equal(again.headers.get('Idempotent-Replayed'), null);
  });

  test('prices asked for (license quotes, add-on previews) have a bucket of their own: they do not use up the writes, and are limited past theirs', async () => {
    const admin = await demoToken(server.url, { account: 'kwd' });
    const post = (path: string, body: unknown) =>
      fetch(`${server.url}/api${path}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
        body: JSON.stringify(body),
      });
    // Four quotes of different quantities, as a customer stepping through them: more than the three writes.
    for (let quantity = 1; quantity <= 4; quantity++) assert.equal((await post('/licenses/quotes', { product_id: 'prod_workspace', additional_quantity: quantity })).status, 201, `quote ${quantity}`);
    assert.equal((await post('/addons/addon_kwd_audit_export/preview', { action: 'enable' })).status, 201, 'a preview, the fifth price');
    const limited = await post('/licenses/quotes', { product_id: 'prod_workspace', additional_quantity: 6 });
    assert.equal(limited.status, 429, 'the sixth price is over the burst of 5');
    assert.equal((await expectProblemResponse(limited, 'the sixth price')).code, 'rate_limited');
    assert.match((await expectProblemResponse(await post('/licenses/quotes', { product_id: 'prod_workspace', additional_quantity: 7 }), 'again')).detail ?? '', /price requests/);
    // The writes' bucket is untouched: three writes still go through.
    for (let i = 0; i < 3; i++) assert.equal((await autopay(admin)).status, 200, `write ${i + 1} after the quotes`);
  });

  test('card tokens from the hosted fields, per client: a 429 with Retry-After past the burst', async () => {
    const tokens = new URL('/tokens', server.hostedFieldsUrl).href;
    const card = JSON.stringify({ number: '4242424242424242', exp_month: 12, exp_year: 2040, cvc: '123' });
    const post = () => fetch(tokens, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: card });
    assert.equal((await post()).status, 201);
    assert.equal((await post()).status, 201);
    const limited = await post();
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get('Retry-After')) >= 1);
    assert.equal((await expectProblemResponse(limited, 'third token')).code, 'rate_limited');
  });
});

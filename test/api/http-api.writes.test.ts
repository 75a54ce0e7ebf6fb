import { expect } from '@open-wc/testing';
import * as z from 'zod/mini';
import type { ResourceName } from '../../src/api/account-api.js';
import { newIdempotencyKey } from '../../src/api/idempotency.js';
import { ACCOUNT, api, offlineFetch, rejection, scenario, type Step } from './http-helpers.js';

const Payment = z.object({ id: z.string(), status: z.string() });
const PAYMENT = { id: 'pay_1', status: 'succeeded' };
// Key order and unicode matter for "byte-identical": the body is serialised once.
const BODY = { invoices: ['in_1', 'in_2'], amount: { amount: 12345, currency: 'EUR' }, note: 'Grüße' };

function pay(base: string, idempotencyKey?: string, invalidates?: ResourceName[]) {
  return api(base, { timeoutMs: 300 }).request({
    method: 'POST',
    path: '/payments',
    body: BODY,
    schema: Payment,
    idempotencyKey,
    invalidates,
  });
}

describe('HttpAccountApi: writes', () => {
  for (const [name, first] of [
    ['a dropped connection', { drop: true }],
    ['a 500', { status: 500 }],
    ['a 409 (still in progress)', { status: 409, body: { title: 'In progress' } }],
    ['a 503', { status: 503 }],
    ['a timeout', { delayMs: 1000, status: 201, body: PAYMENT }],
  ] as Array<[string, Step]>) {
    it(`a write with a key is retried after ${name} with the same key and the same bytes`, async () => {
      const s = await scenario([first, { status: 201, body: PAYMENT }]);
      const key = newIdempotencyKey();
      expect(await pay(s.base, key)).to.deep.equal(PAYMENT);
      const log = await s.log();
      expect(log.length).to.be.at.least(2);
      for (const request of log) {
        expect(request.method).to.equal('POST');
        expect(request.headers['idempotency-key']).to.equal(key);
        expect(request.headers['content-type']).to.equal('application/json');
        expect(request.body).to.equal(JSON.stringify(BODY));
      }
    });
  }

  it('a write without a key is never retried after a 500', async () => {
    const s = await scenario([{ status: 500 }, { status: 201, body: PAYMENT }]);
    const error = await rejection(pay(s.base));
    expect(error.kind).to.equal('server');
    const log = await s.log();
    expect(log).to.have.length(1);
    expect(log[0].headers['idempotency-key']).to.equal(undefined);
  });

  it('a write without a key is never retried after a network error', async () => {
    // Injected fetch: over real HTTP, Chromium itself may resend any request once when a reused
    // keep-alive connection closes before the answer; that is below this layer.
    const offline = offlineFetch();
    const http = api('https://api.example.test', { fetch: offline.fetch });
    const error = await rejection(http.request({ method: 'POST', path: '/payments', body: BODY, schema: Payment }));
    expect(error.kind).to.equal('network');
    expect(offline.calls).to.equal(1);
  });

  for (const status of [400, 402, 422]) {
    it(`${status} is never retried, even with a key`, async () => {
      const s = await scenario([{ status, body: { title: 'No', errors: [{ field: 'amount', message: 'bad' }] } }, { status: 201, body: PAYMENT }]);
      const error = await rejection(pay(s.base, newIdempotencyKey()));
      expect(error.kind).to.equal(status === 402 ? 'declined' : 'validation');
      expect(error.fieldErrors).to.have.length(1);
      expect(await s.log()).to.have.length(1);
    });
  }

  it('a 409 about the resource (not "in progress") is not retried, and its problem reaches the caller', async () => {
    const problem = { status: 409, title: 'Already paid', code: 'invoice_not_payable' };
    const s = await scenario([{ status: 409, headers: { 'Content-Type': 'application/problem+json' }, body: problem }, { status: 201, body: PAYMENT }]);
    const error = await rejection(pay(s.base, newIdempotencyKey()));
    expect([error.kind, error.status, error.problem?.code]).to.deep.equal(['conflict', 409, 'invoice_not_payable']);
    expect(await s.log()).to.have.length(1);
  });

  it('a 409 "in progress" retried until the limit still reports its problem', async () => {
    const problem = { status: 409, title: 'In progress', code: 'idempotency_key_in_use' };
    const s = await scenario([{ status: 409, headers: { 'Content-Type': 'application/problem+json' }, body: problem }]);
    const error = await rejection(pay(s.base, newIdempotencyKey()));
    expect([error.kind, error.problem?.code]).to.deep.equal(['conflict', 'idempotency_key_in_use']);
    expect(await s.log()).to.have.length(3);
  });

  it('retries with a key are bounded by retry.limit', async () => {
    const s = await scenario([{ status: 500 }]);
    expect((await rejection(pay(s.base, newIdempotencyKey()))).kind).to.equal('server');
    expect(await s.log()).to.have.length(3);
  });

  it('a successful write invalidates what it changed: listeners hear it once, reads reload', async () => {
    const reads = await scenario([{ body: ACCOUNT }]);
    const http = api(reads.base);
    await http.getAccount();
    const heard: ResourceName[][] = [];
    http.onInvalidate((resources) => heard.push([...resources]));
    const writes = await scenario([{ status: 201, body: PAYMENT }]);
    // A write to another path on the same instance: request paths are relative to baseUrl.
    await http.request({
      method: 'POST',
      path: `../${writes.base.split('/').at(-1)}/payments`,
      body: BODY,
      schema: Payment,
      idempotencyKey: newIdempotencyKey(),
      invalidates: ['invoices', 'account'],
    });
    expect(heard).to.deep.equal([['invoices', 'account']]);
    await http.getAccount();
    expect(await reads.log(), 'the stored account was dropped').to.have.length(2);
  });

  it('a failed write invalidates nothing', async () => {
    const s = await scenario([{ status: 422, body: { title: 'No' } }]);
    const http = api(s.base);
    let heard = 0;
    http.onInvalidate(() => heard++);
    await rejection(http.request({ method: 'PATCH', path: '/account', body: {}, schema: Payment, invalidates: ['account'] }));
    expect(heard).to.equal(0);
  });

  it('DELETE and PATCH send their method; no body means no content type', async () => {
    const s = await scenario([{ status: 204 }]);
    const http = api(s.base);
    await http.request({ method: 'DELETE', path: '/payment-methods/pm_1', schema: z.undefined() });
    await http.request({ method: 'PATCH', path: '/account', body: { name: 'X' }, schema: z.undefined() });
    const log = await s.log();
    expect(log.map((r) => `${r.method} ${r.path} ${r.headers['content-type'] ?? '-'} ${r.body}`)).to.deep.equal([
      'DELETE /payment-methods/pm_1 - ',
      'PATCH /account application/json {"name":"X"}',
    ]);
  });

  it('newIdempotencyKey gives a fresh UUID each time', () => {
    const keys = new Set(Array.from({ length: 100 }, newIdempotencyKey));
    expect(keys.size).to.equal(100);
    for (const key of keys) expect(key).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

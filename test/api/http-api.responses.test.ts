import { expect } from '@open-wc/testing';
import * as z from 'zod/mini';
import { INVOICE, PAGE, api, rejection, scenario } from './http-helpers.js';

describe('HttpAccountApi: response bodies', () => {
  it('parses and validates a 200', async () => {
    const s = await scenario([{ body: INVOICE }]);
    expect(await api(s.base).getInvoice(INVOICE.id)).to.deep.equal(INVOICE);
  });

  it('accepts an unknown status value', async () => {
    const page = { ...PAGE, data: [{ ...PAGE.data[0], status: 'frozen' }] };
    const s = await scenario([{ body: page }]);
    expect((await api(s.base).listInvoices()).data[0].status).to.equal('frozen');
  });

  async function invalid(step: object) {
    const s = await scenario([step, { body: PAGE }]);
    const error = await rejection(api(s.base).listInvoices());
    expect(error.kind).to.equal('invalid-response');
    expect(error.status).to.equal(200);
    expect(await s.log(), 'a bad body is not retried').to.have.length(1);
    return error;
  }

  it('malformed JSON → invalid-response', async () => {
    const error = await invalid({ raw: '{"data": [', headers: { 'Content-Type': 'application/json' } });
    expect(error.message).to.contain('expected a JSON body');
    expect(error.message).not.to.contain('{"data"');
    expect(error.path).to.equal(undefined);
  });

  it('empty body → invalid-response', async () => {
    const error = await invalid({ raw: '' });
    expect(error.message).to.contain('empty body');
  });

  it('an HTML page → invalid-response, and the HTML is never surfaced', async () => {
    const html = '<!doctype html><html><body><script>alert(1)</script>Gateway</body></html>';
    const error = await invalid({ raw: html, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
    expect(error.message).to.contain('text/html');
    expect(error.message).not.to.contain('<');
    expect(JSON.stringify(error)).not.to.contain('script');
  });

  it('a missing field → path names it', async () => {
    const { next_cursor: _omitted, ...body } = PAGE;
    const error = await invalid({ body });
    expect(error.path).to.equal('next_cursor');
    expect(error.message).to.contain('expected string, got nothing');
  });

  it('a wrong type deep inside → path like data[3].total.amount, message says what was expected', async () => {
    const data = PAGE.data.map((row, i) => (i === 3 ? { ...row, total: { ...row.total, amount: '12.00' } } : row));
    const error = await invalid({ body: { ...PAGE, data } });
    expect(error.path).to.equal('data[3].total.amount');
    expect(error.message).to.contain('data[3].total.amount: expected number, got string');
  });

  it('a non-integer amount and a bad currency are named too', async () => {
    const data = [{ ...PAGE.data[0], amount_due: { amount: 1.5, currency: 'USD' } }];
    expect((await invalid({ body: { ...PAGE, data } })).path).to.equal('data[0].amount_due.amount');
    const data2 = [{ ...PAGE.data[0], total: { amount: 1, currency: 'usd' } }];
    const error = await invalid({ body: { ...PAGE, data: data2 } });
    expect(error.path).to.equal('data[0].total.currency');
    expect(error.message).to.contain('ISO 4217');
  });

  it('a JSON value of the wrong shape at the root → path (root)', async () => {
    const error = await invalid({ body: [1, 2] });
    expect(error.path).to.equal('(root)');
    expect(error.message).to.contain('expected object, got array');
  });

  it('an empty 204 satisfies a schema that expects nothing', async () => {
    const s = await scenario([{ status: 204 }]);
    const result = await api(s.base).request({ method: 'DELETE', path: '/notes/1', schema: z.undefined() });
    expect(result).to.equal(undefined);
  });
});

describe('HttpAccountApi: error responses', () => {
  it('422 problem+json → validation with field errors and request id', async () => {
    const problem = {
      type: 'https://example.com/problems/invalid',
      title: 'Invalid request',
      status: 422,
      detail: 'Amount is too large.',
      errors: [{ field: '/amount', message: 'must be at most 1000', code: 'too_large' }],
      request_id: 'req_problem',
    };
    const s = await scenario([{ status: 422, headers: { 'Content-Type': 'application/problem+json' }, body: problem }]);
    const error = await rejection(
      api(s.base).request({ method: 'POST', path: '/payments', body: { amount: 5000 }, schema: z.object({}), idempotencyKey: 'k1' }),
    );
    expect(error.kind).to.equal('validation');
    expect(error.status).to.equal(422);
    expect(error.problem?.detail).to.equal('Amount is too large.');
    expect(error.fieldErrors).to.deep.equal(problem.errors);
    expect(error.requestId).to.equal('req_problem');
    expect(error.retryable).to.be.false;
  });

  it('404 → not-found; the Request-Id header becomes requestId', async () => {
    const s = await scenario([
      { status: 404, headers: { 'Content-Type': 'application/problem+json', 'Request-Id': 'req_404' }, body: { title: 'Not found' } },
    ]);
    const error = await rejection(api(s.base).getInvoice('in_missing'));
    expect(error.kind).to.equal('not-found');
    expect(error.requestId).to.equal('req_404');
    expect(error.problem?.title).to.equal('Not found');
  });

  it('403 → forbidden', async () => {
    const s = await scenario([{ status: 403, body: { title: 'Forbidden', code: 'missing_capability' } }]);
    const error = await rejection(api(s.base).getAccount());
    expect(error.kind).to.equal('forbidden');
    expect(error.problem?.code).to.equal('missing_capability');
  });

  it('a JSON error body that is not a problem is dropped, not trusted', async () => {
    const s = await scenario([{ status: 404, body: { errors: 'nope', status: 'gone' } }]);
    const error = await rejection(api(s.base).getAccount());
    expect(error.kind).to.equal('not-found');
    expect(error.problem).to.equal(undefined);
  });

  it('a problem in a body that is not declared JSON is not parsed', async () => {
    const s = await scenario([{ status: 403, headers: { 'Content-Type': 'text/plain' }, raw: JSON.stringify({ title: 'Forbidden', code: 'missing_capability' }) }]);
    const error = await rejection(api(s.base).getAccount());
    expect(error.kind).to.equal('forbidden');
    expect(error.problem).to.equal(undefined);
  });

  it('an error body that never ends is given up after timeoutMs: the error still arrives', async () => {
    let cancelled = false;
    const endless = (async () =>
      new Response(
        new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"title":'));
          },
          cancel() {
            cancelled = true;
          },
        }),
        { status: 404, headers: { 'Content-Type': 'application/problem+json' } },
      )) as typeof fetch;
    const started = performance.now();
    const error = await rejection(api('https://api.example.test/v1', { fetch: endless, timeoutMs: 200 }).getAccount());
    expect(performance.now() - started).to.be.below(2000);
    expect([error.kind, error.problem]).to.deep.equal(['not-found', undefined]);
    expect(cancelled).to.be.true;
  });

  it('an HTML error page → server error without its text', async () => {
    const s = await scenario([{ status: 500, raw: '<html><h1>Internal Server Error</h1></html>', headers: { 'Content-Type': 'text/html' } }]);
    const error = await rejection(api(s.base, { retry: { limit: 0 } }).getAccount());
    expect(error.kind).to.equal('server');
    expect(error.problem).to.equal(undefined);
    expect(error.message).not.to.contain('<');
    expect(error.message).not.to.contain('Internal Server Error');
  });

  it('a bad baseUrl → config error, no request', async () => {
    const error = await rejection(api('http://[bad').getAccount());
    expect(error.kind).to.equal('config');
  });
});

import { expect } from '@open-wc/testing';
import * as z from 'zod/mini';
import { ACCOUNT, api, rejection, scenario } from './http-helpers.js';

describe('HttpAccountApi: timeouts', () => {
  it('a slow attempt times out and the retry succeeds', async () => {
    const s = await scenario([{ delayMs: 1500, body: ACCOUNT }, { body: ACCOUNT }]);
    const started = performance.now();
    expect(await api(s.base, { timeoutMs: 200 }).getAccount()).to.deep.equal(ACCOUNT);
    expect(performance.now() - started).to.be.below(1200);
    const log = await s.log();
    expect(log).to.have.length(2);
    expect(log[0].aborted, 'the slow attempt was cancelled').to.be.true;
  });

  it('every attempt too slow → timeout', async () => {
    const s = await scenario([{ delayMs: 1000, body: ACCOUNT }]);
    const error = await rejection(api(s.base, { timeoutMs: 100, retry: { limit: 1, baseDelayMs: 1 } }).getAccount());
    expect(error.kind).to.equal('timeout');
    expect(await s.log()).to.have.length(2);
  });

  it('the total budget ends the call, retries included', async () => {
    const s = await scenario([{ delayMs: 3000, body: ACCOUNT }]);
    const started = performance.now();
    const error = await rejection(api(s.base, { timeoutMs: 2000, totalTimeoutMs: 300 }).getAccount());
    const elapsed = performance.now() - started;
    expect(error.kind).to.equal('timeout');
    expect(elapsed).to.be.at.least(280).and.below(1000);
  });

  it('the total budget bounds backoff waits too', async () => {
    const s = await scenario([{ status: 502 }]);
    const started = performance.now();
    const error = await rejection(
      api(s.base, { totalTimeoutMs: 300, retry: { limit: 10, baseDelayMs: 200, maxDelayMs: 200 } }).getAccount(),
    );
    expect(error.kind).to.equal('timeout');
    expect(performance.now() - started).to.be.below(1000);
  });

  it('a Retry-After beyond the remaining budget → gives up at once', async () => {
    const s = await scenario([{ status: 503, headers: { 'Retry-After': '2' } }, { body: ACCOUNT }]);
    const started = performance.now();
    const error = await rejection(api(s.base, { totalTimeoutMs: 1000 }).getAccount());
    expect(performance.now() - started).to.be.below(500);
    expect(error.kind).to.equal('server');
    expect(error.retryAfterMs).to.equal(2000);
  });

  it('a write without an idempotency key that times out is not retried', async () => {
    const s = await scenario([{ delayMs: 1000, body: {} }]);
    const error = await rejection(
      api(s.base, { timeoutMs: 100 }).request({ method: 'POST', path: '/notes', body: { a: 1 }, schema: z.object({}) }),
    );
    expect(error.kind).to.equal('timeout');
    expect(await s.log()).to.have.length(1);
  });
});

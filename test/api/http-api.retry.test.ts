import { expect } from '@open-wc/testing';
import { retryAfterMs } from '../../src/api/http/response.js';
import { ACCOUNT, PAGE, api, offlineFetch, rejection, scenario } from './http-helpers.js';

describe('HttpAccountApi: GET retries', () => {
  it('502, 502, 200 → exactly 3 requests and the content', async () => {
    const s = await scenario([{ status: 502 }, { status: 502 }, { body: PAGE }]);
    const page = await api(s.base).listInvoices();
    expect(page).to.deep.equal(PAGE);
    expect(await s.log()).to.have.length(3);
  });

  for (const status of [408, 429, 500, 503, 504]) {
    it(`retries ${status}`, async () => {
      const s = await scenario([{ status }, { body: ACCOUNT }]);
      expect(await api(s.base).getAccount()).to.deep.equal(ACCOUNT);
      // Chromium itself may resend a 408 on a reused connection, so at least 2.
      expect((await s.log()).length).to.be.at.least(2);
    });
  }

  for (const [status, kind] of [
    [400, 'validation'],
    [403, 'forbidden'],
    [404, 'not-found'],
    [422, 'validation'],
  ] as const) {
    it(`${status} → 1 request, ${kind}`, async () => {
      const s = await scenario([{ status, body: { title: 'No' } }, { body: ACCOUNT }]);
      const error = await rejection(api(s.base).getAccount());
      expect(error.kind).to.equal(kind);
      expect(error.status).to.equal(status);
      expect(await s.log()).to.have.length(1);
    });
  }

  it('500s exhausted → server error after limit + 1 attempts', async () => {
    const s = await scenario([{ status: 500 }]);
    const error = await rejection(api(s.base).getAccount());
    expect(error.kind).to.equal('server');
    expect(error.retryable).to.be.true;
    expect(await s.log()).to.have.length(3);
  });

  it('retry.limit is configurable', async () => {
    const s = await scenario([{ status: 500 }]);
    await rejection(api(s.base, { retry: { limit: 0 } }).getAccount());
    expect(await s.log()).to.have.length(1);
    const s2 = await scenario([{ status: 500 }]);
    await rejection(api(s2.base, { retry: { limit: 4, baseDelayMs: 1 } }).getAccount());
    expect(await s2.log()).to.have.length(5);
  });

  it('honours Retry-After: 1 on a 503', async () => {
    const s = await scenario([{ status: 503, headers: { 'Retry-After': '1' } }, { body: ACCOUNT }]);
    await api(s.base).getAccount();
    const [first, second] = await s.log();
    expect(second.at - first.at).to.be.at.least(950);
  });

  it('a Retry-After beyond maxRetryAfterMs → gives up at once with retryAfterMs', async () => {
    const s = await scenario([{ status: 429, headers: { 'Retry-After': '120' } }, { body: ACCOUNT }]);
    const started = performance.now();
    const error = await rejection(api(s.base).getAccount());
    expect(performance.now() - started).to.be.below(1000);
    expect(error.kind).to.equal('rate-limited');
    expect(error.retryAfterMs).to.equal(120_000);
    expect(await s.log()).to.have.length(1);
  });

  it('the Retry-After cap is configurable', async () => {
    const s = await scenario([{ status: 503, headers: { 'Retry-After': '1' } }, { body: ACCOUNT }]);
    const error = await rejection(api(s.base, { retry: { maxRetryAfterMs: 500 } }).getAccount());
    expect(error.kind).to.equal('server');
    expect(error.retryAfterMs).to.equal(1000);
    expect(await s.log()).to.have.length(1);
  });

  it('an unreadable Retry-After falls back to the backoff', async () => {
    // ky 1 alone would wait ~25 days for "soon" (and 0 ms for "-3"): here the total budget.
    for (const value of ['soon', '-3']) {
      const s = await scenario([{ status: 503, headers: { 'Retry-After': value } }, { body: ACCOUNT }]);
      const started = performance.now();
      expect(await api(s.base).getAccount()).to.deep.equal(ACCOUNT);
      expect(performance.now() - started).to.be.below(2000);
      expect(await s.log()).to.have.length(2);
    }
  });

  it('a dropped connection is retried', async () => {
    const s = await scenario([{ drop: true }, { body: ACCOUNT }]);
    expect(await api(s.base).getAccount()).to.deep.equal(ACCOUNT);
    expect((await s.log()).length).to.be.at.least(2);
  });

  it('connections dropped every time → network error', async () => {
    const s = await scenario([{ drop: true }]);
    const error = await rejection(api(s.base).getAccount());
    expect(error.kind).to.equal('network');
    expect(error.retryable).to.be.true;
  });

  it('connection refused → network error', async () => {
    // Nothing listens on this port; the request fails without a response.
    const error = await rejection(api('http://127.0.0.1:47/api', { retry: { limit: 1, baseDelayMs: 1 } }).getAccount());
    expect(error.kind).to.equal('network');
  });

  it('offline (fetch throws TypeError) → retried, then network error', async () => {
    const offline = offlineFetch();
    const error = await rejection(api('https://api.example.test/v1', { fetch: offline.fetch }).getAccount());
    expect(error.kind).to.equal('network');
    expect(offline.calls).to.equal(3);
  });

  it('a fetch that fails with something other than a network error → not retried', async () => {
    let calls = 0;
    const broken = (async () => {
      calls++;
      throw new Error('instrumentation bug');
    }) as typeof fetch;
    const error = await rejection(api('https://api.example.test/v1', { fetch: broken }).getAccount());
    expect(error.kind).to.equal('network');
    expect(calls).to.equal(1);
  });

  describe('backoff', () => {
    const random = Math.random;
    afterEach(() => {
      Math.random = random;
    });

    /** ms from the first to the last of `failures` 502s + one 200. */
    async function timeFor(randomValue: number, retry: { baseDelayMs: number; maxDelayMs: number }, failures = 2) {
      Math.random = () => randomValue;
      const s = await scenario([...Array.from({ length: failures }, () => ({ status: 502 })), { body: ACCOUNT }]);
      await api(s.base, { retry: { ...retry, limit: failures } }).getAccount();
      const log = await s.log();
      return log[failures].at - log[0].at;
    }

    it('is exponential with full jitter (delay drawn uniformly from 0 to the backoff)', async () => {
      // random → 0: no wait at all; random → 1: 150 + 300 ms.
      expect(await timeFor(0, { baseDelayMs: 150, maxDelayMs: 5000 })).to.be.below(200);
      expect(await timeFor(0.999, { baseDelayMs: 150, maxDelayMs: 5000 })).to.be.at.least(440);
    });

    it('is capped at maxDelayMs', async () => {
      // 3 × min(100·2ⁿ, 100) = 300 ms, where uncapped it would be 100 + 200 + 400.
      const elapsed = await timeFor(0.999, { baseDelayMs: 100, maxDelayMs: 100 }, 3);
      expect(elapsed).to.be.at.least(290).and.below(600);
    });
  });
});

describe('retryAfterMs', () => {
  const headers = (value: string) => new Headers({ 'Retry-After': value });
  it('reads delay seconds', () => {
    expect(retryAfterMs(headers('0'))).to.equal(0);
    expect(retryAfterMs(headers('7'))).to.equal(7000);
  });
  it('reads an HTTP date', () => {
    const now = Date.parse('2026-03-01T12:00:00Z');
    expect(retryAfterMs(headers('Sun, 01 Mar 2026 12:00:05 GMT'), now)).to.equal(5000);
    expect(retryAfterMs(headers('Sun, 01 Mar 2026 11:00:00 GMT'), now)).to.equal(0);
  });
  it('ignores absent or unreadable values', () => {
    expect(retryAfterMs(new Headers())).to.equal(undefined);
    expect(retryAfterMs(headers('soon'))).to.equal(undefined);
    expect(retryAfterMs(headers('-3'))).to.equal(undefined);
  });
});

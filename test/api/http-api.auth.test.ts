import { expect } from '@open-wc/testing';
import * as z from 'zod/mini';
import { ACCOUNT, INVOICE, api, rejection, scenario, sleep } from './http-helpers.js';

const IDS = ['in_a', 'in_b', 'in_c', 'in_d', 'in_e'];

/** A getToken that counts its calls and answers after a short delay. */
function tokenSource(...tokens: string[]) {
  const source = {
    calls: 0,
    getToken: async () => {
      const token = tokens[Math.min(source.calls++, tokens.length - 1)];
      await sleep(30);
      return token;
    },
  };
  return source;
}

describe('HttpAccountApi: token', () => {
  it('sends the token as a bearer header', async () => {
    const s = await scenario([{ body: ACCOUNT }]);
    await api(s.base).getAccount();
    const [request] = await s.log();
    expect(request.headers.authorization).to.equal('Bearer tok_initial');
  });

  it('without a token, asks getToken once before the first requests', async () => {
    const s = await scenario([{ body: INVOICE }], 'tok_fetched');
    const source = tokenSource('tok_fetched');
    const http = api(s.base, { token: undefined, getToken: source.getToken });
    await Promise.all(IDS.map((id) => http.getInvoice(id)));
    expect(source.calls).to.equal(1);
    const log = await s.log();
    expect(log).to.have.length(5);
    expect(log.every((r) => r.headers.authorization === 'Bearer tok_fetched')).to.be.true;
  });

  it('5 concurrent requests get 401 → getToken once, each retried once, all succeed', async () => {
    const s = await scenario([{ body: INVOICE }], 'tok_new');
    const source = tokenSource('tok_new');
    let expired = 0;
    const http = api(s.base, { getToken: source.getToken, onAuthExpired: () => expired++ });
    const results = await Promise.all(IDS.map((id) => http.getInvoice(id)));
    expect(results).to.have.length(5);
    expect(source.calls).to.equal(1);
    expect(expired).to.equal(0);
    const log = await s.log();
    expect(log).to.have.length(10);
    for (const id of IDS) {
      const tokens = log.filter((r) => r.path === `/invoices/${id}`).map((r) => r.headers.authorization);
      expect(tokens).to.deep.equal(['Bearer tok_initial', 'Bearer tok_new']);
    }
    // Later requests use the new token straight away.
    await http.getInvoice('in_f');
    expect((await s.log()).at(-1)?.headers.authorization).to.equal('Bearer tok_new');
  });

  it('a request whose 401 arrives after the refresh finished reuses the new token', async () => {
    const sent: string[] = [];
    // 401 for the old token; the answer to /slow arrives long after the refresh is done.
    const fake = (async (request: Request) => {
      const auth = request.headers.get('authorization') ?? '';
      sent.push(`${new URL(request.url).pathname} ${auth}`);
      if (request.url.endsWith('/slow')) await sleep(200);
      return auth === 'Bearer tok_new'
        ? new Response('{}', { headers: { 'Content-Type': 'application/json' } })
        : new Response('', { status: 401 });
    }) as typeof fetch;
    const source = tokenSource('tok_new', 'tok_newer');
    const http = api('https://api.example.test', { fetch: fake, getToken: source.getToken });
    const get = (path: string) => http.request({ method: 'GET', path, schema: z.object({}) });
    await Promise.all([get('/fast'), get('/slow')]);
    expect(source.calls).to.equal(1);
    expect(sent).to.have.members([
      '/fast Bearer tok_initial',
      '/slow Bearer tok_initial',
      '/fast Bearer tok_new',
      '/slow Bearer tok_new',
    ]);
  });

  it('a second 401 → no loop: unauthorized, onAuthExpired once for all requests', async () => {
    const s = await scenario([{ body: INVOICE }], 'tok_nobody_has');
    const source = tokenSource('tok_also_refused');
    let expired = 0;
    const http = api(s.base, { getToken: source.getToken, onAuthExpired: () => expired++ });
    const errors = await Promise.all(IDS.slice(0, 3).map((id) => rejection(http.getInvoice(id))));
    expect(errors.map((e) => e.kind)).to.deep.equal(['unauthorized', 'unauthorized', 'unauthorized']);
    expect(errors[0].status).to.equal(401);
    expect(errors[0].retryable).to.be.false;
    expect(source.calls).to.equal(1);
    expect(expired).to.equal(1);
    expect(await s.log()).to.have.length(6);
  });

  for (const [name, getToken] of [
    ['throws', () => { throw new Error('tok_secret_in_message'); }],
    ['rejects', () => Promise.reject(new Error('tok_secret_in_message'))],
    ['returns an empty string', () => ''],
  ] as const) {
    it(`getToken ${name} → unauthorized, onAuthExpired once`, async () => {
      const s = await scenario([{ body: INVOICE }], 'tok_valid');
      let expired = 0;
      const http = api(s.base, { getToken, onAuthExpired: () => expired++ });
      const errors = await Promise.all(IDS.slice(0, 3).map((id) => rejection(http.getInvoice(id))));
      expect(errors.map((e) => e.kind)).to.deep.equal(['unauthorized', 'unauthorized', 'unauthorized']);
      expect(errors[0].message).not.to.contain('tok_secret');
      expect(expired).to.equal(1);
      expect(await s.log(), 'one refused attempt each, no retry').to.have.length(3);
    });
  }

  it('a getToken that never settles fails its requests in time and does not block later ones', async () => {
    const s = await scenario([{ body: INVOICE }], 'tok_late');
    let hang = true;
    let calls = 0;
    const getToken = () => {
      calls++;
      return hang ? new Promise<string>(() => undefined) : 'tok_late';
    };
    const http = api(s.base, { token: undefined, getToken, totalTimeoutMs: 200 });
    const first = await rejection(http.getInvoice('in_a'));
    expect(['timeout', 'unauthorized']).to.include(first.kind);
    await sleep(50);
    hang = false;
    const invoice = await http.getInvoice('in_b');
    expect(invoice.id).to.equal(INVOICE.id);
    expect(calls).to.equal(2);
  });

  it('a write without an idempotency key is retried once after a 401 (the server never ran it)', async () => {
    const s = await scenario([{ status: 201, body: { id: 'n1' } }], 'tok_new');
    const http = api(s.base, { getToken: () => 'tok_new' });
    await http.request({ method: 'POST', path: '/notes', body: { text: 'hi' }, schema: z.object({ id: z.string() }) });
    const log = await s.log();
    expect(log.map((r) => r.headers.authorization)).to.deep.equal(['Bearer tok_initial', 'Bearer tok_new']);
    expect(log[0].body).to.equal(log[1].body);
  });

  it('the token never appears in a URL, an error or its message', async () => {
    const secret = 'tok_SECRET_42';
    const s = await scenario([{ status: 500, body: { title: 'Boom', detail: 'x' } }]);
    const error = await rejection(api(s.base, { token: secret, retry: { limit: 0 } }).listInvoices({ status: 'open' }));
    const s2 = await scenario([{ status: 200, raw: '<html>' }], 'other');
    const error2 = await rejection(api(s2.base, { token: secret, getToken: () => secret }).getAccount());
    for (const e of [error, error2]) {
      const everything = [e.message, e.stack, JSON.stringify(e), String(e), JSON.stringify(Object.entries(e))].join(' ');
      expect(everything).not.to.contain(secret);
      expect(e.cause, 'no ky error (it carries the request headers) as cause').to.equal(undefined);
    }
    for (const request of [...(await s.log()), ...(await s2.log())]) {
      expect(request.path + request.query).not.to.contain(secret);
    }
  });

  it('sends Authorization only to the API origin', async () => {
    const seen: Request[] = [];
    const spy = (async (input: Request) => {
      seen.push(input);
      return new Response('{}', { headers: { 'Content-Type': 'application/json' } });
    }) as typeof fetch;
    const http = api('https://api.example.test/v1', { fetch: spy });
    await http.request({ method: 'GET', path: '/ping', schema: z.object({}) });
    await http.request({ method: 'GET', path: 'https://files.example.org/invoice.json', schema: z.object({}) });
    await http.request({ method: 'GET', path: '//files.example.org/other.json', schema: z.object({}) });
    expect(seen.map((r) => r.url)).to.deep.equal([
      'https://api.example.test/v1/ping',
      'https://files.example.org/invoice.json',
      'https://files.example.org/other.json',
    ]);
    expect(seen.map((r) => r.headers.get('authorization'))).to.deep.equal(['Bearer tok_initial', null, null]);
  });
});

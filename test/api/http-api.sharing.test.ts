import { expect } from '@open-wc/testing';
import { ACCOUNT, INVOICE, PAGE, api, rejection, scenario, sleep } from './http-helpers.js';

describe('HttpAccountApi: reads, sharing and abort', () => {
  it('builds the URLs: status omitted for all, query kept, id encoded', async () => {
    const s = await scenario([{ body: PAGE }]);
    const http = api(s.base);
    await http.listInvoices();
    await http.listInvoices({ status: 'all', limit: 10 }, { fresh: true });
    await http.listInvoices({ status: 'open', cursor: 'c 2&x', limit: 25 });
    const s2 = await scenario([{ body: INVOICE }]);
    await api(s2.base).getInvoice('in/1 ?#');
    const log = [...(await s.log()), ...(await s2.log())];
    expect(log.map((r) => `${r.path}?${r.query}`)).to.deep.equal([
      '/invoices?',
      '/invoices?limit=10',
      '/invoices?status=open&cursor=c+2%26x&limit=25',
      '/invoices/in%2F1%20%3F%23?',
    ]);
  });

  it('two concurrent identical listInvoices → 1 request', async () => {
    const s = await scenario([{ body: PAGE, delayMs: 50 }]);
    const http = api(s.base);
    const [a, b] = await Promise.all([http.listInvoices({ status: 'open' }), http.listInvoices({ status: 'open' })]);
    expect(a).to.deep.equal(PAGE);
    expect(b).to.deep.equal(PAGE);
    expect(await s.log()).to.have.length(1);
  });

  it('different queries → 2 requests', async () => {
    const s = await scenario([{ body: PAGE, delayMs: 50 }]);
    const http = api(s.base);
    await Promise.all([http.listInvoices({ status: 'open' }), http.listInvoices({ status: 'paid' })]);
    expect(await s.log()).to.have.length(2);
  });

  it('reuses a recent response; fresh: true asks again', async () => {
    const s = await scenario([{ body: ACCOUNT }]);
    const http = api(s.base);
    await http.getAccount();
    await http.getAccount();
    expect(await s.log()).to.have.length(1);
    await http.getAccount({ fresh: true });
    expect(await s.log()).to.have.length(2);
  });

  it('a failure is not reused', async () => {
    const s = await scenario([{ status: 404 }, { body: ACCOUNT }]);
    const http = api(s.base);
    expect((await rejection(http.getAccount())).kind).to.equal('not-found');
    expect(await http.getAccount()).to.deep.equal(ACCOUNT);
  });

  it('invalidate drops stored reads and notifies listeners', async () => {
    const s = await scenario([{ body: ACCOUNT }]);
    const http = api(s.base);
    const heard: string[][] = [];
    const stop = http.onInvalidate((resources) => heard.push([...resources]));
    await http.getAccount();
    http.invalidate(['account']);
    await http.getAccount();
    expect(await s.log()).to.have.length(2);
    stop();
    http.invalidate(['account']);
    expect(heard).to.deep.equal([['account']]);
  });

  it('aborting the caller signal rejects with aborted and cancels the request', async () => {
    const s = await scenario([{ body: ACCOUNT, delayMs: 1000 }]);
    const controller = new AbortController();
    const pending = api(s.base).getAccount({ signal: controller.signal });
    await sleep(100);
    controller.abort();
    const error = await rejection(pending);
    expect(error.kind).to.equal('aborted');
    await sleep(50);
    const log = await s.log();
    expect(log).to.have.length(1);
    expect(log[0].aborted).to.be.true;
  });

  it('an already aborted signal sends nothing', async () => {
    const s = await scenario([{ body: ACCOUNT }]);
    const controller = new AbortController();
    controller.abort();
    expect((await rejection(api(s.base).getAccount({ signal: controller.signal }))).kind).to.equal('aborted');
    expect(await s.log()).to.have.length(0);
  });

  it('a shared request is cancelled only when every caller aborted', async () => {
    const s = await scenario([{ body: PAGE, delayMs: 400 }]);
    const http = api(s.base);
    const first = new AbortController();
    const second = new AbortController();
    const a = http.listInvoices({}, { signal: first.signal });
    const b = http.listInvoices({}, { signal: second.signal });
    await sleep(100);
    first.abort();
    expect((await rejection(a)).kind).to.equal('aborted');
    expect(await b).to.deep.equal(PAGE);
    const log = await s.log();
    expect(log).to.have.length(1);
    expect(log[0].aborted).to.equal(undefined);
  });

  it('a caller without a signal keeps the shared request alive', async () => {
    const s = await scenario([{ body: PAGE, delayMs: 300 }]);
    const http = api(s.base);
    const controller = new AbortController();
    const withoutSignal = http.listInvoices();
    const withSignal = http.listInvoices({}, { signal: controller.signal });
    await sleep(100);
    controller.abort();
    expect((await rejection(withSignal)).kind).to.equal('aborted');
    expect(await withoutSignal).to.deep.equal(PAGE);
    expect((await s.log())[0].aborted).to.equal(undefined);
  });

  it('both callers abort → the shared request is cancelled', async () => {
    const s = await scenario([{ body: PAGE, delayMs: 1000 }]);
    const http = api(s.base);
    const controllers = [new AbortController(), new AbortController()];
    const calls = controllers.map((c) => http.listInvoices({}, { signal: c.signal }));
    await sleep(100);
    controllers.forEach((c) => c.abort());
    for (const call of calls) expect((await rejection(call)).kind).to.equal('aborted');
    await sleep(50);
    const log = await s.log();
    expect(log).to.have.length(1);
    expect(log[0].aborted).to.be.true;
  });

  it('aborting during the backoff wait stops further attempts', async () => {
    const s = await scenario([{ status: 503 }]);
    const controller = new AbortController();
    const random = Math.random;
    Math.random = () => 0.999;
    try {
      const pending = api(s.base, { retry: { baseDelayMs: 300, maxDelayMs: 300 } }).getAccount({ signal: controller.signal });
      await sleep(100);
      controller.abort();
      expect((await rejection(pending)).kind).to.equal('aborted');
    } finally {
      Math.random = random;
    }
    await sleep(400);
    expect(await s.log()).to.have.length(1);
  });
});

import { expect } from '@open-wc/testing';
import { ApiError } from '../../src/api/errors.js';
import type { ResourceName } from '../../src/api/account-api.js';
import { SharedCache } from '../../src/api/shared-cache.js';

/** A loader whose calls can be settled by hand; records the signal of each call. */
function manualLoader<T>() {
  const calls: Array<{ signal: AbortSignal; resolve: (value: T) => void; reject: (error: unknown) => void }> = [];
  const loader = (signal: AbortSignal) =>
    new Promise<T>((resolve, reject) => {
      calls.push({ signal, resolve, reject });
    });
  return { calls, loader };
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('SharedCache', () => {
  it('concurrent loads of one key share one call', async () => {
    const cache = new SharedCache();
    const { calls, loader } = manualLoader<string>();
    const a = cache.load('k', [], loader);
    const b = cache.load('k', [], loader);
    const other = cache.load('other', [], loader);
    expect(calls).to.have.length(2);
    calls[0].resolve('v');
    calls[1].resolve('w');
    expect(await a).to.equal('v');
    expect(await b).to.equal('v');
    expect(await other).to.equal('w');
  });

  it('reuses a settled value for ttlMs, then asks again', async () => {
    let now = 1000;
    const cache = new SharedCache({ ttlMs: 500, now: () => now });
    let count = 0;
    const loader = async () => ++count;
    expect(await cache.load('k', [], loader)).to.equal(1);
    now += 499;
    expect(await cache.load('k', [], loader)).to.equal(1);
    now += 1;
    expect(await cache.load('k', [], loader)).to.equal(2);
  });

  it('ttlMs 0 never reuses a settled value, but still shares in-flight calls', async () => {
    const cache = new SharedCache({ ttlMs: 0, now: () => 42 });
    let count = 0;
    const loader = async () => ++count;
    const [a, b] = await Promise.all([cache.load('k', [], loader), cache.load('k', [], loader)]);
    expect([a, b]).to.deep.equal([1, 1]);
    expect(await cache.load('k', [], loader)).to.equal(2);
  });

  it('drops expired entries when it starts new ones', async () => {
    let now = 0;
    const cache = new SharedCache({ ttlMs: 10, now: () => now });
    await cache.load('a', [], async () => 1);
    await cache.load('b', [], async () => 2);
    expect(cache.size).to.equal(2);
    now = 20;
    await cache.load('c', [], async () => 3);
    expect(cache.size).to.equal(1);
  });

  it('fresh skips a stored value but joins an in-flight call', async () => {
    const cache = new SharedCache();
    let count = 0;
    const loader = async () => ++count;
    await cache.load('k', [], loader);
    expect(await cache.load('k', [], loader, { fresh: true })).to.equal(2);
    expect(await cache.load('k', [], loader)).to.equal(2);

    const manual = manualLoader<string>();
    const first = cache.load('m', [], manual.loader);
    const second = cache.load('m', [], manual.loader, { fresh: true });
    expect(manual.calls).to.have.length(1);
    manual.calls[0].resolve('x');
    expect([await first, await second]).to.deep.equal(['x', 'x']);
  });

  it('a failure reaches every waiting caller and is not stored', async () => {
    const cache = new SharedCache();
    const { calls, loader } = manualLoader<string>();
    const a = cache.load('k', [], loader);
    const b = cache.load('k', [], loader);
    const failure = new ApiError('server', 'boom');
    calls[0].reject(failure);
    expect(await rejectionOf(a)).to.equal(failure);
    expect(await rejectionOf(b)).to.equal(failure);
    expect(cache.size).to.equal(0);
    const c = cache.load('k', [], loader);
    expect(calls).to.have.length(2);
    calls[1].resolve('ok');
    expect(await c).to.equal('ok');
  });

  it('a loader that throws synchronously rejects instead of throwing', async () => {
    const cache = new SharedCache();
    const failure = new ApiError('config', 'bad');
    const loader = (): Promise<string> => {
      throw failure;
    };
    const result = cache.load('k', [], loader);
    expect(await rejectionOf(result)).to.equal(failure);
    expect(cache.size).to.equal(0);
  });

  it('invalidate drops tagged entries and tells each listener once', async () => {
    const cache = new SharedCache();
    let count = 0;
    const loader = async () => ++count;
    await cache.load('invoices', ['invoices'], loader);
    await cache.load('account', ['account'], loader);
    const heard: ResourceName[][] = [];
    const stop = cache.subscribe((resources) => heard.push([...resources]));
    cache.invalidate(['invoices', 'payments', 'invoices']);
    expect(heard).to.deep.equal([['invoices', 'payments']]);
    expect(await cache.load('invoices', ['invoices'], loader), 'reloaded').to.equal(3);
    expect(await cache.load('account', ['account'], loader), 'kept').to.equal(2);
    cache.invalidate([]);
    expect(heard).to.have.length(1);
    stop();
    cache.invalidate(['account']);
    expect(heard).to.have.length(1);
  });

  it('a listener that throws does not stop the others', () => {
    const cache = new SharedCache();
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (error: unknown) => errors.push(error);
    let heard = 0;
    try {
      cache.subscribe(() => {
        throw new Error('host bug');
      });
      cache.subscribe(() => heard++);
      cache.invalidate(['account']);
    } finally {
      console.error = original;
    }
    expect(heard).to.equal(1);
    expect(errors).to.have.length(1);
  });

  describe('abort', () => {
    it('an aborted caller rejects with aborted; the call goes on for the others', async () => {
      const cache = new SharedCache();
      const { calls, loader } = manualLoader<string>();
      const controller = new AbortController();
      const a = cache.load('k', [], loader, { signal: controller.signal });
      const b = cache.load('k', [], loader, { signal: new AbortController().signal });
      controller.abort();
      const error = await rejectionOf(a);
      expect(error).to.be.instanceOf(ApiError);
      expect((error as ApiError).kind).to.equal('aborted');
      expect(calls[0].signal.aborted).to.be.false;
      calls[0].resolve('v');
      expect(await b).to.equal('v');
    });

    it('the call is aborted and forgotten when every caller aborted', async () => {
      const cache = new SharedCache();
      const { calls, loader } = manualLoader<string>();
      const controllers = [new AbortController(), new AbortController()];
      const results = controllers.map((c) => cache.load('k', [], loader, { signal: c.signal }));
      controllers[0].abort();
      expect(calls[0].signal.aborted).to.be.false;
      controllers[1].abort();
      expect(calls[0].signal.aborted).to.be.true;
      for (const result of results) expect(((await rejectionOf(result)) as ApiError).kind).to.equal('aborted');
      expect(cache.size).to.equal(0);
      // The aborted call's late rejection is handled and a new caller starts over.
      calls[0].reject(new ApiError('aborted', 'gone'));
      await tick();
      const again = cache.load('k', [], loader);
      expect(calls).to.have.length(2);
      calls[1].resolve('new');
      expect(await again).to.equal('new');
    });

    it('a caller without a signal keeps the call alive', async () => {
      const cache = new SharedCache();
      const { calls, loader } = manualLoader<string>();
      const controller = new AbortController();
      const plain = cache.load('k', [], loader);
      const abortable = cache.load('k', [], loader, { signal: controller.signal });
      controller.abort();
      await rejectionOf(abortable);
      expect(calls[0].signal.aborted).to.be.false;
      calls[0].resolve('v');
      expect(await plain).to.equal('v');
    });

    it('an already aborted signal rejects without calling the loader', async () => {
      const cache = new SharedCache();
      const { calls, loader } = manualLoader<string>();
      const controller = new AbortController();
      controller.abort();
      expect(((await rejectionOf(cache.load('k', [], loader, { signal: controller.signal }))) as ApiError).kind).to.equal(
        'aborted',
      );
      expect(calls).to.have.length(0);
    });

    it('a settled caller leaves no abort listener behind', async () => {
      const cache = new SharedCache();
      const controller = new AbortController();
      let added = 0;
      let removed = 0;
      const { signal } = controller;
      const add = signal.addEventListener.bind(signal);
      const remove = signal.removeEventListener.bind(signal);
      signal.addEventListener = ((...args: Parameters<typeof add>) => (added++, add(...args))) as typeof add;
      signal.removeEventListener = ((...args: Parameters<typeof remove>) => (removed++, remove(...args))) as typeof remove;
      await cache.load('k', [], async () => 'v', { signal });
      expect(added).to.equal(1);
      expect(removed).to.equal(1);
    });
  });
});

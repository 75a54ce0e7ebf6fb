import { expect, fixture, html } from '@open-wc/testing';
import { LazyHttpAccountApi, HttpConnection } from '../../src/api/lazy-http-api.js';
import type { ResourceName } from '../../src/api/account-api.js';
import { ACCOUNT, INVOICE, scenario } from './http-helpers.js';
import * as z from 'zod/mini';

describe('LazyHttpAccountApi', () => {
  it('loads the HTTP client on first use and serves reads through it', async () => {
    const s = await scenario([{ body: ACCOUNT }]);
    const api = new LazyHttpAccountApi({ baseUrl: s.base, token: 'tok_lazy' });
    const account = await api.getAccount();
    expect(account.id).to.equal(ACCOUNT.id);
    const [request] = await s.log();
    expect(request.headers.authorization).to.equal('Bearer tok_lazy');
  });

  it('answers only operation names: bound in a lit template (which probes `_$litDirective$`), it is a value, not a directive', async () => {
    const s = await scenario([{ body: ACCOUNT }]);
    const api = new LazyHttpAccountApi({ baseUrl: s.base, token: 'tok_lazy' });
    const probed = api as unknown as Record<string, unknown>;
    expect(probed._$litDirective$).to.equal(undefined);
    expect(probed.$$typeof).to.equal(undefined);
    expect(typeof probed.listInvoices).to.equal('function');
    const el = await fixture<HTMLElement & { api?: unknown }>(html`<div .api=${api}></div>`);
    expect(el.api).to.equal(api);
  });

  it('shares identical reads and tells listeners about invalidations, even before the client loaded', async () => {
    const s = await scenario([{ body: INVOICE, delayMs: 30 }]);
    const api = new LazyHttpAccountApi({ baseUrl: s.base, token: 'tok_lazy' });
    const heard: ResourceName[][] = [];
    api.onInvalidate((resources) => heard.push([...resources]));
    api.invalidate(['invoices']);
    expect(heard).to.deep.equal([['invoices']]);
    const [a, b] = await Promise.all([api.getInvoice(INVOICE.id), api.getInvoice(INVOICE.id)]);
    expect(a.id).to.equal(b.id);
    expect(await s.log()).to.have.length(1);
  });

  it('writes go through request() and invalidate what they changed', async () => {
    const s = await scenario([{ status: 201, body: { ok: true } }]);
    const api = new LazyHttpAccountApi({ baseUrl: s.base, token: 'tok_lazy' });
    const heard: ResourceName[][] = [];
    api.onInvalidate((resources) => heard.push([...resources]));
    const result = await api.request({
      method: 'POST',
      path: '/things',
      body: { a: 1 },
      schema: z.object({ ok: z.boolean() }),
      idempotencyKey: 'key-1',
      invalidates: ['account', 'invoices'],
    });
    expect(result).to.deep.equal({ ok: true });
    const [request] = await s.log();
    expect(request.headers['idempotency-key']).to.equal('key-1');
    expect(heard).to.deep.equal([['account', 'invoices']]);
  });
});

describe('HttpConnection', () => {
  it('has no api without a base URL or without credentials', () => {
    const owner = Object.assign(new EventTarget(), { apiBase: undefined as string | undefined, token: undefined as string | undefined });
    const connection = new HttpConnection(owner);
    expect(connection.api).to.be.undefined;
    owner.apiBase = '/mock-api/x';
    expect(connection.api, 'base URL without token or getToken').to.be.undefined;
    owner.token = 't1';
    expect(connection.api).to.exist;
  });

  it('keeps one api per base URL and token, and a new one for another token', () => {
    const owner = Object.assign(new EventTarget(), { apiBase: '/mock-api/x', token: 't1' });
    const connection = new HttpConnection(owner);
    const first = connection.api;
    expect(connection.api).to.equal(first);
    owner.token = 't2';
    expect(connection.api).not.to.equal(first);
  });

  it('a new getToken (another user) gets a new api; the same one keeps it', () => {
    const first = () => 'a';
    const owner = Object.assign(new EventTarget(), { apiBase: '/mock-api/x', getToken: first as (() => string) | undefined });
    const connection = new HttpConnection(owner);
    const api = connection.api;
    expect(connection.api).to.equal(api);
    owner.getToken = () => 'b';
    expect(connection.api).not.to.equal(api);
  });

  it('fires acct-auth-expired on its owner when the token is refused for good', async () => {
    const s = await scenario([{ body: ACCOUNT }], 'tok_good');
    const owner = await fixture<HTMLDivElement>(html`<div></div>`);
    Object.assign(owner, { apiBase: s.base, token: 'tok_bad' });
    let expired = 0;
    owner.addEventListener('acct-auth-expired', () => expired++);
    const api = new HttpConnection(owner as HTMLDivElement & { apiBase: string; token: string }).api!;
    const error = await api.getAccount().then(
      () => undefined,
      (e: unknown) => e as { kind: string },
    );
    expect(error?.kind).to.equal('unauthorized');
    expect(expired).to.equal(1);
  });
});

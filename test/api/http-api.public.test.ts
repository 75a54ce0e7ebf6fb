import { expect } from '@open-wc/testing';
import { CATALOGUE } from '../../src/api/fixtures/catalogue.js';
import { LazyHttpAccountApi, PublicHttpConnection } from '../../src/api/lazy-http-api.js';
import { ACCOUNT, api, rejection, scenario } from './http-helpers.js';

// Operations declared `auth: 'none'` (the pricing catalogue) are public: a marketing page calls them
// with `api-base` alone, and a signed-in page sends them no token either (a shared cache may keep them).
describe('HttpAccountApi: public operations', () => {
  it('getPricing without a token or getToken: no Authorization, getToken never asked', async () => {
    const s = await scenario([{ body: CATALOGUE }]);
    let asked = 0;
    const http = api(s.base, { token: undefined, getToken: () => (asked++, 'tok_x') });
    const pricing = await http.getPricing();
    expect(pricing.products.map((p) => p.id)).to.deep.equal(['prod_workspace', 'prod_analytics']);
    const [request] = await s.log();
    expect(request.path).to.equal('/pricing');
    expect(request.headers.authorization).to.equal(undefined);
    expect(asked).to.equal(0);
  });

  it('with a token: getPricing carries none, the account still does', async () => {
    const s = await scenario([{ body: CATALOGUE }]);
    await fetch(`${s.base}/__script`, { method: 'POST', body: JSON.stringify({ routes: { 'GET /pricing': [{ body: CATALOGUE }], 'GET /account': [{ body: ACCOUNT }] } }) });
    const http = api(s.base);
    await http.getPricing();
    await http.getAccount();
    expect((await s.log()).map((r) => [r.path, r.headers.authorization])).to.deep.equal([
      ['/pricing', undefined],
      ['/account', 'Bearer tok_initial'],
    ]);
  });

  it('a 401 on a public operation is an unauthorized error: no token refresh, no auth-expired', async () => {
    const s = await scenario([{ status: 401, body: { title: 'Unauthorized', status: 401 } }]);
    let asked = 0;
    let expired = 0;
    const http = api(s.base, { getToken: () => (asked++, 'tok_y'), onAuthExpired: () => expired++ });
    const error = await rejection(http.getPricing());
    expect(error.kind).to.equal('unauthorized');
    expect([asked, expired, (await s.log()).length]).to.deep.equal([0, 0, 1]);
  });

  it('PublicHttpConnection: one lazy client per base URL, sending no token', async () => {
    const s = await scenario([{ body: CATALOGUE }]);
    const owner: { apiBase?: string } = {};
    const connection = new PublicHttpConnection(owner);
    expect(connection.api).to.equal(undefined);
    owner.apiBase = s.base;
    const first = connection.api!;
    expect(first).to.be.instanceOf(LazyHttpAccountApi);
    expect(connection.api).to.equal(first);
    await first.getPricing();
    expect((await s.log())[0].headers.authorization).to.equal(undefined);
    owner.apiBase = `${s.base}/v2`;
    expect(connection.api).to.not.equal(first);
  });
});

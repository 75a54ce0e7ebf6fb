import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { CATALOGUE } from '../../src/api/fixtures/catalogue.js';
import { formatPath } from '../../src/api/http/response.js';
import { accountApiOperations } from '../../src/api/operations/index.js';
import { checkPricing, checkProblem } from '../../src/api/pricing-check.js';
import { PUBLIC_READS, PublicHttpClient } from '../../src/api/public-http.js';
import { Pricing } from '../../src/api/schemas/pricing.js';
import { Problem } from '../../src/api/schemas/problem.js';
import { rejection, scenario } from './http-helpers.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path into a JSON value (objects and arrays), the root excluded. */
function paths(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (Array.isArray(value)) return value.flatMap((item, index) => [[...prefix, index], ...paths(item, [...prefix, index])]);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => [[...prefix, key], ...paths(item, [...prefix, key])]);
  return [];
}

const CATALOGUE_PATHS = paths(CATALOGUE);

/** The catalogue with the value at `path` replaced (or deleted, for `undefined`). */
function mutated(path: Array<string | number>, replacement: Json | undefined): unknown {
  const copy = structuredClone(CATALOGUE) as unknown as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (replacement === undefined) {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else parent[last] = replacement;
  return copy;
}

/** Values a server (or a proxy) might put where the contract wants something else. */
const odd = fc.oneof(
  fc.constantFrom<Json | undefined>(undefined, null, 0, -1, 1, 1.5, 2 ** 53, '', 'usd', 'USD', 'EURO', 'x'.repeat(201), true, false, [], {}, [1], { up_to: null }),
  fc.jsonValue() as fc.Arbitrary<Json>,
);

// The public client checks the catalogue without zod (pricing-check.ts): it must accept exactly what
// the contract's schema accepts, and name the same first bad value.
describe('pricing-check: the public client\'s check agrees with the zod schema', () => {
  it('the reference catalogue passes both', () => {
    expect(checkPricing(CATALOGUE).ok).to.equal(true);
    expect(Pricing.safeParse(CATALOGUE).success).to.equal(true);
  });

  it('any one value of the catalogue replaced or removed: same verdict, same path (10,000 runs)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CATALOGUE_PATHS), odd, (path, replacement) => {
        const data = mutated(path, replacement);
        const zod = Pricing.safeParse(data);
        const ours = checkPricing(data);
        expect(ours.ok, `${formatPath(path)} = ${JSON.stringify(replacement)}`).to.equal(zod.success);
        if (!ours.ok && !zod.success) expect(ours.path).to.equal(formatPath(zod.error.issues[0].path));
      }),
      { numRuns: 10_000 },
    );
  });

  it('whole bodies that are not a catalogue', () => {
    for (const body of [null, [], 'pricing', 42, {}, { products: [], currencies: [] }, { products: {}, currencies: [], default_currency: 'USD' }]) {
      expect(checkPricing(body).ok, JSON.stringify(body)).to.equal(Pricing.safeParse(body).success);
    }
  });

  it('problem documents: read as the Problem schema reads them', () => {
    fc.assert(
      fc.property(
        fc.record(
          { title: odd, status: odd, detail: odd, code: odd, request_id: odd, errors: fc.oneof(odd, fc.array(fc.record({ field: odd, message: odd }))) },
          { requiredKeys: [] },
        ),
        (body) => {
          const clean = JSON.parse(JSON.stringify(body)) as unknown;
          expect(checkProblem(clean) !== undefined).to.equal(Problem.safeParse(clean).success);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('the public reads are the declarations: GET, no token, same path and resources', () => {
    for (const [name, read] of Object.entries(PUBLIC_READS)) {
      const op = accountApiOperations[name as keyof typeof PUBLIC_READS];
      expect([op.method, op.auth, op.path, op.reads]).to.deep.equal(['GET', 'none', read.path, read.reads]);
    }
    const publicOperations = Object.entries(accountApiOperations).filter(([, op]) => op.auth === 'none').map(([name]) => name);
    expect(Object.keys(PUBLIC_READS)).to.deep.equal(publicOperations);
  });
});

describe('PublicHttpClient', () => {
  const client = (base: string) => new PublicHttpClient({ baseUrl: base, retry: { baseDelayMs: 5, maxDelayMs: 20 } });

  it('GET /pricing with no token: the checked catalogue', async () => {
    const s = await scenario([{ body: CATALOGUE }]);
    const pricing = await client(s.base).getPricing();
    expect(pricing.products[0].plans.map((p) => p.id)).to.deep.equal(CATALOGUE.products[0].plans.map((p) => p.id));
    const [request] = await s.log();
    expect([request.method, request.path, request.headers.authorization]).to.deep.equal(['GET', '/pricing', undefined]);
  });

  it('502, 503, 200 → three requests and the catalogue; 404 → one request, a not-found error with its problem', async () => {
    const s = await scenario([{ status: 502 }, { status: 503, headers: { 'retry-after': '0' } }, { body: CATALOGUE }]);
    await client(s.base).getPricing();
    expect(await s.log()).to.have.length(3);
    const t = await scenario([{ status: 404, headers: { 'content-type': 'application/problem+json', 'request-id': 'req_404' }, body: { title: 'Not Found', status: 404, code: 'not_found' } }]);
    const error = await rejection(client(t.base).getPricing());
    expect([error.kind, error.status, error.problem?.code, error.requestId]).to.deep.equal(['not-found', 404, 'not_found', 'req_404']);
    expect(await t.log()).to.have.length(1);
  });

  it('a Retry-After beyond the cap: no wait, the 429 at once', async () => {
    const s = await scenario([{ status: 429, headers: { 'retry-after': '120' } }, { body: CATALOGUE }]);
    const error = await rejection(client(s.base).getPricing());
    expect([error.kind, error.retryAfterMs]).to.deep.equal(['rate-limited', 120_000]);
    expect(await s.log()).to.have.length(1);
  });

  it('a body that is not a catalogue: invalid-response naming the bad value; HTML and empty bodies too', async () => {
    const bad = structuredClone(CATALOGUE) as unknown as { products: Array<{ plans: Array<Record<string, unknown>> }> };
    bad.products[0].plans[2].min_quantity = -3;
    const s = await scenario([{ body: bad }]);
    const error = await rejection(client(s.base).getPricing());
    expect([error.kind, error.path]).to.deep.equal(['invalid-response', 'products[0].plans[2].min_quantity']);
    const html = await scenario([{ raw: '<html><body>Oops</body></html>', headers: { 'content-type': 'text/html' } }]);
    expect((await rejection(client(html.base).getPricing())).message).to.contain('unparseable text/html');
    const empty = await scenario([{ raw: '' }]);
    expect((await rejection(client(empty.base).getPricing())).message).to.contain('empty body');
  });

  it('a connection that fails: network error after the retries; an abort: aborted, at once', async () => {
    const s = await scenario([{ drop: true }]);
    const error = await rejection(client(s.base).getPricing());
    expect(error.kind).to.equal('network');
    // Three attempts; Chromium itself may resend each GET when a kept-alive socket drops (twice
    // each was seen on a loaded machine).
    expect((await s.log()).length).to.be.within(3, 9);
    const slow = await scenario([{ body: CATALOGUE, delayMs: 2000 }]);
    const controller = new AbortController();
    const pending = client(slow.base).getPricing({ signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    expect((await rejection(pending)).kind).to.equal('aborted');
  });

  it('an attempt that takes too long times out; the call ends within its total budget', async () => {
    const s = await scenario([{ body: CATALOGUE, delayMs: 400 }]);
    const started = performance.now();
    const error = await rejection(new PublicHttpClient({ baseUrl: s.base, timeoutMs: 100, totalTimeoutMs: 250, retry: { baseDelayMs: 5 } }).getPricing());
    expect(error.kind).to.equal('timeout');
    expect(performance.now() - started).to.be.below(1000);
  });

  it('identical concurrent reads share one request; an operation with a token is refused without a request', async () => {
    const s = await scenario([{ body: CATALOGUE, delayMs: 30 }]);
    const api = client(s.base);
    await Promise.all([api.getPricing(), api.getPricing(), api.getPricing()]);
    expect(await s.log()).to.have.length(1);
    const error = await rejection(api.request({ method: 'GET', path: '/licenses', schema: Pricing }));
    expect(error.kind).to.equal('unauthorized');
    expect(await s.log()).to.have.length(1);
  });
});

#!/usr/bin/env node
/**
 * `npm run bench:requests`: how many HTTP requests a page makes. Two acct-invoice-list with the
 * same filter and one acct-invoice-detail inside one acct-provider, pointed at a small fake of the
 * host API (node:http, serving the MemoryAccountApi fixtures), in headless Chromium with the real
 * HttpAccountApi. Counts the requests by method, path and query once the elements have settled.
 *
 * Expected: one GET /invoices per distinct query, one GET /account, one GET /invoices/{id}; each
 * with the bearer token in the Authorization header and never in the URL.
 * Reports, does not assert; exits non-zero only when it could not measure.
 * Writes bench-results/requests.json.
 */
import { bundleScript, html, launchChromium, loadMemoryApi, openPage, serve, writeResult } from './bench-lib.js';

const TOKEN = 'bench-token';
const FILTER = 'open';
const QUIET_MS = 500;

async function main() {
  const { MemoryAccountApi } = await loadMemoryApi();
  const api = new MemoryAccountApi({ fixture: 'typical' });
  const invoiceId = api.data.invoices[0].id;
  const requests = [];

  const script = await bundleScript(`import './src/all.ts';`);
  const body = html(`<acct-provider api-base="/api" token="${TOKEN}">
      <acct-invoice-list filter="${FILTER}"></acct-invoice-list>
      <acct-invoice-list filter="${FILTER}"></acct-invoice-list>
      <acct-invoice-detail invoice-id="${invoiceId}"></acct-invoice-detail>
    </acct-provider>`);

  const { server, origin } = await serve(
    { '/': { type: 'text/html', body }, '/bench.js': { type: 'text/javascript', body: script } },
    {
      onRequest(req, url) {
        if (!url.pathname.startsWith('/api/')) return;
        requests.push({
          method: req.method,
          path: url.pathname.slice('/api'.length),
          query: url.search,
          authorized: req.headers.authorization === `Bearer ${TOKEN}`,
          tokenInUrl: url.href.includes(TOKEN),
          at: Date.now(),
        });
      },
      fallback: (req, res, url) => answer(api, req, res, url),
    },
  );

  const browser = await launchChromium();
  try {
    const { page, problems } = await openPage(browser, `${origin}/`);
    await page.waitForFunction(
      () => {
        const settled = (el, states) => states.some((s) => el.matches(`:state(${s})`));
        const lists = [...document.querySelectorAll('acct-invoice-list')];
        const detail = document.querySelector('acct-invoice-detail');
        return (
          lists.length === 2 &&
          lists.every((l) => settled(l, ['populated', 'empty', 'error'])) &&
          !!detail &&
          settled(detail, ['populated', 'not-found', 'error'])
        );
      },
      null,
      { timeout: 20_000 },
    );
    // Anything still to come (a late duplicate) arrives within the quiet period.
    let count;
    do {
      count = requests.length;
      await page.waitForTimeout(QUIET_MS);
    } while (requests.length !== count);
    const states = await page.evaluate(() =>
      [...document.querySelectorAll('acct-invoice-list, acct-invoice-detail')].map((el) => ({
        tag: el.localName,
        state: ['populated', 'empty', 'error', 'not-found'].find((s) => el.matches(`:state(${s})`)),
      })),
    );
    if (problems.length) throw new Error(`the page reported errors:\n  ${problems.join('\n  ')}`);
    if (requests.length === 0) throw new Error('no request reached the fake API');

    const byKey = new Map();
    for (const r of requests) {
      const key = `${r.method} ${r.path}${r.query}`;
      byKey.set(key, (byKey.get(key) ?? 0) + 1);
    }
    const expected = [
      { label: 'GET /account', match: (k) => k === 'GET /account' },
      { label: 'GET /invoices?… (per distinct query)', match: (k) => /^GET \/invoices(\?|$)/.test(k) },
      { label: `GET /invoices/{id}`, match: (k) => k.startsWith('GET /invoices/') },
    ];

    console.log(`\nRequests from 2 × acct-invoice-list filter="${FILTER}" + 1 × acct-invoice-detail in one acct-provider\n`);
    console.log('count  request');
    for (const [key, n] of byKey) console.log(`${String(n).padStart(5)}  ${key}`);
    console.log('\nexpected                                   distinct  requests  verdict');
    const summary = expected.map(({ label, match }) => {
      const keys = [...byKey.keys()].filter(match);
      const total = keys.reduce((sum, k) => sum + byKey.get(k), 0);
      const ok = keys.length === 1 && total === 1;
      console.log(`${label.padEnd(42)} ${String(keys.length).padStart(8)}  ${String(total).padStart(8)}  ${ok ? 'ok (one)' : 'UNEXPECTED'}`);
      return { label, distinct: keys.length, requests: total, ok };
    });
    const unauthorized = requests.filter((r) => !r.authorized).length;
    const tokenInUrl = requests.filter((r) => r.tokenInUrl).length;
    console.log(`\nTotal ${requests.length} requests; without the bearer token: ${unauthorized}; token in a URL: ${tokenInUrl}`);
    console.log(`Element states: ${states.map((s) => `${s.tag}=${s.state}`).join(', ')}`);

    writeResult('requests.json', {
      measuredAt: new Date().toISOString(),
      page: { lists: 2, filter: FILTER, details: 1, invoiceId },
      requests: Object.fromEntries(byKey),
      expected: summary,
      total: requests.length,
      unauthorized,
      tokenInUrl,
      states,
    });
  } finally {
    await browser.close();
    server.close();
  }
}

/** The fake host API: the REST contract's reads, answered from the fixture account. */
async function answer(api, req, res, url) {
  const send = (status, type, payload) => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(JSON.stringify(payload));
  };
  const route = url.pathname.replace(/^\/api/, '');
  try {
    if (req.method !== 'GET') return send(405, 'application/problem+json', { title: 'Method not allowed', status: 405 });
    if (route === '/account') return send(200, 'application/json', await api.getAccount({ fresh: true }));
    if (route === '/invoices') {
      const q = url.searchParams;
      const query = { status: q.get('status') ?? undefined, cursor: q.get('cursor'), limit: q.has('limit') ? Number(q.get('limit')) : undefined };
      return send(200, 'application/json', await api.listInvoices(query, { fresh: true }));
    }
    const invoice = /^\/invoices\/([^/]+)$/.exec(route);
    if (invoice) return send(200, 'application/json', await api.getInvoice(decodeURIComponent(invoice[1]), { fresh: true }));
    return send(404, 'application/problem+json', { title: 'Not found', status: 404 });
  } catch (error) {
    const status = error?.status ?? 500;
    send(status, 'application/problem+json', { title: error?.message ?? 'error', status });
  }
}

main().catch((error) => {
  console.error(`bench-requests: could not measure: ${error.message}`);
  process.exit(1);
});

/// <reference types="node" />
// The server-rendered pricing page (server/marketing.ts), rendered directly: declarative shadow
// DOM with the prices in it, the visitor's choices from the query, the catalogue for hydration,
// the styles' hashes for the policy; and the route on a Hono app with a catalogue passed in.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { Hono } from 'hono';
import { CATALOGUE } from '../../src/api/fixtures/catalogue.js';
import type { Pricing } from '../../src/api/schemas/pricing.js';
import type { Env } from '../../server/http.js';
import { pricingPageCsp, registerMarketingPages, renderPricingPage } from '../../server/marketing.js';

/** The text of the page without markup and Lit's comments, spaces folded. */
function visibleText(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/g, ' ')
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;|\u00a0/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const usd = (minor: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(minor / 100);

describe('the pricing page rendered on the server', () => {
  test('the table is in declarative shadow DOM, with every plan and its estimate in the HTML', async () => {
    const { html } = await renderPricingPage({ pricing: CATALOGUE });
    assert.match(html, /<acct-pricing-table[^>]*defer-hydration[^>]*><template shadowroot="open" shadowrootmode="open"><style>/);
    const text = visibleText(html);
    for (const plan of CATALOGUE.products[0].plans) assert.ok(text.includes(plan.name), plan.name);
    // The default quantity (Team's minimum, 3): per seat, graduated, volume at its minimum, contact sales.
    for (const price of [usd(2400), usd(4500), usd(25000)]) assert.ok(text.includes(`${price} per month`), price);
    assert.ok(text.includes('Price on request'));
    assert.ok(text.includes(`From ${usd(800)} per seat per month`));
    assert.ok(text.includes('Compare plans Feature Starter Team Business Enterprise'));
    // No JavaScript needed for the choices: a form with named controls and a submit button.
    assert.match(html, /<form class="controls"[^>]*>/);
    for (const name of ['product', 'currency', 'interval', 'quantity']) assert.match(html, new RegExp(`name="${name}"`));
    assert.match(html, /<button class="button apply" part="apply-button" type="submit">/);
    // Checked and selected as attributes, and only the chosen ones.
    assert.deepEqual([...html.matchAll(/<input type="radio" name="interval" value="(\w+)"( checked)?/g)].map((m) => [m[1], !!m[2]]), [
      ['month', true],
      ['year', false],
    ]);
    assert.deepEqual([...html.matchAll(/<option value="(\w+)"( selected)?/g)].filter((m) => m[2]).map((m) => m[1]), ['USD']);
    assert.doesNotMatch(html, /(checked|selected|disabled)="/);
  });

  test('the visitor\'s choices from the query are rendered; values it cannot take are dropped', async () => {
    const { html } = await renderPricingPage({ pricing: CATALOGUE, query: { interval: 'year', currency: 'EUR', quantity: '12', product: 'prod_workspace', x: 'y' } });
    const host = /<acct-pricing-table[^>]*>/.exec(html)![0];
    for (const attribute of ['currency="EUR"', 'interval="year"', 'quantity="12"', 'product="prod_workspace"']) assert.ok(host.includes(attribute), attribute);
    assert.doesNotMatch(host, / x=/);
    const eur = (minor: number) => new Intl.NumberFormat('en', { style: 'currency', currency: 'EUR' }).format(minor / 100).replace(/\u00a0/g, ' ');
    // 12 seats × €7.40 × 10 months.
    assert.ok(visibleText(html).includes(`${eur(740 * 10 * 12)} per year`));
    const hostile = await renderPricingPage({ pricing: CATALOGUE, query: { quantity: '"><script>alert(1)</script>', currency: 'usd', interval: 'year"' } });
    assert.doesNotMatch(hostile.html, /<script>alert/);
    const hostileHost = /<acct-pricing-table[^>]*>/.exec(hostile.html)![0];
    assert.doesNotMatch(hostileHost, /\s(quantity|currency|interval)=/);
  });

  test('the calls to action are links the template fills in; the analytics product by band', async () => {
    const { html } = await renderPricingPage({ pricing: CATALOGUE, query: { product: 'prod_analytics', quantity: '30' }, ctaHref: '/signup?plan={plan}&quantity={quantity}' });
    assert.match(html, /<a class="button cta[^"]*" part="cta" href="\/signup\?plan=plan_analytics&amp;quantity=30"/);
    assert.ok(visibleText(html).includes(`${usd(39900)} per month Estimated for 30 viewers One price for 26 to 100 viewers`));
  });

  test('the catalogue for hydration is a JSON data block that nothing can close', async () => {
    const pricing = structuredClone(CATALOGUE) as Pricing;
    pricing.products[0].plans[0].name = '</script><script>alert(1)</script>';
    const { html } = await renderPricingPage({ pricing });
    const blocks = [...html.matchAll(/<script type="application\/json" id="pricing-data">([\s\S]*?)<\/script>/g)];
    assert.equal(blocks.length, 1);
    assert.deepEqual(JSON.parse(blocks[0][1]), JSON.parse(JSON.stringify(pricing)));
    assert.doesNotMatch(html, /<script>alert/);
    // The name is text in the shadow root too.
    assert.ok(html.includes('&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;'));
  });

  test('the policy allows the shadow roots\' styles by their hashes, and nothing else inline', async () => {
    const { html, styleHashes } = await renderPricingPage({ pricing: CATALOGUE });
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
    assert.ok(styles.length >= 1);
    assert.deepEqual(styleHashes, [...new Set(styles.map((css) => `'sha256-${createHash('sha256').update(css).digest('base64')}'`))]);
    const csp = pricingPageCsp(styleHashes);
    assert.match(csp, /script-src 'self';/);
    assert.match(csp, new RegExp(`style-src 'self' ${styleHashes[0].replace(/[+/=]/g, '\\$&')}`));
    assert.match(csp, /require-trusted-types-for 'script'; trusted-types lit-html/);
    assert.doesNotMatch(html, / style="/);
  });

  test('GET /pricing.html on an app: the page with its policy and a public cache; a failing catalogue is a 503', async () => {
    const app = new Hono<Env>();
    registerMarketingPages(app, { loadPricing: async () => CATALOGUE });
    const response = await app.request('/pricing.html?interval=year');
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(response.headers.get('content-security-policy') ?? '', /style-src 'self' 'sha256-/);
    assert.equal(response.headers.get('cache-control'), 'public, max-age=300');
    assert.ok(visibleText(await response.text()).includes(`${usd(24000)} per year`));

    const failing = new Hono<Env>();
    registerMarketingPages(failing, { loadPricing: () => Promise.reject(new Error('no catalogue')) });
    const logged: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => logged.push(args);
    try {
      const down = await failing.request('/pricing.html');
      assert.equal(down.status, 503);
      assert.equal(down.headers.get('cache-control'), 'no-store');
    } finally {
      console.error = original;
    }
    assert.equal(logged.length, 1);
  });

  test('by default the page reads this server\'s own GET /api/pricing', async () => {
    const app = new Hono<Env>();
    const served = structuredClone(CATALOGUE) as Pricing;
    served.products[0].plans[1].name = 'Team (from the API)';
    app.get('/api/pricing', (c) => c.json(served));
    registerMarketingPages(app);
    const response = await app.request('/pricing.html');
    assert.equal(response.status, 200);
    assert.ok(visibleText(await response.text()).includes('Team (from the API)'));
  });
});

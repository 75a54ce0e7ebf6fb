/**
 * The marketing page `GET /pricing.html`: `acct-pricing-table` rendered on the server with Lit's
 * SSR into declarative shadow DOM, so the prices are in the HTML: visible with JavaScript turned
 * off and to crawlers. The page's script (demo/pricing.ts, bundled with the demo) then hydrates
 * the element with the catalogue it was rendered from (a JSON data block), and the element takes
 * over: live estimates, the interval switch, a fresh catalogue from `GET /api/pricing`.
 *
 * Without JavaScript the table's controls are a form that reloads this page with the visitor's
 * choices (`?product=&currency=&interval=&quantity=`), which the server renders in turn, and its
 * calls to action are links: the page works end to end with no script at all.
 *
 * The catalogue comes from this server's own `GET /api/pricing` route, requested in-process: the
 * page shows exactly what the API answers (validated by the contract's schema). The policy is the
 * demo page's, with one difference: the declarative shadow roots' `<style>` elements are allowed
 * by their hashes (SSR writes the element's styles inline; nothing else inline is allowed).
 */
import { createHash } from 'node:crypto';
import type { Hono } from 'hono';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { render } from '@lit-labs/ssr';
import { collectResult } from '@lit-labs/ssr/lib/render-result.js';
import { Pricing } from '../src/api/schemas/pricing.js';
import type { Env } from './http.js';

/**
 * The element's registration, loaded on first use by path: the server's type check (no DOM
 * library) does not follow it into the element's sources. Lit's server build registers it with
 * SSR's own custom element registry, not a DOM.
 */
const ELEMENT_MODULE = new URL('../src/components/pricing-table/acct-pricing-table.ts', import.meta.url).href;
let elementLoaded: Promise<unknown> | undefined;

/** The choices a visitor's form may send, and what each may look like (the element checks the values again). */
const CHOICES = {
  product: /^[\w-]{1,200}$/,
  currency: /^[A-Z]{3}$/,
  interval: /^[a-z_]{1,20}$/,
  quantity: /^\d{1,7}$/,
} as const;
type Choice = keyof typeof CHOICES;

export interface PricingPageOptions {
  pricing: Pricing;
  /** The page's query: a form without JavaScript sends the visitor's choices. Other parameters are ignored. */
  query?: Readonly<Record<string, string | undefined>>;
  /** The API the hydrated element loads the catalogue from (default `/api`). */
  apiBase?: string;
  /** The calls to action: a link template of the element (`cta-href`). */
  ctaHref?: string;
  /** The page's script, which hydrates the element (default `./pricing.js`). */
  script?: string;
}

export interface PricingPage {
  html: string;
  /** `'sha256-…'` of each inline `<style>` (the shadow roots'), for the page's `style-src`. */
  styleHashes: string[];
}

/** The demo's own page for "Choose …": its billing page, with the choice in the query. */
const DEFAULT_CTA = './?plan={plan}&interval={interval}&quantity={quantity}&currency={currency}';

function choices(query: PricingPageOptions['query'] = {}): Partial<Record<Choice, string>> {
  const out: Partial<Record<Choice, string>> = {};
  for (const name of Object.keys(CHOICES) as Choice[]) {
    const value = query[name];
    if (value !== undefined && CHOICES[name].test(value)) out[name] = value;
  }
  return out;
}

/** A JSON data block's text: `<` escaped, so no value can close the script element. */
function jsonBlock(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

function styleHashes(markup: string): string[] {
  const hashes = new Set<string>();
  for (const [, css] of markup.matchAll(/<style>([\s\S]*?)<\/style>/g)) {
    hashes.add(`'sha256-${createHash('sha256').update(css, 'utf8').digest('base64')}'`);
  }
  return [...hashes];
}

/** The element, rendered on the server, inside the page. */
export async function renderPricingPage({ pricing, query, apiBase = '/api', ctaHref = DEFAULT_CTA, script = './pricing.js' }: PricingPageOptions): Promise<PricingPage> {
  elementLoaded ??= import(ELEMENT_MODULE);
  await elementLoaded;
  const chosen = choices(query);
  // `defer-hydration`: the element waits for the page's script to hand it the catalogue, so its
  // first render in the browser is the one the server made.
  const table = await collectResult(
    render(html`<acct-pricing-table
      api-base=${apiBase}
      locale="en"
      cta-href=${ctaHref}
      product=${ifDefined(chosen.product)}
      currency=${ifDefined(chosen.currency)}
      interval=${ifDefined(chosen.interval)}
      quantity=${ifDefined(chosen.quantity)}
      defer-hydration
      .pricing=${pricing}
    ></acct-pricing-table>`),
  );
  const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Pricing · Tickr</title>
<meta name="description" content="Tickr plans and prices: per seat, by volume and by band, monthly or yearly, in your currency.">
<link rel="icon" href="data:,">
<link rel="stylesheet" href="./demo.css">
<script type="module" src="${script}"></script>
</head>
<body>
<header class="host-header"><strong class="brand">Tickr</strong><nav aria-label="Site"><a href="./pricing.html" aria-current="page">Pricing</a><a href="./">Billing demo</a></nav></header>
<main>
<h1>Plans and pricing</h1>
<p class="demo-note">Rendered on the server by the Account Elements reference server: the prices below are in the page's HTML, so they show without JavaScript.</p>
${table}
</main>
<script type="application/json" id="pricing-data">${jsonBlock(pricing)}</script>
</body>
</html>
`;
  return { html: page, styleHashes: styleHashes(table) };
}

/** The page's Content-Security-Policy: the demo page's, with the shadow roots' styles by hash. */
export function pricingPageCsp(hashes: readonly string[]): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self' ${hashes.join(' ')}`.trim(),
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "require-trusted-types-for 'script'",
    'trusted-types lit-html',
  ].join('; ');
}

/** Where the page gets the catalogue; by default this server's own `GET /api/pricing`, in-process. */
export type LoadPricing = () => Promise<Pricing>;

/** `GET /api/pricing` of `app`, as a client would get it, checked by the contract's schema. */
export function pricingFromApi(app: Hono<Env>): LoadPricing {
  return async () => {
    const response = await app.request('/api/pricing', { headers: { accept: 'application/json' } });
    if (response.status !== 200) throw new Error(`GET /api/pricing answered ${response.status}`);
    return Pricing.parse(await response.json());
  };
}

/** Registers `GET /pricing.html` on `app`. */
export function registerMarketingPages(app: Hono<Env>, { loadPricing = pricingFromApi(app) }: { loadPricing?: LoadPricing } = {}): void {
  app.get('/pricing.html', async (c) => {
    let pricing: Pricing;
    try {
      pricing = await loadPricing();
    } catch (error) {
      console.error(JSON.stringify({ level: 'error', request_id: c.get('requestId'), path: c.req.path, error: String(error) }));
      return c.html('<!doctype html><html lang="en"><title>Pricing</title><p>Prices are not available right now. Please try again in a minute.</p></html>', 503, {
        'Cache-Control': 'no-store',
        'Retry-After': '60',
      });
    }
    const { html: page, styleHashes: hashes } = await renderPricingPage({ pricing, query: c.req.query() });
    // The catalogue is public: browsers and CDNs may keep the page as long as the API's answer.
    return c.html(page, 200, { 'Content-Security-Policy': pricingPageCsp(hashes), 'Cache-Control': 'public, max-age=300' });
  });
}

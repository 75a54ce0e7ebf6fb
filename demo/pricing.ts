// The marketing page's script (the page is rendered on the server: server/marketing.ts). Lit's
// hydration support comes first: it must run before lit-element is evaluated, and it lets the
// server-rendered table (declarative shadow DOM) be taken over rather than rendered again. The
// table then gets the catalogue it was rendered from, and hydrates when `defer-hydration` goes.
import '@lit-labs/ssr-client/lit-element-hydrate-support.js';
import '../src/components/pricing-table/acct-pricing-table.js';
import type { Pricing } from '../src/api/schemas/pricing.js';

const table = document.querySelector('acct-pricing-table');
const data = document.getElementById('pricing-data');
if (table) {
  if (data?.textContent) table.pricing = JSON.parse(data.textContent) as Pricing;
  table.removeAttribute('defer-hydration');
}

import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { MemoryAccountApi, type MemoryAccountApiOptions } from '../src/api/memory-api.js';
import { ApiError } from '../src/api/errors.js';
import { CATALOGUE } from '../src/api/fixtures/catalogue.js';
import type { Pricing } from '../src/api/schemas/pricing.js';
import '../src/components/pricing-table/acct-pricing-table.js';

interface PricingTableArgs {
  product?: string;
  currency?: string;
  interval: string;
  quantity?: number;
  highlight?: string;
  ctaHref?: string;
  locale?: string;
}

const TODAY = new Date('2026-05-20T12:00:00Z');

/**
 * A marketing page's API: the public catalogue, and no account (`listLicenses` is the 401 an
 * `api-base` without a token gets).
 */
function publicApi(options: MemoryAccountApiOptions = {}): MemoryAccountApi {
  return new MemoryAccountApi({
    fixture: 'typical',
    today: TODAY,
    ...options,
    fail: (operation, index) =>
      operation === 'listLicenses' ? new ApiError('unauthorized', 'No token', { status: 401 }) : options.fail?.(operation, index),
  });
}

/** A signed-in account: the typical fixture holds Workspace on the Team plan (25 seats) and Analytics. */
function accountApi(options: MemoryAccountApiOptions = {}): MemoryAccountApi {
  return new MemoryAccountApi({ fixture: 'typical', today: TODAY, ...options });
}

/** The catalogue with changes to its first product. */
function catalogueWith(change: (pricing: Pricing) => void): Pricing {
  const pricing = structuredClone(CATALOGUE);
  change(pricing);
  return pricing;
}

function table(args: PricingTableArgs, api: MemoryAccountApi | undefined, style?: string): TemplateResult {
  return html`<acct-pricing-table
    product=${ifDefined(args.product)}
    currency=${ifDefined(args.currency)}
    interval=${args.interval}
    quantity=${ifDefined(args.quantity)}
    highlight=${ifDefined(args.highlight)}
    cta-href=${ifDefined(args.ctaHref)}
    locale=${ifDefined(args.locale)}
    style=${ifDefined(style)}
    .api=${api}
  ></acct-pricing-table>`;
}

/**
 * Public plans and prices for a marketing page: no token, a quantity with each plan's estimate,
 * monthly or yearly, the currency, a feature comparison and a call to action per plan. Every story
 * brings its own in-memory API.
 */
const meta = {
  title: 'Licenses/Pricing table',
  component: 'acct-pricing-table',
  args: { interval: 'month' },
  argTypes: {
    product: { control: 'inline-radio', options: ['prod_workspace', 'prod_analytics'] },
    currency: { control: 'inline-radio', options: ['USD', 'EUR', 'JPY', 'KWD'] },
    interval: { control: 'inline-radio', options: ['month', 'year'] },
    quantity: { control: { type: 'number', min: 1 } },
    highlight: { control: 'text' },
    ctaHref: { control: 'text' },
    locale: { control: 'text' },
  },
} satisfies Meta<PricingTableArgs>;
export default meta;

type Story = StoryObj<PricingTableArgs>;

/** Workspace: per seat (Starter), graduated (Team, highlighted), volume (Business) and a contact-sales plan. */
export const Populated: Story = {
  render: (args) => table(args, publicApi()),
};

/** Yearly prices: two months free, each plan says what a year saves, the switch the best saving. */
export const Yearly: Story = {
  args: { interval: 'year', quantity: 12 },
  render: (args) => table(args, publicApi()),
};

/** Analytics is priced by band of viewers (tiered): the band's price, whatever the count inside it. */
export const Tiered: Story = {
  name: 'Tiered (bands of viewers)',
  args: { product: 'prod_analytics', quantity: 30 },
  render: (args) => table(args, publicApi()),
};

/** More seats than Starter sells (20): it says so and its call to action is off; Team's minimum is 3. */
export const AboveAPlanMaximum: Story = {
  name: 'Above a plan maximum',
  args: { quantity: 40 },
  render: (args) => table(args, publicApi()),
};

/** With a token: the account's plan (Team, 25 seats) is "Current plan", later plans are upgrades. */
export const CurrentPlan: Story = {
  name: 'Current plan (with a token)',
  render: (args) => table(args, accountApi()),
};

/** A token whose role may not read licenses (403): public pricing, no error. */
export const LicensesForbidden: Story = {
  name: 'Licenses forbidden (403)',
  render: (args) =>
    table(args, accountApi({ fail: (operation) => (operation === 'listLicenses' ? new ApiError('forbidden', 'Forbidden', { status: 403 }) : undefined) })),
};

/** Calls to action as links (sign-up page of the host), filled in with the plan, interval, quantity and currency. */
export const Links: Story = {
  name: 'Calls to action as links',
  args: { ctaHref: '/signup?plan={plan}&interval={interval}&quantity={quantity}&currency={currency}' },
  render: (args) => table(args, publicApi()),
};

export const Euro: Story = {
  args: { currency: 'EUR', locale: 'de-DE' },
  render: (args) => table(args, publicApi()),
};

export const JapaneseYen: Story = {
  name: 'Japanese yen',
  args: { currency: 'JPY', locale: 'ja-JP', interval: 'year' },
  render: (args) => table(args, publicApi()),
};

/** Three decimals (fils). */
export const KuwaitiDinar: Story = {
  name: 'Kuwaiti dinar',
  args: { currency: 'KWD', locale: 'ar-KW' },
  render: (args) => table(args, publicApi()),
};

/** A narrow host (a sidebar, a phone): the cards stack, the comparison scrolls sideways. */
export const Narrow: Story = {
  render: (args) => table(args, publicApi(), 'max-width: 22rem'),
};

/** Half a wide page: two plans per row. */
export const Medium: Story = {
  name: 'Medium (two per row)',
  render: (args) => table(args, publicApi(), 'max-width: 44rem'),
};

/** One currency and one interval: no controls but the quantity. */
export const OneCurrencyOneInterval: Story = {
  name: 'One currency, one interval',
  render: (args) =>
    table(
      args,
      publicApi({
        pricing: catalogueWith((pricing) => {
          pricing.currencies = ['USD'];
          for (const plan of pricing.products[0].plans) plan.prices = plan.prices.filter((p) => p.currency === 'USD' && p.interval === 'month');
        }),
      }),
    ),
};

/** A price scheme the element does not know ("metered"): "Contact sales", never a wrong number. */
export const UnknownScheme: Story = {
  name: 'Unknown price scheme',
  render: (args) =>
    table(
      args,
      publicApi({
        pricing: catalogueWith((pricing) => {
          for (const price of pricing.products[0].plans[0].prices) price.scheme = 'metered';
        }),
      }),
    ),
};

export const Loading: Story = {
  parameters: { test: { stillLoading: true } },
  render: (args) => table(args, publicApi({ latencyMs: Infinity })),
};

/** The first request fails with a 503; Retry asks again and succeeds. */
export const LoadError: Story = {
  name: 'Error (with Retry)',
  render: (args) =>
    table(
      args,
      publicApi({
        fail: (operation, index) =>
          operation === 'getPricing' && index === 0 ? new ApiError('server', 'Service Unavailable', { status: 503, requestId: 'req_Pr1c3' }) : undefined,
      }),
    ),
};

/** A catalogue without products yet. */
export const Empty: Story = {
  render: (args) => table(args, publicApi({ pricing: { products: [], currencies: ['USD'], default_currency: 'USD' } })),
};

/** Script-bearing plan, feature and product names render as text. */
export const HostileData: Story = {
  name: 'Hostile data',
  render: (args) =>
    table(
      args,
      publicApi({
        pricing: catalogueWith((pricing) => {
          const [product] = pricing.products;
          product.name = '<img src=x onerror="window.__xss=1">Workspace';
          product.plans[0].name = '"><svg onload="window.__xss=1">Starter';
          product.plans[0].description = '<script>window.__xss=1</script>';
          product.features[0].name = '<b onmouseover="window.__xss=1">Projects</b>';
          product.plans[1].features.projects = '<img src=x onerror="window.__xss=1">';
        }),
      }),
    ),
};

/** No api, no api-base and no provider: the element says so (and logs one console error for the developer). */
export const NotConfigured: Story = {
  name: 'Not configured',
  parameters: { test: { allowConsoleErrors: true } },
  render: (args) => table(args, undefined),
};

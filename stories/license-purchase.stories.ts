import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { MemoryAccountApi } from '../src/api/memory-api.js';
import { ApiError } from '../src/api/errors.js';
import '../src/components/license-purchase/acct-license-purchase.js';
import { licenseApi, partOf } from './license-stories-helpers.js';

interface LicensePurchaseArgs {
  locale?: string;
  productId?: string;
}

function purchase(args: LicensePurchaseArgs, api: MemoryAccountApi | undefined, productId = args.productId): TemplateResult {
  return html`<acct-license-purchase locale=${ifDefined(args.locale)} product-id=${ifDefined(productId)} quote-delay="50"
    status-poll-interval="500" .api=${api}></acct-license-purchase>`;
}

const TAG = 'acct-license-purchase';

/** Ticks the acknowledgement and presses Place order, once the quote is shown. */
async function placeOrder({ canvasElement }: { canvasElement: HTMLElement }): Promise<void> {
  await partOf(canvasElement, TAG, '[part~="quote"]');
  const ack = await partOf(canvasElement, TAG, '#acknowledge');
  if (ack && !(ack as HTMLInputElement).checked) ack.click();
  (await partOf(canvasElement, TAG, '[part~="order-button"]'))?.click();
}

/**
 * Buys more licenses: the quantity, the server's prorated quote, the payment, the acknowledgement,
 * Place order (once), and the confirmation with the sales order and the live provisioning status.
 */
const meta = {
  title: 'Licenses/License purchase',
  component: 'acct-license-purchase',
  args: { productId: 'prod_workspace' },
  argTypes: { locale: { control: 'text' }, productId: { control: 'text' } },
} satisfies Meta<LicensePurchaseArgs>;
export default meta;

type Story = StoryObj<LicensePurchaseArgs>;

/** One more Workspace seat, quoted by day to the renewal; the Visa chosen. */
export const Quoted: Story = {
  render: (args) => purchase(args, licenseApi()),
  play: async ({ canvasElement }) => void (await partOf(canvasElement, TAG, '[part~="quote"]')),
};

/** Analytics viewers, prorated by month. */
export const ProratedByMonth: Story = {
  name: 'Prorated by month',
  render: (args) => purchase(args, licenseApi(), 'prod_analytics'),
  play: async ({ canvasElement }) => void (await partOf(canvasElement, TAG, '[part~="quote"]')),
};

/** The quote is being made (the server never answers). */
export const Quoting: Story = {
  parameters: { test: { stillLoading: true } },
  render: (args) => purchase(args, licenseApi({ latencyMs: (op) => (op === 'createLicenseQuote' ? Infinity : 0) })),
};

/** Place order without the acknowledgement: the checkbox says it is needed. */
export const AcknowledgementMissing: Story = {
  name: 'Acknowledgement missing',
  render: (args) => purchase(args, licenseApi()),
  play: async ({ canvasElement }) => {
    await partOf(canvasElement, TAG, '[part~="quote"]');
    (await partOf(canvasElement, TAG, '[part~="order-button"]'))?.click();
    await partOf(canvasElement, TAG, '#ack-error');
  },
};

/** Placing the order (the server never answers): everything is locked. */
export const Ordering: Story = {
  parameters: { test: { stillLoading: true } },
  render: (args) => purchase(args, licenseApi({ latencyMs: (op) => (op === 'createLicenseOrder' ? Infinity : 0) })),
  play: placeOrder,
};

/** The order was placed: number, amounts, sales order, provisioning that updates by itself. */
export const Confirmation: Story = {
  render: (args) => purchase(args, licenseApi({ provisioningMs: 60_000 })),
  play: async (context) => {
    await placeOrder(context);
    await partOf(context.canvasElement, TAG, '[part~="confirmation"]');
  },
};

/** Provisioned: the licenses are ready. */
export const Provisioned: Story = {
  render: (args) => purchase(args, licenseApi({ provisioningMs: 0 })),
  play: async (context) => {
    await placeOrder(context);
    await partOf(context.canvasElement, TAG, '.provisioned');
  },
};

/** The card is declined (the expired Mastercard made the default): the reason, and the order is not placed. */
export const Declined: Story = {
  render: (args) => {
    const api = licenseApi({
      fail: (op) =>
        op === 'createLicenseOrder'
          ? new ApiError('declined', 'The card was declined.', { status: 402, problem: { status: 402, code: 'card_declined', detail: 'The card was declined.' } })
          : undefined,
    });
    return purchase(args, api);
  },
  play: async (context) => {
    await placeOrder(context);
    await partOf(context.canvasElement, TAG, '[part~="message"]');
  },
};

/** The answer never came (the network dropped it): "Check again" sends the same order. */
export const OutcomeUnknown: Story = {
  name: 'Outcome unknown',
  render: (args) => purchase(args, licenseApi({ fail: (op, index) => (op === 'createLicenseOrder' && index === 0 ? new ApiError('network', 'Failed to fetch') : undefined) })),
  play: async (context) => {
    await placeOrder(context);
    await partOf(context.canvasElement, TAG, '[part~="check-again-button"]');
  },
};

/** Invoice me, on an account whose terms allow it. */
export const InvoiceMe: Story = {
  name: 'Invoice me',
  render: (args) => purchase(args, licenseApi()),
  play: async ({ canvasElement }) => {
    await partOf(canvasElement, TAG, '[part~="quote"]');
    (await partOf(canvasElement, TAG, 'input[value="invoice"]'))?.click();
  },
};

/** Data residency is sold by the account manager. */
export const NotSelfService: Story = {
  name: 'Not self-service',
  render: (args) => purchase(args, licenseApi(), 'prod_residency'),
};

/** A billing viewer may not buy. */
export const ReadOnly: Story = {
  name: 'Read-only (viewer)',
  render: (args) => purchase(args, licenseApi({ fixture: 'viewer' })),
};

/** Kuwaiti dinars: three decimals, no tax. */
export const Dinar: Story = {
  render: (args) => purchase(args, licenseApi({ fixture: 'kwd' })),
  play: async ({ canvasElement }) => void (await partOf(canvasElement, TAG, '[part~="quote"]')),
};

export const Loading: Story = {
  parameters: { test: { stillLoading: true } },
  render: (args) => purchase(args, licenseApi({ latencyMs: Infinity })),
};

export const LoadError: Story = {
  name: 'Error (with Retry)',
  render: (args) => purchase(args, licenseApi({ fail: (op, index) => (op === 'listLicenses' && index === 0 ? new ApiError('network', 'Failed to fetch') : undefined) })),
};

export const NotConfigured: Story = {
  name: 'Not configured',
  parameters: { test: { allowConsoleErrors: true } },
  render: (args) => purchase(args, undefined),
};

import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { MemoryAccountApi } from '../src/api/memory-api.js';
import { ApiError } from '../src/api/errors.js';
import '../src/components/portal/acct-portal.js';
import { licenseApi } from './license-stories-helpers.js';

interface PortalArgs {
  locale?: string;
  view?: string;
  sections?: string;
  readonly?: boolean;
}

/** The portal with its own in-memory API; `routing="none"`: a story does not touch the page's hash. */
function portal(args: PortalArgs, api: MemoryAccountApi | undefined, width?: string): TemplateResult {
  const body = html`<acct-portal
    routing="none"
    locale=${ifDefined(args.locale)}
    view=${ifDefined(args.view)}
    sections=${ifDefined(args.sections)}
    ?readonly=${args.readonly ?? false}
    .api=${api}
  ></acct-portal>`;
  return width ? html`<div style="max-inline-size: ${width}">${body}</div>` : body;
}

/**
 * Every element in one place: the navigation (at the side from 48rem of the portal's width, at the
 * bottom below it), one section at a time, each loaded when first shown. Every story brings its
 * own in-memory API and uses `routing="none"` (the view is the `view` attribute).
 */
const meta = {
  title: 'Account/Portal',
  component: 'acct-portal',
  args: {},
  argTypes: { locale: { control: 'text' }, view: { control: 'text' }, sections: { control: 'text' }, readonly: { control: 'boolean' } },
} satisfies Meta<PortalArgs>;
export default meta;

type Story = StoryObj<PortalArgs>;

/** The first view: balance and open invoices. */
export const Overview: Story = {
  render: (args) => portal(args, licenseApi()),
};

/** The invoices section: every invoice. */
export const Invoices: Story = {
  render: (args) => portal({ view: 'invoices', ...args }, licenseApi()),
};

/** A deep link to one invoice: its detail with "Back to invoices". */
export const InvoiceDetail: Story = {
  name: 'Invoice detail (deep link)',
  render: (args) => portal({ view: 'invoices/in_1_000039', ...args }, licenseApi()),
};

/** The payment history with "Make a payment". */
export const Payments: Story = {
  render: (args) => portal({ view: 'payments', ...args }, licenseApi()),
};

/** The payment flow for every open invoice. */
export const PaymentFlow: Story = {
  name: 'Payment flow',
  render: (args) => portal({ view: 'payments/pay', ...args }, licenseApi()),
};

export const PaymentMethods: Story = {
  name: 'Payment methods',
  render: (args) => portal({ view: 'payment-methods', ...args }, licenseApi()),
};

export const Licenses: Story = {
  render: (args) => portal({ view: 'licenses', ...args }, licenseApi()),
};

/** "Buy more" of the workspace licenses. */
export const BuyLicenses: Story = {
  name: 'Buy licenses',
  render: (args) => portal({ view: 'licenses/buy/prod_workspace', ...args }, licenseApi()),
};

export const Addons: Story = {
  name: 'Add-ons',
  render: (args) => portal({ view: 'addons', ...args }, licenseApi()),
};

export const Usage: Story = {
  render: (args) => portal({ view: 'usage', ...args }, licenseApi()),
};

export const Credits: Story = {
  render: (args) => portal({ view: 'credits', ...args }, licenseApi()),
};

export const Transactions: Story = {
  render: (args) => portal({ view: 'transactions', ...args }, licenseApi()),
};

export const Profile: Story = {
  render: (args) => portal({ view: 'profile', ...args }, licenseApi()),
};

/** A phone-wide portal: the navigation at the bottom, scrolling sideways. */
export const Narrow: Story = {
  render: (args) => portal(args, licenseApi(), '22rem'),
};

/** A billing viewer: the sections it may see, none of the write actions. */
export const BillingViewer: Story = {
  name: 'Billing viewer',
  render: (args) => portal({ view: 'payments', ...args }, licenseApi({ fixture: 'viewer' })),
};

/** `readonly`: an administrator's token, every write action left out. */
export const ReadOnly: Story = {
  name: 'Read only',
  render: (args) => portal({ view: 'payment-methods', readonly: true, ...args }, licenseApi()),
};

/** The host's choice of sections, in its order. */
export const ChosenSections: Story = {
  name: 'Chosen sections',
  render: (args) => portal({ sections: 'invoices, payments, profile', ...args }, licenseApi()),
};

/** A deep link to a section this token may not see (usage, for a basic user). */
export const Unavailable: Story = {
  name: 'Not available',
  render: (args) => {
    const api = licenseApi();
    Object.assign(api.data.account, { role: 'basic', capabilities: ['invoices:read'] });
    return portal({ view: 'usage', ...args }, api);
  },
};

export const Loading: Story = {
  parameters: { test: { stillLoading: true } },
  render: (args) => portal(args, licenseApi({ latencyMs: Infinity })),
};

/** The account fails to load; Retry asks again. */
export const LoadError: Story = {
  name: 'Error (with Retry)',
  render: (args) => portal(args, licenseApi({ fail: (operation, index) => (operation === 'getAccount' && index === 0 ? new ApiError('network', 'Failed to fetch') : undefined) })),
};

export const NotConfigured: Story = {
  name: 'Not configured',
  parameters: { test: { allowConsoleErrors: true } },
  render: (args) => portal(args, undefined),
};

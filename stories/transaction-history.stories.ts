import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { MemoryAccountApi } from '../src/api/memory-api.js';
import { ApiError } from '../src/api/errors.js';
import { newIdempotencyKey } from '../src/api/idempotency.js';
import '../src/components/transaction-history/acct-transaction-history.js';
import { licenseApi } from './license-stories-helpers.js';

interface TransactionHistoryArgs {
  locale?: string;
  type?: string;
  pageSize?: number;
}

function history(args: TransactionHistoryArgs, api: MemoryAccountApi | undefined): TemplateResult {
  return html`<acct-transaction-history locale=${ifDefined(args.locale)} type=${ifDefined(args.type)} page-size=${ifDefined(args.pageSize)}
    .api=${api}></acct-transaction-history>`;
}

/** An account that has bought three seats: its ledger has a license purchase with its prorated months. */
async function withPurchase(): Promise<MemoryAccountApi> {
  const api = licenseApi();
  const quote = await api.createLicenseQuote({ product_id: 'prod_workspace', additional_quantity: 3 }, { idempotencyKey: newIdempotencyKey() });
  await api.createLicenseOrder(
    { quote_id: quote.id, authorization_acknowledged: true, payment: { type: 'payment_method', payment_method_id: 'pm_acct_typical_visa' } },
    { idempotencyKey: newIdempotencyKey() },
  );
  api.calls.length = 0;
  return api;
}

/**
 * The ledger: every money movement with the running balance, filters by type and date, links to
 * invoice and sales order PDFs, and CSV export of the filtered rows.
 */
const meta = {
  title: 'Account/Transaction history',
  component: 'acct-transaction-history',
  args: { pageSize: 10 },
  argTypes: { locale: { control: 'text' }, type: { control: 'select', options: ['all', 'invoice', 'payment', 'credit', 'refund', 'license_purchase'] } },
} satisfies Meta<TransactionHistoryArgs>;
export default meta;

type Story = StoryObj<TransactionHistoryArgs>;

export const Populated: Story = {
  render: (args) => history(args, licenseApi()),
};

/** A license purchase at the top, with its order and prorated months. */
export const LicensePurchase: Story = {
  name: 'License purchase',
  loaders: [async () => ({ api: await withPurchase() })],
  render: (args, context) => history(args, (context as { loaded?: { api?: MemoryAccountApi } }).loaded?.api ?? licenseApi()),
};

/** Payments only. */
export const FilteredByType: Story = {
  name: 'Filtered by type',
  args: { type: 'payment' },
  render: (args) => history(args, licenseApi()),
};

/** Nothing matches the filters. */
export const NoMatch: Story = {
  name: 'No match',
  args: { type: 'refund' },
  render: (args) => history(args, licenseApi()),
};

export const Empty: Story = {
  render: (args) => history(args, licenseApi({ fixture: 'empty' })),
};

/** 10,000 invoices and their payments: windowed rows. */
export const Long: Story = {
  args: { pageSize: 100 },
  render: (args) => history(args, licenseApi({ fixture: 'large' })),
};

export const Loading: Story = {
  parameters: { test: { stillLoading: true } },
  render: (args) => history(args, licenseApi({ latencyMs: Infinity })),
};

export const LoadError: Story = {
  name: 'Error (with Retry)',
  render: (args) =>
    history(args, licenseApi({ fail: (op, index) => (op === 'listTransactions' && index === 0 ? new ApiError('network', 'Failed to fetch') : undefined) })),
};

export const HostileData: Story = {
  name: 'Hostile data',
  render: (args) => history(args, licenseApi({ fixture: 'hostile' })),
};

export const NotConfigured: Story = {
  name: 'Not configured',
  parameters: { test: { allowConsoleErrors: true } },
  render: (args) => history(args, undefined),
};

import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { MemoryAccountApi } from '../src/api/memory-api.js';
import '../src/components/provider/acct-provider.js';
import '../src/components/invoice-detail/acct-invoice-detail.js';

interface ProviderArgs {
  locale?: string;
  invoiceId: string;
}

const TODAY = new Date('2026-05-20T12:00:00Z');

/**
 * `acct-provider` gives every account element inside it (at any depth, through shadow roots) one
 * API connection and a locale. Set `api-base` plus `token` or `getToken`, or the `api` property for
 * any AccountApi (here MemoryAccountApi). The elements share its requests and its cache.
 */
const meta = {
  title: 'Setup/Provider',
  component: 'acct-provider',
  args: { invoiceId: 'in_1_000037' },
  argTypes: {
    locale: { control: 'text' },
    invoiceId: { control: 'text' },
  },
} satisfies Meta<ProviderArgs>;
export default meta;

type Story = StoryObj<ProviderArgs>;

function providerWithDetail(args: ProviderArgs, api: MemoryAccountApi | undefined): TemplateResult {
  return html`<acct-provider locale=${ifDefined(args.locale)} .api=${api}>
    <acct-invoice-detail invoice-id=${args.invoiceId}></acct-invoice-detail>
  </acct-provider>`;
}

/** A provider with an in-memory API around an invoice detail. */
export const WithInvoiceDetail: Story = {
  name: 'Provider wrapping an invoice detail',
  render: (args) => html`${providerWithDetail(args, new MemoryAccountApi({ today: TODAY }))}`,
};

/** `locale="de"`: German strings, numbers and dates for every element inside. */
export const GermanLocale: Story = {
  name: 'Provider with locale de',
  args: { locale: 'de' },
  render: (args) => html`${providerWithDetail(args, new MemoryAccountApi({ today: TODAY }))}`,
};

/** No api-base and no api: each element inside says what the provider is missing. */
export const NotConfigured: Story = {
  name: 'Provider not configured',
  parameters: { test: { allowConsoleErrors: true } },
  render: (args) => html`${providerWithDetail(args, undefined)}`,
};

import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { MemoryAccountApi, type MemoryAccountApiOptions } from '../src/api/memory-api.js';
import { ApiError } from '../src/api/errors.js';
import '../src/components/invoice-detail/acct-invoice-detail.js';

interface InvoiceDetailArgs {
  invoiceId?: string;
  headingLevel: number;
  compact: boolean;
  locale?: string;
}

/** Fixed, so every story shows the same statuses and dates on every day. */
const TODAY = new Date('2026-05-20T12:00:00Z');

function api(options: MemoryAccountApiOptions = {}): MemoryAccountApi {
  return new MemoryAccountApi({ today: TODAY, ...options });
}

function detail(args: InvoiceDetailArgs, memoryApi: MemoryAccountApi | undefined): TemplateResult {
  return html`<acct-invoice-detail
    invoice-id=${ifDefined(args.invoiceId)}
    heading-level=${args.headingLevel}
    ?compact=${args.compact}
    locale=${ifDefined(args.locale)}
    .api=${memoryApi}
  ></acct-invoice-detail>`;
}

/**
 * One invoice as a statement: status, dates, bill-to, the summary (previous balance, payments,
 * overdue, current charges, tax, amount due), line items grouped per product with the server's
 * subtotals, taxes, totals, the PDF, and Pay when the token may pay. `invoice-id="latest"` shows
 * the newest invoice. Every story brings its own in-memory API.
 */
const meta = {
  title: 'Invoices/Invoice detail',
  component: 'acct-invoice-detail',
  args: { invoiceId: 'in_1_000037', headingLevel: 2, compact: false },
  argTypes: {
    invoiceId: { control: 'text' },
    headingLevel: { control: { type: 'number', min: 1, max: 6 } },
    locale: { control: 'text' },
  },
} satisfies Meta<InvoiceDetailArgs>;
export default meta;

type Story = StoryObj<InvoiceDetailArgs>;

/** An overdue invoice with three product groups; the user may pay it. */
export const Populated: Story = {
  render: (args) => html`${detail(args, api())}`,
};

/** `invoice-id="latest"`: "view last invoice". */
export const Latest: Story = {
  args: { invoiceId: 'latest' },
  render: (args) => html`${detail(args, api())}`,
};

/** Inside a list row: no card chrome, a smaller heading. */
export const Compact: Story = {
  args: { compact: true, headingLevel: 3 },
  render: (args) => html`<div style="max-inline-size: 40rem">${detail(args, api())}</div>`,
};

/** A narrow host (a sidebar, a phone): the unit price moves under the quantity. */
export const Narrow: Story = {
  render: (args) => html`<div style="inline-size: 20rem">${detail(args, api())}</div>`,
};

export const Loading: Story = {
  parameters: { test: { stillLoading: true } },
  render: (args) => html`${detail(args, api({ latencyMs: Number.POSITIVE_INFINITY }))}`,
};

export const NotFound: Story = {
  args: { invoiceId: 'in_does_not_exist' },
  render: (args) => html`${detail(args, api())}`,
};

/** The server failed (503 with a request id for support); Retry loads again. */
export const Error: Story = {
  render: (args) =>
    html`${detail(
      args,
      api({
        fail: (operation) =>
          operation === 'getInvoice' ? new ApiError('server', 'Service unavailable', { status: 503, requestId: 'req_7f3a9c' }) : undefined,
      }),
    )}`,
};

/**
 * A paid invoice: the date it was paid and the reference of the payment that paid it; the statement
 * shows its total and a balance due of zero (not "Total balance due" beside the Paid badge).
 */
export const Paid: Story = {
  args: { invoiceId: 'in_1_000035' },
  render: (args) => html`${detail(args, api())}`,
};

/** A billing viewer: sees the invoice and the PDF, no Pay button. */
export const PermissionLimited: Story = {
  render: (args) => html`${detail(args, api({ fixture: 'viewer' }))}`,
};

export const NoInvoiceSelected: Story = {
  args: { invoiceId: undefined },
  render: (args) => html`${detail(args, api())}`,
};

/** Yen has no minor unit: no decimals anywhere. */
export const JapaneseYen: Story = {
  name: 'Japanese yen',
  args: { invoiceId: 'in_4_000022', locale: 'ja-JP' },
  render: (args) => html`${detail(args, api({ fixture: 'jpy' }))}`,
};

/** The dinar has three decimals (fils). */
export const KuwaitiDinar: Story = {
  name: 'Kuwaiti dinar',
  args: { invoiceId: 'in_5_000021' },
  render: (args) => html`${detail(args, api({ fixture: 'kwd' }))}`,
};

/** Numbers and dates in German (strings follow the page's locale, see the provider stories). */
export const GermanLocale: Story = {
  name: 'German locale',
  args: { locale: 'de-DE' },
  render: (args) => html`${detail(args, api())}`,
};

/**
 * Quantities with units: the known units (seat, user, invoice, pass, hour, GB) in the plural form
 * the language needs for the count (1 seat, 8 seats; in Arabic the dual and the few / many forms),
 * translated; a unit the library does not know (`widget`) is shown as the server sent it.
 */
export const Units: Story = {
  name: 'Units and plurals',
  args: { invoiceId: 'in_1_000035' },
  render: (args) => {
    const memory = api();
    const invoice = memory.data.invoices.find((inv) => inv.id === args.invoiceId) ?? memory.data.invoices[0];
    const template = invoice.groups[0].lines[0];
    const lines: Array<[number, string]> = [[1, 'seat'], [2, 'seat'], [8, 'seat'], [11, 'user'], [279, 'invoice'], [1.5, 'hour'], [900, 'GB'], [3, 'widget']];
    invoice.groups[0].lines = lines.map(([quantity, unit], i) => ({ ...template, id: `li_units_${i}`, description: `${template.description} (${unit})`, quantity, unit }));
    return html`${detail(args, memory)}`;
  },
};

/** Script-bearing server strings render as text; the `javascript:` PDF URL is not linked. */
export const HostileData: Story = {
  name: 'Hostile data',
  args: { invoiceId: 'latest' },
  render: (args) => html`${detail(args, api({ fixture: 'hostile' }))}`,
};

/** No api, no api-base, no provider: the element says what to set (and logs it once). */
export const NotConfigured: Story = {
  name: 'Not configured',
  parameters: { test: { allowConsoleErrors: true } },
  render: (args) => html`${detail(args, undefined)}`,
};

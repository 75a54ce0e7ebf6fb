import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { MemoryAccountApi } from '../src/api/memory-api.js';
import { ApiError } from '../src/api/errors.js';
import type { InvoiceFilter } from '../src/api/schemas/invoice.js';
import '../src/components/invoice-list/acct-invoice-list.js';

interface InvoiceListArgs {
  filter: InvoiceFilter;
  pageSize: number;
  inlineDetail: boolean;
  hideFilter: boolean;
  locale?: string;
}

/**
 * The account's invoices with an All / Open / Paid filter, "Load more", and — when the user may
 * pay — a Pay button on each unpaid row and selection of open invoices for "Pay selected". Every
 * story brings its own in-memory API.
 */
const meta = {
  title: 'Invoices/Invoice list',
  component: 'acct-invoice-list',
  args: { filter: 'all', pageSize: 25, inlineDetail: false, hideFilter: false },
  argTypes: {
    filter: { control: 'inline-radio', options: ['all', 'open', 'paid'] },
    pageSize: { control: { type: 'number', min: 1, max: 100 } },
    locale: { control: 'text' },
  },
} satisfies Meta<InvoiceListArgs>;
export default meta;

type Story = StoryObj<InvoiceListArgs>;

export const Populated: Story = {
  render: (args) =>
    html`<acct-invoice-list
      filter=${args.filter}
      page-size=${args.pageSize}
      ?inline-detail=${args.inlineDetail}
      ?hide-filter=${args.hideFilter}
      locale=${ifDefined(args.locale)}
      .api=${new MemoryAccountApi({ fixture: 'typical' })}
    ></acct-invoice-list>`,
};

/** At phone width rows are cards; an unpaid row's actions (Pay, View, PDF) take a line of their own. */
export const PhoneWidth: Story = {
  name: 'Phone width (cards, Pay per row)',
  args: { pageSize: 5 },
  render: (args) =>
    html`<acct-invoice-list
      style="width: 390px"
      filter=${args.filter}
      page-size=${args.pageSize}
      locale=${ifDefined(args.locale)}
      .api=${new MemoryAccountApi({ fixture: 'typical' })}
    ></acct-invoice-list>`,
};

export const Loading: Story = {
  parameters: { test: { stillLoading: true } },
  render: (args) =>
    html`<acct-invoice-list
      filter=${args.filter}
      page-size=${args.pageSize}
      ?hide-filter=${args.hideFilter}
      .api=${new MemoryAccountApi({ fixture: 'typical', latencyMs: Infinity })}
    ></acct-invoice-list>`,
};

export const Empty: Story = {
  render: (args) =>
    html`<acct-invoice-list
      filter=${args.filter}
      page-size=${args.pageSize}
      ?hide-filter=${args.hideFilter}
      .api=${new MemoryAccountApi({ fixture: 'empty' })}
    ></acct-invoice-list>`,
};

export const OpenOnly: Story = {
  name: 'Open only',
  args: { filter: 'open' },
  render: (args) =>
    html`<acct-invoice-list
      filter=${args.filter}
      page-size=${args.pageSize}
      ?hide-filter=${args.hideFilter}
      .api=${new MemoryAccountApi({ fixture: 'typical' })}
    ></acct-invoice-list>`,
};

/** The first request fails with a 500; Retry asks again and succeeds. */
export const LoadError: Story = {
  name: 'Error (with Retry)',
  render: (args) =>
    html`<acct-invoice-list
      filter=${args.filter}
      page-size=${args.pageSize}
      .api=${new MemoryAccountApi({
        fixture: 'typical',
        fail: (operation, index) =>
          operation === 'listInvoices' && index === 0
            ? new ApiError('server', 'Internal Server Error', { status: 500, requestId: 'req_7Hq2xK' })
            : undefined,
      })}
    ></acct-invoice-list>`,
};

/** A billing viewer: invoices, View and PDF, but no checkboxes, no row Pay and no "Pay selected". */
export const PermissionLimited: Story = {
  name: 'Permission-limited (viewer)',
  render: (args) =>
    html`<acct-invoice-list
      filter=${args.filter}
      page-size=${args.pageSize}
      .api=${new MemoryAccountApi({ fixture: 'viewer' })}
    ></acct-invoice-list>`,
};

export const JapaneseYen: Story = {
  name: 'Japanese yen',
  args: { locale: 'ja-JP' },
  render: (args) =>
    html`<acct-invoice-list
      filter=${args.filter}
      page-size=${args.pageSize}
      locale=${ifDefined(args.locale)}
      .api=${new MemoryAccountApi({ fixture: 'jpy' })}
    ></acct-invoice-list>`,
};

export const KuwaitiDinar: Story = {
  name: 'Kuwaiti dinar',
  render: (args) =>
    html`<acct-invoice-list
      filter=${args.filter}
      page-size=${args.pageSize}
      locale=${ifDefined(args.locale)}
      .api=${new MemoryAccountApi({ fixture: 'kwd' })}
    ></acct-invoice-list>`,
};

/** Numbers and dates in German; strings follow the Locale toolbar. */
export const GermanLocale: Story = {
  name: 'German locale',
  args: { locale: 'de-DE' },
  render: (args) =>
    html`<acct-invoice-list
      filter=${args.filter}
      page-size=${args.pageSize}
      locale=${ifDefined(args.locale)}
      .api=${new MemoryAccountApi({ fixture: 'typical' })}
    ></acct-invoice-list>`,
};

/** 10,000 invoices on the server: pages of 100 with "Load more"; above 200 loaded rows the list is virtualized. */
export const LongList: Story = {
  name: 'Long list',
  args: { pageSize: 100 },
  render: (args) =>
    html`<acct-invoice-list
      filter=${args.filter}
      page-size=${args.pageSize}
      .api=${new MemoryAccountApi({ fixture: 'large' })}
    ></acct-invoice-list>`,
};

/** Script-bearing server strings render as text; `javascript:` PDF links are not rendered. */
export const HostileData: Story = {
  name: 'Hostile data',
  render: (args) =>
    html`<acct-invoice-list
      filter=${args.filter}
      page-size=${args.pageSize}
      .api=${new MemoryAccountApi({ fixture: 'hostile' })}
    ></acct-invoice-list>`,
};

/** No api, no api-base and no provider: the element says so (and logs one console error for the developer). */
export const NotConfigured: Story = {
  name: 'Not configured',
  parameters: { test: { allowConsoleErrors: true } },
  render: (args) => html`<acct-invoice-list filter=${args.filter} page-size=${args.pageSize}></acct-invoice-list>`,
};

/** "View" expands the invoice below its row (the detail element loads on first use). */
export const InlineDetail: Story = {
  name: 'Inline detail',
  args: { inlineDetail: true },
  render: (args) =>
    html`<acct-invoice-list
      filter=${args.filter}
      page-size=${args.pageSize}
      ?inline-detail=${args.inlineDetail}
      .api=${new MemoryAccountApi({ fixture: 'typical' })}
    ></acct-invoice-list>`,
};

import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { MemoryAccountApi, type MemoryAccountApiOptions } from '../src/api/memory-api.js';
import { ApiError } from '../src/api/errors.js';
import type { UsageRecord } from '../src/api/schemas/usage.js';
import '../src/components/usage-table/acct-usage-table.js';

interface UsageTableArgs {
  from?: string;
  to?: string;
  metric?: string;
  invoiced?: 'all' | 'yes' | 'no';
  q?: string;
  sort: '-date' | 'date' | '-quantity' | 'quantity';
  columns?: string;
  pageSize: number;
  locale?: string;
}

function api(options: MemoryAccountApiOptions = {}): MemoryAccountApi {
  return new MemoryAccountApi({ fixture: 'typical', ...options });
}

function table(args: UsageTableArgs, memoryApi: MemoryAccountApi | undefined): TemplateResult {
  return html`<acct-usage-table
    from=${ifDefined(args.from)}
    to=${ifDefined(args.to)}
    metric=${ifDefined(args.metric)}
    invoiced=${ifDefined(args.invoiced)}
    q=${ifDefined(args.q)}
    sort=${args.sort}
    columns=${ifDefined(args.columns)}
    page-size=${args.pageSize}
    locale=${ifDefined(args.locale)}
    .api=${memoryApi}
  ></acct-usage-table>`;
}

/** Waits for the table's first row, then presses the control `selector` names (Storybook runs it; the story tests too). */
function press(selector: string) {
  return async ({ canvasElement }: { canvasElement: HTMLElement }): Promise<void> => {
    const element = canvasElement.querySelector('acct-usage-table');
    for (let i = 0; i < 200; i++) {
      const control = element?.shadowRoot?.querySelector<HTMLElement>(selector);
      if (control && element?.shadowRoot?.querySelector('[part="toolbar"]')) {
        control.click();
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
}

/**
 * Usage records with filters, sorting, a column chooser, windowed rows and export. Every story
 * brings its own in-memory API with the fixture account's records (3,000 over two years; the
 * large account has 100,000).
 */
const meta = {
  title: 'Usage/Usage table',
  component: 'acct-usage-table',
  args: { sort: '-date', pageSize: 500, from: '2026-03-01', to: '2026-03-31' },
  argTypes: {
    from: { control: 'text' },
    to: { control: 'text' },
    metric: { control: 'select', options: [undefined, 'api_requests', 'storage_gb', 'build_minutes', 'sms'] },
    invoiced: { control: 'inline-radio', options: ['all', 'yes', 'no'] },
    q: { control: 'text' },
    sort: { control: 'select', options: ['-date', 'date', '-quantity', 'quantity'] },
    columns: { control: 'text' },
    pageSize: { control: { type: 'number', min: 1, max: 1000 } },
    locale: { control: 'text' },
  },
  render: (args) => table(args, api()),
} satisfies Meta<UsageTableArgs>;
export default meta;

type Story = StoryObj<UsageTableArgs>;

/** A month of records, newest first, every column. */
export const Populated: Story = {};

/** Everything the account has: 3,000 records, windowed (only the rows in view are in the page). */
export const AllRecords: Story = {
  args: { from: undefined, to: undefined },
};

/** The large account: 100,000 records over two years, pages of 1,000 loaded as the window nears the end. */
export const LargeAccount: Story = {
  args: { from: undefined, to: undefined, pageSize: 1000 },
  render: (args) => table(args, api({ fixture: 'large' })),
};

/** Filtered to one metric, not invoiced yet, largest first. */
export const Filtered: Story = {
  args: { metric: 'api_requests', invoiced: 'no', sort: '-quantity' },
};

/** The host's default columns, in its order. */
export const HostColumns: Story = {
  args: { columns: 'date,metric,quantity,project' },
};

/** The column chooser open (the play function presses "Columns"). */
export const ColumnChooser: Story = {
  play: press('[part="columns-button"]'),
};

/** "From" after "To": the message on both date inputs; the list stays as it was. */
export const InvalidRange: Story = {
  args: { from: '2026-03-20', to: '2026-03-10' },
};

/** No record matches: the message with "Clear filters". */
export const NoMatch: Story = {
  args: { q: 'no such record' },
};

/** An account without usage. */
export const Empty: Story = {
  render: (args) => table(args, api({ fixture: 'empty' })),
};

/** The first page is on its way: skeleton rows. */
export const Loading: Story = {
  render: (args) => table(args, api({ latencyMs: Infinity })),
  parameters: { test: { stillLoading: true } },
};

/** The first page failed: the error with Retry. */
export const LoadError: Story = {
  render: (args) => table(args, api({ fail: (operation) => (operation === 'listUsage' ? new ApiError('server', 'Internal error', { status: 500 }) : undefined) })),
};

/** An export the in-memory API cannot write (XLSX is written by the server): the clear error (the play function presses "Export XLSX"). */
export const ExportError: Story = {
  play: press('[part="export-button"][data-format="xlsx"]'),
};

/** An export on its way: the progress bar with Cancel (the link never answers here). */
export const Exporting: Story = {
  render: (args) => {
    const memory = api();
    memory.createUsageExport = () => new Promise(() => {});
    return table(args, memory);
  },
  play: press('[part="export-button"][data-format="csv"]'),
};

/** Hostile text from the server (markup, a formula, right-to-left override) is shown as text. */
export const HostileRows: Story = {
  render: (args) => {
    const memory = api();
    const rows: UsageRecord[] = [
      { id: 'h1', description: '<img src=x onerror=alert(1)> Markup in a description', occurred_at: '2026-03-02T10:00:00Z', quantity: 12, unit: 'requests', metric: 'api_requests', invoiced: false, invoice: null, fields: { project: '=HYPERLINK("http://evil.example")' } },
      { id: 'h2', description: 'Right-to-left \u202Egnp.exe', occurred_at: '2026-03-01T09:00:00Z', quantity: 2.5, unit: 'GB', metric: 'storage_gb', invoiced: true, invoice: { id: 'inv_x', number: 'INV-2026-0042' }, fields: { region: 'eu-west-1' } },
    ];
    memory.listUsage = async () => ({ data: rows, next_cursor: null, total_count: rows.length });
    return table(args, memory);
  },
};

import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { MemoryAccountApi, type MemoryAccountApiOptions } from '../src/api/memory-api.js';
import { ApiError } from '../src/api/errors.js';
import '../src/components/credit-list/acct-credit-list.js';
import { credit, withCredits } from './credit-stories-helpers.js';

interface CreditListArgs {
  status: 'all' | 'available';
  pageSize: number;
  locale?: string;
}

function api(options: MemoryAccountApiOptions = {}): MemoryAccountApi {
  return new MemoryAccountApi({ fixture: 'typical', ...options });
}

/** Presses "Load more" once the first page is shown (Storybook runs it; the story tests render the state before). */
async function pressLoadMore({ canvasElement }: { canvasElement: HTMLElement }): Promise<void> {
  const element = canvasElement.querySelector('acct-credit-list');
  for (let i = 0; i < 100; i++) {
    const button = element?.shadowRoot?.querySelector<HTMLElement>('[part="load-more"]');
    if (button) {
      button.click();
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function list(args: CreditListArgs, memoryApi: MemoryAccountApi | undefined, style?: string): TemplateResult {
  return html`<acct-credit-list
    status=${args.status}
    page-size=${args.pageSize}
    locale=${ifDefined(args.locale)}
    style=${ifDefined(style)}
    .api=${memoryApi}
  ></acct-credit-list>`;
}

/**
 * The account's credits, newest first: what each was for, its amount, what is left, its expiry and
 * the invoices it paid. Every story brings its own in-memory API, whose credits were applied by the
 * same rule as the reference server's.
 */
const meta = {
  title: 'Account/Credit list',
  component: 'acct-credit-list',
  args: { status: 'all', pageSize: 25 },
  argTypes: {
    status: { control: 'inline-radio', options: ['all', 'available'] },
    pageSize: { control: { type: 'number', min: 1, max: 100 } },
    locale: { control: 'text' },
  },
} satisfies Meta<CreditListArgs>;
export default meta;

type Story = StoryObj<CreditListArgs>;

/** Used up, partly used, with an expiry ahead, and expired; each with the invoices it paid. */
export const Populated: Story = {
  render: (args) => list(args, withCredits(api())),
};

/** `status="available"`: only what can still pay something. */
export const Available: Story = {
  args: { status: 'available' },
  render: (args) => list(args, withCredits(api())),
};

export const Loading: Story = {
  parameters: { test: { stillLoading: true } },
  render: (args) => list(args, api({ latencyMs: Infinity })),
};

/** An account without credits (most accounts). */
export const Empty: Story = {
  render: (args) => list(args, api()),
};

/** `status="available"` with every credit used up or expired. */
export const NoneAvailable: Story = {
  name: 'None available',
  args: { status: 'available' },
  render: (args) => {
    const memory = withCredits(api());
    for (const c of memory.data.addons.credits) if (!c.expires_on || c.expires_on > new Date().toISOString().slice(0, 10)) c.remaining = { ...c.remaining, amount: 0 };
    return list(args, memory);
  },
};

/** The first request fails with a 500; Retry asks again and succeeds. */
export const LoadError: Story = {
  name: 'Error (with Retry)',
  render: (args) =>
    list(
      args,
      withCredits(
        api({
          fail: (operation, index) =>
            operation === 'listCredits' && index === 0 ? new ApiError('server', 'Internal Server Error', { status: 500, requestId: 'req_Cr3d1t' }) : undefined,
        }),
      ),
    ),
};

/** Every "Load more" fails: the rows stay, the error sits under them with its own Retry (pressed by the play function). */
export const LoadMoreError: Story = {
  name: 'Load more error',
  args: { pageSize: 2 },
  render: (args) =>
    list(args, withCredits(api({ fail: (operation, index) => (operation === 'listCredits' && index > 0 ? new ApiError('timeout', 'Timed out') : undefined) }))),
  play: pressLoadMore,
};

/** Narrow hosts: each credit is a card headed by its reference. */
export const Narrow: Story = {
  render: (args) => list(args, withCredits(api()), 'max-width: 22rem'),
};

export const JapaneseYen: Story = {
  name: 'Japanese yen',
  args: { locale: 'ja-JP' },
  render: (args) => list(args, withCredits(api({ fixture: 'jpy' }))),
};

/** Script-bearing references and invoice numbers render as text. */
export const HostileData: Story = {
  name: 'Hostile data',
  render: (args) => {
    const memory = api({ fixture: 'hostile' });
    const hostile = credit(memory, 'cr_x', 1999, '<img src=x onerror="window.__xss=1">Credit', 1);
    hostile.applications = [{ invoice_id: 'in_x', invoice_number: '<b onmouseover="window.__xss=1">INV</b>', amount: { amount: 999, currency: hostile.original.currency }, applied_at: hostile.created_at }];
    hostile.remaining = { ...hostile.remaining, amount: 1000 };
    memory.data.addons.credits.push(hostile);
    return list(args, memory);
  },
};

/** No api, no api-base and no provider: the element says so (and logs one console error for the developer). */
export const NotConfigured: Story = {
  name: 'Not configured',
  parameters: { test: { allowConsoleErrors: true } },
  render: (args) => list(args, undefined),
};

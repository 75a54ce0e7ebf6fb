import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { MemoryAccountApi, type MemoryAccountApiOptions } from '../src/api/memory-api.js';
import { ApiError } from '../src/api/errors.js';
import type { Payment } from '../src/api/schemas/payment.js';
import '../src/components/payment-history/acct-payment-history.js';

interface PaymentHistoryArgs {
  pageSize: number;
  locale?: string;
}

const TODAY = new Date('2026-05-20T12:00:00Z');

function api(options: MemoryAccountApiOptions = {}): MemoryAccountApi {
  return new MemoryAccountApi({ fixture: 'typical', today: TODAY, ...options });
}

/** The newest payments of the fixture turned into one of each status (and one paying two invoices). */
function everyStatus(memory: MemoryAccountApi): MemoryAccountApi {
  const [processing, failed, refunded, unknown, split] = memory.data.payments;
  const bank = { id: 'pm_acct_typical_bank', type: 'bank_account', label: 'Test Bank •••• 6789' };
  Object.assign(processing, { status: 'processing', payment_method: bank, settled_at: null });
  Object.assign(failed, { status: 'failed', failure: { code: 'card_declined', message: 'The card was declined.' } });
  Object.assign(refunded, { status: 'refunded' });
  Object.assign(unknown, { status: 'disputed' });
  const half = Math.floor(split.amount.amount / 2);
  split.allocations = [
    { ...split.allocations[0], amount: { amount: half, currency: split.amount.currency } },
    { invoice_id: 'in_extra', invoice_number: 'INV-2025-00999', amount: { amount: split.amount.amount - half, currency: split.amount.currency } },
  ];
  return memory;
}

/** Presses "Load more" once the first page is shown (Storybook runs it; the story tests render the state before). */
async function pressLoadMore({ canvasElement }: { canvasElement: HTMLElement }): Promise<void> {
  const element = canvasElement.querySelector('acct-payment-history');
  for (let i = 0; i < 100; i++) {
    const button = element?.shadowRoot?.querySelector<HTMLElement>('[part="load-more"]');
    if (button) {
      button.click();
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function history(args: PaymentHistoryArgs, memoryApi: MemoryAccountApi | undefined, style?: string): TemplateResult {
  return html`<acct-payment-history
    page-size=${args.pageSize}
    locale=${ifDefined(args.locale)}
    style=${ifDefined(style)}
    .api=${memoryApi}
  ></acct-payment-history>`;
}

/**
 * The account's payments, newest first: id, date, method, amount, status (with the reason for a
 * failure) and the invoices each paid, with "Load more". Every story brings its own in-memory API.
 */
const meta = {
  title: 'Account/Payment history',
  component: 'acct-payment-history',
  args: { pageSize: 25 },
  argTypes: {
    pageSize: { control: { type: 'number', min: 1, max: 100 } },
    locale: { control: 'text' },
  },
} satisfies Meta<PaymentHistoryArgs>;
export default meta;

type Story = StoryObj<PaymentHistoryArgs>;

/** Card payments for the paid invoices, 25 per page. */
export const Populated: Story = {
  render: (args) => history(args, api()),
};

/** Processing (ACH), failed with its reason (and the invoice it was to pay, muted), refunded, an unknown status, and a payment split over two invoices. */
export const EveryStatus: Story = {
  name: 'Every status',
  args: { pageSize: 10 },
  render: (args) => history(args, everyStatus(api())),
};

export const Loading: Story = {
  parameters: { test: { stillLoading: true } },
  render: (args) => history(args, api({ latencyMs: Infinity })),
};

export const Empty: Story = {
  render: (args) => history(args, api({ fixture: 'empty' })),
};

/** The first request fails with a 500; Retry asks again and succeeds. */
export const LoadError: Story = {
  name: 'Error (with Retry)',
  render: (args) =>
    history(
      args,
      api({
        fail: (operation, index) =>
          operation === 'listPayments' && index === 0
            ? new ApiError('server', 'Internal Server Error', { status: 500, requestId: 'req_P4yHist' })
            : undefined,
      }),
    ),
};

/** Every "Load more" fails: the rows stay, the error sits under them with its own Retry (pressed by the play function). */
export const LoadMoreError: Story = {
  name: 'Load more error',
  args: { pageSize: 5 },
  render: (args) =>
    history(args, api({ fail: (operation, index) => (operation === 'listPayments' && index > 0 ? new ApiError('timeout', 'Timed out') : undefined) })),
  play: pressLoadMore,
};

/** Narrow hosts: each payment is a card. */
export const Narrow: Story = {
  args: { pageSize: 5 },
  render: (args) => history(args, everyStatus(api()), 'max-width: 22rem'),
};

/** Thousands of payments: pages of 100 with "Load more"; above 200 loaded rows the list is windowed. */
/**
 * Payment ids as long as the reference server's (`py_` and 24 hex digits) on a 390 px phone:
 * each id heads its card on one line, and the card is no taller than one with a short id.
 */
export const LongIdsNarrow: Story = {
  name: 'Long payment ids (390 px)',
  args: { pageSize: 5 },
  render: (args) => {
    const memory = api();
    memory.data.payments.slice(0, 3).forEach((payment, i) => (payment.id = `py_${['7c1e04b9a25d3f86e0b4c2a1', '0f3a9c1b2d4e5f6a7b8c9d0e', 'd24b90e3c6a7158f02e9b4c3'][i]}`));
    return history(args, memory, 'max-width: 390px');
  },
};

export const LongList: Story = {
  name: 'Long list',
  args: { pageSize: 100 },
  render: (args) => history(args, api({ fixture: 'large' })),
};

export const JapaneseYen: Story = {
  name: 'Japanese yen',
  args: { locale: 'ja-JP' },
  render: (args) => history(args, api({ fixture: 'jpy' })),
};

/** Script-bearing ids, labels, invoice numbers and failure messages render as text. */
export const HostileData: Story = {
  name: 'Hostile data',
  render: (args) => {
    const memory = api({ fixture: 'hostile' });
    const payment: Payment = {
      id: '"><svg onload="window.__xss=1">py_1',
      created_at: '2026-05-01T10:00:00Z',
      amount: { amount: 1999, currency: 'USD' },
      status: '<img src=x onerror="window.__xss=1">',
      payment_method: { id: null, type: 'wallet', label: '<script>window.__xss=1</script>Wallet' },
      allocations: [{ invoice_id: 'in_x', invoice_number: '<b onmouseover="window.__xss=1">INV</b>', amount: { amount: 1999, currency: 'USD' } }],
      failure: { code: 'gateway_error', message: '<img src=x onerror="window.__xss=1">' },
      settled_at: null,
    };
    memory.data.payments.unshift(payment, { ...payment, id: 'py_2', status: 'failed' });
    return history(args, memory);
  },
};

/** No api, no api-base and no provider: the element says so (and logs one console error for the developer). */
export const NotConfigured: Story = {
  name: 'Not configured',
  parameters: { test: { allowConsoleErrors: true } },
  render: (args) => history(args, undefined),
};

import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { MemoryAccountApi, type MemoryAccountApiOptions } from '../src/api/memory-api.js';
import { ApiError } from '../src/api/errors.js';
import type { Account } from '../src/api/schemas/account.js';
import '../src/components/account-summary/acct-account-summary.js';
import { withCredits } from './credit-stories-helpers.js';

interface AccountSummaryArgs {
  locale?: string;
}

/** Fixed, so every story shows the same figures and dates on every day. */
const TODAY = new Date('2026-05-20T12:00:00Z');

/** A memory API whose account is the fixture's with `changes` applied. */
function api(options: MemoryAccountApiOptions = {}, changes: Partial<Account> = {}): MemoryAccountApi {
  const memory = new MemoryAccountApi({ fixture: 'typical', today: TODAY, ...options });
  Object.assign(memory.data.account, changes);
  return memory;
}

function summary(args: AccountSummaryArgs, memoryApi: MemoryAccountApi | undefined): TemplateResult {
  return html`<acct-account-summary locale=${ifDefined(args.locale)} .api=${memoryApi}></acct-account-summary>`;
}

/**
 * The account at a glance: balance (owed, credit or all paid up), last payment, next invoice,
 * autopay, "Make a payment" (only with a positive balance and the `invoices:pay` capability) and
 * "View last invoice" (when there is one).
 * Every story brings its own in-memory API.
 */
const meta = {
  title: 'Account/Account summary',
  component: 'acct-account-summary',
  args: {},
  argTypes: { locale: { control: 'text' } },
} satisfies Meta<AccountSummaryArgs>;
export default meta;

type Story = StoryObj<AccountSummaryArgs>;

/** A balance due, the last card payment, the next invoice, autopay off, "Make a payment" and "View last invoice". */
export const Populated: Story = {
  render: (args) => summary(args, api()),
};

export const Loading: Story = {
  parameters: { test: { stillLoading: true } },
  render: (args) => summary(args, api({ latencyMs: Infinity })),
};

/** A negative balance is a credit in the customer's favour: no "Make a payment". */
export const CreditBalance: Story = {
  name: 'Credit balance',
  render: (args) => summary(args, api({}, { balance: { amount: -12_500, currency: 'USD' } })),
};

/** Credits that paid the open invoices and have some left: the available credit heads the facts. */
export const AvailableCredit: Story = {
  name: 'Available credit',
  render: (args) => summary(args, withCredits(new MemoryAccountApi({ fixture: 'typical' }))),
};

/** Nothing owed: "You are all paid up", no button; autopay on. */
export const ZeroBalance: Story = {
  name: 'Zero balance',
  render: (args) =>
    summary(args, api({}, { balance: { amount: 0, currency: 'USD' }, autopay: { enabled: true, payment_method_id: 'pm_acct_typical_visa' } })),
};

/** A new account: no payment yet and no invoice scheduled. */
export const NoLastPayment: Story = {
  name: 'No last payment',
  render: (args) => summary(args, api({}, { last_payment: null, next_invoice: null })),
};

/** An account without invoices yet: nothing owed, and no "View last invoice". */
export const NoInvoices: Story = {
  name: 'No invoices yet',
  render: (args) => summary(args, api({ fixture: 'empty' })),
};

/** A billing viewer sees the figures and "View last invoice", but no "Make a payment". */
export const Viewer: Story = {
  name: 'Permission-limited (viewer)',
  render: (args) => summary(args, api({ fixture: 'viewer' })),
};

/** The first request fails with a 503; Retry asks again and succeeds. */
export const LoadError: Story = {
  name: 'Error (with Retry)',
  render: (args) =>
    summary(
      args,
      api({
        fail: (operation, index) =>
          operation === 'getAccount' && index === 0
            ? new ApiError('server', 'Service Unavailable', { status: 503, requestId: 'req_Summ4ry' })
            : undefined,
      }),
    ),
};

export const JapaneseYen: Story = {
  name: 'Japanese yen',
  args: { locale: 'ja-JP' },
  render: (args) => summary(args, api({ fixture: 'jpy' })),
};

export const KuwaitiDinar: Story = {
  name: 'Kuwaiti dinar',
  render: (args) => summary(args, api({ fixture: 'kwd' })),
};

/** A script-bearing method label renders as text. */
export const HostileData: Story = {
  name: 'Hostile data',
  render: (args) =>
    summary(
      args,
      api(
        { fixture: 'hostile' },
        { last_payment: { amount: { amount: 1999, currency: 'USD' }, paid_at: '2026-05-01T10:00:00Z', method_label: '<img src=x onerror="window.__xss=1">Card' } },
      ),
    ),
};

/** No api, no api-base and no provider: the element says so (and logs one console error for the developer). */
export const NotConfigured: Story = {
  name: 'Not configured',
  parameters: { test: { allowConsoleErrors: true } },
  render: (args) => summary(args, undefined),
};

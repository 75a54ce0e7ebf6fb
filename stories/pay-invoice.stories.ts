import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { MemoryAccountApi, type MemoryAccountApiOptions, type MemoryOperation } from '../src/api/memory-api.js';
import { ApiError } from '../src/api/errors.js';
import type { AccountApi } from '../src/api/account-api.js';
import type { AcctPayInvoice } from '../src/components/pay-invoice/pay-invoice.js';
import '../src/components/pay-invoice/acct-pay-invoice.js';

interface PayInvoiceArgs {
  headingLevel: number;
  locale?: string;
}

/** The typical account, dated today so that its saved cards expire (or not) as the element sees them. */
function api(options: MemoryAccountApiOptions = {}): MemoryAccountApi {
  return new MemoryAccountApi({ fixture: 'typical', ...options });
}

/** Ids of the first `count` invoices that can be paid. */
function openIds(memory: MemoryAccountApi, count = 2): string {
  return memory.data.invoices
    .filter((invoice) => ['open', 'overdue'].includes(invoice.status) && invoice.amount_due.amount > 0)
    .slice(0, count)
    .map((invoice) => invoice.id)
    .join(' ');
}

function payInvoice(args: PayInvoiceArgs, memoryApi: AccountApi | undefined, invoiceIds?: string): TemplateResult {
  return html`<acct-pay-invoice
    invoice-ids=${ifDefined(invoiceIds)}
    heading-level=${args.headingLevel}
    locale=${ifDefined(args.locale)}
    .api=${memoryApi}
  ></acct-pay-invoice>`;
}

/** Renders the element paying the first `count` open invoices of the API that `make` builds. */
function paying(make: () => MemoryAccountApi = api, count = 2) {
  return (args: PayInvoiceArgs): TemplateResult => {
    const memory = make();
    return payInvoice(args, memory, openIds(memory, count));
  };
}

/** A write that fails with `error` (declines, conflicts, expired sessions), other calls as usual. */
function failingPayment(error: ApiError, options: MemoryAccountApiOptions = {}): MemoryAccountApi {
  return api({ ...options, fail: (operation: MemoryOperation) => (operation === 'createPayment' ? error : undefined) });
}

const DECLINED = new ApiError('declined', 'The card has insufficient funds.', {
  status: 402,
  problem: { status: 402, code: 'insufficient_funds', title: 'Payment declined', detail: 'The card has insufficient funds.' },
});

const ALREADY_PAID = new ApiError('conflict', 'Invoice is already paid.', {
  status: 409,
  problem: { status: 409, code: 'invoice_not_payable', detail: 'Invoice is already paid or being paid.' },
});

// ---- play helpers: walk the flow as a user would, waiting for each step ----

function element(canvasElement: HTMLElement): AcctPayInvoice {
  return canvasElement.querySelector('acct-pay-invoice')!;
}

async function reach(el: AcctPayInvoice, state: string): Promise<void> {
  for (let i = 0; i < 250 && !el.matches(`:state(${state})`); i++) await new Promise((r) => setTimeout(r, 20));
  if (!el.matches(`:state(${state})`)) throw new Error(`The story did not reach :state(${state})`);
  await el.updateComplete;
}

/** Waits while the element is busy (a step's code on its way, a reload). */
async function settled(el: AcctPayInvoice): Promise<void> {
  for (let i = 0; i < 250 && el.matches(':state(loading)'); i++) await new Promise((r) => setTimeout(r, 20));
  await el.updateComplete;
}

async function press(el: AcctPayInvoice, part: string): Promise<void> {
  el.shadowRoot!.querySelector<HTMLElement>(`[part~="${part}"]`)?.click();
  await el.updateComplete;
}

async function chooseMethod(el: AcctPayInvoice, label: string): Promise<void> {
  const option = Array.from(el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="method"]')).find((o) => o.textContent!.includes(label));
  option?.querySelector('input')?.click();
  await el.updateComplete;
}

/** From the review to the method step. */
async function toMethod({ canvasElement }: { canvasElement: HTMLElement }): Promise<void> {
  const el = element(canvasElement);
  await reach(el, 'review');
  // The review's code (the later steps' chunk) loads with the flow's first data: busy for a moment.
  await settled(el);
  await press(el, 'continue-button');
  await reach(el, 'method');
  await settled(el);
}

/** From the review to the confirm step, with `method` (by its label) or the default one. */
function toConfirm(method?: string) {
  return async ({ canvasElement }: { canvasElement: HTMLElement }): Promise<void> => {
    const el = element(canvasElement);
    await toMethod({ canvasElement });
    if (method) await chooseMethod(el, method);
    await press(el, 'continue-button');
    await reach(el, 'confirm');
  };
}

/** Confirms and presses Pay, then waits for `state`. */
function pay(state: string, method?: string) {
  return async ({ canvasElement }: { canvasElement: HTMLElement }): Promise<void> => {
    const el = element(canvasElement);
    await toConfirm(method)({ canvasElement });
    await press(el, 'pay-button');
    await reach(el, state);
  };
}

/**
 * Pays invoices: select (without `invoice-ids`) → review → payment method → confirm → result.
 * Partial amounts where the account allows them; saved methods or a new one; declines, bank
 * payments that take days, "already paid" from another tab, and payments whose outcome the
 * connection lost. Every story brings its own in-memory API; the later steps are reached by the
 * story's play function, as a user would.
 */
const meta = {
  title: 'Payments/Pay invoices',
  component: 'acct-pay-invoice',
  args: { headingLevel: 2 },
  argTypes: {
    headingLevel: { control: { type: 'number', min: 1, max: 6 } },
    locale: { control: 'text' },
  },
} satisfies Meta<PayInvoiceArgs>;
export default meta;

type Story = StoryObj<PayInvoiceArgs>;

/** "Make a payment": the open invoices, all selected. */
export const Select: Story = {
  name: 'Select invoices',
  render: (args) => payInvoice(args, api()),
};

/** Started with `invoice-ids` (or the `invoices` of `acct-pay-request`): the review comes first. */
export const Review: Story = {
  render: paying(),
};

/** "Another amount" below the minimum payment: the error sits under the field, which has focus. */
export const PartialAmount: Story = {
  name: 'Partial amount (invalid)',
  render: paying(),
  play: async ({ canvasElement }) => {
    const el = element(canvasElement);
    await reach(el, 'review');
    await settled(el);
    el.shadowRoot!.querySelector<HTMLInputElement>('input[value="other"]')!.click();
    await el.updateComplete;
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('#amount-input')!;
    input.value = '0.50';
    input.dispatchEvent(new Event('input'));
    await press(el, 'continue-button');
  },
};

/** Japanese yen: no minor unit, so a partial amount is whole yen. */
export const JapaneseYen: Story = {
  name: 'Review in Japanese yen',
  args: { locale: 'ja-JP' },
  render: paying(() => api({ fixture: 'jpy' })),
};

/** Saved methods: the default preselected, the bank account (ACH), the expired card disabled. */
export const Method: Story = {
  name: 'Payment method',
  render: paying(),
  play: toMethod,
};

/** No saved method: the form to add one opens straight away. */
export const NoPaymentMethods: Story = {
  name: 'No payment methods',
  render: paying(() => {
    const memory = api();
    memory.data.paymentMethods = [];
    return memory;
  }),
  play: toMethod,
};

/** "Add a payment method" with the test gateway's card entry (`allow-raw-card-data`: test setups only). */
export const AddCard: Story = {
  name: 'Add a payment method',
  render: (args) => {
    const memory = api();
    return html`<acct-pay-invoice
      allow-raw-card-data
      invoice-ids=${openIds(memory)}
      heading-level=${args.headingLevel}
      locale=${ifDefined(args.locale)}
      .api=${memory}
    ></acct-pay-invoice>`;
  },
  play: async (context) => {
    await toMethod(context);
    await press(element(context.canvasElement), 'add-method-button');
  },
};

/** Amount, currency, method and invoices, before anything is charged. */
export const Confirm: Story = {
  render: paying(),
  play: toConfirm(),
};

/** Pay pressed: the button is disabled and busy until the server answers (this one never does). */
export const Processing: Story = {
  name: 'Processing payment',
  render: paying(() => api({ latencyMs: (operation) => (operation === 'createPayment' ? Infinity : 0) }), 1),
  play: pay('paying'),
};

/** The client retried the payment (same key, same body): "Checking the payment status…". */
export const Checking: Story = {
  name: 'Checking the payment status',
  render: paying(() => {
    const memory = api();
    // Reports a retry at once, then waits for ever: the state HttpAccountApi produces while it retries.
    memory.createPayment = (_payment, options) => {
      options.onRetry?.();
      return new Promise(() => undefined);
    };
    return memory;
  }, 1),
  play: pay('checking'),
};

/** The connection was lost after Pay: the outcome is unknown, so only "Check again" (same key) is offered. */
export const Unconfirmed: Story = {
  name: 'Could not confirm',
  render: paying(() => failingPayment(new ApiError('network', 'The server could not be reached.')), 1),
  play: pay('unconfirmed'),
};

export const Succeeded: Story = {
  render: paying(),
  play: pay('succeeded'),
};

/** A bank (ACH) payment: processing for days; the element checks its status while it shows it. */
export const AchProcessing: Story = {
  name: 'ACH processing',
  render: paying(() => api({ achSettleMs: 24 * 60 * 60 * 1000 }), 1),
  play: pay('processing', 'Test Bank'),
};

/** The card was declined (insufficient funds): the reason, and "Try another payment method". */
export const Declined: Story = {
  render: paying(() => failingPayment(DECLINED), 1),
  play: pay('declined'),
};

/** Another tab paid first: nothing is charged, the invoices refresh. */
export const AlreadyPaid: Story = {
  name: 'Already paid',
  render: paying(() => failingPayment(ALREADY_PAID), 1),
  play: pay('already-paid'),
};

/** The session expired on Pay: what was chosen stays; once the host has a new token, Pay sends the same payment. */
export const SessionExpired: Story = {
  name: 'Session expired',
  render: paying(() => failingPayment(new ApiError('unauthorized', 'Session expired.', { status: 401 })), 1),
  play: pay('session-expired'),
};

/** A billing viewer may see invoices but not pay them. */
export const Viewer: Story = {
  name: 'Viewer (no pay permission)',
  render: paying(() => api({ fixture: 'viewer' })),
};

/** Nothing is open. */
export const NothingToPay: Story = {
  name: 'Nothing to pay',
  render: (args) => payInvoice(args, api({ fixture: 'empty' })),
};

/** The payment methods failed to load (500, with a reference); Retry asks again. */
export const LoadError: Story = {
  name: 'Error (with Retry)',
  render: paying(() =>
    api({
      fail: (operation, index) =>
        operation === 'listPaymentMethods' && index === 0
          ? new ApiError('server', 'Internal Server Error', { status: 500, requestId: 'req_7Hq2xK' })
          : undefined,
    }),
  ),
};

export const Loading: Story = {
  parameters: { test: { stillLoading: true } },
  render: (args) => payInvoice(args, api({ latencyMs: Infinity })),
};

/** No api, no api-base and no provider: the element says so (and logs one console error for the developer). */
export const NotConfigured: Story = {
  name: 'Not configured',
  parameters: { test: { allowConsoleErrors: true } },
  render: (args) => payInvoice(args, undefined),
};

import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { MemoryAccountApi, type MemoryAccountApiOptions } from '../src/api/memory-api.js';
import { ApiError } from '../src/api/errors.js';
import type { AcctPaymentMethods } from '../src/components/payment-methods/payment-methods.js';
import '../src/components/payment-methods/acct-payment-methods.js';
import { idle, press, reach } from './payment-method-play.js';

interface PaymentMethodsArgs {
  allowRawCardData: boolean;
  locale?: string;
}

function api(options: MemoryAccountApiOptions = {}): MemoryAccountApi {
  return new MemoryAccountApi({ fixture: 'typical', ...options });
}

function paymentMethods(args: PaymentMethodsArgs, memory: MemoryAccountApi | undefined) {
  return html`<acct-payment-methods
    ?allow-raw-card-data=${args.allowRawCardData}
    locale=${ifDefined(args.locale)}
    .api=${memory}
  ></acct-payment-methods>`;
}

function element(canvasElement: HTMLElement): AcctPaymentMethods {
  return canvasElement.querySelector('acct-payment-methods')!;
}

/**
 * Presses a button (by part) of the method `index`, or of the element when no index is given, and
 * waits until `shows` appears.
 */
function pressing(part: string, index: number | undefined, shows: string) {
  return async ({ canvasElement }: { canvasElement: HTMLElement }): Promise<void> => {
    const el = element(canvasElement);
    await idle(el);
    const scope = index === undefined ? '' : `[part~="method"]:nth-child(${index + 1}) `;
    await press(el, `${scope}[part~="${part}"]`);
    await reach(el, shows);
  };
}

/** A card that expires at the end of the month `monthsFromNow` months from today. */
function expiringIn(memory: MemoryAccountApi, index: number, monthsFromNow: number): MemoryAccountApi {
  const date = new Date();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() + monthsFromNow);
  const card = memory.data.paymentMethods[index].card!;
  card.exp_month = date.getUTCMonth() + 1;
  card.exp_year = date.getUTCFullYear();
  return memory;
}

function withAutopay(memory: MemoryAccountApi, index: number): MemoryAccountApi {
  memory.data.account.autopay = { enabled: true, payment_method_id: memory.data.paymentMethods[index].id };
  return memory;
}

/**
 * The account's saved cards and bank accounts: add, set the default, edit billing addresses,
 * delete (replacing the default or the autopay method first). Every story brings its own
 * in-memory API; dialogs and forms are opened by the story's play function, as a user would.
 */
const meta = {
  title: 'Payments/Payment methods',
  component: 'acct-payment-methods',
  args: { allowRawCardData: true },
  argTypes: { locale: { control: 'text' } },
} satisfies Meta<PaymentMethodsArgs>;
export default meta;

type Story = StoryObj<PaymentMethodsArgs>;

/** A default Visa, a checking account and an expired Mastercard. */
export const Populated: Story = {
  render: (args) => paymentMethods(args, api()),
};

export const Loading: Story = {
  parameters: { test: { stillLoading: true } },
  render: (args) => paymentMethods(args, api({ latencyMs: Infinity })),
};

export const Empty: Story = {
  render: (args) => paymentMethods(args, api({ fixture: 'empty' })),
};

/** "Expired" and "Expires soon" (within two months) badges; autopay on the card that expires soon. */
export const ExpiredCard: Story = {
  name: 'Expired and expiring cards',
  render: (args) => paymentMethods(args, withAutopay(expiringIn(api(), 0, 1), 0)),
};

/** A billing viewer sees the list, without any button. */
export const PermissionLimited: Story = {
  name: 'Permission-limited (viewer)',
  render: (args) => paymentMethods(args, api({ fixture: 'viewer' })),
};

/** The first request fails with a 500; Retry asks again and succeeds. */
export const LoadError: Story = {
  name: 'Error (with Retry)',
  render: (args) =>
    paymentMethods(
      args,
      api({
        fail: (operation, index) =>
          operation === 'listPaymentMethods' && index === 0
            ? new ApiError('server', 'Internal Server Error', { status: 500, requestId: 'req_7Hq2xK' })
            : undefined,
      }),
    ),
};

/** "Add card" opens the add form inline (here with the test gateway's card form). */
export const AddCard: Story = {
  name: 'Add card',
  render: (args) => paymentMethods(args, api()),
  play: pressing('add-card-button', undefined, 'slot[name="payment-method-form"]'),
};

export const AddBankAccount: Story = {
  name: 'Add bank account',
  render: (args) => paymentMethods(args, api()),
  play: pressing('add-bank-account-button', undefined, 'slot[name="payment-method-form"]'),
};

/** "Edit billing address" opens the address inline in its row. */
export const EditBillingAddress: Story = {
  name: 'Edit billing address',
  render: (args) => paymentMethods(args, api()),
  play: pressing('edit-button', 1, '[part~="address-form"]'),
};

/** Deleting the default asks which method becomes the default (expired cards are not offered). */
export const DeleteDefault: Story = {
  name: 'Delete confirmation (default method)',
  render: (args) => paymentMethods(args, api()),
  play: pressing('delete-button', 0, 'dialog[open]'),
};

/** Deleting a method that is neither default nor used by autopay: a plain confirmation. */
export const DeleteConfirmation: Story = {
  name: 'Delete confirmation',
  render: (args) => paymentMethods(args, api()),
  play: pressing('delete-button', 1, 'dialog[open]'),
};

/** The only method pays autopay: it cannot be deleted until autopay is off. */
export const DeleteAutopayOnly: Story = {
  name: 'Delete blocked by autopay',
  render: (args) => paymentMethods(args, withAutopay(api({ fixture: 'jpy' }), 0)),
  play: pressing('delete-button', 0, 'dialog[open]'),
};

/** "Set as default" fails: the reason is a role=alert on the row; the list stays. */
export const WriteError: Story = {
  name: 'Write error',
  render: (args) =>
    paymentMethods(
      args,
      api({ fail: (operation) => (operation === 'updatePaymentMethod' ? new ApiError('network', 'Failed to fetch') : undefined) }),
    ),
  play: pressing('default-button', 1, '[part~="method"] [role="alert"]'),
};

/** Unknown types by the server's label; script-bearing strings render as text. */
export const HostileData: Story = {
  name: 'Hostile data',
  render: (args) => paymentMethods(args, api({ fixture: 'hostile' })),
};

/** No api, no api-base and no provider: the element says so (and logs one console error for the developer). */
export const NotConfigured: Story = {
  name: 'Not configured',
  parameters: { test: { allowConsoleErrors: true } },
  render: (args) => paymentMethods(args, undefined),
};

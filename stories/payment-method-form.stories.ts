import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { MemoryAccountApi } from '../src/api/memory-api.js';
import { ApiError } from '../src/api/errors.js';
import type { PaymentMethodType } from '../src/api/vocabulary.js';
import type { AcctPaymentMethodForm } from '../src/components/payment-method-form/payment-method-form.js';
import '../src/components/payment-method-form/acct-payment-method-form.js';
import { DemoTokenizer, VALID_CARD, fill, idle, press, reach } from './payment-method-play.js';

interface FormArgs {
  type: PaymentMethodType;
  setDefault: boolean;
  submitLabel?: string;
  locale?: string;
}

function form(canvasElement: HTMLElement): AcctPaymentMethodForm {
  return canvasElement.querySelector('acct-payment-method-form')!;
}

/** Fills the test card and a billing address, then presses Save. */
async function saveCard({ canvasElement }: { canvasElement: HTMLElement }): Promise<void> {
  const el = form(canvasElement);
  await idle(el);
  fill(el, VALID_CARD);
  await press(el, '[part~="submit-button"]');
  await reach(el, '[part~="error"]');
}

/** A gateway that refuses every new method with `error`. */
function refusing(error: ApiError): MemoryAccountApi {
  return new MemoryAccountApi({ fixture: 'typical', fail: (operation) => (operation === 'addPaymentMethod' ? error : undefined) });
}

/** The test gateway's form as a host page would open it (with Cancel). */
function testGatewayForm(args: FormArgs) {
  return html`<acct-payment-method-form
    allow-raw-card-data
    cancelable
    type=${args.type}
    ?set-default=${args.setDefault}
    submit-label=${ifDefined(args.submitLabel)}
    locale=${ifDefined(args.locale)}
    .api=${new MemoryAccountApi({ fixture: 'typical' })}
  ></acct-payment-method-form>`;
}

/**
 * Adds a card or a bank account and saves it (`addPaymentMethod`). Card entry comes from the host's
 * tokenizer, the gateway's hosted fields, or — here, for the reference server's test gateway only —
 * the built-in form (`allow-raw-card-data`). Used alone, inside `acct-payment-methods` and inside
 * `acct-pay-invoice`.
 */
const meta = {
  title: 'Payments/Payment method form',
  component: 'acct-payment-method-form',
  args: { type: 'card', setDefault: false },
  argTypes: {
    type: { control: 'inline-radio', options: ['card', 'bank_account'] },
    submitLabel: { control: 'text' },
    locale: { control: 'text' },
  },
} satisfies Meta<FormArgs>;
export default meta;

type Story = StoryObj<FormArgs>;

/** The test gateway's card form: number (brand shown as it is typed), expiry, CVC, billing address. */
export const TestGatewayCard: Story = {
  name: 'Card (test gateway)',
  render: testGatewayForm,
};

/** "Make this my default payment method" checked (`set-default`): the saved method becomes the account's default. */
export const MakeDefault: Story = {
  name: 'Make default (checked)',
  args: { setDefault: true },
  render: testGatewayForm,
};

/** The account's first method: it becomes the default anyway, so the checkbox is checked, fixed, and says why. */
export const FirstMethod: Story = {
  name: 'First method (always the default)',
  render: () => html`<acct-payment-method-form allow-raw-card-data .api=${new MemoryAccountApi({ fixture: 'empty' })}></acct-payment-method-form>`,
};

/** Holder, routing number (ABA checksum), account number and type, and the gateway's debit authorisation. */
export const BankAccount: Story = {
  name: 'Bank account',
  args: { type: 'bank_account' },
  render: testGatewayForm,
};

/** Save on an empty form: every missing field says so, and focus is on the first. */
export const ValidationErrors: Story = {
  name: 'Validation errors',
  render: testGatewayForm,
  play: async ({ canvasElement }) => {
    const el = form(canvasElement);
    await idle(el);
    await press(el, '[part~="submit-button"]');
    await reach(el, '.field-error');
  },
};

/** A US address without state and with a four-digit ZIP: the country's rules name both fields (Google's address metadata). */
export const AddressRules: Story = {
  name: 'Address rules (US: state and ZIP)',
  render: testGatewayForm,
  play: async ({ canvasElement }) => {
    const el = form(canvasElement);
    await idle(el);
    fill(el, { ...VALID_CARD, region: '', postal: '9720' });
    await reach(el, '[name="region"][required]');
    await press(el, '[part~="submit-button"]');
    await reach(el, '.field-error');
  },
};

/** The gateway refuses the card: the reason in our words, and nothing typed is lost. */
export const Declined: Story = {
  render: () =>
    html`<acct-payment-method-form
      allow-raw-card-data
      .api=${refusing(
        new ApiError('declined', 'The card was declined.', { status: 402, problem: { status: 402, code: 'card_declined', detail: 'The card was declined.' } }),
      )}
    ></acct-payment-method-form>`,
  play: saveCard,
};

/** The server's field errors (422) land on the fields they name. */
export const ServerFieldErrors: Story = {
  name: 'Server field errors',
  render: () =>
    html`<acct-payment-method-form
      allow-raw-card-data
      .api=${refusing(
        new ApiError('validation', 'Invalid', {
          status: 422,
          problem: {
            status: 422,
            code: 'validation_failed',
            errors: [
              { field: 'card.number', message: 'invalid card number', code: 'incorrect_number' },
              { field: 'billing_address.postal_code', message: 'unknown postal code', code: 'invalid' },
            ],
          },
        }),
      )}
    ></acct-payment-method-form>`,
  play: saveCard,
};

/** A server failure: a sentence, the request id for support, and the form as it was. */
export const ServerError: Story = {
  name: 'Server error',
  render: () =>
    html`<acct-payment-method-form
      allow-raw-card-data
      .api=${refusing(new ApiError('server', 'Internal Server Error', { status: 500, requestId: 'req_7Hq2xK' }))}
    ></acct-payment-method-form>`,
  play: saveCard,
};

/** The production path: the host's tokenizer puts its fields into the form's light DOM; only a token is sent. */
export const HostTokenizer: Story = {
  name: 'Host card tokenizer',
  render: () => {
    const api = new MemoryAccountApi({ fixture: 'typical' });
    return html`<acct-payment-method-form .cardTokenizer=${new DemoTokenizer(api)} .api=${api}></acct-payment-method-form>`;
  },
};

/** No tokenizer, no hosted fields and no opt-in: cards cannot be added here (the console says what to set). */
export const CardEntryNotConfigured: Story = {
  name: 'Card entry not configured',
  render: () => html`<acct-payment-method-form .api=${new MemoryAccountApi({ fixture: 'typical' })}></acct-payment-method-form>`,
};

/** Waiting for the gateway (`listPaymentMethods`), when the host did not pass `gateway`. */
export const Loading: Story = {
  parameters: { test: { stillLoading: true } },
  render: () => html`<acct-payment-method-form .api=${new MemoryAccountApi({ fixture: 'typical', latencyMs: Infinity })}></acct-payment-method-form>`,
};

/** No api, no api-base and no provider. */
export const NotConfigured: Story = {
  name: 'Not configured',
  parameters: { test: { allowConsoleErrors: true } },
  render: () => html`<acct-payment-method-form></acct-payment-method-form>`,
};

import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { MemoryAccountApi, type MemoryAccountApiOptions } from '../src/api/memory-api.js';
import { ApiError } from '../src/api/errors.js';
import '../src/components/autopay-toggle/acct-autopay-toggle.js';

interface AutopayToggleArgs {
  locale?: string;
}

const TODAY = new Date('2026-05-20T12:00:00Z');

/** A memory API, with autopay already on (with the default Visa) when `on`. */
function api(options: MemoryAccountApiOptions & { on?: boolean } = {}): MemoryAccountApi {
  const { on, ...rest } = options;
  const memory = new MemoryAccountApi({ fixture: 'typical', today: TODAY, ...rest });
  if (on) memory.data.account.autopay = { enabled: true, payment_method_id: `pm_${memory.data.account.id}_visa` };
  return memory;
}

function toggle(args: AutopayToggleArgs, memoryApi: MemoryAccountApi | undefined): TemplateResult {
  return html`<acct-autopay-toggle locale=${ifDefined(args.locale)} .api=${memoryApi}></acct-autopay-toggle>`;
}

/** Presses the switch once the element has loaded (Storybook runs it; the story tests render the state before). */
async function pressSwitch({ canvasElement }: { canvasElement: HTMLElement }): Promise<void> {
  const element = canvasElement.querySelector('acct-autopay-toggle');
  for (let i = 0; i < 100; i++) {
    const button = element?.shadowRoot?.querySelector<HTMLElement>('[part="switch"]');
    if (button) {
      button.click();
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * The autopay switch. It names the method it charges; turning it on asks for a short inline
 * confirmation first, turning it off writes at once. Without a payment method it is disabled with
 * an explanation; without `autopay:manage` the state is shown as text. Every story brings its own
 * in-memory API.
 */
const meta = {
  title: 'Account/Autopay toggle',
  component: 'acct-autopay-toggle',
  args: {},
  argTypes: { locale: { control: 'text' } },
} satisfies Meta<AutopayToggleArgs>;
export default meta;

type Story = StoryObj<AutopayToggleArgs>;

/** Off, with the default card named; pressing it asks for confirmation. */
export const Off: Story = {
  render: (args) => toggle(args, api()),
};

/** On, charging the Visa; pressing it turns autopay off at once. */
export const On: Story = {
  render: (args) => toggle(args, api({ on: true })),
};

/** The inline confirmation before autopay turns on (opened by the story's play function). */
export const Confirming: Story = {
  render: (args) => toggle(args, api()),
  play: pressSwitch,
};

/** The write never answers: the switch stays disabled and busy (opened by the play function: press Off → On). */
export const Saving: Story = {
  render: (args) => toggle(args, api({ on: true, latencyMs: (operation) => (operation === 'setAutopay' ? Infinity : 0) })),
  play: pressSwitch,
};

/** No payment method: the switch is disabled and says why. */
export const NoPaymentMethod: Story = {
  name: 'No payment method',
  render: (args) => toggle(args, api({ fixture: 'empty' })),
};

/** The server refuses the change (422 default_payment_method_required); the switch stays at the server's state and an alert explains. */
export const WriteRefused: Story = {
  name: 'Write refused',
  render: (args) =>
    toggle(
      args,
      api({
        on: true,
        fail: (operation) =>
          operation === 'setAutopay'
            ? new ApiError('validation', 'Autopay needs a payment method.', {
                status: 422,
                problem: { status: 422, code: 'default_payment_method_required', detail: 'Autopay needs a payment method. Add one first.' },
              })
            : undefined,
      }),
    ),
  play: pressSwitch,
};

/** A billing viewer: the state as text, no switch. */
export const ReadOnly: Story = {
  name: 'Read-only (viewer)',
  render: (args) => {
    const memory = api({ fixture: 'viewer' });
    memory.data.account.autopay = { enabled: true, payment_method_id: 'pm_acct_typical_visa' };
    return toggle(args, memory);
  },
};

export const Loading: Story = {
  parameters: { test: { stillLoading: true } },
  render: (args) => toggle(args, api({ latencyMs: Infinity })),
};

/** Loading the payment methods fails; Retry asks again and succeeds. */
export const LoadError: Story = {
  name: 'Error (with Retry)',
  render: (args) =>
    toggle(
      args,
      api({
        fail: (operation, index) =>
          operation === 'listPaymentMethods' && index === 0 ? new ApiError('network', 'Failed to fetch') : undefined,
      }),
    ),
};

/** A script-bearing method label renders as text. */
export const HostileData: Story = {
  name: 'Hostile data',
  render: (args) => {
    const memory = api({ fixture: 'hostile' });
    memory.data.account.autopay = { enabled: true, payment_method_id: 'pm_acct_hostile_other' };
    return toggle(args, memory);
  },
};

/** No api, no api-base and no provider: the element says so (and logs one console error for the developer). */
export const NotConfigured: Story = {
  name: 'Not configured',
  parameters: { test: { allowConsoleErrors: true } },
  render: (args) => toggle(args, undefined),
};

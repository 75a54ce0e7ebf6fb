import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { MemoryAccountApi } from '../src/api/memory-api.js';
import { ApiError } from '../src/api/errors.js';
import '../src/components/address-book/acct-address-book.js';
import { licenseApi } from './license-stories-helpers.js';
import { fill, idle, press, reach } from './payment-method-play.js';

interface AddressBookArgs {
  locale?: string;
}

function addressBook(args: AddressBookArgs, api: MemoryAccountApi | undefined): TemplateResult {
  return html`<acct-address-book locale=${ifDefined(args.locale)} .api=${api}></acct-address-book>`;
}

const api = licenseApi;

/** Waits for the book, then presses `selector` (the `index`th match) and waits for `until`. */
function pressing(selector: string, until: string, index = 0) {
  return async ({ canvasElement }: { canvasElement: HTMLElement }) => {
    const el = canvasElement.querySelector('acct-address-book')!;
    await reach(el, selector);
    await idle(el);
    el.shadowRoot!.querySelectorAll<HTMLElement>(selector)[index].click();
    await reach(el, until);
  };
}

/**
 * The account's address book: uses, defaults and the payment methods billed at each address; Add
 * and Edit in a form that follows the country's format, Make default, Remove with the address that
 * takes over. Every story brings its own in-memory API; forms and dialogs are opened by the play
 * function, as a user would.
 */
const meta = {
  title: 'Account/Address book',
  component: 'acct-address-book',
  args: {},
  argTypes: { locale: { control: 'text' } },
} satisfies Meta<AddressBookArgs>;
export default meta;

type Story = StoryObj<AddressBookArgs>;

/** Billing, shipping and residential addresses; the billing one is used by the account's payment methods. */
export const Populated: Story = {
  render: (args) => addressBook(args, api()),
};

/** A billing viewer: the book without Add, Edit, Make default or Remove. */
export const ReadOnly: Story = {
  name: 'Read-only (viewer)',
  render: (args) => addressBook(args, api({ fixture: 'viewer' })),
};

/** An account without addresses: Add address. */
export const Empty: Story = {
  render: (args) => addressBook(args, api({ fixture: 'empty' })),
};

/** Yen account: a Tokyo head office and an Osaka branch. */
export const Japan: Story = {
  render: (args) => addressBook(args, api({ fixture: 'jpy' })),
};

/** The add form, in the country's format. */
export const Adding: Story = {
  name: 'Adding (the form)',
  render: (args) => addressBook(args, api()),
  play: pressing('[part~="add-button"]', 'form [name="line1"]'),
};

/** The add form refused by the server: the postal code's and the region's errors at their fields. */
export const AddRefused: Story = {
  name: 'Adding, refused (field errors)',
  render: (args) => addressBook(args, api()),
  play: async (context) => {
    await pressing('[part~="add-button"]', 'form [name="line1"]')(context);
    const el = context.canvasElement.querySelector('acct-address-book')!;
    fill(el, { line1: '1 Main Street', city: 'Portland', region: 'Atlantis', postal: '97201', country: 'US' });
    await press(el, '[part~="save-button"]');
    await reach(el, '[part~="message"]');
  },
};

/** Editing an address in its place. */
export const Editing: Story = {
  render: (args) => addressBook(args, api()),
  play: pressing('[part~="edit-button"]', 'form [name="line1"]', 1),
};

/** The save is on its way (the answer does not come). */
export const Saving: Story = {
  parameters: { test: { stillLoading: true } },
  render: (args) => addressBook(args, api({ latencyMs: (op) => (op === 'updateAddress' ? Infinity : 0) })),
  play: async (context) => {
    await pressing('[part~="edit-button"]', 'form [name="line1"]', 1)(context);
    const el = context.canvasElement.querySelector('acct-address-book')!;
    await press(el, '[part~="save-button"]');
    await reach(el, '[part~="save-button"][aria-busy="true"]');
  },
};

/** The save's answer never came: the form is kept, Retry sends the same save. */
export const SaveUnknown: Story = {
  name: 'Save outcome unknown (Retry)',
  render: (args) => addressBook(args, api({ fail: (op) => (op === 'updateAddress' ? new ApiError('network', 'Failed to fetch') : undefined) })),
  play: async (context) => {
    await pressing('[part~="edit-button"]', 'form [name="line1"]', 1)(context);
    const el = context.canvasElement.querySelector('acct-address-book')!;
    await press(el, '[part~="save-button"]');
    await reach(el, '[part~="retry-button"]');
  },
};

/** Removing the default shipping address: which address takes over, first. */
export const RemoveWithReplacement: Story = {
  name: 'Remove (the address that takes over)',
  render: (args) => addressBook(args, api()),
  play: pressing('[part~="remove-button"]', 'dialog[open] select', 1),
};

/** Removing the billing address that payment methods use: the dialog says so. */
export const RemoveUsedByPaymentMethods: Story = {
  name: 'Remove (used by payment methods)',
  render: (args) => addressBook(args, api()),
  play: pressing('[part~="remove-button"]', 'dialog[open] [part~="used-by"]', 0),
};

export const Loading: Story = {
  parameters: { test: { stillLoading: true } },
  render: (args) => addressBook(args, api({ latencyMs: Infinity })),
};

/** The first load fails; Retry asks again and succeeds. */
export const LoadError: Story = {
  name: 'Error (with Retry)',
  render: (args) => addressBook(args, api({ fail: (operation, index) => (operation === 'listAddresses' && index === 0 ? new ApiError('network', 'Failed to fetch') : undefined) })),
};

/** Markup in every field renders as text. */
export const HostileData: Story = {
  name: 'Hostile data',
  render: (args) => addressBook(args, api({ fixture: 'hostile' })),
};

export const NotConfigured: Story = {
  name: 'Not configured',
  parameters: { test: { allowConsoleErrors: true } },
  render: (args) => addressBook(args, undefined),
};

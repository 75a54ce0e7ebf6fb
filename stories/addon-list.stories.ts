import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { MemoryAccountApi } from '../src/api/memory-api.js';
import { ApiError } from '../src/api/errors.js';
import '../src/components/addon-list/acct-addon-list.js';
import { licenseApi } from './license-stories-helpers.js';
import { idle, press, reach } from './payment-method-play.js';

interface AddonListArgs {
  locale?: string;
  layout?: 'list' | 'cards';
}

function addonList(args: AddonListArgs, api: MemoryAccountApi | undefined): TemplateResult {
  return html`<acct-addon-list locale=${ifDefined(args.locale)} layout=${ifDefined(args.layout)} .api=${api}></acct-addon-list>`;
}

/** An API whose pending add-on stays pending (the story shows the state, not its end). */
const api = (options: Parameters<typeof licenseApi>[0] = {}) => licenseApi({ provisioningMs: 24 * 3_600_000, ...options });

/** Presses the add-on's Enable or Disable (by its position among those buttons), and waits for `selector`. */
function pressing(part: 'enable-button' | 'disable-button', selector: string, index = 0) {
  return async ({ canvasElement }: { canvasElement: HTMLElement }) => {
    const el = canvasElement.querySelector('acct-addon-list')!;
    await reach(el, `[part~="${part}"]`);
    await idle(el);
    const buttons = el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${part}"]`);
    buttons[index].click();
    await reach(el, selector);
  };
}

/**
 * The account's add-ons: price and billing, state, setup and links; Enable and Disable confirm the
 * server's previewed price in a dialog. Every story brings its own in-memory API; dialogs are
 * opened by the story's play function, as a user would.
 */
const meta = {
  title: 'Add-ons/Add-on list',
  component: 'acct-addon-list',
  args: {},
  argTypes: { locale: { control: 'text' }, layout: { control: 'inline-radio', options: ['list', 'cards'] } },
} satisfies Meta<AddonListArgs>;
export default meta;

type Story = StoryObj<AddonListArgs>;

/** Monthly, yearly, one-time and per-use add-ons; enabled, disabled, one being enabled, one needing its outside setup. */
export const Populated: Story = {
  render: (args) => addonList(args, api()),
};

/** The same add-ons as cards. */
export const Cards: Story = {
  render: (args) => addonList({ layout: 'cards', ...args }, api()),
};

/** Enable: the prorated price of the rest of the month, and what later invoices add. */
export const EnableConfirmation: Story = {
  name: 'Enable confirmation (monthly, prorated)',
  render: (args) => addonList(args, api()),
  play: pressing('enable-button', 'dialog[open] [part~="preview"]', 1),
};

/** Enable a one-time add-on: its price, once. */
export const EnableOneTime: Story = {
  name: 'Enable confirmation (one-time)',
  render: (args) => addonList(args, api()),
  play: pressing('enable-button', 'dialog[open] [part~="preview"]', 2),
};

/** Disable: the unused part of the month, credited. */
export const DisableConfirmation: Story = {
  name: 'Disable confirmation (credit)',
  render: (args) => addonList(args, api()),
  play: pressing('disable-button', 'dialog[open] [part~="preview"]', 0),
};

/** The preview is being computed. */
export const PreviewLoading: Story = {
  name: 'Confirmation, price loading',
  parameters: { test: { stillLoading: true } },
  render: (args) => addonList(args, api({ latencyMs: (op) => (op === 'previewAddonChange' ? Infinity : 0) })),
  play: pressing('enable-button', 'dialog[open] [part~="preview-status"]', 1),
};

/** The answer never came: only "Check again", which sends the same change. */
export const OutcomeUnknown: Story = {
  name: 'Outcome unknown (Check again)',
  render: (args) => addonList(args, api({ fail: (op) => (op === 'enableAddon' ? new ApiError('network', 'Failed to fetch') : undefined) })),
  play: async (context) => {
    await pressing('enable-button', 'dialog[open] [part~="confirm-button"]', 1)(context);
    const el = context.canvasElement.querySelector('acct-addon-list')!;
    await press(el, '[part~="confirm-button"]');
    await reach(el, '[part~="check-again-button"]');
  },
};

/** A billing viewer: the add-ons without Enable and Disable. */
export const ReadOnly: Story = {
  name: 'Read-only (viewer)',
  render: (args) => addonList(args, api({ fixture: 'viewer' })),
};

/** An account with no add-ons. */
export const Empty: Story = {
  render: (args) => addonList(args, api({ fixture: 'empty' })),
};

/** Yen: no minor unit. */
export const Yen: Story = {
  render: (args) => addonList(args, api({ fixture: 'jpy' })),
};

export const Loading: Story = {
  parameters: { test: { stillLoading: true } },
  render: (args) => addonList(args, api({ latencyMs: Infinity })),
};

/** The first load fails; Retry asks again and succeeds. */
export const LoadError: Story = {
  name: 'Error (with Retry)',
  render: (args) => addonList(args, api({ fail: (operation, index) => (operation === 'listAddons' && index === 0 ? new ApiError('network', 'Failed to fetch') : undefined) })),
};

/** Markup in names and descriptions renders as text; `javascript:` links are not linked. */
export const HostileData: Story = {
  name: 'Hostile data',
  render: (args) => addonList(args, api({ fixture: 'hostile' })),
};

export const NotConfigured: Story = {
  name: 'Not configured',
  parameters: { test: { allowConsoleErrors: true } },
  render: (args) => addonList(args, undefined),
};

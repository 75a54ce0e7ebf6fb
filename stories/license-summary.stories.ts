import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { MemoryAccountApi } from '../src/api/memory-api.js';
import { ApiError } from '../src/api/errors.js';
import '../src/components/license-summary/acct-license-summary.js';
import { licenseApi } from './license-stories-helpers.js';

interface LicenseSummaryArgs {
  locale?: string;
  contactUrl?: string;
}

function summary(args: LicenseSummaryArgs, api: MemoryAccountApi | undefined): TemplateResult {
  return html`<acct-license-summary locale=${ifDefined(args.locale)} contact-url=${ifDefined(args.contactUrl)} .api=${api}></acct-license-summary>`;
}

/**
 * The account's licenses and its contract term. "Buy more" fires `acct-license-purchase-request`
 * (the host shows `acct-license-purchase`); what is not self-service links to the account manager.
 * Every story brings its own in-memory API.
 */
const meta = {
  title: 'Licenses/License summary',
  component: 'acct-license-summary',
  args: {},
  argTypes: { locale: { control: 'text' }, contactUrl: { control: 'text' } },
} satisfies Meta<LicenseSummaryArgs>;
export default meta;

type Story = StoryObj<LicenseSummaryArgs>;

/** Workspace and Analytics (self-service, "Buy more") and data residency (sold by the account manager). */
export const Populated: Story = {
  render: (args) => summary(args, licenseApi()),
};

/** Three seats bought and still being set up: the status, and the time they can take. */
export const Provisioning: Story = {
  render: (args) => {
    const api = licenseApi();
    const [workspace] = api.data.licensing.licenses;
    Object.assign(workspace, { pending_quantity: 3, status: 'pending_provisioning' });
    return summary(args, api);
  },
};

/** A billing viewer: the licenses without "Buy more". */
export const ReadOnly: Story = {
  name: 'Read-only (viewer)',
  render: (args) => summary(args, licenseApi({ fixture: 'viewer' })),
};

/** An account without licenses: the account manager sells them. */
export const Empty: Story = {
  render: (args) => summary(args, licenseApi({ fixture: 'empty' })),
};

/** Yen: no minor unit. */
export const Yen: Story = {
  render: (args) => summary(args, licenseApi({ fixture: 'jpy' })),
};

export const Loading: Story = {
  parameters: { test: { stillLoading: true } },
  render: (args) => summary(args, licenseApi({ latencyMs: Infinity })),
};

/** The first load fails; Retry asks again and succeeds. */
export const LoadError: Story = {
  name: 'Error (with Retry)',
  render: (args) =>
    summary(args, licenseApi({ fail: (operation, index) => (operation === 'listLicenses' && index === 0 ? new ApiError('network', 'Failed to fetch') : undefined) })),
};

/** Script-bearing product and plan names render as text; a `javascript:` contact URL is not linked. */
export const HostileData: Story = {
  name: 'Hostile data',
  render: (args) => summary(args, licenseApi({ fixture: 'hostile' })),
};

export const NotConfigured: Story = {
  name: 'Not configured',
  parameters: { test: { allowConsoleErrors: true } },
  render: (args) => summary(args, undefined),
};

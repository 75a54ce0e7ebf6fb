import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { MemoryAccountApi } from '../src/api/memory-api.js';
import { ApiError } from '../src/api/errors.js';
import '../src/components/profile/acct-profile.js';
import { licenseApi } from './license-stories-helpers.js';

interface ProfileArgs {
  locale?: string;
  contactUrl?: string;
}

function profile(args: ProfileArgs, api: MemoryAccountApi | undefined, content: TemplateResult | string = ''): TemplateResult {
  return html`<acct-profile locale=${ifDefined(args.locale)} contact-url=${ifDefined(args.contactUrl)} .api=${api}>${content}</acct-profile>`;
}

/**
 * The account's profile, read only: company, account number, contacts, the host's administrator
 * who set it up, the token's role and the licenses; changes go through the host's contact. Every
 * story brings its own in-memory API.
 */
const meta = {
  title: 'Account/Profile',
  component: 'acct-profile',
  args: {},
  argTypes: { locale: { control: 'text' }, contactUrl: { control: 'text' } },
} satisfies Meta<ProfileArgs>;
export default meta;

type Story = StoryObj<ProfileArgs>;

/** Northwind Traders: every fact, three licenses, the renewal, the account manager's link. */
export const Populated: Story = {
  render: (args) => profile(args, licenseApi()),
};

/** A billing viewer's token: the same profile, the role says so. */
export const BillingViewer: Story = {
  name: 'Billing viewer',
  render: (args) => profile(args, licenseApi({ fixture: 'viewer' })),
};

/** A Japanese account: names, number and phone in Japanese formats. */
export const Japanese: Story = {
  render: (args) => profile({ locale: 'ja-JP', ...args }, licenseApi({ fixture: 'jpy' })),
};

/** A new account: no licenses yet. */
export const NoLicenses: Story = {
  name: 'No licenses',
  render: (args) => profile(args, licenseApi({ fixture: 'empty' })),
};

/** A server that says little: only the company and the role; no empty rows. */
export const Minimal: Story = {
  render: (args) => {
    const api = licenseApi();
    Object.assign(api.data.profile, { account_number: null, email: null, phone: null, provisioned_by: null, created_on: null });
    api.data.account.contact_url = null;
    return profile(args, api);
  },
};

/** The host's own contact in the `contact` slot. */
export const ContactSlot: Story = {
  name: 'Contact slot',
  render: (args) => profile(args, licenseApi(), html`<a slot="contact" href="/support">Write to Ana, your account manager</a>`),
};

export const Loading: Story = {
  parameters: { test: { stillLoading: true } },
  render: (args) => profile(args, licenseApi({ latencyMs: Infinity })),
};

/** The licenses fail: the profile is shown, the licenses with a Retry. */
export const LicensesError: Story = {
  name: 'Licenses error',
  render: (args) => profile(args, licenseApi({ fail: (operation) => (operation === 'listLicenses' ? new ApiError('network', 'Failed to fetch') : undefined) })),
};

/** The first load fails; Retry asks again and succeeds. */
export const LoadError: Story = {
  name: 'Error (with Retry)',
  render: (args) => profile(args, licenseApi({ fail: (operation, index) => (operation === 'getAccount' && index === 0 ? new ApiError('network', 'Failed to fetch') : undefined) })),
};

/** Script-bearing names, number and e-mail render as text; a `javascript:` contact URL is not linked. */
export const HostileData: Story = {
  name: 'Hostile data',
  render: (args) => profile(args, licenseApi({ fixture: 'hostile' })),
};

export const NotConfigured: Story = {
  name: 'Not configured',
  parameters: { test: { allowConsoleErrors: true } },
  render: (args) => profile(args, undefined),
};

import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { MemoryAccountApi } from '../src/api/memory-api.js';
import { ApiError } from '../src/api/errors.js';
import { usersFixture } from '../src/api/fixtures/users.js';
import '../src/components/users/acct-users.js';
import { licenseApi as api, TODAY } from './license-stories-helpers.js';
import { fill, idle, press, reach } from './payment-method-play.js';

interface UsersArgs {
  locale?: string;
}

function users(args: UsersArgs, accountApi: MemoryAccountApi | undefined): TemplateResult {
  return html`<acct-users locale=${ifDefined(args.locale)} .api=${accountApi}></acct-users>`;
}

type Context = { canvasElement: HTMLElement };
const element = (context: Context) => context.canvasElement.querySelector('acct-users')!;

/** Presses a row's button (by its part, the `index`-th of them) and waits for `selector`. */
function pressing(part: string, selector: string, index = 0) {
  return async (context: Context) => {
    const el = element(context);
    await reach(el, `[part~="${part}"]`);
    await idle(el);
    el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${part}"]`)[index].click();
    await reach(el, selector);
  };
}

/** Opens the invitation form and fills it in. */
async function inviting(context: Context, values: Record<string, string>): Promise<void> {
  const el = element(context);
  await reach(el, '[part~="invite-button"]');
  await idle(el);
  await press(el, '[part~="invite-button"]');
  await reach(el, '#invite-email');
  fill(el, values);
  const role = el.shadowRoot!.querySelector<HTMLSelectElement>('#invite-role')!;
  role.value = values.role ?? 'billing_viewer';
  role.dispatchEvent(new Event('change', { bubbles: true }));
  await (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
}

/** The typical account's users with María as its only active administrator (the acting user's row says basic). */
const lastAdminUsers = () => usersFixture('acct_typical', TODAY).map((user) => (user.id === 'usr_typical_admin' ? { ...user, role: 'basic' } : user));

/**
 * The account's users and invitations: invite, resend and revoke invitations, change roles and
 * remove users. Every story brings its own in-memory API; forms and dialogs are opened by the
 * story's play function, as a user would.
 */
const meta = {
  title: 'Account/Users',
  component: 'acct-users',
  args: {},
  argTypes: { locale: { control: 'text' } },
} satisfies Meta<UsersArgs>;
export default meta;

type Story = StoryObj<UsersArgs>;

/** Members with their roles, an open invitation (Resend, Revoke), and your own row without actions. */
export const Populated: Story = {
  render: (args) => users(args, api()),
};

/** Sixty people: the first page, then "Load more". */
export const Large: Story = {
  name: 'Large (Load more)',
  render: (args) => users(args, api({ fixture: 'large' })),
};

/** The invitation form, filled in, with the chosen role explained. */
export const Inviting: Story = {
  name: 'Inviting',
  render: (args) => users(args, api()),
  play: (context) => inviting(context, { email: 'ana.lima@northwind.example', name: 'Ana Lima', role: 'billing_viewer' }),
};

/** The invitation on its way. */
export const Saving: Story = {
  name: 'Saving (invitation on its way)',
  parameters: { test: { stillLoading: true } },
  render: (args) => users(args, api({ latencyMs: (op) => (op === 'inviteUser' ? Infinity : 0) })),
  play: async (context) => {
    await inviting(context, { email: 'ana.lima@northwind.example', name: 'Ana Lima', role: 'basic' });
    await press(element(context), '[part~="submit-button"]');
  },
};

/** The address already has access (409 user_exists), shown at the e-mail field; what was typed is kept. */
export const UserExists: Story = {
  name: 'Invitation refused (already a user)',
  render: (args) => users(args, api()),
  play: async (context) => {
    await inviting(context, { email: 'james.okafor@northwind.example', name: 'James', role: 'basic' });
    await press(element(context), '[part~="submit-button"]');
    await reach(element(context), '#invite-email-error');
  },
};

/** The form's own checks: the first invalid field has focus. */
export const InviteInvalid: Story = {
  name: 'Invitation with field errors',
  render: (args) => users(args, api()),
  play: async (context) => {
    await inviting(context, { email: 'not-an-address', name: '', time_zone: 'Mars/Olympus' });
    await press(element(context), '[part~="submit-button"]');
    await reach(element(context), '.field-error');
  },
};

/** The role dialog: what the new role can do. */
export const ChangeRole: Story = {
  name: 'Change role dialog',
  render: (args) => users(args, api()),
  play: pressing('role-button', 'dialog[open] [part~="role-facts"]', 1),
};

/** The last administrator's role cannot change (409 last_admin), in plain words. */
export const LastAdmin: Story = {
  name: 'Last administrator (refused)',
  render: (args) => users(args, api({ users: lastAdminUsers() })),
  play: async (context) => {
    const el = element(context);
    await reach(el, '[data-id="usr_typical_maria"] [part~="role-button"]');
    await idle(el);
    await press(el, '[data-id="usr_typical_maria"] [part~="role-button"]');
    await reach(el, 'dialog[open]');
    const select = el.shadowRoot!.querySelector<HTMLSelectElement>('#user-dialog-role')!;
    select.value = 'basic';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    await press(el, 'dialog [part~="confirm-button"]');
    await reach(el, 'dialog [part~="message"]');
  },
};

/** Remove: the confirmation dialog. */
export const RemoveConfirmation: Story = {
  name: 'Remove confirmation',
  render: (args) => users(args, api()),
  play: pressing('remove-button', 'dialog[open]', 1),
};

/** Revoke an invitation: the confirmation dialog. */
export const RevokeConfirmation: Story = {
  name: 'Revoke confirmation',
  render: (args) => users(args, api()),
  play: pressing('revoke-button', 'dialog[open]', 0),
};

/** A removal whose answer never came: pressing Remove again sends the same removal. */
export const OutcomeUnknown: Story = {
  name: 'Outcome unknown',
  render: (args) => users(args, api({ fail: (op) => (op === 'removeUser' ? new ApiError('network', 'Failed to fetch') : undefined) })),
  play: async (context) => {
    await pressing('remove-button', 'dialog[open]', 1)(context);
    await press(element(context), 'dialog [part~="confirm-button"]');
    await reach(element(context), 'dialog [part~="message"]');
  },
};

/** Resend: the invitation went again. */
export const Resent: Story = {
  name: 'Invitation sent again',
  render: (args) => users(args, api()),
  play: pressing('resend-button', '[part~="notice"]', 0),
};

/** A billing viewer may not manage users: who can is said instead of the list. */
export const Forbidden: Story = {
  name: 'Forbidden (read-only)',
  render: (args) => users(args, api({ fixture: 'viewer' })),
};

/** Japanese names. */
export const Japanese: Story = {
  render: (args) => users(args, api({ fixture: 'jpy' })),
};

export const Loading: Story = {
  parameters: { test: { stillLoading: true } },
  render: (args) => users(args, api({ latencyMs: Infinity })),
};

/** The first load fails; Retry asks again and succeeds. */
export const LoadError: Story = {
  name: 'Error (with Retry)',
  render: (args) => users(args, api({ fail: (operation, index) => (operation === 'listUsers' && index === 0 ? new ApiError('network', 'Failed to fetch') : undefined) })),
};

/** Markup in names and addresses renders as text. */
export const HostileData: Story = {
  name: 'Hostile data',
  render: (args) => users(args, api({ fixture: 'hostile' })),
};

export const NotConfigured: Story = {
  name: 'Not configured',
  parameters: { test: { allowConsoleErrors: true } },
  render: (args) => users(args, undefined),
};

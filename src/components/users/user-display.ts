import { html, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { formatTimestamp } from '../../core/dates.js';
import { capabilityText, roleName } from '../../core/role-display.js';
import { messageForError } from '../../core/error-view.js';
import type { ApiError } from '../../api/errors.js';
import type { Role, User } from '../../api/schemas/user.js';

/** A user's status: the badge, and for an invitation when it was last sent. */
export function statusText(user: User, locale: string): { badge: string; detail?: string } {
  if (user.status === 'active') return { badge: msg('Active') };
  if (user.status === 'invited') {
    const sent = user.last_invited_at ?? user.invited_at;
    return { badge: msg('Invitation pending'), detail: sent ? msg(str`Sent ${formatTimestamp(sent, locale)}`) : undefined };
  }
  return { badge: user.status };
}

/** Why the server refused a change of `user`, in plain words (its own `detail` for a code we do not know). */
export function refusalText(error: ApiError, user: User): string {
  switch (error.problem?.code) {
    case 'last_admin':
      return msg(str`${user.name} is the account’s last administrator: an account always needs one. Make someone else an administrator first.`);
    case 'own_role':
      return msg('You cannot change your own role. Another administrator can.');
    case 'own_removal':
      return msg('You cannot remove yourself. Another administrator can.');
    case 'not_invited':
      return msg(str`${user.name} has accepted the invitation already: there is nothing to send again.`);
    case 'not_found':
      return msg(str`${user.name} is no longer a user of this account. The list shows it as it is now.`);
    default:
      return error.kind === 'not-found' ? msg(str`${user.name} is no longer a user of this account. The list shows it as it is now.`) : messageForError(error);
  }
}

/** A role's description and what it may do, each capability in plain words. */
export function renderRoleFacts(role: Role, id: string): TemplateResult {
  return html`<div class="role-facts" part="role-facts" id=${id}>
    <p><bdi>${role.description}</bdi></p>
    <p class="subheading small">${msg(str`${roleName(role.id, role.name)} can:`)}</p>
    <ul>
      ${role.capabilities.length ? role.capabilities.map((capability) => html`<li>${capabilityText(capability)}</li>`) : html`<li>${msg('Nothing beyond signing in')}</li>`}
    </ul>
  </div>`;
}

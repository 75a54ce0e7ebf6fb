/**
 * The users element's events, apart from index.ts so that the other elements' shared code does
 * not carry them (exported from the package root like every event).
 */
import type { User } from '../api/schemas/user.js';

const init = { bubbles: true, composed: true } as const;

export interface UserChangeDetail {
  /** What was done: an invitation sent, sent again, a role changed, a user removed or an invitation revoked. */
  action: 'invite' | 'resend' | 'role' | 'remove';
  /** The user as the server answered (for `remove`: as the list showed it before). */
  user: User;
}

/** `acct-user-change`: the server applied a change to the account's users. */
export class AcctUserChangeEvent extends Event {
  static readonly type = 'acct-user-change';
  constructor(readonly detail: UserChangeDetail) {
    super(AcctUserChangeEvent.type, init);
  }
}

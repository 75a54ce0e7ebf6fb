/**
 * The users contract's fixed words (issue 12), apart from vocabulary.ts so that the billing
 * elements' shared code does not carry them.
 */

/**
 * `active`: a member who has signed in; `invited`: invited by email, not signed in yet (the host's
 * identity system turns an invitation into a member on the first sign-in). Unknown statuses render
 * with their raw word.
 */
export const USER_STATUSES = ['active', 'invited'] as const;
export type KnownUserStatus = (typeof USER_STATUSES)[number];
export type UserStatus = KnownUserStatus | (string & {});

/**
 * Problem `code`s of user changes that the elements explain in their own words, all 409:
 * - `user_exists`: the email is already a member's or an invitation's (the problem's `user_id` names it);
 * - `not_invited`: resending an invitation to someone who is a member already;
 * - `last_admin`: the account's last active administrator cannot be removed or get another role;
 * - `own_role`, `own_removal`: nobody changes their own role or removes themselves.
 * Malformed fields of an invitation or a role change are a 422 `validation_failed` naming them.
 */
export const USER_PROBLEM_CODES = ['user_exists', 'not_invited', 'last_admin', 'own_role', 'own_removal'] as const;
export type UserProblemCode = (typeof USER_PROBLEM_CODES)[number];

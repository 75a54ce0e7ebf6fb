import * as z from 'zod/mini';
import { Id, page, Timestamp } from './common.js';

export { USER_PROBLEM_CODES, USER_STATUSES, type KnownUserStatus, type UserProblemCode, type UserStatus } from '../user-vocabulary.js';

/** A role users can have: what it is called, what it means and what it may do (`GET /roles`). */
export const Role = z.object({
  id: Id,
  name: z.string(),
  description: z.string(),
  /** The capabilities a token of this role's users has (`GET /account`'s `capabilities`). */
  capabilities: z.array(z.string()),
});
export type Role = z.infer<typeof Role>;

/** `GET /roles`: every role of the account's product (a few, not thousands: no pages). */
export const RoleList = z.object({ data: z.array(Role) });
export type RoleList = z.infer<typeof RoleList>;

/** A user of the account: a member (`active`) or an invitation that has not been accepted yet (`invited`). */
export const User = z.object({
  id: Id,
  email: z.string(),
  name: z.string(),
  /** One of `GET /roles`' ids; another word renders as is. */
  role: z.string(),
  /** One of USER_STATUSES; another word renders as is. */
  status: z.string().check(z.minLength(1)),
  /** An IANA time zone name (`Europe/Berlin`): how dates are shown to this user; null: the browser's. */
  time_zone: z.nullable(z.string()),
  /** When the user was first invited; null for members who were never invited (the account's founders). */
  invited_at: z.nullable(Timestamp),
  /** When the invitation was last sent (resending moves it); null when never invited. */
  last_invited_at: z.nullable(Timestamp),
  created_at: Timestamp,
  /** Whether this is the token's own user: an element does not offer to change your own role or remove you. */
  current: z.boolean(),
});
export type User = z.infer<typeof User>;

export const UserPage = page(User);
export type UserPage = z.infer<typeof UserPage>;

/**
 * `POST /users` [Idempotency-Key]: invite someone by email. The strings are only bounded here; what
 * makes them acceptable (an email address, a name that is not blank, a known role, an IANA time
 * zone) is checked by the server and answered as a 422 naming the field (src/api/users.ts).
 */
export const NewUser = z.strictObject({
  email: z.string().check(z.maxLength(320)),
  name: z.string().check(z.maxLength(200)),
  role: z.string().check(z.maxLength(100)),
  time_zone: z.optional(z.nullable(z.string().check(z.maxLength(100)))),
});
export type NewUser = z.infer<typeof NewUser>;

/** `PATCH /users/{id}` [Idempotency-Key]: another role for a member or an invitation. */
export const UserPatch = z.strictObject({ role: z.string().check(z.maxLength(100)) });
export type UserPatch = z.infer<typeof UserPatch>;

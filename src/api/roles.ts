/**
 * The roles of the reference server and the memory API (issue 12): their ids and what each may do.
 * Tokens, demo logins, fixtures, `GET /account`'s capabilities and every capability check read this
 * table; `GET /roles` adds each role's words from role-list.ts, which is keyed by these ids (a role
 * without words does not compile).
 *
 * The words are a module of their own: the fixtures (the first load of every page on the memory
 * API) need the capabilities alone, and a bundler cannot leave half of a module out of a chunk that
 * a lazy one (the memory API's users) also imports.
 */
import { KNOWN_CAPABILITIES } from './vocabulary.js';

/** What each role's users may do. A host's own roles are its business; these are the demo's, from the seed products. */
const CAPABILITIES_OF_ROLE = {
  admin: KNOWN_CAPABILITIES,
  billing_viewer: ['invoices:read', 'usage:read'],
  basic: ['invoices:read'],
  scheduler: ['usage:read'],
} as const;

export type RoleId = keyof typeof CAPABILITIES_OF_ROLE;

/** The same table, for lookups by any string (a token's or a row's role): check with isKnownRole first. */
export const ROLE_CAPABILITIES: Readonly<Record<string, readonly string[]>> = CAPABILITIES_OF_ROLE;

/** The role that must always have an active user in an account (the last one can be neither removed nor demoted). */
export const ADMINISTRATOR_ROLE: RoleId = 'admin';

/** Whether `role` is one of the roles above. */
export function isKnownRole(role: string): role is RoleId {
  return Object.hasOwn(CAPABILITIES_OF_ROLE, role);
}

/** The capabilities of a role; none for a role this server does not know (`toString` included). */
export function capabilitiesOf(role: string): readonly string[] {
  return isKnownRole(role) ? CAPABILITIES_OF_ROLE[role] : [];
}

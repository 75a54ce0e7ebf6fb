/**
 * The roles of the reference server and the memory API (issue 12): one table of what each role may
 * do, and one of its words, keyed by the same role ids (a role missing from either is a type error).
 * Tokens, demo logins, fixtures, `GET /account`'s capabilities and `GET /roles` all read these.
 *
 * Two tables rather than one list of objects: the fixtures (every page on the memory API) need the
 * capabilities alone, and a bundler drops `ROLE_WORDS` from a page that never lists the roles.
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

/** How `GET /roles` names and explains each role (the users element and the profile show them). */
const ROLE_WORDS: Readonly<Record<RoleId, { name: string; description: string }>> = {
  admin: { name: 'Administrator', description: 'Everything: pays invoices, buys licenses and add-ons, manages payment methods, addresses and users. Receives the monthly e-bill.' },
  billing_viewer: { name: 'Billing viewer', description: 'Sees invoices, payments and usage; cannot pay or change anything.' },
  basic: { name: 'Basic', description: 'Sees invoices; cannot pay or change anything.' },
  scheduler: { name: 'Scheduler', description: 'The scheduling product’s role: sees usage, nothing of billing.' },
};

/** Whether `role` is one of the roles above. */
export function isKnownRole(role: string): role is RoleId {
  return Object.hasOwn(CAPABILITIES_OF_ROLE, role);
}

/** The capabilities of a role; none for a role this server does not know (`toString` included). */
export function capabilitiesOf(role: string): readonly string[] {
  return isKnownRole(role) ? CAPABILITIES_OF_ROLE[role] : [];
}

/** Every role with its words and capabilities, in the table's order (most capable first). */
export function roleList(): Array<{ id: RoleId; name: string; description: string; capabilities: string[] }> {
  return (Object.keys(CAPABILITIES_OF_ROLE) as RoleId[]).map((id) => ({ id, ...ROLE_WORDS[id], capabilities: [...CAPABILITIES_OF_ROLE[id]] }));
}

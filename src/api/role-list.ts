/**
 * `GET /roles`: each role of roles.ts with its name and description (the users element offers
 * them, the profile explains the user's own), keyed by the same ids: a role added there without
 * its words here does not compile. Loaded only where roles are listed (the server, the memory API's users).
 */
import { ROLE_CAPABILITIES, type RoleId } from './roles.js';
import type { Role } from './schemas/user.js';

const ROLE_WORDS: Readonly<Record<RoleId, { name: string; description: string }>> = {
  admin: { name: 'Administrator', description: 'Everything: pays invoices, buys licenses and add-ons, manages payment methods, addresses and users. Receives the monthly e-bill.' },
  billing_viewer: { name: 'Billing viewer', description: 'Sees invoices, payments and usage; cannot pay or change anything.' },
  basic: { name: 'Basic', description: 'Sees invoices; cannot pay or change anything.' },
  scheduler: { name: 'Scheduler', description: 'The scheduling product’s role: sees usage, nothing of billing.' },
};

/** Every role with its words and capabilities, in roles.ts' order (most capable first). */
export function roleList(): Role[] {
  return (Object.keys(ROLE_WORDS) as RoleId[]).map((id) => ({ id, ...ROLE_WORDS[id], capabilities: [...ROLE_CAPABILITIES[id]] }));
}

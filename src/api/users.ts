/**
 * The rules of users and roles shared by the reference server and MemoryAccountApi (issue 12), so
 * both accept the same invitations, refuse the same changes with the same codes and name the same
 * fields: docs/users.md.
 */
import { ADMINISTRATOR_ROLE, isKnownRole } from './roles.js';
import type { FieldError } from './schemas/problem.js';
import type { NewUser } from './schemas/user.js';

/**
 * A valid e-mail address as HTML's `<input type=email>` defines it (WHATWG), with a dot in the
 * domain: an invitation goes to a mailbox on the internet, not to `root@localhost`. ASCII only,
 * as the browser's field (an internationalised domain is written in punycode).
 */
const EMAIL = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+$/;

/** The longest address SMTP can deliver to (RFC 5321's path limit less the angle brackets). */
const MAX_EMAIL_LENGTH = 254;

/** An IANA name's shape (`America/Argentina/Buenos_Aires`, `Etc/GMT+5`, `UTC`): no offsets such as `+01:00`. */
const TIME_ZONE_SHAPE = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;

/** The address as stored: without surrounding white space, in the case it was typed. */
export function normalizedEmail(email: string): string {
  return email.trim();
}

/** What makes two addresses the same user: case does not (an address's case is not kept by every mail system). */
export function emailKey(email: string): string {
  return normalizedEmail(email).toLowerCase();
}

/**
 * The time zone's IANA name as the runtime spells it (`europe/berlin` → `Europe/Berlin`), or
 * undefined when it is not one the runtime knows.
 */
export function timeZoneName(value: string): string | undefined {
  if (!TIME_ZONE_SHAPE.test(value)) return undefined;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** The field errors of a role that is not one of the product's (a 422). */
export function roleFieldErrors(role: string): FieldError[] {
  return isKnownRole(role) ? [] : [{ field: 'role', message: 'not one of the roles of GET /roles', code: 'unknown_role' }];
}

/** What an invitation's fields fail, as a 422's field errors (empty when it can be sent). */
export function invitationFieldErrors(request: NewUser): FieldError[] {
  const errors: FieldError[] = [];
  const email = normalizedEmail(request.email);
  if (email.length > MAX_EMAIL_LENGTH || !EMAIL.test(email)) errors.push({ field: 'email', message: 'not an e-mail address', code: 'invalid_format' });
  if (request.name.trim() === '') errors.push({ field: 'name', message: 'required', code: 'required' });
  errors.push(...roleFieldErrors(request.role));
  if (request.time_zone != null && timeZoneName(request.time_zone) === undefined) {
    errors.push({ field: 'time_zone', message: 'not an IANA time zone name (such as Europe/Berlin)', code: 'unknown_time_zone' });
  }
  return errors;
}

/** The invitation as stored: trimmed email and name, the time zone's IANA spelling. */
export function normalizedInvitation(request: NewUser): { email: string; name: string; role: string; time_zone: string | null } {
  return {
    email: normalizedEmail(request.email),
    name: request.name.trim(),
    role: request.role,
    time_zone: request.time_zone == null ? null : timeZoneName(request.time_zone)!,
  };
}

export interface UserRefusal {
  status: 409;
  code: 'last_admin' | 'own_role' | 'own_removal' | 'not_invited';
  detail: string;
}

/** What a role change or a removal needs to know of the user it is about. */
export interface ChangedUser {
  id: string;
  name: string;
  role: string;
  status: string;
}

/**
 * Why `actorId` may not give `target` another role (`change.role`) or remove it (`change.role`
 * undefined), or undefined. `activeAdmins` counts the account's active administrators, read under
 * the lock that serialises the account's user changes. In this order:
 * - the last active administrator keeps the role: 409 `last_admin` (also when it is the actor's own);
 * - nobody changes their own role (409 `own_role`) or removes themselves (409 `own_removal`).
 * Giving someone the role they have is no change, and not refused (except one's own).
 */
export function userChangeRefusal(actorId: string, target: ChangedUser, change: { role?: string }, activeAdmins: number): UserRefusal | undefined {
  const removing = change.role === undefined;
  const demoting = removing || change.role !== ADMINISTRATOR_ROLE;
  if (target.role === ADMINISTRATOR_ROLE && target.status === 'active' && demoting && activeAdmins <= 1) {
    return {
      status: 409,
      code: 'last_admin',
      detail: `${target.name} is the account’s last administrator: make someone else an administrator first.`,
    };
  }
  if (target.id === actorId) {
    return removing
      ? { status: 409, code: 'own_removal', detail: 'You cannot remove yourself: another administrator can.' }
      : { status: 409, code: 'own_role', detail: 'You cannot change your own role: another administrator can.' };
  }
  return undefined;
}

/** Why an invitation cannot be sent again, or undefined: the user accepted it already. */
export function resendRefusal(target: ChangedUser): UserRefusal | undefined {
  return target.status === 'invited'
    ? undefined
    : { status: 409, code: 'not_invited', detail: `${target.name} has accepted the invitation already: there is nothing to send again.` };
}

/**
 * MemoryAccountApi's users and roles (issue 12): the fixture account's users (fixtures/users.ts,
 * read on first use), with the same rules as the reference server (src/api/users.ts). The acting
 * user is the fixture login's demo user ("Demo admin" of `typical`, "Demo billing viewer" of
 * `viewer`); only one user acts on a memory API, so its own role never changes under it.
 * Loaded with the first users call: a page that shows no users does not download it.
 */
import { ApiError, kindForStatus } from './errors.js';
import { demoUserId, usersFixture, type FixtureUser } from './fixtures/users.js';
import { roleList } from './role-list.js';
import { ADMINISTRATOR_ROLE } from './roles.js';
import type { FieldError } from './schemas/problem.js';
import type { NewUser, RoleList, User, UserPatch } from './schemas/user.js';
import { USER_STATUSES } from './user-vocabulary.js';
import { emailKey, invitationFieldErrors, normalizedInvitation, resendRefusal, roleFieldErrors, userChangeRefusal, type UserRefusal } from './users.js';

/** What the users twin needs of MemoryAccountApi. */
export interface UsersHost {
  readonly accountId: string;
  /** The role of the fixture's login: the acting user is that role's demo user. */
  readonly role: string;
  /** The date the fixtures are generated around. */
  readonly today: Date;
  nextId(): number;
  /** The host's own users instead of the fixture's (MemoryAccountApiOptions.users). */
  readonly users?: FixtureUser[];
}

export class MemoryUsers {
  readonly #users: FixtureUser[];
  readonly #actorId: string;
  readonly #host: UsersHost;

  constructor(host: UsersHost) {
    this.#host = host;
    this.#users = structuredClone(host.users ?? usersFixture(host.accountId, host.today));
    this.#actorId = demoUserId(host.accountId, host.role);
  }

  roles(): RoleList {
    return { data: roleList() };
  }

  /** Oldest first (created_at, then id), as the server's keyset orders them; `status` filters (another word is a 400 naming it). */
  matching(status: string | null | undefined): User[] {
    if (status != null && !(USER_STATUSES as readonly string[]).includes(status)) {
      throw problem(400, 'validation_failed', 'Invalid status: expected one of active, invited', [{ field: 'status', message: `expected one of ${USER_STATUSES.join(', ')}`, code: 'invalid_value' }]);
    }
    const sorted = [...this.#users].sort((a, b) => (a.created_at === b.created_at ? (a.id < b.id ? -1 : 1) : a.created_at < b.created_at ? -1 : 1));
    return sorted.filter((user) => status == null || user.status === status).map((user) => this.#user(user));
  }

  invite(request: NewUser): User {
    const errors = invitationFieldErrors(request);
    if (errors.length) throw fieldsRefused(errors);
    const invitation = normalizedInvitation(request);
    const existing = this.#users.find((user) => emailKey(user.email) === emailKey(invitation.email));
    if (existing) throw problem(409, 'user_exists', `${invitation.email} is already a user of this account, or invited.`, undefined, { user_id: existing.id });
    const now = new Date().toISOString();
    const { email, name, role, time_zone } = invitation;
    const user: FixtureUser = { id: `usr_memory_${this.#host.nextId()}`, email, name, role, status: 'invited', time_zone, invited_at: now, last_invited_at: now, created_at: now };
    this.#users.push(user);
    return this.#user(user);
  }

  resend(id: string): User {
    const user = this.#find(id);
    const refusal = resendRefusal(user);
    if (refusal) throw refused(refusal);
    user.last_invited_at = new Date().toISOString();
    return this.#user(user);
  }

  update(id: string, patch: UserPatch): User {
    const user = this.#find(id);
    const errors = roleFieldErrors(patch.role);
    if (errors.length) throw fieldsRefused(errors);
    const refusal = userChangeRefusal(this.#actorId, user, { role: patch.role }, this.#activeAdmins());
    if (refusal) throw refused(refusal);
    user.role = patch.role;
    return this.#user(user);
  }

  remove(id: string): void {
    const user = this.#find(id);
    const refusal = userChangeRefusal(this.#actorId, user, {}, this.#activeAdmins());
    if (refusal) throw refused(refusal);
    this.#users.splice(this.#users.indexOf(user), 1);
  }

  #activeAdmins(): number {
    return this.#users.filter((user) => user.role === ADMINISTRATOR_ROLE && user.status === 'active').length;
  }

  #find(id: string): FixtureUser {
    const user = this.#users.find((u) => u.id === id);
    if (!user) throw problem(404, 'not_found', 'No such user.');
    return user;
  }

  #user(user: FixtureUser): User {
    return { ...structuredClone(user), current: user.id === this.#actorId };
  }
}

function problem(status: number, code: string, detail: string, errors?: FieldError[], extra: Record<string, unknown> = {}): ApiError {
  return new ApiError(kindForStatus(status), detail, { status, problem: { status, code, detail, ...(errors ? { errors } : {}), ...extra } });
}

const refused = (refusal: UserRefusal) => problem(refusal.status, refusal.code, refusal.detail);
const fieldsRefused = (errors: FieldError[]) => problem(422, 'validation_failed', `Not accepted: ${errors.map((e) => e.field).join(', ')}.`, errors);

/**
 * Users and roles on the database (issue 12): the token's current user on every request, the
 * users list, invitations, role changes and removals. The rules are the shared ones of
 * src/api/users.ts, so the server refuses exactly like MemoryAccountApi.
 *
 * Every change is one transaction that locks the account row first (`SELECT … FOR UPDATE`), then
 * reads what the rule needs: two changes of one account's users — in one process or in two on one
 * PostgreSQL — run one after the other, so "the last active administrator keeps the role" holds
 * when two administrators demote each other at once (the second sees one administrator left).
 * The unique index on (account, lower(email)) backs "one user per address" under the same lock.
 */
import { roleList } from '../src/api/role-list.js';
import { ADMINISTRATOR_ROLE } from '../src/api/roles.js';
import type { RoleList, NewUser, User, UserPatch } from '../src/api/schemas/user.js';
import type { UserStatus } from '../src/api/user-vocabulary.js';
import { emailKey, invitationFieldErrors, normalizedInvitation, resendRefusal, roleFieldErrors, userChangeRefusal, type UserRefusal } from '../src/api/users.js';
import type { Database, Queryable } from './db.js';
import type { StoredResponse } from './idempotency.js';
import { iso, newId } from './payments.js';
import { HttpProblem } from './problem.js';
import type { TokenPayload } from './tokens.js';

/** Who makes a change: the token's account and user. */
export interface UserActor {
  accountId: string;
  userId: string;
}

/**
 * The token's claims with its user's role as it is now, or a 401 `invalid_token` when the user
 * was removed (or has not accepted an invitation): one primary-key read per request, so a demoted
 * user's next request has the new role's capabilities, in every process.
 */
export async function currentClaims(db: Queryable, claims: TokenPayload): Promise<TokenPayload | undefined> {
  const [user] = await db.query<{ role: string }>(`SELECT role FROM users WHERE id = $1 AND account_id = $2 AND status = 'active'`, [claims.user, claims.account_id]);
  if (!user) return undefined;
  return user.role === claims.role ? claims : { ...claims, role: user.role };
}

export function listRoles(): RoleList {
  return { data: roleList() };
}

const USER_COLUMNS = `u.id, u.email, u.name, u.role, u.status, u.time_zone, ${iso('u.invited_at')} AS invited_at,
  ${iso('u.last_invited_at')} AS last_invited_at, ${iso('u.created_at')} AS created_at`;

type UserRow = Omit<User, 'current'>;

const toUser = (row: UserRow, actorId: string): User => ({ ...row, current: row.id === actorId });

/** One keyset page of the account's users, oldest first, after `after` = [created_at, id] of the last row shown. */
export async function listUsers(db: Queryable, actor: UserActor, status: UserStatus | undefined, limit: number, after?: [string, string]) {
  const params: unknown[] = [actor.accountId];
  const where = ['u.account_id = $1'];
  if (status !== undefined) where.push(`u.status = $${params.push(status)}`);
  const countWhere = where.join(' AND ');
  const countParams = [...params];
  if (after) where.push(`(u.created_at, u.id COLLATE "C") > ($${params.push(after[0])}::timestamptz, $${params.push(after[1])}::text COLLATE "C")`);
  const [rows, counted] = await Promise.all([
    db.query<UserRow>(
      `SELECT ${USER_COLUMNS} FROM users u WHERE ${where.join(' AND ')} ORDER BY u.created_at, u.id COLLATE "C" LIMIT $${params.push(limit + 1)}`,
      params,
    ),
    after ? Promise.resolve(undefined) : db.query<{ count: number }>(`SELECT count(*)::int AS count FROM users u WHERE ${countWhere}`, countParams),
  ]);
  const users = rows.slice(0, limit).map((row) => toUser(row, actor.userId));
  const last = rows.length > limit ? rows[limit - 1] : undefined;
  return { users, next: last ? ([last.created_at, last.id] as [string, string]) : null, total: counted?.[0]?.count ?? null };
}

const notFound = () => new HttpProblem(404, 'not_found', 'No such user.');
const refused = (refusal: UserRefusal) => new HttpProblem(refusal.status, refusal.code, refusal.detail);
const fieldsRefused = (errors: ReturnType<typeof roleFieldErrors>) =>
  new HttpProblem(422, 'validation_failed', `Not accepted: ${errors.map((e) => e.field).join(', ')}.`, errors);

/** Locks the account row: every change of its users runs under this lock, one at a time. */
async function lockAccount(tx: Queryable, accountId: string): Promise<void> {
  await tx.query('SELECT 1 FROM accounts WHERE id = $1 FOR UPDATE', [accountId]);
}

/** The account's user `id` (under the account's lock), or a 404: another account's ids are unknown here. */
async function userIn(tx: Queryable, accountId: string, id: string): Promise<UserRow> {
  const [row] = await tx.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.id = $1 AND u.account_id = $2`, [id, accountId]);
  if (!row) throw notFound();
  return row;
}

async function activeAdmins(tx: Queryable, accountId: string): Promise<number> {
  const [{ count }] = await tx.query<{ count: number }>(`SELECT count(*)::int AS count FROM users WHERE account_id = $1 AND role = $2 AND status = 'active'`, [
    accountId,
    ADMINISTRATOR_ROLE,
  ]);
  return count;
}

/**
 * POST /users: 422 naming the fields an invitation fails, 409 `user_exists` (with `user_id`) when
 * the address is a member's or an invitation's already, else the new `invited` user (201).
 */
export async function inviteUser(db: Database, actor: UserActor, request: NewUser): Promise<StoredResponse> {
  const errors = invitationFieldErrors(request);
  if (errors.length) throw fieldsRefused(errors);
  const invitation = normalizedInvitation(request);
  return db.transaction(async (tx) => {
    await lockAccount(tx, actor.accountId);
    const [existing] = await tx.query<{ id: string }>('SELECT id FROM users WHERE account_id = $1 AND lower(email) = $2', [actor.accountId, emailKey(invitation.email)]);
    if (existing) {
      throw new HttpProblem(409, 'user_exists', `${invitation.email} is already a user of this account, or invited.`, undefined, {}, { user_id: existing.id });
    }
    const id = newId('usr');
    const now = new Date().toISOString();
    await tx.query(
      `INSERT INTO users (id, account_id, email, name, role, status, time_zone, invited_at, last_invited_at, created_at)
       VALUES ($1, $2, $3, $4, $5, 'invited', $6, $7, $7, $7)`,
      [id, actor.accountId, invitation.email, invitation.name, invitation.role, invitation.time_zone, now],
    );
    return { status: 201, body: toUser(await userIn(tx, actor.accountId, id), actor.userId) };
  });
}

/** POST /users/{id}/invitation: 404, 409 `not_invited` for a member, else the invitation sent again now. */
export async function resendInvitation(db: Database, actor: UserActor, id: string): Promise<StoredResponse> {
  return db.transaction(async (tx) => {
    await lockAccount(tx, actor.accountId);
    const refusal = resendRefusal(await userIn(tx, actor.accountId, id));
    if (refusal) throw refused(refusal);
    await tx.query('UPDATE users SET last_invited_at = $2 WHERE id = $1', [id, new Date().toISOString()]);
    return { status: 200, body: toUser(await userIn(tx, actor.accountId, id), actor.userId) };
  });
}

/** PATCH /users/{id}: 404, 422 for an unknown role, 409 `last_admin` / `own_role`, else the user with the role. */
export async function updateUser(db: Database, actor: UserActor, id: string, patch: UserPatch): Promise<StoredResponse> {
  return db.transaction(async (tx) => {
    await lockAccount(tx, actor.accountId);
    const target = await userIn(tx, actor.accountId, id);
    const errors = roleFieldErrors(patch.role);
    if (errors.length) throw fieldsRefused(errors);
    const refusal = userChangeRefusal(actor.userId, target, { role: patch.role }, await activeAdmins(tx, actor.accountId));
    if (refusal) throw refused(refusal);
    if (patch.role !== target.role) await tx.query('UPDATE users SET role = $2 WHERE id = $1', [id, patch.role]);
    return { status: 200, body: toUser({ ...target, role: patch.role }, actor.userId) };
  });
}

/** DELETE /users/{id}: 404, 409 `last_admin` / `own_removal`, else the member removed or the invitation revoked (204). */
export async function removeUser(db: Database, actor: UserActor, id: string): Promise<StoredResponse> {
  return db.transaction(async (tx) => {
    await lockAccount(tx, actor.accountId);
    const target = await userIn(tx, actor.accountId, id);
    const refusal = userChangeRefusal(actor.userId, target, {}, await activeAdmins(tx, actor.accountId));
    if (refusal) throw refused(refusal);
    await tx.query('DELETE FROM users WHERE id = $1', [id]);
    return { status: 204, body: null };
  });
}

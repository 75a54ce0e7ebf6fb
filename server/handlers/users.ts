import * as z from 'zod/mini';
import { DEFAULT_PAGE_SIZE } from '../../src/api/operations/params.js';
import type { userOperations } from '../../src/api/operations/users.js';
import type { UserPage } from '../../src/api/schemas/user.js';
import { invalid } from '../problem.js';
import type { Handlers } from '../routes.js';
import { seal, unseal } from '../tokens.js';
import { inviteUser, listRoles, listUsers, removeUser, resendInvitation, updateUser } from '../users.js';
import type { HandlerContext } from './context.js';

/** The users cursor: the last row's (created_at, id), bound to the account and the status filter it was issued for. */
const UserCursor = z.object({ a: z.string(), s: z.literal('users'), f: z.string(), k: z.tuple([z.iso.datetime(), z.string()]) });

/** Users and roles (issue 12): the route layer has checked `users:manage` and keeps each key's outcome. */
export function userHandlers({ db, secret }: HandlerContext): Handlers<typeof userOperations> {
  const actorOf = (claims: { account_id: string; user: string }) => ({ accountId: claims.account_id, userId: claims.user });
  return {
    listRoles: async () => listRoles(),

    async listUsers({ claims, query }) {
      const filter = query.status ?? 'all';
      const limit = query.limit ?? DEFAULT_PAGE_SIZE;
      let after: [string, string] | undefined;
      if (query.cursor !== undefined) {
        const cursor = UserCursor.safeParse(unseal('cursor', secret, query.cursor));
        if (!cursor.success || cursor.data.a !== claims.account_id || cursor.data.f !== filter) {
          throw invalid('cursor', 'not a cursor this server issued for this query', 'invalid_cursor');
        }
        after = cursor.data.k;
      }
      const { users, next, total } = await listUsers(db, actorOf(claims), query.status, limit, after);
      const page: UserPage = {
        data: users,
        next_cursor: next ? seal('cursor', secret, { a: claims.account_id, s: 'users', f: filter, k: next }) : null,
        total_count: total,
      };
      return page;
    },

    inviteUser: ({ claims, body }) => inviteUser(db, actorOf(claims), body),
    resendInvitation: ({ claims, params }) => resendInvitation(db, actorOf(claims), params.id),
    updateUser: ({ claims, params, body }) => updateUser(db, actorOf(claims), params.id, body),
    removeUser: ({ claims, params }) => removeUser(db, actorOf(claims), params.id),
  };
}

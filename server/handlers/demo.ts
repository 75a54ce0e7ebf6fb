/**
 * `POST /demo/token`: only in the reference server's demo mode (`demoTokens`, which `npm start`
 * turns on), so the demo page exercises token refresh for real. Declared here, not in
 * `src/api/operations/`: a host does not implement it. Anyone who reaches it gets a token for a
 * demo account, so a token never grants more than that demo login's role, and lives at most an hour.
 *
 * A token names a user of the account: the demo user of the role (src/api/fixtures/users.ts), or
 * the `user` asked for. Minting one for an invited user accepts the invitation, as a host's
 * identity system does on the user's first sign-in: demo behaviour only (docs/users.md).
 */
import * as z from 'zod/mini';
import { demoUserId } from '../../src/api/fixtures/users.js';
import { ROLE_CAPABILITIES, capabilitiesOf } from '../../src/api/roles.js';
import { operation, type DocsFor } from '../../src/api/operations/operation.js';
import { Timestamp } from '../../src/api/schemas/common.js';
import { invalid } from '../problem.js';
import type { Handlers } from '../routes.js';
import { issueToken } from '../tokens.js';
import type { HandlerContext } from './context.js';

const DEFAULT_TOKEN_TTL_SECONDS = 900;
export const MAX_DEMO_TOKEN_TTL_SECONDS = 3600;
/** PostgreSQL text cannot hold U+0000: such input is a client error, not a database fault. */
const noNul = () => z.regex(/^[^\0]*$/, 'must not contain U+0000');

export const DemoTokenRequest = z.strictObject({
  /** A seeded demo account: a fixture name (`typical`, `jpy`, ...) or an account id. */
  account: z.string().check(z.minLength(1), z.maxLength(200), noNul()),
  /**
   * The role of the token; the demo login's role (`admin` for an account id) when absent. Only that
   * role or one with fewer capabilities: the `viewer` login gets no admin token.
   */
  role: z.optional(z.enum(Object.keys(ROLE_CAPABILITIES) as [string, ...string[]])),
  /**
   * A user of the account, by id or email (any case): the token is theirs, with their role (`role`,
   * if given, must be it). An invited user's invitation is accepted. Default: the role's demo user.
   */
  user: z.optional(z.string().check(z.minLength(1), z.maxLength(320), noNul())),
  ttl_seconds: z.optional(z.int().check(z.minimum(1), z.maximum(MAX_DEMO_TOKEN_TTL_SECONDS))),
});
export type DemoTokenRequest = z.infer<typeof DemoTokenRequest>;

export const DemoTokenResponse = z.object({
  token: z.string(),
  /** When the token stops being accepted (ISO 8601). */
  expires_at: Timestamp,
});
export type DemoTokenResponse = z.infer<typeof DemoTokenResponse>;

export const demoOperations = {
  createDemoToken: operation({
    method: 'POST',
    path: '/demo/token',
    body: DemoTokenRequest,
    status: 201,
    response: DemoTokenResponse,
    auth: 'none',
    capability: null,
    idempotency: 'none',
  }),
};

export const demoDocs: DocsFor<typeof demoOperations> = {
  createDemoToken: {
    summary: 'Demo only: a short-lived bearer token for a seeded account and role, or for one of its users.',
    description:
      'Exists only in the reference server\'s demo mode, so the demo page exercises token refresh for real. With `user` (an id or an email of the ' +
      'account) the token is that user\'s, with their role; an invited user\'s invitation is accepted (they become `active`), as a host\'s identity ' +
      'system would on their first sign-in.',
    tags: ['demo'],
    problems: {
      400: {
        description:
          'Also: no such demo account, or a role with capabilities the demo login does not have, or no user of that role in it, or no such user ' +
          '(`errors` names `account`, `role` or `user`).',
      },
      404: { description: 'The server is not in demo mode (`DEMO_TOKENS=1`): the route does not exist.', codes: ['not_found'] },
    },
  },
};

export function demoHandlers({ db, secret }: HandlerContext): Handlers<typeof demoOperations> {
  return {
    async createDemoToken({ body: { account, role, user: wanted, ttl_seconds = DEFAULT_TOKEN_TTL_SECONDS } }) {
      const [login] = await db.query<{ account_id: string; role: string }>(
        `SELECT account_id, role FROM demo_logins WHERE name = $1
         UNION ALL SELECT id, 'admin' FROM accounts WHERE id = $1 LIMIT 1`,
        [account],
      );
      if (!login) throw invalid('account', `no demo account ${JSON.stringify(account)}`, 'unknown');
      let user: { id: string; role: string; status: string } | undefined;
      if (wanted !== undefined) {
        [user] = await db.query<{ id: string; role: string; status: string }>(
          'SELECT id, role, status FROM users WHERE account_id = $1 AND (id = $2 OR lower(email) = lower($2)) LIMIT 1',
          [login.account_id, wanted],
        );
        if (!user) throw invalid('user', `no user ${JSON.stringify(wanted)} in this account`, 'unknown');
        if (role !== undefined && role !== user.role) throw invalid('role', `${JSON.stringify(wanted)} is ${user.role}, not ${role}`, 'mismatch');
      }
      const effectiveRole = user?.role ?? role ?? login.role;
      const granted = new Set(ROLE_CAPABILITIES[login.role] ?? []);
      if (!capabilitiesOf(effectiveRole).every((capability) => granted.has(capability))) {
        throw invalid(user ? 'user' : 'role', `the demo login ${JSON.stringify(account)} is ${login.role}; it cannot have a ${effectiveRole} token`, 'forbidden_role');
      }
      if (user?.status === 'invited') {
        // The first sign-in of an invited user: the demo's stand-in for the host's identity system.
        await db.query(`UPDATE users SET status = 'active' WHERE id = $1 AND status = 'invited'`, [user.id]);
      }
      // The role's demo user (the one the fixtures name for it), else its oldest active user.
      user ??= (
        await db.query<{ id: string; role: string; status: string }>(
          `SELECT id, role, status FROM users WHERE account_id = $1 AND role = $2 AND status = 'active' ORDER BY id = $3 DESC, created_at, id LIMIT 1`,
          [login.account_id, effectiveRole, demoUserId(login.account_id, effectiveRole)],
        )
      )[0];
      if (!user) throw invalid('role', `no ${effectiveRole} user in this account`, 'unknown');
      return issueToken(secret, { account_id: login.account_id, user: user.id, role: effectiveRole }, ttl_seconds);
    },
  };
}

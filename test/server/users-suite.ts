/// <reference types="node" />
/**
 * Users and roles over HTTP (issue 12), run inside the api-suite on PGlite and on PostgreSQL:
 * GET /roles for every token, GET /users per fixture account (pages, filter, `current`), invitations
 * (201, a replay and a burst of one key make one user — R1/R2 —, 409 user_exists, 422 naming the
 * field), resend, revoke, role changes and removals with their refusals (last_admin, own_role,
 * own_removal, 404 across accounts, 403 without users:manage), the token of a demoted user (its next
 * request has the new role) and of a removed one (401), demo tokens for a user (an invited one
 * accepts), and two administrators demoting each other at once (one stays).
 *
 * The suite's other tests use the demo users' tokens: every test here leaves the demo users as
 * seeded (it demotes or removes only the people it invites, and gives back what it takes).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { usersFixture } from '../../src/api/fixtures/users.js';
import { roleList } from '../../src/api/role-list.js';
import { Account } from '../../src/api/schemas/index.js';
import { RoleList, User, UserPage } from '../../src/api/schemas/user.js';
import { suiteHttp, type SuiteContext } from './suite-http.js';

export type UserSuiteContext = SuiteContext;

export function userTests(context: UserSuiteContext): void {
  const { tokenFor, call, expectProblem, ok } = suiteHttp(context);
  const admin = (account: string) => tokenFor(account);
  /** Every user of the account, walking pages of `limit`. */
  async function everyone(token: string, query = '', limit = 100): Promise<User[]> {
    const users: User[] = [];
    let cursor: string | null = null;
    do {
      const page: UserPage = await ok(await call(`/users?limit=${limit}${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token }), UserPage);
      users.push(...page.data);
      cursor = page.next_cursor;
    } while (cursor);
    return users;
  }
  const invite = (token: string, json: unknown, key: string | null = randomUUID()) => call('/users', { method: 'POST', token, key: key ?? undefined, json });
  const invited = async (token: string, json: { email: string; name: string; role: string; time_zone?: string | null }) => ok(await invite(token, json), User, 201);
  const patch = (token: string, id: string, role: string, key: string | null = randomUUID()) => call(`/users/${id}`, { method: 'PATCH', token, key: key ?? undefined, json: { role } });
  const remove = (token: string, id: string, key: string | null = randomUUID()) => call(`/users/${id}`, { method: 'DELETE', token, key: key ?? undefined });
  const resend = (token: string, id: string, key = randomUUID()) => call(`/users/${id}/invitation`, { method: 'POST', token, key });
  const unique = (label: string) => `${label}.${randomUUID().slice(0, 8)}@example.com`;
  /** A member of `account` with `role`: invited by its demo admin, then signed in (a demo token for them). */
  async function member(account: string, role: string): Promise<{ user: User; token: string }> {
    const user = await invited(await admin(account), { email: unique(role), name: `Test ${role}`, role });
    return { user, token: await context.token({ account, user: user.email }) };
  }

  test('users: GET /roles lists every role with its name, description and capabilities, for any token', async () => {
    for (const token of [await admin('typical'), await tokenFor('viewer'), await tokenFor('typical', 'basic'), await tokenFor('typical', 'scheduler')]) {
      assert.deepEqual((await ok(await call('/roles', { token }), RoleList)).data, roleList());
    }
    await expectProblem(await call('/roles'), 401);
  });

  test('users: GET /users is each fixture account’s users, oldest first, in keyset pages; `current` is the token’s own; status filters', async () => {
    for (const account of ['typical', 'empty', 'jpy', 'kwd', 'hostile', 'large']) {
      const token = await admin(account);
      const accountId = `acct_${account}`;
      const expected = usersFixture(accountId, new Date()).map((user) => ({ ...user, current: user.id === `usr_${account}_admin` }));
      assert.deepEqual(await everyone(token), expected, account);
      assert.deepEqual(await everyone(token, '', 7), expected, `${account} in pages of 7`);
      assert.deepEqual(await everyone(token, '&status=invited', 3), expected.filter((u) => u.status === 'invited'), `${account} invitations`);
      assert.deepEqual(await everyone(token, '&status=active'), expected.filter((u) => u.status === 'active'), `${account} members`);
    }
    const typical = await admin('typical');
    const first = await ok(await call('/users?limit=2', { token: typical }), UserPage);
    assert.deepEqual([first.total_count, first.data.length], [9, 2]);
    const second = await ok(await call(`/users?limit=2&cursor=${encodeURIComponent(first.next_cursor!)}`, { token: typical }), UserPage);
    assert.equal(second.total_count, null, 'counted on the first page only');
    // A cursor is bound to its filter and its account.
    await expectProblem(await call(`/users?status=active&cursor=${encodeURIComponent(first.next_cursor!)}`, { token: typical }), 400, 'validation_failed', 'cursor');
    await expectProblem(await call(`/users?cursor=${encodeURIComponent(first.next_cursor!)}`, { token: await admin('jpy') }), 400, 'validation_failed', 'cursor');
    await expectProblem(await call('/users?status=removed', { token: typical }), 400, 'validation_failed', 'status');
    await expectProblem(await call('/users?limit=0', { token: typical }), 400, 'validation_failed', 'limit');
  });

  test('users: every /users endpoint needs users:manage (403 for a billing viewer, basic and scheduler token), and a token', async () => {
    const target = 'usr_typical_basic';
    for (const token of [await tokenFor('viewer'), await tokenFor('typical', 'basic'), await tokenFor('typical', 'scheduler')]) {
      await expectProblem(await call('/users', { token }), 403, 'forbidden');
      await expectProblem(await invite(token, { email: unique('x'), name: 'X', role: 'basic' }), 403, 'forbidden');
      await expectProblem(await resend(token, 'usr_typical_hannah'), 403, 'forbidden');
      await expectProblem(await patch(token, target, 'billing_viewer'), 403, 'forbidden');
      await expectProblem(await remove(token, target), 403, 'forbidden');
    }
    await expectProblem(await call('/users'), 401);
  });

  test('users: an invitation is 201 with the user invited; a replay of the key is the same user and one row (R2), a burst of one key one user (R1)', async () => {
    const token = await admin('typical');
    const before = (await everyone(token)).length;
    const key = randomUUID();
    const json = { email: '  Ana.Lima@Example.com ', name: '  Ana Lima ', role: 'billing_viewer', time_zone: 'america/sao_paulo' };
    const res = await invite(token, json, key);
    const user = await ok(res, User, 201);
    assert.equal(res.headers.get('Idempotent-Replayed'), null);
    assert.deepEqual(
      { ...user, id: undefined, invited_at: undefined, last_invited_at: undefined, created_at: undefined },
      { id: undefined, email: 'Ana.Lima@Example.com', name: 'Ana Lima', role: 'billing_viewer', status: 'invited', time_zone: 'America/Sao_Paulo', invited_at: undefined, last_invited_at: undefined, created_at: undefined, current: false },
    );
    assert.ok(user.id.startsWith('usr_'));
    assert.deepEqual([user.invited_at, user.last_invited_at], [user.created_at, user.created_at]);
    assert.ok(Math.abs(Date.parse(user.created_at) - Date.now()) < 60_000);
    const replay = await invite(token, json, key);
    assert.equal(replay.headers.get('Idempotent-Replayed'), 'true');
    assert.deepEqual(await ok(replay, User, 201), user);
    await expectProblem(await invite(token, { ...json, role: 'basic' }, key), 422, 'idempotency_key_reused');
    await expectProblem(await invite(token, json, null), 400, 'idempotency_key_missing');
    const users = await everyone(token);
    assert.equal(users.length, before + 1);
    assert.deepEqual(users.at(-1), user, 'the newest invitation comes last');

    const burstKey = randomUUID();
    const burst = await Promise.all(Array.from({ length: 10 }, () => invite(token, { email: unique('burst'), name: 'Burst', role: 'basic' }, burstKey)));
    // Ten bodies with one key: the first runs, the others are another request with that key.
    const statuses = burst.map((r) => r.status);
    assert.equal(statuses.filter((s) => s === 201).length, 1, JSON.stringify(statuses));
    assert.ok(statuses.every((s) => s === 201 || s === 422 || s === 409), JSON.stringify(statuses));
    const sameBody = { email: unique('burst'), name: 'Burst', role: 'basic' };
    const sameKey = randomUUID();
    const again = await Promise.all(Array.from({ length: 10 }, () => invite(token, sameBody, sameKey)));
    const made = await Promise.all(again.filter((r) => r.status === 201).map((r) => ok(r, User, 201)));
    assert.ok(again.every((r) => r.status === 201 || r.status === 409), JSON.stringify(again.map((r) => r.status)));
    assert.equal(new Set(made.map((u) => u.id)).size, 1);
    assert.equal((await everyone(token)).filter((u) => u.email === sameBody.email).length, 1);
  });

  test('users: 409 user_exists for an address that is a member’s or an invitation’s already (any case), naming it; at once with two keys, one user', async () => {
    const token = await admin('typical');
    for (const [email, id] of [
      ['MARIA.GONZALEZ@northwind.example', 'usr_typical_maria'],
      [' hannah.becker@northwind.example', 'usr_typical_hannah'],
      ['demo.admin@northwind.example', 'usr_typical_admin'],
    ]) {
      const problem = await expectProblem(await invite(token, { email, name: 'Someone', role: 'basic' }), 409, 'user_exists');
      assert.equal(problem.user_id, id);
    }
    // The same address in another account is another user.
    await invited(await admin('jpy'), { email: 'maria.gonzalez@northwind.example', name: 'María González', role: 'basic' });
    const email = unique('twice');
    const results = await Promise.all(Array.from({ length: 8 }, () => invite(token, { email, name: 'Twice', role: 'basic' })));
    assert.equal(results.filter((r) => r.status === 201).length, 1, JSON.stringify(results.map((r) => r.status)));
    for (const r of results.filter((x) => x.status !== 201)) await expectProblem(r, 409, 'user_exists');
  });

  test('users: 422 naming each field an invitation fails (email, blank name, unknown role, time zone); 400 for what the schema refuses', async () => {
    const token = await admin('typical');
    const base = { email: unique('fields'), name: 'Fields', role: 'basic' };
    for (const [json, field] of [
      [{ ...base, email: 'not-an-address' }, 'email'],
      [{ ...base, email: 'someone@localhost' }, 'email'],
      [{ ...base, email: 'two@@example.com' }, 'email'],
      [{ ...base, name: '   ' }, 'name'],
      [{ ...base, role: 'owner' }, 'role'],
      [{ ...base, role: 'toString' }, 'role'],
      [{ ...base, time_zone: 'Mars/Olympus_Mons' }, 'time_zone'],
      [{ ...base, time_zone: '+01:00' }, 'time_zone'],
    ] as const) {
      const problem = await expectProblem(await invite(token, json), 422, 'validation_failed', field);
      assert.deepEqual(problem.errors?.map((e) => e.field), [field], JSON.stringify(json));
    }
    const all = await expectProblem(await invite(token, { email: 'x', name: '', role: 'x', time_zone: 'x' }), 422, 'validation_failed');
    assert.deepEqual(all.errors?.map((e) => e.field), ['email', 'name', 'role', 'time_zone']);
    await expectProblem(await invite(token, { ...base, admin: true }), 400, 'validation_failed', 'admin');
    await expectProblem(await invite(token, { ...base, name: 'x'.repeat(201) }), 400, 'validation_failed', 'name');
    await expectProblem(await invite(token, { email: base.email, role: 'basic' }), 400, 'validation_failed', 'name');
    await expectProblem(await invite(token, { ...base, name: 'a\u0000b' }), 400, 'validation_failed', 'name');
  });

  test('users: resend moves last_invited_at (a replay does not send again); 409 not_invited for a member; 404 for an unknown or another account’s user', async () => {
    const token = await admin('typical');
    const user = await invited(token, { email: unique('resend'), name: 'Resend', role: 'basic' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const key = randomUUID();
    const sent = await ok(await resend(token, user.id, key), User);
    assert.deepEqual({ ...sent, last_invited_at: user.last_invited_at }, user);
    assert.ok(Date.parse(sent.last_invited_at!) > Date.parse(user.last_invited_at!));
    const replayed = await resend(token, user.id, key);
    assert.equal(replayed.headers.get('Idempotent-Replayed'), 'true');
    assert.deepEqual(await ok(replayed, User), sent);
    assert.deepEqual((await everyone(token)).find((u) => u.id === user.id), sent);
    await expectProblem(await resend(token, 'usr_typical_maria'), 409, 'not_invited');
    await expectProblem(await resend(token, 'usr_nope'), 404, 'not_found');
    await expectProblem(await resend(token, 'usr_kwd_yousef'), 404, 'not_found');
  });

  test('users: revoking an invitation (DELETE) removes it; a replay is 204 again, a new key 404', async () => {
    const token = await admin('typical');
    const user = await invited(token, { email: unique('revoke'), name: 'Revoke', role: 'basic' });
    const key = randomUUID();
    assert.equal((await remove(token, user.id, key)).status, 204);
    const replay = await remove(token, user.id, key);
    assert.deepEqual([replay.status, replay.headers.get('Idempotent-Replayed')], [204, 'true']);
    await expectProblem(await remove(token, user.id), 404, 'not_found');
    assert.ok(!(await everyone(token)).some((u) => u.id === user.id));
    // The address can be invited again.
    await invited(token, { email: user.email, name: 'Revoke', role: 'basic' });
  });

  test('users: role changes (a member’s, an invitation’s), 422 for an unknown role, 404 across accounts, and a removal', async () => {
    const token = await admin('typical');
    const { user, token: theirs } = await member('typical', 'basic');
    const changed = await ok(await patch(token, user.id, 'billing_viewer'), User);
    assert.deepEqual(changed, { ...user, role: 'billing_viewer', status: 'active' });
    assert.deepEqual(await ok(await patch(token, user.id, 'billing_viewer'), User), changed, 'the role it has: no change, no refusal');
    const invitation = await invited(token, { email: unique('role'), name: 'Role', role: 'basic' });
    assert.equal((await ok(await patch(token, invitation.id, 'admin'), User)).role, 'admin');
    await expectProblem(await patch(token, user.id, 'owner'), 422, 'validation_failed', 'role');
    await expectProblem(await patch(token, user.id, 'basic', null), 400, 'idempotency_key_missing');
    await expectProblem(await patch(token, 'usr_jpy_basic', 'billing_viewer'), 404, 'not_found');
    await expectProblem(await patch(token, 'usr_nope', 'billing_viewer'), 404, 'not_found');
    await expectProblem(await remove(token, 'usr_jpy_basic'), 404, 'not_found');
    assert.equal((await remove(token, user.id)).status, 204);
    assert.equal((await remove(token, invitation.id)).status, 204);
    // The removed member's token is refused from its next request, like an invalid one.
    const refused = await call('/account', { token: theirs });
    await expectProblem(refused, 401, 'unauthorized');
    assert.equal(refused.headers.get('WWW-Authenticate'), 'Bearer error="invalid_token"');
    // jpy's basic demo user is still there.
    assert.ok((await everyone(await admin('jpy'))).some((u) => u.id === 'usr_jpy_basic'));
  });

  test('users: a demoted user’s next request has the new role’s capabilities, and GET /account says so; promoted again, they have them back', async () => {
    const token = await admin('typical');
    const { user, token: theirs } = await member('typical', 'admin');
    assert.equal((await ok(await call('/users?limit=1', { token: theirs }), UserPage)).data.length, 1);
    assert.deepEqual((await ok(await call('/account', { token: theirs }), Account)).role, 'admin');
    await ok(await patch(token, user.id, 'billing_viewer'), User);
    await expectProblem(await call('/users', { token: theirs }), 403, 'forbidden');
    await expectProblem(await invite(theirs, { email: unique('demoted'), name: 'X', role: 'basic' }), 403, 'forbidden');
    const account = await ok(await call('/account', { token: theirs }), Account);
    assert.deepEqual([account.role, account.capabilities], ['billing_viewer', ['invoices:read', 'usage:read']]);
    assert.equal((await call('/invoices?limit=1', { token: theirs })).status, 200);
    await ok(await patch(token, user.id, 'admin'), User);
    assert.equal((await ok(await call('/account', { token: theirs }), Account)).role, 'admin');
    assert.equal((await call('/users?limit=1', { token: theirs })).status, 200);
    assert.equal((await remove(token, user.id)).status, 204);
  });

  test('users: nobody changes their own role (409 own_role) or removes themselves (409 own_removal); the last active administrator neither (409 last_admin)', async () => {
    // typical has two administrators: its demo admin and María González.
    const typical = await admin('typical');
    await expectProblem(await patch(typical, 'usr_typical_admin', 'basic'), 409, 'own_role');
    await expectProblem(await patch(typical, 'usr_typical_admin', 'admin'), 409, 'own_role');
    await expectProblem(await remove(typical, 'usr_typical_admin'), 409, 'own_removal');
    // kwd's demo admin is its only administrator (an invited administrator does not count).
    const kwd = await admin('kwd');
    await ok(await patch(kwd, 'usr_kwd_yousef', 'admin'), User);
    await expectProblem(await patch(kwd, 'usr_kwd_admin', 'basic'), 409, 'last_admin');
    await expectProblem(await remove(kwd, 'usr_kwd_admin'), 409, 'last_admin');
    await ok(await patch(kwd, 'usr_kwd_yousef', 'basic'), User);
    // A second administrator demotes the first: now they are the last, and keep it.
    const { user: second, token: theirs } = await member('empty', 'admin');
    const empty = await admin('empty');
    await ok(await patch(theirs, 'usr_empty_admin', 'basic'), User);
    await expectProblem(await call('/users', { token: empty }), 403, 'forbidden');
    await expectProblem(await patch(theirs, second.id, 'basic'), 409, 'last_admin');
    await expectProblem(await remove(theirs, second.id), 409, 'last_admin');
    await ok(await patch(theirs, 'usr_empty_admin', 'admin'), User);
    assert.equal((await remove(empty, second.id)).status, 204);
    assert.deepEqual((await everyone(empty)).filter((u) => u.role === 'admin').map((u) => u.id), ['usr_empty_admin']);
  });

  test('users: two administrators demoting each other at once leave one administrator, round after round', async () => {
    const empty = await admin('empty');
    for (let round = 0; round < 5; round++) {
      const { user: second, token: theirs } = await member('empty', 'admin');
      const [a, b] = await Promise.all([patch(empty, second.id, 'billing_viewer'), patch(theirs, 'usr_empty_admin', 'billing_viewer')]);
      assert.equal([a, b].filter((r) => r.status === 200).length, 1, `round ${round}: ${a.status} ${b.status}`);
      // The other one was refused by the rule (it got past the capability check before the change),
      // or by the check (it came after): multi-process.test.ts holds both at the lock to see the rule.
      const loser = a.status === 200 ? b : a;
      const problem = await expectProblem(loser, loser.status);
      assert.ok((loser.status === 409 && problem.code === 'last_admin') || (loser.status === 403 && problem.code === 'forbidden'), JSON.stringify(problem));
      const winner = a.status === 200 ? empty : theirs;
      const admins = (await everyone(winner)).filter((u) => u.role === 'admin' && u.status === 'active');
      assert.equal(admins.length, 1, `round ${round}: one administrator`);
      // Back to the seeded state: the demo admin is the only administrator again.
      if (winner === theirs) await ok(await patch(theirs, 'usr_empty_admin', 'admin'), User);
      assert.equal((await remove(empty, second.id)).status, 204);
    }
    assert.deepEqual((await everyone(empty)).filter((u) => u.role === 'admin').map((u) => u.id), ['usr_empty_admin']);
  });

  test('users: a demo token for a user (id or email, any case) is theirs with their role; for an invited user it accepts the invitation', async () => {
    const kwd = await admin('kwd');
    const before = (await everyone(kwd)).find((u) => u.id === 'usr_kwd_yousef')!;
    assert.equal(before.status, 'invited');
    const token = await context.token({ account: 'kwd', user: 'YOUSEF.HADDAD@gulftrading.example' });
    const account = await ok(await call('/account', { token }), Account);
    assert.deepEqual([account.id, account.role], ['acct_kwd', 'basic']);
    assert.deepEqual((await everyone(kwd)).find((u) => u.id === 'usr_kwd_yousef'), { ...before, status: 'active' });
    await expectProblem(await resend(kwd, 'usr_kwd_yousef'), 409, 'not_invited');
    assert.ok(await context.token({ account: 'kwd', user: 'usr_kwd_fatima' }));

    // The end-to-end path: invite a billing viewer, sign them in, they see invoices and cannot pay.
    const typical = await admin('typical');
    const viewer = await invited(typical, { email: unique('viewer'), name: 'New viewer', role: 'billing_viewer' });
    const theirs = await context.token({ account: 'typical', user: viewer.id });
    assert.equal((await call('/invoices?limit=1', { token: theirs })).status, 200);
    const me = await ok(await call('/account', { token: theirs }), Account);
    assert.ok(!me.capabilities.includes('invoices:pay'));
    await expectProblem(await call('/payments', { method: 'POST', token: theirs, key: randomUUID(), json: { invoice_ids: ['in_1_000039'], payment_method_id: 'pm_acct_typical_visa' } }), 403, 'forbidden');
    assert.equal((await remove(typical, viewer.id)).status, 204);
  });

  test('users: a demo token for no such user, for a user of another role than `role`, or beyond the login’s role is a 400 naming the field', async () => {
    const demo = (json: unknown) => call('/demo/token', { method: 'POST', json });
    await expectProblem(await demo({ account: 'typical', user: 'nobody@northwind.example' }), 400, 'validation_failed', 'user');
    await expectProblem(await demo({ account: 'typical', user: 'usr_jpy_admin' }), 400, 'validation_failed', 'user');
    await expectProblem(await demo({ account: 'typical', user: 'usr_typical_james', role: 'basic' }), 400, 'validation_failed', 'role');
    // The viewer login is a billing viewer: no administrator's token through it, a basic user's is fine.
    await expectProblem(await demo({ account: 'viewer', user: 'maria.gonzalez@northwind.example' }), 400, 'validation_failed', 'user');
    assert.equal((await demo({ account: 'viewer', user: 'usr_typical_priya' })).status, 201);
    assert.equal((await demo({ account: 'viewer', user: 'usr_typical_james', role: 'billing_viewer' })).status, 201);
  });
}

import { expect } from '@open-wc/testing';
import type { ResourceName } from '../../src/api/account-api.js';
import { MemoryAccountApi } from '../../src/api/memory-api.js';
import { roleList } from '../../src/api/role-list.js';
import { RoleList, User, UserPage } from '../../src/api/schemas/user.js';
import { rejection } from '../helpers/rejection.js';

const TODAY = new Date('2026-11-22T09:30:00Z');

// The rules themselves are compared with the reference server's by the contract scenarios
// (test/contract/); here, what a page on the memory API in a browser sees.
describe('MemoryAccountApi: users and roles', () => {
  it('lists the roles and the fixture’s users (loaded on first use), valid against the schemas; `current` is the login’s demo user', async () => {
    const api = new MemoryAccountApi({ fixture: 'viewer', today: TODAY });
    expect(RoleList.parse(await api.listRoles()).data).to.deep.equal(roleList());
    const admin = new MemoryAccountApi({ fixture: 'typical', today: TODAY });
    const page = UserPage.parse(await admin.listUsers({ limit: 4 }));
    expect(page.data.map((u) => u.id)).to.deep.equal(['usr_typical_admin', 'usr_typical_billing_viewer', 'usr_typical_basic', 'usr_typical_scheduler']);
    expect(page.data.map((u) => u.current)).to.deep.equal([true, false, false, false]);
    expect(page.total_count).to.equal(9);
    const invitations = await admin.listUsers({ status: 'invited' });
    expect(invitations.data.map((u) => u.email)).to.deep.equal(['hannah.becker@northwind.example']);
    // The viewer login is the typical account's demo billing viewer: no users:manage.
    expect((await rejection(api.listUsers())).status).to.equal(403);
  });

  it('an invitation invalidates users and comes last; the rules answer like the server’s (409, 422)', async () => {
    const api = new MemoryAccountApi({ fixture: 'typical', today: TODAY });
    const changed: ResourceName[][] = [];
    api.onInvalidate((resources) => changed.push([...resources]));
    const user = User.parse(await api.inviteUser({ email: 'ana@example.com', name: 'Ana', role: 'basic' }, { idempotencyKey: 'k1' }));
    expect([user.status, user.current]).to.deep.equal(['invited', false]);
    expect(changed).to.deep.equal([['users']]);
    expect((await api.listUsers({ limit: 100 })).data.at(-1)).to.deep.equal(user);
    const exists = await rejection(api.inviteUser({ email: 'ANA@example.com', name: 'Ana', role: 'basic' }, { idempotencyKey: 'k2' }));
    expect([exists.status, exists.problem?.code]).to.deep.equal([409, 'user_exists']);
    const own = await rejection(api.removeUser('usr_typical_admin', { idempotencyKey: 'k3' }));
    expect(own.problem?.code).to.equal('own_removal');
    const fields = await rejection(api.inviteUser({ email: 'x', name: ' ', role: 'basic' }, { idempotencyKey: 'k4' }));
    expect([fields.status, fields.problem?.errors?.map((e) => e.field)]).to.deep.equal([422, ['email', 'name']]);
    await api.removeUser(user.id, { idempotencyKey: 'k5' });
    expect((await api.listUsers({ status: 'invited' })).data.map((u) => u.id)).to.deep.equal(['usr_typical_hannah']);
  });
});

import { expect, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ApiError } from '../../src/api/errors.js';
import type { MemoryAccountApi, MemoryAccountApiOptions } from '../../src/api/memory-api.js';
import { usersFixture } from '../../src/api/fixtures/users.js';
import type { UserChangeDetail } from '../../src/events/user-events.js';
import '../../src/components/users/acct-users.js';
import type { AcctUsers } from '../../src/components/users/users.js';
import { $, $$, accountApi, hasState, mountIdle, text, TODAY, until } from './account-helpers.js';

const MARIA = 'usr_typical_maria';
const JAMES = 'usr_typical_james';
const HANNAH = 'usr_typical_hannah';
const ME = 'usr_typical_admin';

async function mountUsers(api: MemoryAccountApi | undefined = accountApi()): Promise<AcctUsers> {
  return mountIdle<AcctUsers>(html`<acct-users .api=${api}></acct-users>`);
}

function row(el: AcctUsers, id: string): HTMLElement {
  const found = $$<HTMLElement>(el, '[part~="row"]').find((r) => r.dataset.id === id);
  if (!found) throw new Error(`no row ${id}: ${$$<HTMLElement>(el, '[part~="row"]').map((r) => r.dataset.id).join(' ')}`);
  return found;
}

function button(el: AcctUsers, id: string, part: string): HTMLButtonElement {
  const found = row(el, id).querySelector<HTMLButtonElement>(`[part~="${part}"]`);
  if (!found) throw new Error(`no ${part} on ${id}`);
  return found;
}

const dialog = (el: AcctUsers) => $<HTMLDialogElement>(el, 'dialog')!;
const calls = (api: MemoryAccountApi, operation: string) => api.calls.filter((c) => c.operation === operation);
const active = (el: AcctUsers) => el.shadowRoot!.activeElement;

/** The typical account's users, with `id`'s role replaced (to make María the only active administrator). */
function usersWith(changes: Record<string, string>): NonNullable<MemoryAccountApiOptions['users']> {
  return usersFixture('acct_typical', TODAY).map((user) => (changes[user.id] ? { ...user, role: changes[user.id] } : user));
}

async function typeInto(el: AcctUsers, selector: string, value: string): Promise<void> {
  $<HTMLInputElement>(el, selector)!.focus();
  await sendKeys({ type: value });
}

async function shiftTab(): Promise<void> {
  await sendKeys({ down: 'Shift' });
  await sendKeys({ press: 'Tab' });
  await sendKeys({ up: 'Shift' });
}

async function openInvite(el: AcctUsers): Promise<void> {
  $<HTMLButtonElement>(el, '[part~="invite-button"]')!.click();
  await until(() => !!$(el, '#invite-email'));
}

async function fillInvite(el: AcctUsers, { email, name, role, zone }: { email: string; name: string; role: string; zone?: string }): Promise<void> {
  await typeInto(el, '#invite-email', email);
  await typeInto(el, '#invite-name', name);
  const select = $<HTMLSelectElement>(el, '#invite-role')!;
  select.value = role;
  select.dispatchEvent(new Event('change', { bubbles: true }));
  if (zone) await typeInto(el, '#invite-time_zone', zone);
  await el.updateComplete;
}

describe('acct-users', () => {
  it('lists members and invitations: name, e-mail, role, status; Resend and Revoke for invitations; nothing to change on your own row', async () => {
    const el = await mountUsers();
    expect(hasState(el, 'populated')).to.equal(true);
    expect(hasState(el, 'loading')).to.equal(false);
    const maria = row(el, MARIA);
    expect(text(maria)).to.contain('María González').and.contain('maria.gonzalez@northwind.example').and.contain('Administrator').and.contain('Active');
    expect(maria.querySelector('[part~="role-button"]')).to.not.equal(null);
    expect(maria.querySelector('[part~="remove-button"]')).to.not.equal(null);
    expect(maria.querySelector('[part~="resend-button"]')).to.equal(null);
    const hannah = row(el, HANNAH);
    expect(text(hannah.querySelector('[part~="status"]'))).to.equal('Invitation pending');
    expect(text(hannah)).to.contain('Sent');
    expect(hannah.querySelector('[part~="resend-button"]')).to.not.equal(null);
    expect(hannah.querySelector('[part~="revoke-button"]')).to.not.equal(null);
    expect(hannah.querySelector('[part~="remove-button"]')).to.equal(null);
    const me = row(el, ME);
    expect(me.querySelector('[part~="you"]')).to.not.equal(null);
    expect(me.querySelector('button'), 'no action on your own user').to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('loading: a skeleton, then the list', async () => {
    const el = await mountIdle<AcctUsers>(html`<acct-users .api=${accountApi({ latencyMs: 300 })}></acct-users>`, false);
    await until(() => hasState(el, 'loading'));
    expect($(el, '[aria-busy="true"]')).to.not.equal(null);
    await expect(el).to.be.accessible();
    await until(() => hasState(el, 'populated'));
  });

  it('error: a message with Retry, which loads the list', async () => {
    const api = accountApi({ fail: (operation, index) => (operation === 'listUsers' && index === 0 ? new ApiError('server', 'boom', { status: 500 }) : undefined) });
    const errors: unknown[] = [];
    const el = await mountIdle<AcctUsers>(html`<acct-users .api=${api} @acct-error=${(e: Event) => errors.push(e)}></acct-users>`);
    await until(() => hasState(el, 'error'));
    expect(errors.length).to.equal(1);
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(el, '[part~="retry-button"]')!.click();
    await until(() => hasState(el, 'populated'));
  });

  it('unconfigured: no API', async () => {
    const el = await mountIdle<AcctUsers>(html`<acct-users></acct-users>`, false);
    await until(() => hasState(el, 'unconfigured'));
    expect(text($(el, '[part~="error"]'))).to.contain('not connected');
  });

  it('forbidden: a billing viewer gets who can manage users, no list request and no action', async () => {
    const api = accountApi({ fixture: 'viewer' });
    const el = await mountUsers(api);
    await until(() => hasState(el, 'forbidden'));
    expect(hasState(el, 'readonly')).to.equal(true);
    expect(text($(el, '[part~="forbidden"]'))).to.contain('Administrator');
    expect(calls(api, 'listUsers').length).to.equal(0);
    expect($$(el, 'button').length).to.equal(0);
    await expect(el).to.be.accessible();
  });

  it('forbidden: a 403 from the list (the role changed meanwhile) is the same message', async () => {
    const api = accountApi({ fail: (operation) => (operation === 'listUsers' ? new ApiError('forbidden', 'no', { status: 403 }) : undefined) });
    const el = await mountUsers(api);
    await until(() => hasState(el, 'forbidden'));
    expect($$(el, '[part~="row"]').length).to.equal(0);
  });

  it('the large account: 25 rows, then Load more', async () => {
    const el = await mountUsers(accountApi({ fixture: 'large' }));
    expect($$(el, '[part~="row"]').length).to.equal(25);
    $<HTMLButtonElement>(el, '[part~="load-more"]')!.click();
    await until(() => $$(el, '[part~="row"]').length === 50);
    await expect(el).to.be.accessible();
  });

  it('invite by keyboard: the role’s capabilities are explained; one Enter burst sends one invitation, which shows in the list', async () => {
    const api = accountApi({ latencyMs: (op) => (op === 'inviteUser' ? 80 : 0) });
    const changes: UserChangeDetail[] = [];
    const el = await mountIdle<AcctUsers>(html`<acct-users .api=${api} @acct-user-change=${(e: CustomEvent<UserChangeDetail>) => changes.push(e.detail)}></acct-users>`);
    $<HTMLButtonElement>(el, '[part~="invite-button"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => hasState(el, 'inviting') && active(el)?.id === 'invite-email');
    await sendKeys({ type: 'ana.lima@northwind.example' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'Ana Lima' });
    const select = $<HTMLSelectElement>(el, '#invite-role')!;
    select.value = 'billing_viewer';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await el.updateComplete;
    const facts = text($(el, '[part~="invite-form"] [part~="role-facts"]'));
    expect(facts).to.contain('See invoices and payments').and.contain('See usage');
    expect(select.getAttribute('aria-describedby')).to.contain('invite-role-facts');
    await expect(el).to.be.accessible();
    const submit = $<HTMLButtonElement>(el, '[part~="submit-button"]')!;
    submit.focus();
    for (let i = 0; i < 20; i++) submit.click();
    await sendKeys({ press: 'Enter' });
    expect(hasState(el, 'saving')).to.equal(true);
    await until(() => !hasState(el, 'inviting'));
    expect(calls(api, 'inviteUser').length).to.equal(1);
    expect(changes.map((c) => c.action)).to.deep.equal(['invite']);
    await until(() => $$<HTMLElement>(el, '[part~="row"]').some((r) => text(r).includes('ana.lima@northwind.example')));
    expect(text($(el, '[part~="notice"]'))).to.contain('Invitation sent to ana.lima@northwind.example');
    expect(active(el)?.getAttribute('part')).to.contain('invite-button');
  });

  it('invite: the form’s own checks focus the first invalid field; nothing is sent', async () => {
    const api = accountApi();
    const el = await mountUsers(api);
    await openInvite(el);
    await typeInto(el, '#invite-email', 'not-an-address');
    $<HTMLButtonElement>(el, '[part~="submit-button"]')!.click();
    await el.updateComplete;
    expect(active(el)?.id).to.equal('invite-email');
    expect($<HTMLInputElement>(el, '#invite-email')!.getAttribute('aria-invalid')).to.equal('true');
    expect($$(el, '.field-error').length).to.equal(3);
    expect(calls(api, 'inviteUser').length).to.equal(0);
    await expect(el).to.be.accessible();
  });

  it('invite: the server’s 422 field errors show at their fields, and nothing typed is lost', async () => {
    // The server names the fields it refuses (the form's own checks let these through).
    const failing = accountApi({
      fail: (operation) =>
        operation === 'inviteUser'
          ? new ApiError('validation', 'Not accepted', { status: 422, problem: { status: 422, code: 'validation_failed', errors: [{ field: 'time_zone', message: 'x', code: 'unknown_time_zone' }, { field: 'email', message: 'x', code: 'invalid_format' }] } })
          : undefined,
    });
    const el = await mountUsers(failing);
    await openInvite(el);
    await fillInvite(el, { email: 'ana@northwind.example', name: 'Ana', role: 'basic', zone: 'Europe/Berlin' });
    $<HTMLButtonElement>(el, '[part~="submit-button"]')!.click();
    await until(() => $$(el, '.field-error').length === 2).catch((e) => {
      throw new Error(`${String(e)}: ${text($(el, '[part~="invite-form"]'))} ${failing.calls.map((c) => c.operation).join(',')}`);
    });
    expect(active(el)?.id).to.equal('invite-email');
    expect($<HTMLInputElement>(el, '#invite-email')!.value).to.equal('ana@northwind.example');
    expect($<HTMLInputElement>(el, '#invite-name')!.value).to.equal('Ana');
    expect($<HTMLInputElement>(el, '#invite-time_zone')!.value).to.equal('Europe/Berlin');
    expect($<HTMLInputElement>(el, '#invite-time_zone')!.getAttribute('aria-describedby')).to.contain('invite-time_zone-error');
    await expect(el).to.be.accessible();
  });

  it('invite: an address that already has access (409 user_exists) is explained at the e-mail field; a corrected attempt uses a new key', async () => {
    const api = accountApi();
    const el = await mountUsers(api);
    await openInvite(el);
    await fillInvite(el, { email: 'MARIA.GONZALEZ@northwind.example', name: 'María', role: 'basic' });
    $<HTMLButtonElement>(el, '[part~="submit-button"]')!.click();
    await until(() => !!$(el, '#invite-email-error'));
    expect(text($(el, '#invite-email-error'))).to.contain('already has access');
    expect(active(el)?.id).to.equal('invite-email');
    const input = $<HTMLInputElement>(el, '#invite-email')!;
    input.select();
    await sendKeys({ type: 'maria.g@northwind.example' });
    $<HTMLButtonElement>(el, '[part~="submit-button"]')!.click();
    await until(() => !hasState(el, 'inviting'));
    const [first, second] = calls(api, 'inviteUser');
    expect(second, 'the corrected invitation was sent').to.not.equal(undefined);
    expect(first).to.not.equal(undefined);
  });

  it('invite: an unknown outcome keeps the form; sending again uses the same key and bytes, and makes one user', async () => {
    const keys: string[] = [];
    const api = accountApi({ fail: (operation, index) => (operation === 'inviteUser' && index === 0 ? new ApiError('network', 'dropped') : undefined) });
    const original = api.inviteUser.bind(api);
    api.inviteUser = (request, options) => {
      keys.push(options.idempotencyKey);
      return original(request, options);
    };
    const el = await mountUsers(api);
    await openInvite(el);
    await fillInvite(el, { email: 'ana@northwind.example', name: 'Ana Lima', role: 'basic' });
    $<HTMLButtonElement>(el, '[part~="submit-button"]')!.click();
    await until(() => !!$(el, '[part~="form-message"]'));
    expect(hasState(el, 'unknown')).to.equal(true);
    expect(text($(el, '[part~="form-message"]'))).to.contain('could not confirm');
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(el, '[part~="submit-button"]')!.click();
    await until(() => !hasState(el, 'inviting'));
    expect(keys.length).to.equal(2);
    expect(keys[0]).to.equal(keys[1]);
  });

  it('change role by keyboard: the dialog shows what the new role can do, saves once, and gives focus back', async () => {
    const api = accountApi({ latencyMs: (op) => (op === 'updateUser' ? 1500 : 0) });
    const el = await mountUsers(api);
    const opener = button(el, JAMES, 'role-button');
    opener.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => dialog(el).open);
    expect(hasState(el, 'confirming')).to.equal(true);
    const select = $<HTMLSelectElement>(el, '#user-dialog-role')!;
    expect(active(el)).to.equal(select);
    select.value = 'admin';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await el.updateComplete;
    expect(text($(el, 'dialog [part~="role-facts"]'))).to.contain('Invite, change and remove users');
    await expect(el).to.be.accessible();
    const save = $<HTMLButtonElement>(el, 'dialog [part~="confirm-button"]')!;
    save.focus();
    for (let i = 0; i < 10; i++) save.click();
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'Space' });
    await until(() => !dialog(el).open);
    expect(calls(api, 'updateUser').length).to.equal(1);
    await until(() => text(row(el, JAMES)).includes('Administrator'));
    await until(() => active(el) === button(el, JAMES, 'role-button'));
  });

  it('change role: Escape closes the dialog and focus comes back; nothing is sent', async () => {
    const api = accountApi();
    const el = await mountUsers(api);
    button(el, JAMES, 'role-button').focus();
    await sendKeys({ press: 'Enter' });
    await until(() => dialog(el).open);
    await sendKeys({ press: 'Escape' });
    await until(() => !dialog(el).open);
    expect(active(el)).to.equal(button(el, JAMES, 'role-button'));
    expect(calls(api, 'updateUser').length).to.equal(0);
  });

  it('change role: the last administrator’s refusal (409 last_admin) is explained in plain words', async () => {
    // The acting user's own row says basic, so María is the only active administrator.
    const api = accountApi({ users: usersWith({ [ME]: 'basic' }) });
    const el = await mountUsers(api);
    button(el, MARIA, 'role-button').click();
    await until(() => dialog(el).open);
    const select = $<HTMLSelectElement>(el, '#user-dialog-role')!;
    select.value = 'basic';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await el.updateComplete;
    $<HTMLButtonElement>(el, 'dialog [part~="confirm-button"]')!.click();
    await until(() => !!$(el, 'dialog [part~="message"]'));
    expect(text($(el, 'dialog [part~="message"]'))).to.contain('last administrator').and.contain('Make someone else an administrator first');
    expect(active(el)?.getAttribute('part')).to.equal('message');
    await expect(el).to.be.accessible();
  });

  it('remove by keyboard: a confirmation dialog, Cancel focused; Remove once, and focus goes to the heading', async () => {
    const api = accountApi();
    const changes: UserChangeDetail[] = [];
    const el = await mountIdle<AcctUsers>(html`<acct-users .api=${api} @acct-user-change=${(e: CustomEvent<UserChangeDetail>) => changes.push(e.detail)}></acct-users>`);
    button(el, JAMES, 'remove-button').focus();
    await sendKeys({ press: 'Enter' });
    await until(() => dialog(el).open);
    expect(text($(el, 'dialog h2'))).to.equal('Remove James Okafor?');
    expect(active(el)?.getAttribute('part')).to.equal('cancel-button');
    await expect(el).to.be.accessible();
    // Focus stays in the dialog: Tab goes between its buttons.
    await shiftTab();
    expect(active(el)?.getAttribute('part')).to.equal('confirm-button');
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'Enter' });
    await until(() => !dialog(el).open);
    expect(calls(api, 'removeUser').length).to.equal(1);
    await until(() => !$$<HTMLElement>(el, '[part~="row"]').some((r) => r.dataset.id === JAMES));
    expect(active(el)?.getAttribute('part')).to.equal('heading');
    expect(changes.map((c) => c.action)).to.deep.equal(['remove']);
  });

  it('remove: the last administrator cannot be removed (409 last_admin), in plain words', async () => {
    const api = accountApi({ users: usersWith({ [ME]: 'basic' }) });
    const el = await mountUsers(api);
    button(el, MARIA, 'remove-button').click();
    await until(() => dialog(el).open);
    $<HTMLButtonElement>(el, 'dialog [part~="confirm-button"]')!.click();
    await until(() => !!$(el, 'dialog [part~="message"]'));
    expect(text($(el, 'dialog [part~="message"]'))).to.contain('last administrator');
    expect(row(el, MARIA)).to.not.equal(undefined);
  });

  it('revoke an invitation by keyboard', async () => {
    const api = accountApi();
    const el = await mountUsers(api);
    button(el, HANNAH, 'revoke-button').focus();
    await sendKeys({ press: 'Enter' });
    await until(() => dialog(el).open);
    expect(text($(el, 'dialog h2'))).to.contain('Revoke the invitation to hannah.becker@');
    await shiftTab();
    await sendKeys({ press: 'Enter' });
    await until(() => !$$<HTMLElement>(el, '[part~="row"]').some((r) => r.dataset.id === HANNAH));
    expect(calls(api, 'removeUser').length).to.equal(1);
  });

  it('resend by keyboard: a burst sends once; each later press is a new intent with a new key', async () => {
    const keys: string[] = [];
    const api = accountApi({ latencyMs: (op) => (op === 'resendInvitation' ? 1500 : 0) });
    const original = api.resendInvitation.bind(api);
    api.resendInvitation = (id, options) => {
      keys.push(options.idempotencyKey);
      return original(id, options);
    };
    const el = await mountUsers(api);
    const resend = button(el, HANNAH, 'resend-button');
    resend.focus();
    await sendKeys({ press: 'Enter' });
    for (let i = 0; i < 10; i++) resend.click();
    await sendKeys({ press: 'Space' });
    await until(() => !!$(el, '[part~="notice"]'));
    expect(keys.length).to.equal(1);
    expect(text($(el, '[part~="notice"]'))).to.contain('Invitation sent again to hannah.becker@northwind.example');
    await expect(el).to.be.accessible();
    await until(() => !hasState(el, 'loading'));
    button(el, HANNAH, 'resend-button').click();
    await until(() => keys.length === 2 && !hasState(el, 'saving'));
    expect(keys[0]).to.not.equal(keys[1]);
  });

  it('resend: an invitation accepted meanwhile (409 not_invited) says so', async () => {
    const api = accountApi({
      fail: (operation) => (operation === 'resendInvitation' ? new ApiError('conflict', 'accepted', { status: 409, problem: { status: 409, code: 'not_invited' } }) : undefined),
    });
    const el = await mountUsers(api);
    button(el, HANNAH, 'resend-button').click();
    await until(() => !!$(el, '[part~="notice"]'));
    expect(text($(el, '[part~="notice"]'))).to.contain('accepted the invitation already');
  });

  it('hostile data renders as text', async () => {
    const el = await mountUsers(accountApi({ fixture: 'hostile' }));
    expect((window as unknown as { __xss?: number }).__xss).to.equal(undefined);
    expect(el.shadowRoot!.querySelector('img, svg[onload]')).to.equal(null);
    expect(text(el.shadowRoot!.querySelector('[part~="table"]'))).to.contain('<img src=x onerror="window.__xss=1">Mallory');
  });

  it('bad server data: a list that is not a page is an error with Retry', async () => {
    const api = accountApi();
    api.listUsers = () => Promise.resolve({ nope: true } as never);
    const el = await mountUsers(api);
    await until(() => hasState(el, 'error'));
    expect($(el, '[part~="retry-button"]')).to.not.equal(null);
  });

  it('refreshes on a users invalidation', async () => {
    const api = accountApi();
    const el = await mountUsers(api);
    expect(hasState(el, 'populated')).to.equal(true);
    const before = calls(api, 'listUsers').length;
    api.invalidate(['users']);
    await until(() => calls(api, 'listUsers').length > before);
  });
});

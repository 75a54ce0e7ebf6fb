import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { AcctElement } from '../../core/base-element.js';
import { ApiTask } from '../../core/api-task.js';
import { CursorList } from '../../core/cursor-list.js';
import { dialogStyles } from '../../core/dialog-styles.js';
import { messageForError, renderConfigError, renderError } from '../../core/error-view.js';
import { LazyModule, renderLazyStatus } from '../../core/lazy-module.js';
import { cellLabel, classes, listTableStyles, renderListBody, renderSkeletonTable } from '../../core/list-table.js';
import { roleName } from '../../core/role-display.js';
import { baseStyles } from '../../core/styles.js';
import { WriteIntent, type WriteSettled } from '../../core/write-intent.js';
import { ApiError, isApiError, toApiError } from '../../api/errors.js';
import type { ResourceName } from '../../api/account-api.js';
import type { NewUser, Role, User } from '../../api/schemas/user.js';
import { AcctErrorEvent } from '../../events/index.js';
import { AcctUserChangeEvent, type UserChangeDetail } from '../../events/user-events.js';
import type * as InviteFormModule from './invite-form.js';
import { refusalText, renderRoleFacts, statusText } from './user-display.js';
import { usersStyles, USERS_CARDS_BELOW } from './users.styles.js';

const MANAGE_CAPABILITY = 'users:manage';
const DEFAULT_PAGE_SIZE = 25;
const COLUMNS = 4;

/** The open dialog: a role change (with the role chosen in it) or a removal, and what to tell about it. */
type Dialog = { kind: 'role' | 'remove'; user: User; role: string; message?: string };

type View =
  | { kind: 'unconfigured'; problem: string }
  | { kind: 'loading' }
  | { kind: 'error'; error: unknown }
  | { kind: 'forbidden'; managers: string[] }
  | { kind: 'populated'; users: User[]; roles: Role[] };

const STATES = ['unconfigured', 'loading', 'error', 'populated', 'forbidden', 'readonly', 'inviting', 'confirming', 'saving', 'unknown', 'session-expired'] as const;

interface Notice {
  tone: 'success' | 'error';
  text: string;
}

/**
 * The account's users: name, e-mail address, role and status — a member, or an invitation not
 * accepted yet with when it was last sent. With `users:manage` (the only tokens that may read the
 * list), an administrator can:
 * - **invite** someone (e-mail address, name, a role from `GET /roles` with its description and
 *   what it may do in plain words, an optional time zone). The server's field errors show at their
 *   fields and an address that already has access says so; nothing typed is lost on an error;
 * - **resend** or **revoke** an open invitation;
 * - **change the role** of anyone but themselves, in a dialog that shows what the new role can do;
 * - **remove** anyone but themselves, after a confirmation dialog.
 *
 * Dialogs are native `<dialog>`s (focus stays inside, and comes back to the button that opened
 * them). Every write goes through the write-intent controller: one Idempotency-Key per intent,
 * exactly one request for a burst of presses, the same key and bytes when the outcome was unknown.
 * The server's refusals are explained in plain words: the account's last administrator can be
 * neither removed nor given another role. A token without `users:manage` sees who can manage users
 * instead of the list. The list reloads itself on `users` invalidations; pages come from the
 * server's cursor ("Load more").
 *
 * @summary The account's users and invitations: invite, resend, revoke, change role, remove.
 *
 * @csspart base - The element's root container.
 * @csspart heading - The "Users" heading.
 * @csspart invite-button - The "Invite user" button that opens the form.
 * @csspart invite-form - The invitation form.
 * @csspart role-facts - A role's description and capabilities (in the form and the role dialog).
 * @csspart submit-button - The form's "Send invitation" button.
 * @csspart cancel-button - Cancel, in the form and the dialogs.
 * @csspart form-message - The form's message (an unknown outcome, an expired session, a refusal).
 * @csspart table - The users table (role=table).
 * @csspart header - The header row group.
 * @csspart row - One user's row.
 * @csspart cell - A cell of a user's row.
 * @csspart status - The status badge (active, invitation pending).
 * @csspart you - The "You" badge on the token's own user.
 * @csspart role-button - "Change role" on a row.
 * @csspart resend-button - "Resend" on an invitation's row.
 * @csspart revoke-button - "Revoke" on an invitation's row.
 * @csspart remove-button - "Remove" on a member's row.
 * @csspart dialog - The role or removal dialog.
 * @csspart confirm-button - The dialog's "Save role", "Remove" or "Revoke invitation".
 * @csspart message - A message in the dialog (a refusal, an unknown outcome).
 * @csspart notice - The line above the list that tells what a resend did (or why it did not).
 * @csspart forbidden - The message for a token that may not manage users.
 * @csspart load-more - The "Load more" button.
 * @csspart error - A load error, or the missing-configuration message.
 * @csspart retry-button - The Retry button inside an error.
 *
 * @cssprop [--acct-users-row-height=3.5rem] - Minimum height of a row.
 * @cssprop [--acct-users-header-background=light-dark(#f6f8fa, #1d2127)] - Background of the header row.
 * @cssprop [--acct-users-max-height=32rem] - Height of the scroll container of a long (windowed) list.
 * @cssprop [--acct-users-dialog-width=32rem] - Maximum width of the dialogs.
 *
 * @cssstate loading - The users are loading (skeleton), or reloading with the rows kept.
 * @cssstate populated - The users are shown.
 * @cssstate error - Loading failed; an error with Retry is shown.
 * @cssstate unconfigured - The element has no API connection.
 * @cssstate forbidden - The token may not manage users (`users:manage`): who can is said instead of the list.
 * @cssstate readonly - Same as `forbidden`: nothing can be changed.
 * @cssstate inviting - The invitation form is open.
 * @cssstate confirming - A role or removal dialog is open.
 * @cssstate saving - A write (invitation, resend, role change, removal) is on its way.
 * @cssstate unknown - A write's outcome is unknown; sending it again sends the same one.
 * @cssstate session-expired - The session expired before a write ran; it is kept.
 *
 * @fires {AcctUserChangeEvent} acct-user-change - An invitation was sent or sent again, a role changed, a user removed: `detail.action`, `detail.user`.
 * @fires {AcctErrorEvent} acct-error - Loading failed, or a write was refused.
 */
@localized()
export class AcctUsers extends AcctElement {
  static override styles = [baseStyles, dialogStyles, listTableStyles(USERS_CARDS_BELOW), usersStyles];
  protected static override resources: readonly ResourceName[] = ['users', 'roles', 'account'];

  /** Users per request, 1-100. */
  @property({ attribute: 'page-size', type: Number }) pageSize = DEFAULT_PAGE_SIZE;

  /** Level of the heading (1-6). */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;

  /** The invitation form is open. @internal */
  @state() private _inviting = false;
  /** The form's message (unknown outcome, expired session, refusal). @internal */
  @state() private _formMessage?: string;
  /** The open dialog. @internal */
  @state() private _dialog?: Dialog;
  /** The line above the list (a resend's outcome). @internal */
  @state() private _notice?: Notice;
  /** What the status line announces. @internal */
  @state() private _announcement = '';

  #reported = new WeakSet<object>();
  /** Where focus goes back after a dialog: the button of that user's row (or the heading, if the row went). */
  #returnFocus?: { id: string; part: string };

  #account = new ApiTask(this, { load: (api, options) => api.getAccount(options) });
  #roles = new ApiTask(this, { load: (api, options) => api.listRoles(options) });
  #list = new CursorList<User, readonly [number, boolean]>(this, {
    args: () => [this.pageSize, this.#canManage],
    // Without users:manage the list is not readable: no request (the view says who can manage users).
    fetch: (api, [limit, canManage], page, options) => (canManage ? api.listUsers({ limit, ...page }, options) : Promise.resolve({ data: [], next_cursor: null })),
    method: 'listUsers',
    configError: () => this.configError,
  });

  /** The invitation form's code, a chunk of its own, loaded when "Invite user" is reached. */
  #formCode = new LazyModule<typeof InviteFormModule>(this, () => import('./invite-form.js'));
  /** The form's fields, made once its code is here. */
  #form?: InviteFormModule.InviteForm;

  #invite = new WriteIntent<NewUser, User>(this, { send: (body, options) => this.#api().inviteUser(body, options), hold: 'disabled' });
  #resend = new WriteIntent<{ id: string }, User>(this, { send: ({ id }, options) => this.#api().resendInvitation(id, options) });
  #roleChange = new WriteIntent<{ id: string; role: string }, User>(this, { send: ({ id, role }, options) => this.#api().updateUser(id, { role }, options), hold: 'disabled' });
  #remove = new WriteIntent<{ id: string }, void>(this, { send: ({ id }, options) => this.#api().removeUser(id, options), hold: 'disabled' });

  // ---- lifecycle ----

  /** @internal */
  protected override async getUpdateComplete(): Promise<boolean> {
    const result = await super.getUpdateComplete();
    return (await this.#list.settled()) ? super.getUpdateComplete() : result;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('pageSize') && !(Number.isInteger(this.pageSize) && this.pageSize >= 1 && this.pageSize <= 100)) {
      this.warnInvalid('page-size', this.pageSize, 'an integer from 1 to 100');
      this.pageSize = DEFAULT_PAGE_SIZE;
    }
    super.willUpdate(changed);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const view = this.#view();
    const intents = [this.#invite, this.#resend, this.#roleChange, this.#remove];
    const on = new Set<string>([view.kind]);
    if (view.kind === 'forbidden') on.add('readonly');
    if (view.kind === 'populated' && this.#list.refreshing) on.add('loading');
    if (this._inviting && view.kind === 'populated') on.add('inviting');
    if (this._dialog) on.add('confirming');
    if (intents.some((intent) => intent.busy)) on.add('saving');
    for (const intent of intents) if (intent.state === 'unknown' || intent.state === 'session-expired') on.add(intent.state);
    for (const name of STATES) this.setCustomState(name, on.has(name));
    const dialog = this.#dialogElement;
    if (this._dialog && dialog && !dialog.open) dialog.showModal();
    const errors = [this.#account, this.#roles].map((task) => (task.failed ? task.error : undefined));
    for (const intent of intents) if (intent.state === 'failed') errors.push(intent.error);
    for (const error of errors) {
      if (!error || typeof error !== 'object' || this.#reported.has(error)) continue;
      this.#reported.add(error);
      this.dispatchEvent(new AcctErrorEvent({ error: toApiError(error) }));
    }
  }

  // ---- public methods ----

  /** Reloads the account's capabilities, the roles and the users. */
  refresh(): void {
    this.#account.reload();
    this.#roles.reload();
    this.#list.reload();
  }

  // ---- internals ----

  get #canManage(): boolean {
    return !!this.#account.value?.capabilities.includes(MANAGE_CAPABILITY);
  }

  #api() {
    const api = this.resolvedApi;
    if (!api) throw new ApiError('config', 'No AccountApi');
    return api;
  }

  get #dialogElement(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  #view(): View {
    const problem = this.configError;
    if (problem) return { kind: 'unconfigured', problem };
    if (!this.resolvedApi) return { kind: 'loading' };
    if (this.#account.failed) return { kind: 'error', error: this.#account.error };
    const account = this.#account.value;
    if (!account || (this.#roles.value === undefined && !this.#roles.failed)) return { kind: 'loading' };
    const list = this.#list.view;
    const forbidden = !this.#canManage || (list.view === 'error' && isApiError(list.error) && list.error.kind === 'forbidden');
    if (forbidden) {
      const roles = this.#roles.value?.data ?? [];
      return { kind: 'forbidden', managers: roles.filter((role) => role.capabilities.includes(MANAGE_CAPABILITY)).map((role) => roleName(role.id, role.name)) };
    }
    if (this.#roles.failed) return { kind: 'error', error: this.#roles.error };
    if (list.view === 'error') return { kind: 'error', error: list.error };
    if (list.view === 'loading' || list.view === 'unconfigured') return { kind: 'loading' };
    return { kind: 'populated', users: this.#list.rows, roles: this.#roles.value?.data ?? [] };
  }

  #level(): number {
    const level = this.headingLevel;
    return Number.isInteger(level) && level >= 1 && level <= 6 ? level : 2;
  }

  #roleChoices(roles: readonly Role[]): Array<readonly [string, string]> {
    return roles.map((role) => [role.id, roleName(role.id, role.name)] as const);
  }

  #changed(action: UserChangeDetail['action'], user: User): void {
    this.dispatchEvent(new AcctUserChangeEvent({ action, user }));
  }

  // ---- handlers ----

  #onRetry = (): void => {
    if (this.#account.failed) this.#account.reload();
    if (this.#roles.failed) this.#roles.reload();
    if (this.#list.view.view === 'error') this.#list.reload();
  };

  /** Pointer or focus on "Invite user": the form's code loads, unless it has. */
  #prefetchForm = (): void => {
    if (this.#formCode.status === 'idle') void this.#formCode.request();
  };

  #onOpenInvite = async (): Promise<void> => {
    const code = await (this.#formCode.status === 'failed' ? this.#formCode.retry() : this.#formCode.request());
    if (!code) return;
    if (!this.#form) {
      this.#form = new code.InviteForm(this);
      // The form's styles come with its code: the list's first download does not carry them.
      const root = this.renderRoot as ShadowRoot;
      if (code.formStyles.styleSheet) root.adoptedStyleSheets = [...root.adoptedStyleSheets, code.formStyles.styleSheet];
    }
    this._inviting = true;
    this._notice = undefined;
    await this.updateComplete;
    this.#form.focus();
  };

  #onCancelInvite = async (): Promise<void> => {
    if (this.#invite.busy) return;
    this._inviting = false;
    this._formMessage = undefined;
    this.#invite.reset(true);
    this.#form?.reset();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part~="invite-button"]')?.focus();
  };

  #onInviteSubmit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const form = this.#form;
    if (this.#invite.busy || !form) return;
    this._formMessage = undefined;
    if (await form.invalid(this)) return;
    const body = form.body();
    const pressed = event.submitter ?? this.renderRoot.querySelector('[part~="submit-button"]');
    const sending = this.#invite.start(body, pressed);
    if (sending) await this.#afterInvite(await sending, body);
  };

  async #afterInvite(settled: WriteSettled<User>, body: NewUser): Promise<void> {
    if (settled.state === 'done') {
      const user = settled.result;
      this._announcement = msg(str`Invitation sent to ${user.email}.`);
      this._notice = { tone: 'success', text: this._announcement };
      this._inviting = false;
      this.#invite.reset();
      this.#form?.reset();
      this.#changed('invite', user);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[part~="invite-button"]')?.focus();
      return;
    }
    const error = settled.error;
    if (settled.state === 'failed' && (error.kind === 'validation' || error.problem?.code === 'user_exists') && (await this.#form?.refused(error, body, this))) return;
    this._formMessage =
      settled.state === 'unknown'
        ? msg('We could not confirm whether the invitation was sent. Send it again: the same invitation is sent, never a second one.')
        : settled.state === 'session-expired'
          ? msg('Your session expired before the invitation was sent. Sign in again, then send it: what you typed is kept.')
          : messageForError(error);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part~="form-message"]')?.focus();
  }

  async #onResend(user: User, event: Event): Promise<void> {
    const sending = this.#resend.start({ id: user.id }, event.currentTarget as Element);
    if (!sending) return;
    const settled = await sending;
    if (settled.state === 'done') {
      this._notice = { tone: 'success', text: msg(str`Invitation sent again to ${user.email}.`) };
      this.#resend.reset();
      this.#changed('resend', settled.result);
    } else if (settled.state === 'unknown') {
      this._notice = { tone: 'error', text: msg(str`We could not confirm whether the invitation to ${user.email} was sent again. Press Resend again: it is not sent twice.`) };
    } else if (settled.state === 'session-expired') {
      this._notice = { tone: 'error', text: msg('Your session expired before the invitation was sent again. Sign in again, then press Resend.') };
    } else {
      this._notice = { tone: 'error', text: refusalText(settled.error, user) };
      this.#resend.reset();
      if (settled.error.kind === 'conflict' || settled.error.kind === 'not-found') this.#list.reload();
    }
    this._announcement = this._notice.text;
  }

  #openDialog(kind: Dialog['kind'], user: User, part: string): void {
    if (this._dialog) return;
    this.#returnFocus = { id: user.id, part };
    this._notice = undefined;
    this.#roleChange.reset(true);
    this.#remove.reset(true);
    this._dialog = { kind, user, role: user.role };
  }

  #onDialogRole = (event: Event): void => {
    if (!this._dialog || this.#roleChange.open) return;
    this._dialog = { ...this._dialog, role: (event.target as HTMLSelectElement).value, message: undefined };
  };

  #onConfirm = async (event: Event): Promise<void> => {
    const dialog = this._dialog;
    if (!dialog) return;
    const { user } = dialog;
    const pressed = event.currentTarget as Element;
    const sending = dialog.kind === 'role' ? this.#roleChange.start({ id: user.id, role: dialog.role }, pressed) : this.#remove.start({ id: user.id }, pressed);
    if (!sending) return;
    this._dialog = { ...dialog, message: undefined };
    const settled: WriteSettled<unknown> = await sending;
    if (this._dialog?.user.id !== user.id) return;
    if (settled.state === 'done') {
      const invitation = user.status === 'invited';
      if (dialog.kind === 'role') {
        const changed = settled.result as User;
        this._announcement = msg(str`${user.name} is now ${this.#roleLabel(changed.role)}.`);
        this.#changed('role', changed);
      } else {
        this._announcement = invitation ? msg(str`The invitation to ${user.email} is revoked.`) : msg(str`${user.name} is removed.`);
        // Its row goes with the reload: focus goes to the heading.
        this.#returnFocus = { id: '', part: 'heading' };
        this.#changed('remove', user);
      }
      this._notice = { tone: 'success', text: this._announcement };
      this.#closeDialog();
      return;
    }
    const message =
      settled.state === 'unknown'
        ? msg('We could not confirm whether the change was made. Press the button again: the same change is sent, and it is never made twice.')
        : settled.state === 'session-expired'
          ? msg('Your session expired before the change was made. Sign in again, then press the button again: nothing was changed.')
          : refusalText(settled.error, user);
    if (settled.state === 'failed') {
      (dialog.kind === 'role' ? this.#roleChange : this.#remove).reset();
      this.#list.reload();
    }
    this._dialog = { ...this._dialog, message };
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('dialog [part~="message"]')?.focus();
  };

  #onDialogCancel = (event: Event): void => {
    // Escape closes the dialog, but not while the change is on its way.
    event.preventDefault();
    if (!this.#roleChange.busy && !this.#remove.busy) this.#closeDialog();
  };

  #closeDialog = (): void => {
    if (this.#roleChange.busy || this.#remove.busy) return;
    const dialog = this.#dialogElement;
    if (dialog?.open) dialog.close();
    // An unknown outcome is forgotten with the dialog: the list reloads to show what happened.
    if (this.#roleChange.open || this.#remove.open) this.#list.reload();
    this.#roleChange.reset(true);
    this.#remove.reset(true);
    this._dialog = undefined;
    void this.updateComplete.then(() => this.#restoreFocus());
  };

  /** Focus back on the button that opened the dialog; on the heading when its row went (removed). */
  #restoreFocus(): void {
    const back = this.#returnFocus;
    this.#returnFocus = undefined;
    if (!back) return;
    const row = [...this.renderRoot.querySelectorAll<HTMLElement>('[part~="row"]')].find((el) => el.dataset.id === back.id);
    const target = row?.querySelector<HTMLElement>(`[part~="${back.part}"]`) ?? row?.querySelector<HTMLElement>('button') ?? this.renderRoot.querySelector<HTMLElement>('[part~="heading"]');
    target?.focus();
  }

  #roleLabel(id: string): string {
    const role = this.#roles.value?.data.find((r) => r.id === id);
    return roleName(id, role?.name);
  }

  // ---- render ----

  protected override render(): TemplateResult {
    const view = this.#view();
    const heading = html`<div role="heading" aria-level=${this.#level()} class="heading" part="heading" tabindex="-1">${msg('Users')}</div>`;
    switch (view.kind) {
      case 'unconfigured':
        return renderConfigError(view.problem);
      case 'error':
        return html`<div part="base">${heading}${renderError(view.error, this.#onRetry)}</div>`;
      case 'loading':
        return html`<div part="base" aria-busy="true">
          ${heading}${renderSkeletonTable(msg('Users'), this.#renderColumnHeaders(), COLUMNS)}
          <p class="visually-hidden" role="status">${msg('Loading users…')}</p>
        </div>`;
      case 'forbidden':
        return html`<div part="base">
          ${heading}
          <p class="message" part="forbidden">
            ${msg('Your role does not allow you to see or manage the users of this account.')}
            ${view.managers.length
              ? msg(str`Ask someone with this role: ${view.managers.join(', ')}.`)
              : msg('Ask an administrator of this account.')}
          </p>
        </div>`;
      case 'populated':
        return this.#renderPopulated(view);
    }
  }

  #renderPopulated(view: Extract<View, { kind: 'populated' }>): TemplateResult {
    const refreshing = this.#list.refreshing;
    const notice = this._notice;
    return html`<div part="base" aria-busy=${refreshing ? 'true' : 'false'}>
        <div class="top">
          ${html`<div role="heading" aria-level=${this.#level()} class="heading" part="heading" tabindex="-1">${msg('Users')}</div>`}
          ${this._inviting
            ? nothing
            : this.#formCode.status === 'failed'
              ? renderLazyStatus('failed', () => void this.#onOpenInvite())
              : html`<button
                  type="button"
                  class="button primary"
                  part="invite-button"
                  aria-busy=${this.#formCode.status === 'loading' ? 'true' : 'false'}
                  @pointerenter=${this.#prefetchForm}
                  @focus=${this.#prefetchForm}
                  @click=${this.#onOpenInvite}
                >
                  ${msg('Invite user')}
                </button>`}
        </div>
        ${this._inviting ? this.#renderInviteForm(view.roles) : nothing}
        ${notice ? html`<p class="message ${notice.tone === 'error' ? 'error' : 'success'}" part="notice">${notice.text}</p>` : nothing}
        ${this.#renderTable(view.users)} ${this.#list.renderFooter(this.resolvedLocale)}
        <p class="visually-hidden" role="status">${this._announcement}</p>
      </div>
      ${this.#renderDialog(view.roles)}`;
  }

  #renderInviteForm(roles: readonly Role[]): TemplateResult | typeof nothing {
    return this.#form
      ? this.#form.render({
          roles,
          roleChoices: this.#roleChoices(roles),
          busy: this.#invite.busy,
          message: this._formMessage,
          level: this.#level(),
          onSubmit: this.#onInviteSubmit,
          onCancel: this.#onCancelInvite,
        })
      : nothing;
  }

  #renderColumnHeaders(): TemplateResult {
    return html`<div role="columnheader">${msg('User')}</div>
      <div role="columnheader">${msg('Role')}</div>
      <div role="columnheader">${msg('Status')}</div>
      <div role="columnheader"><span class="visually-hidden">${msg('Actions')}</span></div>`;
  }

  #renderTable(users: User[]): TemplateResult {
    const virtual = this.#list.virtualized;
    return html`<div
      role="table"
      part="table"
      class=${classes({ virtual })}
      aria-label=${msg('Users')}
      aria-rowcount=${this.#list.ariaRowCount}
      aria-busy=${this.#list.refreshing ? 'true' : 'false'}
    >
      <div role="rowgroup" class="head" part="header">
        <div role="row" aria-rowindex="1">${this.#renderColumnHeaders()}</div>
      </div>
      ${renderListBody(users, (user, index) => this.#renderRow(user, index), virtual ? this.#list.windowing.segments : undefined)}
    </div>`;
  }

  // Server strings (names, addresses) are bound as text, inside <bdi>.
  #renderRow(user: User, index: number): TemplateResult {
    const locale = this.resolvedLocale;
    const nameId = `user-${index}`;
    const invited = user.status === 'invited';
    const status = statusText(user, locale);
    const busy = this.#resend.busy && this.#resend.body?.id === user.id;
    return html`<div role="row" part="row" tabindex="-1" aria-rowindex=${index + 2} data-id=${user.id}>
      <div role="cell" part="cell" class="who">
        ${cellLabel(msg('User'))}
        <span class="name" id=${nameId}><bdi>${user.name}</bdi></span>
        ${user.current ? html`<span class="badge info" part="you">${msg('You')}</span>` : nothing}
        <span class="email muted"><bdi>${user.email}</bdi></span>
      </div>
      <div role="cell" part="cell">${cellLabel(msg('Role'))}<bdi>${this.#roleLabel(user.role)}</bdi></div>
      <div role="cell" part="cell">
        ${cellLabel(msg('Status'))}<span class="badge ${invited ? 'warning' : user.status === 'active' ? 'success' : 'muted'}" part="status">${status.badge}</span>
        ${status.detail ? html`<span class="sent muted">${status.detail}</span>` : nothing}
      </div>
      <div role="cell" part="cell" class="actions-cell">
        ${invited
          ? html`<button type="button" class="button small" part="resend-button" aria-describedby=${nameId} aria-busy=${busy ? 'true' : 'false'}
              @click=${(event: Event) => void this.#onResend(user, event)}>${busy ? msg('Sending…') : msg('Resend')}</button>`
          : nothing}
        ${user.current
          ? nothing
          : html`<button type="button" class="button small" part="role-button" aria-describedby=${nameId} @click=${() => this.#openDialog('role', user, 'role-button')}>
                ${msg('Change role')}
              </button>
              ${invited
                ? html`<button type="button" class="button small danger" part="revoke-button" aria-describedby=${nameId} @click=${() => this.#openDialog('remove', user, 'revoke-button')}>
                    ${msg('Revoke')}
                  </button>`
                : html`<button type="button" class="button small danger" part="remove-button" aria-describedby=${nameId} @click=${() => this.#openDialog('remove', user, 'remove-button')}>
                    ${msg('Remove')}
                  </button>`}`}
      </div>
    </div>`;
  }

  #renderDialog(roles: readonly Role[]): TemplateResult {
    const dialog = this._dialog;
    return html`<dialog part="dialog" aria-labelledby="user-dialog-title" aria-describedby="user-dialog-text" @cancel=${this.#onDialogCancel}>
      ${dialog ? (dialog.kind === 'role' ? this.#renderRoleDialog(dialog, roles) : this.#renderRemoveDialog(dialog)) : nothing}
    </dialog>`;
  }

  #renderRoleDialog(dialog: Dialog, roles: readonly Role[]): TemplateResult {
    const { user } = dialog;
    const busy = this.#roleChange.busy;
    const chosen = roles.find((role) => role.id === dialog.role);
    return html`<h2 id="user-dialog-title"><bdi>${msg(str`Change the role of ${user.name}`)}</bdi></h2>
      <p id="user-dialog-text">${msg(str`Now: ${this.#roleLabel(user.role)}. The new role applies from the user’s next request.`)}</p>
      <div class="field">
        <label for="user-dialog-role">${msg('New role')}</label>
        <div class="control">
          <select id="user-dialog-role" ?disabled=${this.#roleChange.open} aria-describedby=${chosen ? 'user-dialog-role-facts' : nothing} @change=${this.#onDialogRole}>
            ${this.#roleChoices(roles).map(([id, label]) => html`<option value=${id} ?selected=${id === dialog.role}>${label}</option>`)}
          </select>
        </div>
      </div>
      ${chosen ? renderRoleFacts(chosen, 'user-dialog-role-facts') : nothing} ${this.#renderDialogMessage(dialog)}
      <div class="actions">
        <button type="button" class="button primary" part="confirm-button" aria-busy=${busy ? 'true' : 'false'} ?disabled=${dialog.role === user.role && !this.#roleChange.open} @click=${this.#onConfirm}>
          ${busy ? msg('Saving…') : msg('Save role')}
        </button>
        <button type="button" class="button" part="cancel-button" ?disabled=${busy} @click=${this.#closeDialog}>${msg('Cancel')}</button>
      </div>
      <p class="visually-hidden" role="status">${busy ? msg('Saving…') : ''}</p>`;
  }

  #renderRemoveDialog(dialog: Dialog): TemplateResult {
    const { user } = dialog;
    const busy = this.#remove.busy;
    const invited = user.status === 'invited';
    return html`<h2 id="user-dialog-title">
        <bdi>${invited ? msg(str`Revoke the invitation to ${user.email}?`) : msg(str`Remove ${user.name}?`)}</bdi>
      </h2>
      <p id="user-dialog-text">
        ${invited
          ? msg('The invitation stops working. You can invite this address again later.')
          : msg(str`${user.name} (${user.email}) loses access to this account from their next request. You can invite them again later.`)}
      </p>
      ${this.#renderDialogMessage(dialog)}
      <div class="actions">
        <button type="button" class="button danger" part="confirm-button" aria-busy=${busy ? 'true' : 'false'} @click=${this.#onConfirm}>
          ${busy ? (invited ? msg('Revoking…') : msg('Removing…')) : invited ? msg('Revoke invitation') : msg('Remove')}
        </button>
        <button type="button" class="button" part="cancel-button" autofocus ?disabled=${busy} @click=${this.#closeDialog}>${msg('Cancel')}</button>
      </div>
      <p class="visually-hidden" role="status">${busy ? (invited ? msg('Revoking…') : msg('Removing…')) : ''}</p>`;
  }

  #renderDialogMessage(dialog: Dialog): TemplateResult | typeof nothing {
    return dialog.message ? html`<div class="message error" role="alert" part="message" tabindex="-1"><p>${dialog.message}</p></div>` : nothing;
  }
}

/**
 * The invitation form of acct-users, a chunk of its own (loaded when "Invite user" is first
 * pointed at, focused or pressed): its fields and their checks, the server's field errors at their
 * fields, and its markup. Most visits to the users list invite nobody.
 */
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { FormFields } from '../../core/form-fields.js';
import { formStyles } from '../../core/form-styles.js';
import type { ApiError } from '../../api/errors.js';
import type { NewUser, Role } from '../../api/schemas/user.js';
import { timeZoneName } from '../../api/users.js';
import { renderRoleFacts } from './user-display.js';

export { formStyles };

/** The invitation form's fields. */
export type InviteField = 'email' | 'name' | 'role' | 'time_zone';

/** An address's shape as far as the browser checks it; the server's rule (a dot in the domain, ASCII) answers the rest as a 422. */
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The form's own check of a field (the server checks again and names what it refuses). */
export function validateInvite(name: InviteField, values: Readonly<Record<InviteField, string>>): string | undefined {
  const value = values[name].trim();
  switch (name) {
    case 'email':
      if (value === '') return msg('Enter the e-mail address to send the invitation to.');
      return EMAIL_SHAPE.test(value) ? undefined : inviteErrorText('email', 'invalid_format');
    case 'name':
      return value === '' ? inviteErrorText('name', 'required') : undefined;
    case 'role':
      return value === '' ? inviteErrorText('role', 'required') : undefined;
    case 'time_zone':
      return value === '' || timeZoneName(value) !== undefined ? undefined : inviteErrorText('time_zone', 'unknown_time_zone');
  }
}

/** A field error (the form's, or the server's 422 `errors` entry by its code) in plain words. */
export function inviteErrorText(field: InviteField, code: string | undefined): string {
  switch (field) {
    case 'email':
      return msg('Enter an e-mail address such as name@example.com.');
    case 'name':
      return msg('Enter the name of the person you invite.');
    case 'role':
      return code === 'unknown_role' ? msg('This role is no longer offered. Choose another one.') : msg('Choose a role.');
    case 'time_zone':
      return msg('Enter a time zone name such as Europe/Berlin, or leave it empty.');
  }
}

const INVITE_FIELDS: readonly InviteField[] = ['email', 'name', 'role', 'time_zone'];
const EMPTY_INVITE: Record<InviteField, string> = { email: '', name: '', role: '', time_zone: '' };

export interface InviteFormView {
  roles: readonly Role[];
  roleChoices: ReadonlyArray<readonly [string, string]>;
  busy: boolean;
  message?: string;
  level: number;
  onSubmit: (event: SubmitEvent) => void;
  onCancel: () => void;
}

/** The form's values, checks and errors (nothing typed is lost on any error). */
export class InviteForm {
  /** The server's field errors, each kept while its field holds the value it refused (a blur does not clear it). */
  #serverErrors: Partial<Record<InviteField, { value: string; text: string }>> = {};
  readonly fields: FormFields<InviteField>;

  constructor(host: ReactiveControllerHost & { renderRoot: ParentNode }) {
    this.fields = new FormFields<InviteField>(host, 'invite', EMPTY_INVITE, (name, values) => {
      const server = this.#serverErrors[name];
      return server && server.value === values[name] ? server.text : validateInvite(name, values);
    });
  }

  /** Checks every field; the first invalid one, focused. */
  async invalid(host: { updateComplete: Promise<unknown> }): Promise<InviteField | undefined> {
    const first = this.fields.validate(INVITE_FIELDS);
    if (first) {
      await host.updateComplete;
      this.fields.focus(first);
    }
    return first;
  }

  /** What "Send invitation" sends: trimmed, an empty time zone as null (the browser's). */
  body(): NewUser {
    const values = this.fields.values;
    const timeZone = values.time_zone.trim();
    return { email: values.email.trim(), name: values.name.trim(), role: values.role, time_zone: timeZone === '' ? null : timeZone };
  }

  /** The server's 422 field errors and 409 user_exists at their fields; the first such field, focused (undefined: none). */
  async refused(error: ApiError, body: NewUser, host: { updateComplete: Promise<unknown> }): Promise<InviteField | undefined> {
    const errors: Partial<Record<InviteField, string>> = {};
    if (error.problem?.code === 'user_exists') errors.email = msg(str`${body.email} already has access to this account, or an invitation. Look for it in the list.`);
    for (const fieldError of error.fieldErrors) {
      const field = fieldError.field as InviteField;
      if (INVITE_FIELDS.includes(field) && !errors[field]) errors[field] = inviteErrorText(field, fieldError.code ?? undefined);
    }
    const first = INVITE_FIELDS.find((field) => errors[field]);
    if (!first) return undefined;
    const values = this.fields.values;
    this.#serverErrors = Object.fromEntries(INVITE_FIELDS.filter((field) => errors[field]).map((field) => [field, { value: values[field], text: errors[field]! }]));
    this.fields.setErrors(errors);
    await host.updateComplete;
    this.fields.focus(first);
    return first;
  }

  reset(): void {
    this.#serverErrors = {};
    this.fields.reset(EMPTY_INVITE);
  }

  focus(): void {
    this.fields.focus('email');
  }

  render(view: InviteFormView): TemplateResult {
    const fields = this.fields;
    const chosen = view.roles.find((role) => role.id === fields.values.role);
    return html`<form part="invite-form" class="invite" novalidate aria-labelledby="invite-title" @submit=${view.onSubmit}>
      <div role="heading" aria-level=${Math.min(6, view.level + 1)} class="subheading" id="invite-title">${msg('Invite a user')}</div>
      <div class="row">
        ${fields.input('email', { label: msg('E-mail address'), required: true, autocomplete: 'off', maxlength: 254 })}
        ${fields.input('name', { label: msg('Name'), required: true, autocomplete: 'off', maxlength: 200 })}
      </div>
      ${fields.select('role', { label: msg('Role'), required: true, describedBy: chosen ? 'invite-role-facts' : undefined }, view.roleChoices)}
      ${chosen ? renderRoleFacts(chosen, 'invite-role-facts') : nothing}
      ${fields.input('time_zone', {
        label: msg('Time zone'),
        hint: msg('An IANA name such as Europe/Berlin. Leave it empty to use the time zone of the user’s browser.'),
        autocomplete: 'off',
        maxlength: 100,
      })}
      ${view.message ? html`<div class="message error" role="alert" part="form-message" tabindex="-1"><p>${view.message}</p></div>` : nothing}
      <div class="actions">
        <button type="submit" class="button primary" part="submit-button" aria-busy=${view.busy ? 'true' : 'false'}>
          ${view.busy ? msg('Sending invitation…') : msg('Send invitation')}
        </button>
        <button type="button" class="button" part="cancel-button" ?disabled=${view.busy} @click=${view.onCancel}>${msg('Cancel')}</button>
      </div>
    </form>`;
  }
}

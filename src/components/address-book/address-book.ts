import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { AcctElement } from '../../core/base-element.js';
import { ApiTask } from '../../core/api-task.js';
import { baseStyles } from '../../core/styles.js';
import { formStyles } from '../../core/form-styles.js';
import { dialogStyles } from '../../core/dialog-styles.js';
import { messageForError, renderConfigError, renderError } from '../../core/error-view.js';
import { FormFields } from '../../core/form-fields.js';
import { countryName } from '../../core/country-name.js';
import { WriteIntent, type WriteSettled } from '../../core/write-intent.js';
import { ApiError, toApiError } from '../../api/errors.js';
import type { AccountApi, RequestOptions, ResourceName, WriteOptions } from '../../api/account-api.js';
import { ADDRESS_USES, type AddressUse, type NewSavedAddress, type SavedAddress, type SavedAddressPatch } from '../../api/schemas/address.js';
import { AcctErrorEvent } from '../../events/index.js';
import { AcctAddressChangeEvent } from '../../events/address-events.js';
import {
  ADDRESS_FIELDS,
  addressValues,
  defaultCountry,
  renderAddressFields,
  toAddress,
  validateAddressField,
  type AddressField,
} from '../payment-method-form/billing-address.js';
import { addressBookStyles } from './address-book.styles.js';

const MANAGE_CAPABILITY = 'addresses:manage';
/** The book is read whole (an address book is short): pages of this size, at most MAX_PAGES of them. */
const PAGE_LIMIT = 100;
const MAX_PAGES = 20;

type UseField = `use-${AddressUse}`;
type DefaultField = `default-${AddressUse}`;
type FieldName = AddressField | UseField | DefaultField | 'replacement';

const USE_FIELDS = ADDRESS_USES.map((use) => `use-${use}` as UseField);
const DEFAULT_FIELDS = ADDRESS_USES.map((use) => `default-${use}` as DefaultField);

/** The server's field names (`postal_code`) → the form's. */
const SERVER_FIELDS: Readonly<Record<string, FieldName>> = {
  name: 'name',
  line1: 'line1',
  line2: 'line2',
  city: 'city',
  region: 'region',
  postal_code: 'postal',
  country: 'country',
  uses: 'use-billing',
  replacement: 'replacement',
};

/** What Save sends: a new address, or a patch of one. */
type SaveBody = { kind: 'create'; address: NewSavedAddress } | { kind: 'update'; id: string; patch: SavedAddressPatch };
interface DefaultBody {
  id: string;
  use: AddressUse;
}
interface RemoveBody {
  id: string;
  replacement?: string;
}

/** The open form: a new address, or the address being edited. */
type Editing = { mode: 'add' } | { mode: 'edit'; id: string };

/** What removing an address needs: the defaults it gives up that others must take over, and who may. */
export interface RemovePlan {
  address: SavedAddress;
  /** Its defaults of uses that other addresses have. */
  orphaned: AddressUse[];
  /** The other addresses having every one of those uses. */
  candidates: SavedAddress[];
}

type View =
  | { kind: 'unconfigured'; problem: string }
  | { kind: 'loading' }
  | { kind: 'error'; error: unknown }
  | { kind: 'empty'; canManage: boolean; refreshing: boolean }
  | { kind: 'populated'; addresses: SavedAddress[]; canManage: boolean; refreshing: boolean };

const STATES = ['unconfigured', 'loading', 'error', 'empty', 'populated', 'readonly', 'adding', 'editing', 'saving', 'removing', 'unknown', 'session-expired'] as const;

const isUse = (use: string): use is AddressUse => (ADDRESS_USES as readonly string[]).includes(use);

/** A use in words ("Billing"); a word the element does not know renders as is. */
export function useLabel(use: string): string {
  if (use === 'billing') return msg('Billing');
  if (use === 'shipping') return msg('Shipping');
  if (use === 'residential') return msg('Residential');
  return use;
}

/** A use as a word inside a sentence ("billing"), for the lists of uses in messages. */
function useNoun(use: string): string {
  if (use === 'billing') return msg('billing', { desc: 'A use of an address, inside a sentence: "the default address for billing".' });
  if (use === 'shipping') return msg('shipping', { desc: 'A use of an address, inside a sentence: "the default address for shipping".' });
  if (use === 'residential') return msg('residential', { desc: 'A use of an address, inside a sentence: "the default address for residential".' });
  return use;
}

/** "Default billing address" and the like. */
function defaultLabel(use: string): string {
  if (use === 'billing') return msg('Default billing address');
  if (use === 'shipping') return msg('Default shipping address');
  if (use === 'residential') return msg('Default residential address');
  return msg(str`Default for ${use}`);
}

function makeDefaultLabel(use: string): string {
  if (use === 'billing') return msg('Make it the default billing address');
  if (use === 'shipping') return msg('Make it the default shipping address');
  if (use === 'residential') return msg('Make it the default residential address');
  return msg(str`Make it the default for ${use}`);
}

function listText(items: readonly string[], locale: string): string {
  try {
    return new Intl.ListFormat(locale, { type: 'conjunction' }).format(items);
  } catch {
    return items.join(', ');
  }
}

/** The address's title: its name, else its first line. */
function addressTitle(address: SavedAddress): string {
  return address.name?.trim() || address.line1;
}

/** Its lines as a letter shows them (street, city line, country). */
function addressLines(address: SavedAddress, locale: string): string {
  const cityLine = [address.city, [address.region, address.postal_code].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  return [address.line1, address.line2, cityLine, countryName(address.country, locale)].filter(Boolean).join('\n');
}

/** What giving up the defaults `given` of `address` needs, among `book`. */
export function replacementPlan(book: readonly SavedAddress[], address: SavedAddress, given: readonly string[]): RemovePlan {
  const others = book.filter((entry) => entry.id !== address.id);
  const orphaned = given.filter(isUse).filter((use) => others.some((entry) => entry.uses.includes(use)));
  const candidates = orphaned.length ? others.filter((entry) => orphaned.every((use) => entry.uses.includes(use))) : [];
  return { address, orphaned, candidates };
}

function checkPage(page: unknown): SavedAddress[] {
  const data = (page as { data?: unknown } | undefined)?.data;
  if (!Array.isArray(data)) throw new ApiError('invalid-response', 'listAddresses did not return a page', { path: 'data' });
  for (const entry of data as Array<Partial<SavedAddress>>) {
    if (!entry || typeof entry.id !== 'string' || typeof entry.line1 !== 'string' || !Array.isArray(entry.uses) || !Array.isArray(entry.default_for)) {
      throw new ApiError('invalid-response', 'listAddresses returned an address without its fields', { path: 'data' });
    }
  }
  return data as SavedAddress[];
}

/**
 * The account's address book: every address with what it is for (billing, shipping, residential),
 * which uses it is the default of, and the payment methods billed there ("Used by Visa •••• 4242").
 * With `addresses:manage`, **Add address** and **Edit** open a form that follows the country's
 * address format (the billing-address fields and their per-country rules: required state and postal
 * code, the postal code's pattern), with the uses as checkboxes and "make it the default …";
 * **Make default** moves one use's default; **Remove** asks in a dialog (native `<dialog>`, focus
 * trapped and given back) and, when the address is the default of a use other addresses have, which
 * address takes over first. Every write goes through the write-intent controller: one
 * Idempotency-Key per intent, a burst of presses sends one request, an unknown outcome offers Retry
 * with the same key and bytes. A refused save keeps the form with the server's field errors at their
 * fields; nothing typed is lost. A token without `addresses:manage` sees the book without any write
 * control. It reloads when addresses or payment methods change.
 *
 * @summary The address book: uses, defaults, linked payment methods; add, edit, make default, remove.
 *
 * @csspart base - The element's root container.
 * @csspart heading - The heading.
 * @csspart addresses - The list of addresses.
 * @csspart entry - One address (a list item).
 * @csspart editing - The list item whose form is open in the address's place (with `entry`).
 * @csspart name - An address's title (its name, else its first line).
 * @csspart lines - An address's lines.
 * @csspart uses - An address's use and default badges.
 * @csspart used-by - The payment methods billed at an address.
 * @csspart add-button - "Add address".
 * @csspart edit-button - An address's Edit.
 * @csspart default-button - "Make default for …" on an address.
 * @csspart remove-button - An address's Remove.
 * @csspart form - The add or edit form.
 * @csspart address - The form's address fieldset.
 * @csspart uses-fields - The form's "Used for" checkboxes.
 * @csspart default-fields - The form's "make it the default" checkboxes.
 * @csspart save-button - The form's Save.
 * @csspart cancel-button - The form's or the dialog's Cancel.
 * @csspart message - A message about a write (refusal, unknown outcome).
 * @csspart dialog - The remove dialog.
 * @csspart confirm-button - The dialog's Remove.
 * @csspart readonly - The note for a token that may not change the book.
 * @csspart empty - The message shown when the book has no address.
 * @csspart error - A load error, or the missing-configuration message.
 * @csspart retry-button - Retry, in an error or after an unknown outcome.
 *
 * @cssprop [--acct-address-book-gap=var(--acct-space-m, 1rem)] - Space between addresses.
 * @cssprop [--acct-address-book-dialog-width=32rem] - Maximum width of the remove dialog.
 *
 * @cssstate loading - The book is loading (or reloading with the list kept).
 * @cssstate populated - The addresses are shown.
 * @cssstate empty - The book has no address.
 * @cssstate readonly - The token may not change the book (`addresses:manage`).
 * @cssstate adding - The form for a new address is open.
 * @cssstate editing - The form for an address is open.
 * @cssstate saving - A write (save, make default, remove) is on its way.
 * @cssstate removing - The remove dialog is open.
 * @cssstate unknown - A write's outcome is unknown; Retry sends the same write.
 * @cssstate session-expired - The session expired before a write ran; it is kept.
 * @cssstate error - Loading failed.
 * @cssstate unconfigured - The element has no API connection.
 *
 * @fires {AcctAddressChangeEvent} acct-address-change - An address was added, changed or removed: `detail.change`, `detail.id`, `detail.address`, `detail.replacementId`.
 * @fires {AcctErrorEvent} acct-error - Loading failed, or a write was refused.
 */
@localized()
export class AcctAddressBook extends AcctElement {
  static override styles = [baseStyles, formStyles, dialogStyles, addressBookStyles];
  protected static override resources: readonly ResourceName[] = ['addresses', 'payment-methods', 'account'];

  /** Level of the heading (1-6). */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;

  /** The open add or edit form. @internal */
  @state() private _editing?: Editing;
  /** The address in the remove dialog, and the replacement chosen. @internal */
  @state() private _removing?: { id: string; replacement?: string };
  /** A message in the form, the dialog or a row. @internal */
  @state() private _message?: { where: 'form' | 'dialog' | string; text: string; retry?: boolean };
  /** What the status line announces after a write. @internal */
  @state() private _announcement = '';

  #reported = new WeakSet<object>();
  /** Where focus goes after the next render. */
  #focusNext?: () => HTMLElement | null | undefined;

  #fields = new FormFields<FieldName>(this, 'ab', this.#emptyValues(), (name, values) => this.#validate(name, values));

  #book = new ApiTask(this, {
    load: async (api: AccountApi, options: RequestOptions) => {
      const all: SavedAddress[] = [];
      let cursor: string | undefined;
      for (let n = 0; n < MAX_PAGES; n++) {
        const page = await api.listAddresses(cursor ? { cursor, limit: PAGE_LIMIT } : { limit: PAGE_LIMIT }, options);
        all.push(...checkPage(page));
        cursor = page.next_cursor ?? undefined;
        if (!cursor) break;
      }
      return all;
    },
  });
  #account = new ApiTask(this, { load: (api, options) => api.getAccount(options) });

  #save = this.#intent<SaveBody, SavedAddress>((api, body, options) =>
    body.kind === 'create' ? api.createAddress(body.address, options) : api.updateAddress(body.id, body.patch, options),
  );
  #default = this.#intent<DefaultBody, SavedAddress>((api, { id, use }, options) => api.updateAddress(id, { default_for: [use] }, options));
  #remove = this.#intent<RemoveBody, void>((api, { id, replacement }, options) =>
    api.deleteAddress(id, replacement === undefined ? {} : { replacement }, options),
  );

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const view = this.#view();
    const on = new Set<string>([view.kind]);
    if ((view.kind === 'populated' || view.kind === 'empty') && view.refreshing) on.add('loading');
    if ((view.kind === 'populated' || view.kind === 'empty') && !view.canManage) on.add('readonly');
    if (this._editing) on.add(this._editing.mode === 'add' ? 'adding' : 'editing');
    if (this._removing) on.add('removing');
    const intents = [this.#save, this.#default, this.#remove];
    if (intents.some((intent) => intent.busy)) on.add('saving');
    for (const intent of intents) if (intent.state === 'unknown' || intent.state === 'session-expired') on.add(intent.state);
    for (const name of STATES) this.setCustomState(name, on.has(name));
    const dialog = this.#dialog;
    if (this._removing && dialog && !dialog.open) dialog.showModal();
    if (this.#focusNext) {
      const target = this.#focusNext();
      if (target) {
        this.#focusNext = undefined;
        target.focus();
      }
    }
    const errors = [this.#book, this.#account].map((task) => (task.failed ? task.error : undefined));
    for (const intent of intents) if (intent.state === 'failed') errors.push(intent.error);
    for (const error of errors) {
      if (!error || typeof error !== 'object' || this.#reported.has(error)) continue;
      this.#reported.add(error);
      this.dispatchEvent(new AcctErrorEvent({ error: toApiError(error) }));
    }
  }

  /** Reloads the book and the account. */
  refresh(): void {
    this.#book.reload();
    this.#account.reload();
  }

  // ---- handlers ----

  #onRetry = (): void => {
    if (this.#book.failed) this.#book.reload();
    if (this.#account.failed) this.#account.reload();
  };

  #onAdd = (): void => {
    if (this.#busy) return;
    this.#save.reset(true);
    this._message = undefined;
    this._editing = { mode: 'add' };
    const values = this.#emptyValues();
    // The first address of a use becomes its default anyway; a book without billing starts with it.
    const book = this.#book.value ?? [];
    values['use-billing'] = book.some((entry) => entry.uses.includes('billing')) ? '' : 'true';
    if (!values['use-billing']) values['use-shipping'] = 'true';
    this.#fields.reset(values);
    this.#focusNext = () => this.#control('ab-name');
  };

  #onEdit(address: SavedAddress): void {
    if (this.#busy) return;
    this.#save.reset(true);
    this._message = undefined;
    this._editing = { mode: 'edit', id: address.id };
    const values = { ...this.#emptyValues(), ...addressValues(address) };
    for (const use of ADDRESS_USES) values[`use-${use}`] = address.uses.includes(use) ? 'true' : '';
    this.#fields.reset(values);
    this.#focusNext = () => this.#control('ab-name');
  }

  #onCancelForm = (): void => {
    if (this.#save.busy) return;
    const editing = this._editing;
    this._editing = undefined;
    this._message = undefined;
    this.#save.reset(true);
    this.#focusNext = () => (editing?.mode === 'edit' ? this.#rowControl(editing.id, 'edit-button') : this.#part('add-button'));
  };

  #onSubmit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const editing = this._editing;
    if (!editing || this.#save.busy) return;
    const button = (event.currentTarget as HTMLFormElement).querySelector<HTMLButtonElement>('[type="submit"]');
    const invalid = this.#fields.validate(this.#shownFields());
    if (invalid) {
      this._message = { where: 'form', text: msg('Some details are missing or not valid. Check the marked fields.') };
      await this.updateComplete;
      this.#fields.focus(invalid);
      return;
    }
    const sending = this.#save.start(this.#saveBody(editing), button);
    if (!sending) return;
    this._message = undefined;
    await this.#afterSave(editing, await sending);
  };

  #onRetrySave = async (event: Event): Promise<void> => {
    const editing = this._editing;
    const sending = this.#save.resend(event.currentTarget as Element);
    if (!editing || !sending) return;
    this._message = undefined;
    await this.#afterSave(editing, await sending);
  };

  async #afterSave(editing: Editing, settled: WriteSettled<SavedAddress>): Promise<void> {
    if (settled.state === 'done') {
      const address = settled.result;
      this._editing = undefined;
      await this.#reloadAfterWrite();
      this._announcement = editing.mode === 'add' ? msg('The address was added.') : msg('The address was saved.');
      this.#focusNext = () => (editing.mode === 'edit' ? this.#rowControl(address.id, 'edit-button') : this.#rowControl(address.id, 'name'));
      this.requestUpdate();
      this.dispatchEvent(new AcctAddressChangeEvent({ change: editing.mode === 'add' ? 'created' : 'updated', id: address.id, address, replacementId: this.#save.body?.kind === 'update' ? this.#save.body.patch.replacement : undefined }));
      return;
    }
    const error = settled.error;
    if (settled.state !== 'failed') {
      this._message = { where: 'form', text: this.#openIntentText(settled.state), retry: true };
      return;
    }
    const code = error.problem?.code;
    if (code === 'default_needs_replacement' || code === 'invalid_replacement') {
      // The book changed meanwhile: with it reloaded, the form asks who takes over.
      await this.#reloadAfterWrite();
      this.#fields.setErrors({ replacement: msg('Choose the address that takes over.') });
      this._message = { where: 'form', text: msg('Another address must take over as the default first. Choose it and save again.') };
      await this.updateComplete;
      this.#fields.focus('replacement');
      return;
    }
    const fieldErrors: Partial<Record<FieldName, string>> = {};
    const values = this.#fields.values;
    for (const fieldError of error.fieldErrors) {
      const name = fieldError.field === 'default_for' ? this.#firstDefaultField() : SERVER_FIELDS[fieldError.field];
      if (!name || fieldErrors[name]) continue;
      const local = (ADDRESS_FIELDS as readonly string[]).includes(name) ? validateAddressField(name as AddressField, values[name], values.country) : undefined;
      fieldErrors[name] = local ?? (name === 'region' ? msg('Enter a state or region of this country.') : msg('This was not accepted. Check it and try again.'));
    }
    const shown = this.#shownFields();
    const first = shown.find((name) => fieldErrors[name]);
    this.#fields.setErrors(fieldErrors);
    this._message = { where: 'form', text: first ? msg('Some details were not accepted. Check the marked fields.') : messageForError(error) };
    await this.updateComplete;
    if (first) this.#fields.focus(first);
    else this.#part('message')?.focus();
  }

  async #onMakeDefault(address: SavedAddress, use: AddressUse, event: Event): Promise<void> {
    if (this.#busy) return;
    const button = event.currentTarget as HTMLElement;
    const sending = this.#default.start({ id: address.id, use }, button);
    if (!sending) return;
    this._message = undefined;
    const settled = await sending;
    if (settled.state === 'done') {
      this.#default.reset();
      await this.#reloadAfterWrite();
      this._announcement = msg(str`${addressTitle(address)} is now the default address for ${useNoun(use)}.`);
      this.#focusNext = () => this.#rowControl(address.id, 'name');
      this.requestUpdate();
      this.dispatchEvent(new AcctAddressChangeEvent({ change: 'updated', id: address.id, address: settled.result }));
      return;
    }
    // A press again after an unknown outcome is the same intent (same key and bytes).
    this._message = { where: address.id, text: settled.state === 'failed' ? messageForError(settled.error) : this.#openIntentText(settled.state) };
  }

  #onRemove(address: SavedAddress): void {
    if (this.#busy) return;
    this.#remove.reset(true);
    this._message = undefined;
    const plan = replacementPlan(this.#book.value ?? [], address, address.default_for);
    this._removing = { id: address.id, replacement: plan.candidates[0]?.id };
    this.#focusNext = () => this.renderRoot.querySelector<HTMLElement>('dialog [autofocus]');
  }

  #onReplacementChange = (event: Event): void => {
    if (!this._removing || this.#remove.open) return;
    this._removing = { ...this._removing, replacement: (event.target as HTMLSelectElement).value };
  };

  #onConfirmRemove = async (event: Event): Promise<void> => {
    const removing = this._removing;
    const address = removing && this.#book.value?.find((entry) => entry.id === removing.id);
    if (!removing || !address || this.#remove.busy) return;
    const plan = replacementPlan(this.#book.value ?? [], address, address.default_for);
    if (plan.orphaned.length && !plan.candidates.length) return;
    const replacement = plan.orphaned.length ? removing.replacement ?? plan.candidates[0]?.id : undefined;
    const sending = this.#remove.open ? this.#remove.resend(event.currentTarget as Element) : this.#remove.start({ id: address.id, replacement }, event.currentTarget as Element);
    if (!sending) return;
    this._message = undefined;
    const settled = await sending;
    if (settled.state === 'done') {
      this._removing = undefined;
      this.#dialog?.close();
      await this.#reloadAfterWrite();
      this._announcement = msg(str`${addressTitle(address)} was removed.`);
      this.#focusNext = () => this.#part('add-button') ?? this.#part('heading');
      this.requestUpdate();
      this.dispatchEvent(new AcctAddressChangeEvent({ change: 'deleted', id: address.id, replacementId: replacement }));
      return;
    }
    if (settled.state !== 'failed') {
      this._message = { where: 'dialog', text: this.#openIntentText(settled.state), retry: true };
      return;
    }
    const code = settled.error.problem?.code;
    if (code === 'default_needs_replacement' || code === 'invalid_replacement') {
      await this.#reloadAfterWrite();
      const fresh = this.#book.value?.find((entry) => entry.id === address.id);
      const again = fresh ? replacementPlan(this.#book.value ?? [], fresh, fresh.default_for) : undefined;
      this._removing = { id: address.id, replacement: again?.candidates[0]?.id };
      this._message = { where: 'dialog', text: msg('The address book changed meanwhile. Choose the address that takes over, then remove again.') };
      return;
    }
    this._message = { where: 'dialog', text: messageForError(settled.error) };
  };

  #onCloseDialog = (): void => {
    if (this.#remove.busy) return;
    const id = this._removing?.id;
    this._removing = undefined;
    this._message = undefined;
    this.#remove.reset(true);
    this.#dialog?.close();
    this.#focusNext = () => (id ? this.#rowControl(id, 'remove-button') : undefined);
    this.requestUpdate();
  };

  #onDialogCancel = (event: Event): void => {
    event.preventDefault();
    this.#onCloseDialog();
  };

  // ---- helpers ----

  get #busy(): boolean {
    return this.#save.busy || this.#default.busy || this.#remove.busy;
  }

  #intent<B, R>(send: (api: AccountApi, body: Readonly<B>, options: WriteOptions) => Promise<R>): WriteIntent<B, R> {
    return new WriteIntent<B, R>(this, {
      hold: 'disabled',
      send: (body, options) => {
        const api = this.resolvedApi;
        return api ? send(api, body, options) : Promise.reject(new ApiError('config', 'No AccountApi'));
      },
    });
  }

  #openIntentText(state: 'unknown' | 'session-expired'): string {
    return state === 'session-expired'
      ? msg('Your session expired. Sign in again, then press Retry: nothing was changed yet.')
      : msg('We could not confirm that this went through. Retry checks and, if needed, sends the same request once.');
  }

  /** Waits until the book and the account show a write: its invalidation reloads them, or this does. */
  async #reloadAfterWrite(): Promise<void> {
    for (const task of [this.#book, this.#account]) if (!task.pending) task.reload();
    await Promise.allSettled([this.#book.task.taskComplete, this.#account.task.taskComplete]);
    await this.updateComplete;
  }

  #emptyValues(): Record<FieldName, string> {
    const values = { ...addressValues(null, defaultCountry(this.resolvedLocale ?? 'en')), replacement: '' } as Record<FieldName, string>;
    for (const field of [...USE_FIELDS, ...DEFAULT_FIELDS]) values[field] = '';
    return values;
  }

  #editedAddress(): SavedAddress | undefined {
    const editing = this._editing;
    return editing?.mode === 'edit' ? this.#book.value?.find((entry) => entry.id === editing.id) : undefined;
  }

  #checkedUses(values: Readonly<Record<FieldName, string>> = this.#fields.values): AddressUse[] {
    return ADDRESS_USES.filter((use) => values[`use-${use}`] === 'true');
  }

  /** The defaults the edited address gives up with the uses unchecked, and who may take them over. */
  #formReplacement(values: Readonly<Record<FieldName, string>> = this.#fields.values): RemovePlan | undefined {
    const address = this.#editedAddress();
    if (!address) return undefined;
    const uses = this.#checkedUses(values);
    const plan = replacementPlan(this.#book.value ?? [], address, address.default_for.filter((use) => !uses.includes(use as AddressUse)));
    return plan.orphaned.length ? plan : undefined;
  }

  #firstDefaultField(): FieldName {
    return DEFAULT_FIELDS.find((name) => this.#shownFields().includes(name)) ?? 'use-billing';
  }

  /** The fields the form shows now, in their order. */
  #shownFields(): FieldName[] {
    const address = this.#editedAddress();
    const book = this.#book.value ?? [];
    const defaults = this.#checkedUses()
      .filter((use) => !address?.default_for.includes(use) && book.some((entry) => entry.id !== address?.id && entry.uses.includes(use)))
      .map((use) => `default-${use}` as DefaultField);
    return [...ADDRESS_FIELDS, ...USE_FIELDS, ...defaults, ...(this.#formReplacement() ? (['replacement'] as const) : [])];
  }

  #validate(name: FieldName, values: Readonly<Record<FieldName, string>>): string | undefined {
    if ((ADDRESS_FIELDS as readonly string[]).includes(name)) return validateAddressField(name as AddressField, values[name], values.country);
    if (name === 'use-billing') return this.#checkedUses(values).length ? undefined : msg('Choose at least one use.');
    if (name === 'replacement') {
      const plan = this.#formReplacement(values);
      if (!plan) return undefined;
      if (!plan.candidates.length) return msg('No other address has all these uses. Make another address the default first.');
      return plan.candidates.some((entry) => entry.id === values.replacement) ? undefined : msg('Choose the address that takes over.');
    }
    return undefined;
  }

  #saveBody(editing: Editing): SaveBody {
    const values = this.#fields.values;
    const uses = this.#checkedUses();
    const defaults = this.#shownFields()
      .filter((name): name is DefaultField => name.startsWith('default-') && values[name] === 'true')
      .map((name) => name.slice('default-'.length) as AddressUse);
    const address = toAddress(values as Record<AddressField, string>);
    const default_for = defaults.length ? { default_for: defaults } : {};
    if (editing.mode === 'add') return { kind: 'create', address: { ...address, uses, ...default_for } };
    const replacement = this.#formReplacement() ? { replacement: values.replacement } : {};
    return { kind: 'update', id: editing.id, patch: { ...address, uses, ...default_for, ...replacement } };
  }

  #usesText(uses: readonly string[]): string {
    return listText(uses.map(useNoun), this.resolvedLocale);
  }

  #control(id: string): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(`#${id}`);
  }

  #part(part: string): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(`[part~="${part}"]`);
  }

  #rowControl(id: string, part: string): HTMLElement | null | undefined {
    const row = [...this.renderRoot.querySelectorAll<HTMLElement>('li[part~="entry"]')].find((el) => el.dataset.id === id);
    return row?.querySelector<HTMLElement>(`[part~="${part}"]`);
  }

  get #dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  #view(): View {
    const problem = this.configError;
    if (problem) return { kind: 'unconfigured', problem };
    if (!this.resolvedApi) return { kind: 'loading' };
    if (this.#book.failed) return { kind: 'error', error: this.#book.error };
    if (this.#account.failed) return { kind: 'error', error: this.#account.error };
    const addresses = this.#book.value;
    const account = this.#account.value;
    if (!addresses || !account) return { kind: 'loading' };
    const canManage = Array.isArray(account.capabilities) && account.capabilities.includes(MANAGE_CAPABILITY);
    const refreshing = this.#book.pending || this.#account.pending;
    if (addresses.length === 0) return { kind: 'empty', canManage, refreshing };
    return { kind: 'populated', addresses, canManage, refreshing };
  }

  #level(): number {
    const level = this.headingLevel;
    return Number.isInteger(level) && level >= 1 && level <= 6 ? level : 2;
  }

  // ---- render ----

  protected override render(): TemplateResult {
    const view = this.#view();
    switch (view.kind) {
      case 'unconfigured':
        return renderConfigError(view.problem);
      case 'error':
        return renderError(view.error, this.#onRetry);
      case 'loading':
        return html`<div part="base" aria-busy="true">
          <p class="visually-hidden" role="status">${msg('Loading addresses…')}</p>
          <div class="skeleton-row" aria-hidden="true"><span class="skeleton"></span><span class="skeleton"></span></div>
        </div>`;
      default:
        return this.#renderBook(view);
    }
  }

  #renderBook(view: Extract<View, { kind: 'empty' | 'populated' }>): TemplateResult {
    const addresses = view.kind === 'populated' ? view.addresses : [];
    const editing = this._editing;
    return html`<div part="base" aria-busy=${view.refreshing ? 'true' : 'false'}>
        <div role="heading" aria-level=${this.#level()} class="heading" part="heading" tabindex="-1">${msg('Addresses')}</div>
        ${view.kind === 'empty' ? html`<p class="muted" part="empty">${msg('There are no addresses in the address book yet.')}</p>` : nothing}
        ${addresses.length
          ? html`<ul part="addresses" class="addresses">
              ${addresses.map((address) =>
                editing?.mode === 'edit' && editing.id === address.id && view.canManage
                  ? html`<li part="entry editing" data-id=${address.id}>${this.#renderForm(editing)}</li>`
                  : this.#renderAddress(address, view.canManage),
              )}
            </ul>`
          : nothing}
        ${view.canManage
          ? editing?.mode === 'add'
            ? this.#renderForm(editing)
            : html`<div class="actions">
                <button type="button" class="button primary" part="add-button" ?disabled=${!!editing} @click=${this.#onAdd}>${msg('Add address')}</button>
              </div>`
          : html`<p class="muted" part="readonly">${msg('You can see the addresses, but not change them. Ask an account administrator.')}</p>`}
        <p class="visually-hidden" role="status">${this._announcement}</p>
      </div>
      ${view.canManage ? this.#renderDialog() : nothing}`;
  }

  #renderAddress(address: SavedAddress, canManage: boolean): TemplateResult {
    const locale = this.resolvedLocale;
    const nameId = `address-${address.id}`;
    const busy = this.#busy;
    const message = this._message?.where === address.id ? this._message : undefined;
    const defaultable = address.uses.filter(isUse).filter((use) => !address.default_for.includes(use));
    return html`<li part="entry" class="entry" data-id=${address.id} aria-labelledby=${nameId}>
      <p class="name" part="name" id=${nameId} tabindex="-1"><bdi>${addressTitle(address)}</bdi></p>
      <p class="lines" part="lines"><bdi>${addressLines(address, locale)}</bdi></p>
      <p class="badges" part="uses">
        ${address.default_for.map((use) => html`<span class="badge success">${defaultLabel(use)}</span>`)}
        ${address.uses.filter((use) => !address.default_for.includes(use)).map((use) => html`<span class="badge muted">${useLabel(use)}</span>`)}
      </p>
      ${address.payment_methods.length
        ? html`<p class="muted" part="used-by"><bdi>${msg(str`Used by ${listText(address.payment_methods.map((method) => method.label), locale)}`)}</bdi></p>`
        : nothing}
      ${message ? html`<p class="message error" role="alert" part="message">${message.text}</p>` : nothing}
      ${canManage
        ? html`<div class="actions">
            <button type="button" class="button" part="edit-button" aria-describedby=${nameId} ?disabled=${busy || !!this._editing} @click=${() => this.#onEdit(address)}>
              ${msg('Edit')}
            </button>
            ${defaultable.map(
              (use) => html`<button
                type="button"
                class="button"
                part="default-button"
                data-use=${use}
                aria-describedby=${nameId}
                ?disabled=${(busy && !this.#default.busy) || !!this._editing}
                @click=${(event: Event) => void this.#onMakeDefault(address, use, event)}
              >
                ${makeDefaultShort(use)}
              </button>`,
            )}
            <button type="button" class="button danger" part="remove-button" aria-describedby=${nameId} ?disabled=${busy || !!this._editing} @click=${() => this.#onRemove(address)}>
              ${msg('Remove')}
            </button>
          </div>`
        : nothing}
    </li>`;
  }

  #renderForm(editing: Editing): TemplateResult {
    const f = this.#fields;
    const address = this.#editedAddress();
    const book = this.#book.value ?? [];
    const busy = this.#save.busy;
    const uses = this.#checkedUses();
    const shown = this.#shownFields();
    const replacement = this.#formReplacement();
    const message = this._message?.where === 'form' ? this._message : undefined;
    const title = editing.mode === 'add' ? msg('New address') : msg(str`Edit ${address ? addressTitle(address) : ''}`);
    return html`<form part="form" class="form" novalidate aria-label=${title} @submit=${this.#onSubmit}>
      ${renderAddressFields(f, this.resolvedLocale, { legend: title, section: '' })}
      <fieldset part="uses-fields">
        <legend>${msg('Used for')}</legend>
        <div class="checks">${ADDRESS_USES.map((use) => f.checkbox(`use-${use}`, { label: useLabel(use) }))}</div>
      </fieldset>
      ${uses.length
        ? html`<fieldset part="default-fields">
            <legend>${msg('Defaults')}</legend>
            <div class="checks">
              ${uses.map((use) =>
                shown.includes(`default-${use}`)
                  ? f.checkbox(`default-${use}`, { label: makeDefaultLabel(use) })
                  : html`<p class="muted">
                      ${address?.default_for.includes(use)
                        ? msg(str`It is the default address for ${useNoun(use)}.`)
                        : !book.some((entry) => entry.id !== address?.id && entry.uses.includes(use))
                          ? msg(str`It becomes the default address for ${useNoun(use)}: no other address has this use.`)
                          : nothing}
                    </p>`,
              )}
            </div>
          </fieldset>`
        : nothing}
      ${replacement
        ? html`<p class="muted" id="ab-replacement-note">
              ${msg(str`It is the default address for ${this.#usesText(replacement.orphaned)}. Choose the address that takes over.`)}
            </p>
            ${f.select(
              'replacement',
              { label: msg('Address that takes over'), required: true, describedBy: 'ab-replacement-note' },
              replacement.candidates.map((entry) => [entry.id, `${addressTitle(entry)}, ${entry.city}`] as const),
            )}`
        : nothing}
      ${message
        ? html`<div class="message error" role="alert" part="message" tabindex="-1">
            <p>${message.text}</p>
            ${message.retry
              ? html`<button type="button" class="button" part="retry-button" ?disabled=${busy} @click=${this.#onRetrySave}>${msg('Retry')}</button>`
              : nothing}
          </div>`
        : nothing}
      <div class="actions">
        <button type="submit" class="button primary" part="save-button" ?disabled=${busy || this.#save.open} aria-busy=${String(busy)}>
          ${busy ? msg('Saving…') : editing.mode === 'add' ? msg('Add address') : msg('Save address')}
        </button>
        <button type="button" class="button" part="cancel-button" ?disabled=${busy} @click=${this.#onCancelForm}>${msg('Cancel')}</button>
      </div>
    </form>`;
  }

  #renderDialog(): TemplateResult {
    const removing = this._removing;
    const book = this.#book.value ?? [];
    const address = removing && book.find((entry) => entry.id === removing.id);
    const plan = address ? replacementPlan(book, address, address.default_for) : undefined;
    const busy = this.#remove.busy;
    const message = this._message?.where === 'dialog' ? this._message : undefined;
    const blocked = !!plan && plan.orphaned.length > 0 && plan.candidates.length === 0;
    const locale = this.resolvedLocale;
    return html`<dialog part="dialog" aria-labelledby="ab-dialog-title" aria-describedby="ab-dialog-text" @cancel=${this.#onDialogCancel}>
      ${address && plan
        ? html`<h2 id="ab-dialog-title"><bdi>${msg(str`Remove ${addressTitle(address)}?`)}</bdi></h2>
            <p id="ab-dialog-text">
              ${blocked
                ? msg('This is a default address, and no other address has all of its uses. Make other addresses the defaults first.')
                : plan.orphaned.length
                  ? msg(str`It is the default address for ${this.#usesText(plan.orphaned)}. Choose the address that takes over.`)
                  : msg('It will be removed from the address book.')}
            </p>
            ${address.payment_methods.length
              ? html`<p class="muted" part="used-by">
                  <bdi>${msg(str`${listText(address.payment_methods.map((method) => method.label), locale)} use this address for billing. They keep their own copy of it.`)}</bdi>
                </p>`
              : nothing}
            ${plan.orphaned.length && !blocked
              ? html`<div class="field">
                  <label for="ab-dialog-replacement">${msg('Address that takes over')}</label>
                  <select id="ab-dialog-replacement" autofocus ?disabled=${busy || this.#remove.open} @change=${this.#onReplacementChange}>
                    ${plan.candidates.map((entry) => html`<option value=${entry.id} ?selected=${entry.id === removing!.replacement}>${addressTitle(entry)}, ${entry.city}</option>`)}
                  </select>
                </div>`
              : nothing}
            ${message
              ? html`<p class="message error" role="alert" part="message">${message.text}</p>`
              : nothing}
            <div class="actions">
              ${blocked
                ? nothing
                : html`<button type="button" class="button danger" part="confirm-button" ?disabled=${busy} aria-busy=${String(busy)} @click=${this.#onConfirmRemove}>
                    ${busy ? msg('Removing…') : message?.retry ? msg('Retry') : msg('Remove')}
                  </button>`}
              <button type="button" class="button" part="cancel-button" ?autofocus=${!plan.orphaned.length || blocked} ?disabled=${busy} @click=${this.#onCloseDialog}>
                ${blocked ? msg('Close') : msg('Cancel')}
              </button>
            </div>`
        : nothing}
    </dialog>`;
  }
}

/** The row's button: "Make default for shipping". */
function makeDefaultShort(use: string): string {
  if (use === 'billing') return msg('Make default for billing');
  if (use === 'shipping') return msg('Make default for shipping');
  if (use === 'residential') return msg('Make default for residential');
  return msg(str`Make default for ${use}`);
}

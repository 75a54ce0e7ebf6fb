import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { TaskStatus } from '@lit/task';
import { AcctElement } from '../../core/base-element.js';
import { baseStyles } from '../../core/styles.js';
import { formStyles } from '../../core/form-styles.js';
import { dialogStyles } from '../../core/dialog-styles.js';
import { LightDomChild } from '../../core/light-dom-child.js';
import { LazyModule, renderLazyStatus } from '../../core/lazy-module.js';
import { renderConfigError, renderError } from '../../core/error-view.js';
import { FormFields } from '../../core/form-fields.js';
import { WriteIntent, type WriteSettled } from '../../core/write-intent.js';
import type { CardTokenizer } from '../../api/tokenizer.js';
import { paymentErrorMessage } from '../../core/payment-errors.js';
import { methodName } from '../../core/payment-method-display.js';
import { ApiTask } from '../../core/api-task.js';
import { ApiError, toApiError } from '../../api/errors.js';
import type { AccountApi, ResourceName, WriteOptions } from '../../api/account-api.js';
import type { Account } from '../../api/schemas/account.js';
import type { PaymentMethod, PaymentMethodList } from '../../api/schemas/payment-method.js';
import type { AutopayUpdate, PaymentMethodPatch } from '../../api/schemas/billing-input.js';
import { PAYMENT_METHOD_TYPES, type PaymentMethodType } from '../../api/vocabulary.js';
import { AcctErrorEvent, AcctPaymentMethodChangeEvent, type PaymentMethodChangeDetail } from '../../events/index.js';
import type { AcctCancelEvent } from '../../events/form-events.js';
import type { AcctPaymentMethodForm } from '../payment-method-form/payment-method-form.js';
import { paymentMethodFormLoader, registeredPaymentMethodForm } from '../payment-method-form/lazy.js';
import {
  ADDRESS_FIELDS,
  ADDRESS_SERVER_FIELDS,
  addressValues,
  defaultCountry,
  toAddress,
  validateAddressField,
  type AddressField,
} from '../payment-method-form/billing-address.js';
import { paymentMethodsStyles } from './payment-methods.styles.js';
import { renderMethodRow } from './method-row.js';
import type { DeletePlan } from './delete-dialog.js';
import { DIALOG_HELPERS, deleteDialogLoader, type DeleteDialogModule } from './delete-dialog-loader.js';

const SKELETON_ROWS = 2;

type View = 'unconfigured' | 'loading' | 'error' | 'empty' | 'populated';
type Phase = 'loading' | 'ready' | 'error';

/** A custom AccountApi may resolve with anything; the list needs at least an array and a gateway. */
function checkList(list: PaymentMethodList | undefined): PaymentMethodList {
  if (!list || !Array.isArray(list.data) || !list.gateway || !Array.isArray(list.gateway.supported_types)) {
    throw new ApiError('invalid-response', 'listPaymentMethods did not return a list', { path: 'data' });
  }
  return list;
}

/**
 * The account's saved payment methods: cards (brand, last 4, expiry with "Expired" / "Expires
 * soon"), bank accounts, and types the elements do not know (by the server's label), each with its
 * billing address. Users with `payment_methods:manage` add cards and bank accounts (an inline
 * `acct-payment-method-form`), choose the default, edit billing addresses and delete methods; a
 * method that is the default or pays autopay is replaced first, in the delete dialog. Everyone else
 * sees the list read-only.
 *
 * The add form is an `acct-payment-method-form` that the element puts in its own light DOM (shown
 * through the `payment-method-form` slot): a host's card tokenizer then mounts its fields in the
 * document, as payment providers' scripts expect, not inside a shadow root. Being in light DOM, the
 * form and its parts are styled directly, e.g.
 * `acct-payment-methods > acct-payment-method-form::part(submit-button)` (`exportparts` cannot
 * forward the parts of a slotted element). The form's code is not in the list's first download: it
 * loads when the form is first opened (busy meanwhile, Retry after a failed load), and registers
 * `acct-payment-method-form` unless the page already did.
 *
 * @summary Lists, adds, deletes and sets the default payment method.
 *
 * @slot payment-method-form - Filled by the element itself while a method is being added: its `acct-payment-method-form`.
 *
 * @csspart base - The element's root container.
 * @csspart list - The list of methods.
 * @csspart method - Each method.
 * @csspart badge - The Default / Autopay / Expired / Expires soon badges.
 * @csspart actions - The buttons of a method.
 * @csspart default-button - "Set as default".
 * @csspart edit-button - "Edit billing address".
 * @csspart delete-button - "Delete".
 * @csspart address-form - The inline billing address editor.
 * @csspart address - The billing address fieldset inside the editor.
 * @csspart add - The add buttons, or the box around the add form once one is pressed.
 * @csspart add-card-button - "Add card".
 * @csspart add-bank-account-button - "Add bank account".
 * @csspart form - The box that shows the add form (the `acct-payment-method-form` itself is in light DOM: style it directly).
 * @csspart dialog - The delete confirmation dialog.
 * @csspart confirm-button - The dialog's Delete button.
 * @csspart empty - The message shown when there are no methods.
 * @csspart readonly-note - The note for users who may not change payment methods.
 * @csspart error - A load or write error.
 * @csspart retry-button - The Retry button of a load error.
 *
 * @cssprop [--acct-payment-methods-dialog-width=32rem] - Maximum width of the delete dialog.
 *
 * @cssstate loading - The methods or the account are loading.
 * @cssstate populated - Methods are shown.
 * @cssstate empty - There are no methods.
 * @cssstate error - A load failed; an error with Retry is shown.
 * @cssstate readonly - The user may not change payment methods.
 * @cssstate unconfigured - The element has no API connection.
 *
 * @fires acct-payment-method-change - After the list shows the change: `{change: 'added' | 'deleted' | 'default' | 'updated', paymentMethod}`.
 * @fires acct-error - A load failed: `{error}`.
 */
@localized()
export class AcctPaymentMethods extends AcctElement {
  static override styles = [baseStyles, formStyles, dialogStyles, paymentMethodsStyles];
  protected static override resources: readonly ResourceName[] = ['payment-methods', 'account'];

  // ---- controllers ----

  #address = new FormFields<AddressField>(this, 'pm-address', addressValues(null), (name, values) =>
    validateAddressField(name, values[name], values.country),
  );
  /** The add form's code: loaded when the form is first opened. */
  #formCode = new LazyModule(this, () => paymentMethodFormLoader.load(), registeredPaymentMethodForm);
  /** The delete dialog's code: loaded when Delete is first pressed (or pointed at, or focused). */
  #dialogCode = new LazyModule<DeleteDialogModule>(this, () => deleteDialogLoader.load(), () => deleteDialogLoader.loaded);
  /** The add form, in light DOM while it is open. */
  #form = new LightDomChild<AcctPaymentMethodForm>(this, 'payment-method-form', () => {
    const form = this.#formCode.value!();
    // Once, not on every render: the customer may switch between card and bank account in the form.
    form.type = this._adding ?? 'card';
    form.cancelable = true;
    form.addEventListener('acct-payment-method-change', this.#onFormAdded);
    form.addEventListener('acct-cancel', this.#onFormCancel);
    return form;
  });

  // Writes, one intent each. A write whose outcome is unknown is sent again with its key when the
  // customer repeats it unchanged; the dialog's three steps are separate intents, forgotten when
  // the dialog closes.
  /** "Set as default" and the billing address editor of a row. */
  #rowUpdate = this.#writeIntent<{ id: string; patch: PaymentMethodPatch }, PaymentMethod>((api, { id, patch }, options) =>
    api.updatePaymentMethod(id, patch, options),
  );
  /** The delete dialog: another method becomes the default, autopay moves to it, then the delete. */
  #replaceDefault = this.#writeIntent<{ id: string }, PaymentMethod>((api, { id }, options) =>
    api.updatePaymentMethod(id, { is_default: true }, options),
  );
  #moveAutopay = this.#writeIntent<AutopayUpdate, Account>((api, update, options) => api.setAutopay(update, options));
  #deleteMethod = this.#writeIntent<{ id: string }, void>(async (api, { id }, options) => {
    try {
      await api.deletePaymentMethod(id, options);
    } catch (error) {
      // Already gone (deleted in another tab, or a lost answer to this very request): done.
      if (toApiError(error).kind !== 'not-found') throw error;
    }
  });

  // ---- public properties ----

  /** A card tokenizer for the add form; by default the provider's `cardTokenizer`. */
  @property({ attribute: false }) cardTokenizer?: CardTokenizer;

  /** Passed to the add form: allow the built-in test-gateway card form (test setups only). */
  @property({ type: Boolean, attribute: 'allow-raw-card-data' }) allowRawCardData = false;

  // ---- internal state ----

  /** The type being added (the add form is open). @internal */
  @state() private _adding?: PaymentMethodType;
  /** The method whose billing address is being edited. @internal */
  @state() private _editing?: string;
  /** The method in the delete dialog and the one chosen to take its place. @internal */
  @state() private _deleting?: { id: string; replacement?: string };
  /** A write in flight: a method id (default, address) or `delete`. @internal */
  @state() private _pending?: string;
  /** @internal */
  @state() private _rowError?: { id: string; message: string };
  /** @internal */
  @state() private _dialogError?: string;
  /** @internal */
  @state() private _announcement = '';

  #reported = new WeakSet<object>();
  #view: View = 'loading';
  /**
   * Where focus goes back to when the add form, the editor or the dialog closes: found again after
   * rendering, since the button that opened it may have been rendered anew.
   */
  #returnFocus?: () => HTMLElement | null | undefined;

  // ---- tasks ----

  #accountTask = new ApiTask<Account>(this, { load: (api, options) => api.getAccount(options) });
  #methodsTask = new ApiTask<PaymentMethodList>(this, {
    load: async (api, options) => checkList(await api.listPaymentMethods(options)),
  });

  // ---- lifecycle ----

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const view = this.#view;
    for (const name of ['unconfigured', 'loading', 'error', 'empty', 'populated'] as const) {
      this.setCustomState(name, view === name);
    }
    // The add form's code is on its way.
    if (this._adding && this.#formCode.status === 'loading') this.setCustomState('loading', true);
    this.setCustomState('readonly', (view === 'populated' || view === 'empty') && !this.#canManage);
    this.#reportErrors();
  }

  // ---- public methods ----

  /** Reloads the methods and the account (Retry, and after any change to them). */
  refresh(): void {
    this.#accountTask.reload();
    this.#methodsTask.reload();
  }

  // ---- handlers ----

  #onRetry = () => {
    for (const task of [this.#accountTask, this.#methodsTask]) if (task.failed) task.reload();
  };

  #onAdd(type: PaymentMethodType) {
    const part = type === 'card' ? 'add-card-button' : 'add-bank-account-button';
    this.#returnFocus = () => this.renderRoot.querySelector<HTMLElement>(`[part~="${part}"]`);
    this._adding = type;
    this._announcement = '';
    this.#focusFormWhenLoaded();
  }

  #onRetryForm = () => {
    void this.#formCode.retry();
    this.#focusFormWhenLoaded();
  };

  #onFormAdded = async (event: AcctPaymentMethodChangeEvent) => {
    // Told again below, once the list shows the new method.
    event.stopPropagation();
    const detail = event.detail;
    this._adding = undefined;
    await this.#reloadAfterWrite();
    this._announcement = msg(str`${methodName(detail.paymentMethod)} was added.`);
    this.#restoreFocus();
    this.dispatchEvent(new AcctPaymentMethodChangeEvent(detail));
  };

  #onFormCancel = async (event: AcctCancelEvent) => {
    event.stopPropagation();
    this._adding = undefined;
    await this.updateComplete;
    this.#restoreFocus();
  };

  async #onSetDefault(method: PaymentMethod, event: Event) {
    if (this._pending || !this.resolvedApi) return;
    const sending = this.#rowUpdate.start({ id: method.id, patch: { is_default: true } }, event.currentTarget as HTMLButtonElement);
    if (!sending) return;
    this._pending = method.id;
    this._rowError = undefined;
    const settled = await sending;
    this._pending = undefined;
    if (settled.state !== 'done') {
      this._rowError = { id: method.id, message: paymentErrorMessage(settled.error) };
      return;
    }
    await this.#reloadAfterWrite();
    this._announcement = msg(str`${methodName(method)} is now the default payment method.`);
    // "Set as default" is gone from this row now; the row's next action keeps the focus nearby.
    this.#methodRow(method.id)?.querySelector<HTMLElement>('[part~="edit-button"]')?.focus();
    this.dispatchEvent(new AcctPaymentMethodChangeEvent({ change: 'default', paymentMethod: settled.result }));
  }

  async #onEditAddress(method: PaymentMethod) {
    this.#returnFocus = () => this.#methodRow(method.id)?.querySelector<HTMLElement>('[part~="edit-button"]');
    this._rowError = undefined;
    this.#address.reset(addressValues(method.billing_address, defaultCountry(this.resolvedLocale)));
    this._editing = method.id;
    await this.updateComplete;
    this.#address.focus('name');
  }

  #onCancelEdit = async () => {
    this._editing = undefined;
    this._rowError = undefined;
    await this.updateComplete;
    this.#restoreFocus();
  };

  #onSaveAddress = async (event: SubmitEvent) => {
    event.preventDefault();
    const api = this.resolvedApi;
    const id = this._editing;
    if (this._pending || !api || !id) return;
    const button = (event.currentTarget as HTMLFormElement).querySelector<HTMLButtonElement>('[type="submit"]');
    const invalid = this.#address.validate(ADDRESS_FIELDS);
    if (invalid) {
      await this.updateComplete;
      this.#address.focus(invalid);
      return;
    }
    const sending = this.#rowUpdate.start({ id, patch: { billing_address: toAddress(this.#address.values) } }, button);
    if (!sending) return;
    this._pending = id;
    this._rowError = undefined;
    const settled = await sending;
    this._pending = undefined;
    if (settled.state === 'done') {
      this._editing = undefined;
      await this.#reloadAfterWrite();
      this._announcement = msg('The billing address was saved.');
      this.#restoreFocus();
      this.dispatchEvent(new AcctPaymentMethodChangeEvent({ change: 'updated', paymentMethod: settled.result }));
      return;
    }
    const fieldErrors: Partial<Record<AddressField, string>> = {};
    for (const fieldError of settled.error.fieldErrors) {
      const name = ADDRESS_SERVER_FIELDS[fieldError.field];
      if (name) fieldErrors[name] = validateAddressField(name, this.#address.values[name], this.#address.values.country) ?? msg('This was not accepted. Check it and try again.');
    }
    const first = ADDRESS_FIELDS.find((name) => fieldErrors[name]);
    this.#address.setErrors(fieldErrors);
    this._rowError = { id, message: first ? msg('Some details were not accepted. Check the marked fields.') : paymentErrorMessage(settled.error) };
    await this.updateComplete;
    if (first) this.#address.focus(first);
  };

  async #onDelete(method: PaymentMethod) {
    // The dialog's code is on its way for the press before: this one opens nothing more.
    if (this._deleting && this.#dialogCode.status === 'loading') return;
    this.#returnFocus = () => this.#methodRow(method.id)?.querySelector<HTMLElement>('[part~="delete-button"]');
    this._rowError = undefined;
    this._dialogError = undefined;
    this.#forgetDialogIntents();
    this._deleting = { id: method.id };
    // Its code, the first time: the Delete button is busy meanwhile (focus stays on it); a failed
    // load shows Retry in the row. Another press after a failure tries again.
    const code = await (this.#dialogCode.status === 'failed' ? this.#dialogCode.retry() : this.#dialogCode.request());
    if (!code || this._deleting?.id !== method.id) return;
    await this.updateComplete;
    this.#dialog?.showModal();
  }

  /** Retry after the dialog's code failed to load: focus goes back to Delete, which opens it. */
  #onRetryDelete(method: PaymentMethod) {
    this.#methodRow(method.id)?.querySelector<HTMLElement>('[part~="delete-button"]')?.focus();
    void this.#onDelete(method);
  }

  /** Pointer or focus on a Delete button: the dialog's code loads, unless it has. */
  #prefetchDialog = () => this.#dialogCode.status === 'idle' && void this.#dialogCode.request();

  #onReplacementChange(event: Event) {
    if (this._deleting) this._deleting = { ...this._deleting, replacement: (event.target as HTMLSelectElement).value };
  }

  #onDialogCancel = (event: Event) => {
    // Escape closes the dialog, but not while its steps run.
    if (this._pending) event.preventDefault();
  };

  #onDialogClose = () => {
    this._deleting = undefined;
    this._dialogError = undefined;
    this.#forgetDialogIntents();
    this.#restoreFocus();
  };

  #closeDialog = () => this.#dialog?.close();

  #onConfirmDelete = async (event: Event) => {
    const plan = this.#deletePlan();
    if (this._pending || !this.resolvedApi || !plan || plan.blocked) return;
    const button = event.currentTarget as HTMLButtonElement;
    this._pending = 'delete';
    this._dialogError = undefined;
    const { method } = plan;
    const replacement = plan.replacesDefault || plan.replacesAutopay ? this.#replacement(plan) : undefined;
    const done: PaymentMethodChangeDetail[] = [];
    // Each step in turn; the dialog stops at the first that does not succeed.
    const step = async <R>(sending: Promise<WriteSettled<R>> | undefined): Promise<R | undefined> => {
      const settled = await sending;
      if (settled?.state === 'done') return settled.result;
      this._dialogError = settled ? paymentErrorMessage(settled.error) : undefined;
      throw settled?.error;
    };
    try {
      if (replacement && plan.replacesDefault) {
        const updated = await step(this.#replaceDefault.start({ id: replacement.id }, button));
        done.push({ change: 'default', paymentMethod: updated! });
      }
      if (replacement && plan.replacesAutopay) {
        await step(this.#moveAutopay.start({ enabled: true, payment_method_id: replacement.id }, button));
      }
      await step(this.#deleteMethod.start({ id: method.id }, button));
      done.push({ change: 'deleted', paymentMethod: method });
      // The Delete button that opened the dialog is going away: focus goes to the list below instead.
      this.#returnFocus = undefined;
      this._deleting = undefined;
      this._pending = undefined;
      this.#closeDialog();
      this._announcement = replacement && plan.replacesDefault
        ? msg(str`${methodName(method)} was deleted. ${methodName(replacement)} is now the default payment method.`)
        : msg(str`${methodName(method)} was deleted.`);
    } catch {
      // The step's message is in the dialog.
    } finally {
      this._pending = undefined;
    }
    if (done.length || this._dialogError) await this.#reloadAfterWrite();
    if (!this._deleting) this.renderRoot.querySelector<HTMLElement>('[part~="list"], [part~="empty"]')?.focus();
    for (const detail of done) this.dispatchEvent(new AcctPaymentMethodChangeEvent(detail));
  };

  // ---- internals ----

  get #canManage(): boolean {
    return !!this.#accountTask.value?.capabilities.includes('payment_methods:manage');
  }

  get #methods(): PaymentMethod[] {
    return this.#methodsTask.value?.data ?? [];
  }

  get #dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  #methodRow(id: string): HTMLElement | undefined {
    return [...this.renderRoot.querySelectorAll<HTMLElement>('[part~="method"]')].find((row) => row.dataset.id === id);
  }

  /** Once the add form's code is here, the form takes focus after the render that shows it. */
  #focusFormWhenLoaded() {
    void this.#formCode.request().then((create) => {
      if (!create || !this._adding) return;
      this.#form.focusNext = true;
      this.requestUpdate();
    });
  }

  #restoreFocus() {
    const target = this.#returnFocus?.();
    this.#returnFocus = undefined;
    target?.focus();
  }

  /** One write intent of this element (its own key, its own bytes), holding the pressed button with `disabled`. */
  #writeIntent<B, R>(send: (api: AccountApi, body: Readonly<B>, options: WriteOptions) => Promise<R>): WriteIntent<B, R> {
    return new WriteIntent<B, R>(this, {
      hold: 'disabled',
      send: (body, options) => {
        const api = this.resolvedApi;
        return api ? send(api, body, options) : Promise.reject(new ApiError('config', 'No AccountApi'));
      },
    });
  }

  /** The dialog closed, or opened for another method: its steps are new intents next time. */
  #forgetDialogIntents() {
    for (const intent of [this.#replaceDefault, this.#moveAutopay, this.#deleteMethod]) intent.reset(true);
  }

  /** Waits until the list and the account show a write: its invalidation reloads them, or this does. */
  async #reloadAfterWrite() {
    for (const task of [this.#methodsTask, this.#accountTask]) if (!task.pending) task.reload();
    await Promise.allSettled([this.#methodsTask.task.taskComplete, this.#accountTask.task.taskComplete]);
    await this.updateComplete;
  }

  #deletePlan(): DeletePlan | undefined {
    const deleting = this._deleting;
    const code = this.#dialogCode.value;
    return deleting && code?.deletePlan(deleting.id, this.#methods, this.#accountTask.value?.autopay, DIALOG_HELPERS);
  }

  #replacement(plan: DeletePlan): PaymentMethod | undefined {
    return this.#dialogCode.value!.replacementFor(plan, this._deleting?.replacement);
  }

  #reportErrors() {
    for (const task of [this.#methodsTask, this.#accountTask]) {
      const error = task.error;
      if (!task.failed || !error || typeof error !== 'object' || this.#reported.has(error)) continue;
      this.#reported.add(error);
      this.dispatchEvent(new AcctErrorEvent({ error: toApiError(error) }));
    }
  }

  /** Where a task stands for rendering; a reload keeps what is shown, an aborted load counts as loading. */
  #phase(task: ApiTask<unknown>): Phase {
    if (task.failed) return 'error';
    return task.value !== undefined && task.task.status !== TaskStatus.ERROR ? 'ready' : 'loading';
  }

  #currentView(): { view: View; error?: unknown } {
    if (this.configError) return { view: 'unconfigured' };
    if (!this.resolvedApi) return { view: 'loading' };
    const methods = this.#phase(this.#methodsTask);
    const account = this.#phase(this.#accountTask);
    if (methods === 'error') return { view: 'error', error: this.#methodsTask.error };
    if (account === 'error') return { view: 'error', error: this.#accountTask.error };
    if (methods === 'loading' || account === 'loading') return { view: 'loading' };
    return { view: this.#methods.length ? 'populated' : 'empty' };
  }

  // ---- render ----

  protected override render(): TemplateResult {
    const { view, error } = this.#currentView();
    this.#view = view;
    const refreshing = this.#methodsTask.pending || this.#accountTask.pending;
    let body: unknown;
    if (view === 'unconfigured') body = renderConfigError(this.configError ?? '');
    else if (view === 'error') body = renderError(error, this.#onRetry);
    else if (view === 'loading') body = this.#renderSkeleton();
    else {
      body = html`${view === 'empty'
          ? html`<p class="message muted" part="empty" tabindex="-1">${msg('No payment methods yet.')}</p>`
          : this.#renderList(refreshing)}
        ${this.#canManage ? this.#renderAdd() : html`<p class="muted" part="readonly-note">${msg('You can see the payment methods, but not change them. Ask an account administrator.')}</p>`}
        ${this.#renderDialog()}`;
    }
    return html`<div part="base">
      ${body}
      <div role="status" class="visually-hidden">${view === 'loading' ? msg('Loading payment methods…') : this._announcement}</div>
    </div>`;
  }

  #renderSkeleton() {
    return html`<ul part="list" class="list" role="list" aria-busy="true" aria-label=${msg('Payment methods')}>
      ${Array.from({ length: SKELETON_ROWS }, () => html`<li class="method skeleton-row"><span class="skeleton"></span><span class="skeleton"></span></li>`)}
    </ul>`;
  }

  #renderList(refreshing: boolean) {
    const account = this.#accountTask.value;
    const autopayId = account?.autopay.enabled ? account.autopay.payment_method_id : null;
    const now = new Date();
    return html`<ul part="list" class="list" role="list" tabindex="-1" aria-label=${msg('Payment methods')} aria-busy=${String(refreshing)}>
      ${this.#methods.map((method) => {
        const error = this._rowError?.id === method.id ? this._rowError.message : undefined;
        return renderMethodRow(method, {
          autopay: method.id === autopayId,
          now,
          locale: this.resolvedLocale,
          canManage: this.#canManage,
          editing: this._editing === method.id ? this.#address : undefined,
          busy: this._pending === method.id,
          error,
          deleteCode: this._deleting?.id === method.id && !this.#dialog?.open ? this.#dialogCode.status : undefined,
          onSetDefault: (event) => this.#onSetDefault(method, event),
          onEditAddress: () => this.#onEditAddress(method),
          onDelete: () => this.#onDelete(method),
          onRetryDelete: () => this.#onRetryDelete(method),
          onPrefetchDelete: this.#prefetchDialog,
          onSaveAddress: this.#onSaveAddress,
          onCancelEdit: this.#onCancelEdit,
        });
      })}
    </ul>`;
  }

  #renderAdd() {
    const gateway = this.#methodsTask.value?.gateway;
    const types = PAYMENT_METHOD_TYPES.filter((type) => gateway?.supported_types.includes(type));
    if (this._adding && gateway) {
      if (this.#formCode.status !== 'ready') {
        return html`<div part="add"><div part="form">${renderLazyStatus(this.#formCode.status, this.#onRetryForm)}</div></div>`;
      }
      this.#form.show({
        api: this.resolvedApi,
        gateway,
        firstMethod: this.#methods.length === 0,
        locale: this.locale,
        cardTokenizer: this.cardTokenizer,
        allowRawCardData: this.allowRawCardData,
      });
      return html`<div part="add"><div part="form"><slot name="payment-method-form"></slot></div></div>`;
    }
    if (!types.length) return html`<p class="muted" part="add">${msg('Payment methods cannot be added to this account here.')}</p>`;
    return html`<div part="add" class="actions">
      ${types.includes('card')
        ? html`<button type="button" class="button" part="add-card-button" @click=${() => this.#onAdd('card')}>
            ${msg('Add card')}
          </button>`
        : nothing}
      ${types.includes('bank_account')
        ? html`<button type="button" class="button" part="add-bank-account-button" @click=${() => this.#onAdd('bank_account')}>
            ${msg('Add bank account')}
          </button>`
        : nothing}
    </div>`;
  }

  #renderDialog() {
    const plan = this.#deletePlan();
    return html`<dialog part="dialog" aria-labelledby="pm-dialog-title" aria-describedby="pm-dialog-text" @cancel=${this.#onDialogCancel} @close=${this.#onDialogClose}>
      ${plan
        ? this.#dialogCode.value!.renderDeleteDialog(plan, this.#replacement(plan), {
            busy: this._pending === 'delete',
            error: this._dialogError,
            onReplacementChange: (event) => this.#onReplacementChange(event),
            onConfirm: this.#onConfirmDelete,
            onClose: this.#closeDialog,
          }, DIALOG_HELPERS)
        : nothing}
    </dialog>`;
  }
}

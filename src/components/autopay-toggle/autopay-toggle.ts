import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { AcctElement } from '../../core/base-element.js';
import { ApiTask } from '../../core/api-task.js';
import { baseStyles } from '../../core/styles.js';
import { messageForError, renderConfigError, renderError } from '../../core/error-view.js';
import { WriteIntent } from '../../core/write-intent.js';
import { cardExpiryLine, paymentMethodLabel } from '../../core/payment-method-display.js';
import { ApiError, toApiError } from '../../api/errors.js';
import type { ResourceName } from '../../api/account-api.js';
import type { Account } from '../../api/schemas/account.js';
import type { PaymentMethod } from '../../api/schemas/payment-method.js';
import type { AutopayUpdate } from '../../api/schemas/billing-input.js';
import { AcctAutopayChangeEvent, AcctErrorEvent } from '../../events/index.js';
import { autopayToggleStyles } from './autopay-toggle.styles.js';

const MANAGE_CAPABILITY = 'autopay:manage';

type Autopay = Account['autopay'];

type View =
  | { kind: 'unconfigured'; problem: string }
  | { kind: 'loading' }
  | { kind: 'error'; error: unknown }
  | {
      kind: 'populated';
      autopay: Autopay;
      /** The method autopay charges (when on) or would charge (the default, when off). */
      method?: PaymentMethod;
      canManage: boolean;
      refreshing: boolean;
    };

const STATES = ['unconfigured', 'loading', 'error', 'on', 'off', 'busy', 'confirming', 'no-method', 'readonly'] as const;

/**
 * The autopay switch: when on, the account's open invoices are charged automatically on their due
 * dates to one saved payment method. The description names that method (the one autopay uses, or
 * the default method that turning it on would use).
 *
 * **Turning on asks first.** Switching on opens a short inline confirmation that names the method
 * and says that open invoices will be charged on their due dates; only "Turn on autopay" writes.
 * Turning off writes at once (it never charges anything). Escape or Cancel closes the
 * confirmation and returns focus to the switch.
 *
 * Each confirmed change is one intent with one Idempotency-Key: the switch is
 * `aria-disabled` and `aria-busy` from the moment it is pressed until the server answers, and
 * presses in between are ignored, so a burst of clicks writes once. The switch shows the server's
 * state, never a guess: on success the new state is shown, announced, and then
 * `acct-autopay-change` fires; on failure the switch stays at (and reloads) the server's state and
 * an alert explains what went wrong. Without a payment method the switch is disabled with an
 * explanation; without the `autopay:manage` capability the element only states whether autopay
 * is on. A write in flight is not aborted when the element is removed (it may already have been
 * applied); its result still reaches every element through invalidation. The element has no slots.
 *
 * @summary The autopay switch, with the payment method it charges and a confirmation before it turns on.
 *
 * @csspart base - The container of everything.
 * @csspart switch - The switch (a `button` with `role="switch"`).
 * @csspart track - The switch's track; its thumb is inside.
 * @csspart description - The sentence under the switch naming the method.
 * @csspart confirm - The inline confirmation shown before autopay turns on.
 * @csspart confirm-button - "Turn on autopay" in the confirmation.
 * @csspart cancel-button - "Cancel" in the confirmation.
 * @csspart state - The read-only statement of the state (without `autopay:manage`).
 * @csspart readonly-note - The note for users who may not change autopay (one wording in every element: "You can see …, but not …").
 * @csspart error - A load or write error, or the missing-configuration message.
 * @csspart retry-button - The Retry button in a load error.
 *
 * @cssprop [--acct-autopay-toggle-track-on=light-dark(#1d4ed8, #93b4ff)] - Track colour when on.
 * @cssprop [--acct-autopay-toggle-track-off=light-dark(#6e7781, #8b949e)] - Track colour when off.
 * @cssprop [--acct-autopay-toggle-thumb=#ffffff] - Colour of the thumb.
 *
 * @cssstate loading - The account or the payment methods are loading (or reloading).
 * @cssstate on - Autopay is on.
 * @cssstate off - Autopay is off.
 * @cssstate busy - A change is being written.
 * @cssstate confirming - The confirmation to turn autopay on is open.
 * @cssstate no-method - Autopay is off and there is no payment method to turn it on with.
 * @cssstate readonly - The token may not change autopay (`autopay:manage`): the state is shown as text.
 * @cssstate error - Loading failed; a message with Retry is shown.
 * @cssstate unconfigured - No API: set `api-base` + `token`, `api`, or use `acct-provider`.
 *
 * @fires {AcctAutopayChangeEvent} acct-autopay-change - Autopay was turned on or off (after the switch shows it): `detail.autopay`.
 * @fires {AcctErrorEvent} acct-error - Loading failed, or a change was refused.
 */
@localized()
export class AcctAutopayToggle extends AcctElement {
  static override styles = [baseStyles, autopayToggleStyles];
  protected static override resources: readonly ResourceName[] = ['account', 'payment-methods'];

  /** The confirmation before turning on is open. @internal */
  @state() private _confirming = false;
  /** Why the last change failed. @internal */
  @state() private _writeError?: ApiError;
  /** The server's answer to the last change, shown until the account reloads. @internal */
  @state() private _written?: Autopay;
  /** What the live region says after a change. @internal */
  @state() private _announcement = '';

  #reported = new WeakSet<object>();

  /** The confirmed change: one key per press, the same bytes on every retry of it. */
  #change = new WriteIntent<AutopayUpdate, Account>(this, {
    send: (update, options) => {
      const api = this.resolvedApi;
      return api ? api.setAutopay(update, options) : Promise.reject(new ApiError('config', 'No AccountApi'));
    },
  });

  #account = new ApiTask(this, {
    load: (api, options) => api.getAccount(options),
    // Runs before the value is stored: from now on the account itself says what autopay is.
    onComplete: () => {
      this._written = undefined;
    },
  });

  #methods = new ApiTask(this, { load: (api, options) => api.listPaymentMethods(options) });

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const view = this.#view();
    const shown = view.kind === 'populated' ? view : undefined;
    for (const name of STATES) {
      let on: boolean;
      switch (name) {
        case 'loading':
          on = view.kind === 'loading' || !!shown?.refreshing;
          break;
        case 'on':
        case 'off':
          on = !!shown && shown.autopay.enabled === (name === 'on');
          break;
        case 'busy':
          on = this.#change.busy;
          break;
        case 'confirming':
          on = !!shown && this._confirming;
          break;
        case 'no-method':
          on = !!shown && !shown.autopay.enabled && !shown.method;
          break;
        case 'readonly':
          on = !!shown && !shown.canManage;
          break;
        default:
          on = view.kind === name;
      }
      this.setCustomState(name, on);
    }
    this.#reportErrors(view);
  }

  /** Reloads autopay and the payment methods from the server (Retry, and after any change). */
  refresh(): void {
    this.#account.reload();
    this.#methods.reload();
  }

  // ---- handlers ----

  #onRetry = (): void => {
    if (this.#account.failed) this.#account.reload();
    if (this.#methods.failed) this.#methods.reload();
  };

  #onSwitch = (event: Event): void => {
    const view = this.#view();
    if (this.#change.busy || view.kind !== 'populated' || !view.canManage) return;
    if (view.autopay.enabled) {
      void this.#write(false, event.currentTarget as HTMLElement);
    } else if (view.method && !this._confirming) {
      this._writeError = undefined;
      this._announcement = '';
      this._confirming = true;
      // The question gets focus (not its button), so a repeated key press cannot confirm by accident.
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#confirm-question')?.focus());
    }
  };

  #onConfirm = (event: Event): void => {
    const view = this.#view();
    if (this.#change.busy || view.kind !== 'populated' || !view.method) return;
    void this.#write(true, event.currentTarget as HTMLElement, view.method.id);
  };

  #onCancel = (): void => {
    if (this.#change.busy) return;
    this._confirming = false;
    void this.updateComplete.then(() => this.#focusSwitch());
  };

  #onConfirmKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    this.#onCancel();
  };

  // ---- internals ----

  /** One press, one intent (the write intent holds the key and ignores presses while it runs). */
  async #write(enabled: boolean, pressed: HTMLElement, paymentMethodId?: string): Promise<void> {
    if (!this.resolvedApi) return;
    const focusWasInConfirmation = !!this.renderRoot.querySelector('[part="confirm"]')?.contains(this.shadowRoot!.activeElement);
    const sending = this.#change.start(enabled ? { enabled: true, payment_method_id: paymentMethodId } : { enabled: false }, pressed);
    if (!sending) return;
    this._writeError = undefined;
    this._announcement = enabled ? msg('Turning autopay on…') : msg('Turning autopay off…');
    const settled = await sending;
    this._confirming = false;
    if (settled.state === 'done') {
      const autopay = { ...settled.result.autopay };
      this._written = autopay;
      this._announcement = autopay.enabled ? msg('Autopay is on.') : msg('Autopay is off.');
      await this.updateComplete;
      if (focusWasInConfirmation) this.#focusSwitch();
      this.dispatchEvent(new AcctAutopayChangeEvent({ autopay }));
      return;
    }
    this._writeError = settled.error;
    this._announcement = '';
    // Whatever happened on the server, the switch shows what the server now says.
    this.#account.reload();
    if (settled.error.problem?.code === 'payment_method_not_found') this.#methods.reload();
    await this.updateComplete;
    if (focusWasInConfirmation) this.#focusSwitch();
  }

  #focusSwitch(): void {
    this.renderRoot.querySelector<HTMLElement>('[part="switch"]')?.focus();
  }

  #reportErrors(view: View): void {
    const errors: unknown[] = [this._writeError];
    if (view.kind === 'error') errors.push(view.error);
    for (const error of errors) {
      if (!error || typeof error !== 'object' || this.#reported.has(error)) continue;
      this.#reported.add(error);
      this.dispatchEvent(new AcctErrorEvent({ error: toApiError(error) }));
    }
  }

  #view(): View {
    const problem = this.configError;
    if (problem) return { kind: 'unconfigured', problem };
    if (!this.resolvedApi) return { kind: 'loading' };
    const account = this.#account;
    const methods = this.#methods;
    if (account.failed) return { kind: 'error', error: account.error };
    if (!account.value) return { kind: 'loading' };
    const canManage = account.value.capabilities.includes(MANAGE_CAPABILITY);
    // The methods only name the method; a read-only user may not be allowed to list them.
    if (methods.failed && canManage) return { kind: 'error', error: methods.error };
    if (!methods.value && !methods.failed) return { kind: 'loading' };
    const autopay = this._written ?? account.value.autopay;
    const method = autopay.enabled
      ? methods.value?.data.find((m) => m.id === autopay.payment_method_id)
      : methods.value?.data.find((m) => m.is_default);
    return {
      kind: 'populated',
      autopay,
      method,
      canManage,
      refreshing: account.pending || methods.pending,
    };
  }

  #writeErrorMessage(error: ApiError): string {
    switch (error.problem?.code) {
      case 'default_payment_method_required':
        return msg('Autopay needs a payment method. Add a payment method, then turn autopay on.');
      case 'payment_method_not_found':
        return msg('That payment method no longer exists. Check the method named here and try again.');
      default:
        return messageForError(error);
    }
  }

  // ---- render ----

  protected override render(): TemplateResult {
    const view = this.#view();
    switch (view.kind) {
      case 'unconfigured':
        return renderConfigError(view.problem);
      case 'loading':
        return html`<div part="base" aria-busy="true">
          <p class="visually-hidden" role="status">${msg('Loading autopay…')}</p>
          <div class="skeleton-row" aria-hidden="true"><span class="skeleton"></span><span class="skeleton"></span></div>
        </div>`;
      case 'error':
        return renderError(view.error, this.#onRetry);
      case 'populated':
        return html`<div part="base" aria-busy=${view.refreshing || this.#change.busy ? 'true' : 'false'}>
          ${view.canManage ? this.#renderSwitch(view) : this.#renderReadOnly(view)}
          ${this._writeError
            ? html`<div class="message error" role="alert" part="error"><p>${this.#writeErrorMessage(this._writeError)}</p></div>`
            : nothing}
          <p class="visually-hidden" role="status">${this._announcement}</p>
        </div>`;
    }
  }

  #description({ autopay, method }: Extract<View, { kind: 'populated' }>): string {
    const label = method ? paymentMethodLabel(method) : undefined;
    if (autopay.enabled) {
      return label
        ? msg(str`Open invoices are charged to ${label} on their due dates.`)
        : msg('Open invoices are charged automatically on their due dates.');
    }
    return label
      ? msg(str`Turn on to charge ${label} automatically when invoices are due.`)
      : msg('Add a payment method to turn on autopay.');
  }

  #renderSwitch(view: Extract<View, { kind: 'populated' }>): TemplateResult {
    const { autopay, method } = view;
    const unavailable = !autopay.enabled && !method;
    const busy = this.#change.busy;
    return html`<button
        type="button"
        role="switch"
        part="switch"
        class="switch"
        aria-checked=${autopay.enabled ? 'true' : 'false'}
        aria-describedby="description"
        aria-disabled=${unavailable || busy ? 'true' : 'false'}
        aria-busy=${busy ? 'true' : 'false'}
        @click=${this.#onSwitch}
      >
        <span class="switch-label">${msg('Autopay')}</span>
        <span class="state-text" aria-hidden="true">${autopay.enabled ? msg('On') : msg('Off')}</span>
        <span part="track" class="track" aria-hidden="true"><span class="thumb"></span></span>
      </button>
      <p part="description" id="description" class="description"><bdi>${this.#description(view)}</bdi></p>
      ${this._confirming && method ? this.#renderConfirmation(method) : nothing}`;
  }

  #renderConfirmation(method: PaymentMethod): TemplateResult {
    const label = paymentMethodLabel(method);
    const busy = this.#change.busy && !!this.#change.body?.enabled;
    return html`<div part="confirm" class="confirm" role="group" aria-labelledby="confirm-question" @keydown=${this.#onConfirmKeydown}>
      <p id="confirm-question" class="question" tabindex="-1"><bdi>${msg(str`Turn on autopay with ${label}?`)}</bdi></p>
      ${method.card ? html`<p class="muted">${cardExpiryLine(method.card)}</p>` : nothing}
      <p>${msg('Open invoices will be charged to this payment method on their due dates, and so will new invoices. You can turn autopay off at any time.')}</p>
      <div class="actions">
        <button
          type="button"
          class="button primary"
          part="confirm-button"
          aria-disabled=${busy ? 'true' : 'false'}
          aria-busy=${busy ? 'true' : 'false'}
          @click=${this.#onConfirm}
        >
          ${busy ? msg('Turning on…') : msg('Turn on autopay')}
        </button>
        <button type="button" class="button" part="cancel-button" aria-disabled=${busy ? 'true' : 'false'} @click=${this.#onCancel}>
          ${msg('Cancel')}
        </button>
      </div>
    </div>`;
  }

  #renderReadOnly(view: Extract<View, { kind: 'populated' }>): TemplateResult {
    return html`<p part="state" class="read-only">
        <strong>${view.autopay.enabled ? msg('Autopay is on.') : msg('Autopay is off.')}</strong>
        ${view.autopay.enabled ? html`<bdi>${this.#description(view)}</bdi>` : nothing}
      </p>
      <p class="muted" part="readonly-note">${msg('You can see the autopay setting, but not change it. Ask an account administrator.')}</p>`;
  }
}

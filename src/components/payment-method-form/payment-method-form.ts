import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { localized, msg, str } from '@lit/localize';
import { AcctElement } from '../../core/base-element.js';
import { baseStyles } from '../../core/styles.js';
import { formStyles } from '../../core/form-styles.js';
import { renderConfigError, renderError } from '../../core/error-view.js';
import { FormFields } from '../../core/form-fields.js';
import { WriteIntent } from '../../core/write-intent.js';
import { TokenizerError, type CardTokenizer, type TokenizedCard } from '../../api/tokenizer.js';
import { HostedFieldsTokenizer, hostedFieldsOrigin } from '../../core/hosted-fields-tokenizer.js';
import { methodName } from '../../core/payment-method-display.js';
import { paymentErrorMessage } from '../../core/payment-errors.js';
import { digitsOnly } from '../../api/validators.js';
import { LazyModule, renderLazyStatus } from '../../core/lazy-module.js';
import { ApiError, toApiError } from '../../api/errors.js';
import { ApiTask } from '../../core/api-task.js';
import type { ResourceName } from '../../api/account-api.js';
import type { GatewayInfo, PaymentMethod, PaymentMethodList } from '../../api/schemas/payment-method.js';
import type { NewPaymentMethod } from '../../api/schemas/billing-input.js';
import { PAYMENT_METHOD_TYPES, type PaymentMethodType } from '../../api/vocabulary.js';
import { AcctPaymentMethodChangeEvent } from '../../events/index.js';
import { AcctCancelEvent } from '../../events/form-events.js';
import { ADDRESS_FIELDS, defaultCountry, renderAddressFields, toAddress } from './billing-address.js';
import { paymentMethodFormStyles } from './payment-method-form.styles.js';
import {
  BANK_FIELDS,
  CARD_FIELDS,
  emptyValues,
  SERVER_FIELDS,
  serverFieldMessage,
  validateField,
  type FieldName,
  type RawCardModule,
} from './fields.js';

/**
 * How cards are entered, in order of preference: the host's tokenizer; the built-in form for a test
 * gateway (both the host and the server opted in); the gateway's hosted fields; or not at all.
 */
type CardEntry = 'tokenizer' | 'raw' | 'hosted' | 'none';
type CardFieldsState = 'idle' | 'mounting' | 'ready' | 'failed';

/**
 * The form that adds a card or a bank account, used by `acct-payment-methods` and `acct-pay-invoice`
 * and usable alone. It saves the method itself (`addPaymentMethod`, one idempotency key per Save)
 * and fires `acct-payment-method-change` (`change: 'added'`); Cancel (with `cancelable`) fires `acct-cancel`.
 *
 * Card numbers reach your API only from the built-in test-gateway form, which needs both
 * `allow-raw-card-data` (here or on the provider) and a gateway with `accepts_raw_card_data`.
 * Otherwise the card fields come from your `cardTokenizer` (provider or property), mounted into a
 * light-DOM `<div slot="card-fields">` this element creates, or from the gateway's hosted fields
 * iframe; without either, cards cannot be added (bank accounts still can).
 *
 * @summary Adds a card or bank account, with billing address and validation.
 *
 * @slot card-fields - Filled by the element itself: the container the card tokenizer mounts into.
 *
 * @csspart base - The form.
 * @csspart type-chooser - The Card / Bank account choice (when the gateway offers both).
 * @csspart card - The card fieldset.
 * @csspart card-fields - The box around the tokenizer's card fields.
 * @csspart brand - The card brand shown next to the card number.
 * @csspart bank - The bank account fieldset.
 * @csspart mandate - The debit authorisation text.
 * @csspart address - The billing address fieldset.
 * @csspart default - The "Make this my default payment method" checkbox and its label.
 * @csspart notice - The message shown when cards cannot be added here.
 * @csspart error - The error message of a failed save or load (role=alert), or the missing-configuration message.
 * @csspart retry-button - The Retry button after the gateway or the card fields failed to load.
 * @csspart submit-button - The Save button.
 * @csspart cancel-button - The Cancel button (with `cancelable`).
 *
 * @cssprop [--acct-payment-method-form-max-width=36rem] - Maximum width of the form.
 *
 * @cssstate loading - The gateway or the card fields are loading.
 * @cssstate busy - A save is in progress.
 * @cssstate error - The last save failed.
 * @cssstate unconfigured - The element has no API connection.
 *
 * @fires acct-payment-method-change - A method was saved: `{change: 'added', paymentMethod}`.
 * @fires acct-cancel - Cancel was pressed (with `cancelable`).
 */
@localized()
export class AcctPaymentMethodForm extends AcctElement {
  static override styles = [baseStyles, formStyles, paymentMethodFormStyles];
  protected static override resources: readonly ResourceName[] = [];

  // ---- controllers ----

  #fields = new FormFields<FieldName>(this, 'pmf', emptyValues(''), (name, values) => validateField(name, values, this.#rawCard.value));
  /** The test gateway's card entry: loaded when this form first shows it. */
  #rawCard = new LazyModule<RawCardModule>(this, () => import('./raw-card.js'));
  /**
   * The save: one key per intent. After an unknown outcome (or an expired session), saving the same
   * data again is the same intent with the same key; changed data is a new one.
   */
  #save = new WriteIntent<NewPaymentMethod, PaymentMethod>(this, {
    send: (request, options) => {
      const api = this.resolvedApi;
      return api ? api.addPaymentMethod(request, options) : Promise.reject(new ApiError('config', 'No AccountApi'));
    },
  });

  // ---- public properties ----

  /**
   * What the account's gateway offers (`gateway` of `listPaymentMethods()`). When not set, the
   * form loads it.
   */
  @property({ attribute: false }) gateway?: GatewayInfo;

  /** Which kind of method to add: `card` or `bank_account`. A choice is shown when the gateway offers both. */
  @property({ reflect: true }) type: PaymentMethodType = 'card';

  /**
   * Make the new method the account's default: the state of the form's "Make this my default
   * payment method" checkbox (unchecked unless set), sent with the save as `set_default`.
   */
  @property({ type: Boolean, attribute: 'set-default' }) setDefault = false;

  /**
   * The account has no payment method yet, so the new one becomes its default anyway: the checkbox
   * shows checked, cannot be unchecked, and says so. `acct-payment-methods` and `acct-pay-invoice`
   * set it; a form that loads the gateway itself finds it out from the same answer.
   */
  @property({ type: Boolean, attribute: 'first-method' }) firstMethod = false;

  /** Shows a Cancel button, which fires `acct-cancel` (for a form the host opened and closes). */
  @property({ type: Boolean }) cancelable = false;

  /** Text of the Save button (default "Save card" / "Save bank account"). */
  @property({ attribute: 'submit-label' }) submitLabel?: string;

  /** A card tokenizer for this form alone; by default the provider's `cardTokenizer`. */
  @property({ attribute: false }) cardTokenizer?: CardTokenizer;

  /**
   * Allow the built-in test-gateway card form, which sends card numbers to your API (only when the
   * gateway declares `accepts_raw_card_data`). For test setups only; the provider has the same switch.
   */
  @property({ type: Boolean, attribute: 'allow-raw-card-data' }) allowRawCardData = false;

  // ---- internal state ----

  /** @internal */
  @state() private _busy = false;
  /** @internal */
  @state() private _error?: ApiError;
  /** @internal */
  @state() private _errorText?: string;
  /** @internal */
  @state() private _cardFields: CardFieldsState = 'idle';
  /** @internal */
  @state() private _cardFieldsError?: string;
  /** @internal */
  @state() private _announcement = '';

  #mounted?: { tokenizer: CardTokenizer; container: HTMLElement };
  #hosted?: HostedFieldsTokenizer;
  #cardShown = false;
  /** focus() came while the card fields were still loading: the field it focused instead, to hand over. */
  #focusedWhileLoading?: HTMLElement;
  #warnedNoCardEntry = false;
  /** A method was saved here: the next one is not the account's first. */
  #added = false;

  // ---- tasks ----

  /** The gateway (and whether any method is saved), when the host did not give it. */
  #gatewayTask = new ApiTask<PaymentMethodList | undefined, [boolean]>(this, {
    args: () => [this.gateway !== undefined],
    load: async (api, options, [given]) => (given ? undefined : api.listPaymentMethods(options)),
  });

  // ---- lifecycle ----

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unmountCardFields();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('type') && !(PAYMENT_METHOD_TYPES as readonly string[]).includes(this.type)) {
      this.warnInvalid('type', this.type, PAYMENT_METHOD_TYPES.join(' | '));
      this.type = 'card';
    }
    // The first country choice follows the locale (`en-US` → United States).
    if (!this.hasUpdated && !this.#fields.values.country) this.#fields.values.country = defaultCountry(this.resolvedLocale);
    super.willUpdate(changed);
    const gateway = this.#gateway;
    if (gateway && this.#activeType(gateway) === 'card') this.#cardShown = true;
    // Mounted once the card fields are first shown, and kept while the customer switches to a bank
    // account and back, so what they typed stays. (The mount itself runs after this render.)
    this.#syncCardFields(gateway && this.#cardShown ? this.#tokenizerFor(gateway, this.#cardEntry(gateway)) : undefined, gateway);
    if (this.#showsRawCard && this.#rawCard.status === 'idle') this.#loadRawCard();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const gateway = this.#gateway;
    const entry = gateway ? this.#cardEntry(gateway) : 'none';
    if (gateway && entry === 'none' && gateway.supported_types.includes('card') && !this.#warnedNoCardEntry) {
      this.#warnedNoCardEntry = true;
      console.warn(
        `<${this.localName}>: cards cannot be added: set a cardTokenizer on <acct-provider> (or this element), ` +
          `or use a gateway with hosted_fields_url. allow-raw-card-data is for test gateways only.`,
      );
    }
    const loadFailed = !gateway && this.#gatewayTask.failed;
    const rawLoading = this.#showsRawCard && this.#rawCard.status === 'loading';
    const loading = !this.configError && !loadFailed && (!gateway || this._cardFields === 'mounting' || rawLoading);
    this.setCustomState('loading', loading);
    this.setCustomState('busy', this._busy);
    this.setCustomState('error', loadFailed || !!this._errorText);
    this.setCustomState('unconfigured', !!this.configError);
  }

  // ---- public methods ----

  /** Reloads the gateway when the form loaded it itself. */
  refresh(): void {
    if (!this.gateway) this.#gatewayTask.reload();
  }

  /** Moves focus to the first field of the form. */
  override focus(options?: FocusOptions): void {
    const gateway = this.#gateway;
    const tokenizer = this.#mounted?.tokenizer;
    if (gateway && this.#activeType(gateway) === 'card' && tokenizer?.focus && this._cardFields === 'ready') {
      tokenizer.focus();
      return;
    }
    const first = this.renderRoot?.querySelector<HTMLElement>('input:not([type="radio"]), select, button');
    if (first) first.focus(options);
    else super.focus(options);
    // Card fields still loading: the card number gets focus once they are ready (see #syncCardFields).
    if (this._cardFields !== 'ready' && (!gateway || this.#activeType(gateway) === 'card')) this.#focusedWhileLoading = first ?? undefined;
  }

  /** Clears every field and message. */
  reset(): void {
    this.#fields.reset(emptyValues(defaultCountry(this.resolvedLocale)));
    this._error = undefined;
    this._errorText = undefined;
    this._cardFieldsError = undefined;
    // Cancel: the customer left whatever was being saved.
    this.#save.reset(true);
  }

  // ---- handlers ----

  #onTypeChange(event: Event) {
    this.type = (event.target as HTMLInputElement).value as PaymentMethodType;
    this._error = undefined;
    this._errorText = undefined;
  }

  #onCancel = () => {
    this.dispatchEvent(new AcctCancelEvent());
    this.reset();
  };

  #onRetryGateway = () => this.#gatewayTask.reload();

  #onRetryRawCard = () => this.#loadRawCard(true);

  #onRetryCardFields = () => {
    const mounted = this.#mounted;
    this.#unmountCardFields();
    if (mounted) this.#syncCardFields(mounted.tokenizer, this.#gateway);
  };

  #onSubmit = async (event: Event) => {
    event.preventDefault();
    const gateway = this.#gateway;
    const api = this.resolvedApi;
    // One save at a time: clicks, Enter and Space during a save do nothing (R1).
    if (this._busy || !gateway || !api) return;
    this.#setBusy(true);
    this._error = undefined;
    this._errorText = undefined;
    this._cardFieldsError = undefined;
    try {
      const type = this.#activeType(gateway);
      const entry = this.#cardEntry(gateway);
      if (type === 'card' && entry === 'raw' && !this.#rawCard.value) {
        // Its fields are still loading (or failed, with their own Retry): nothing to save yet.
        if (this.#rawCard.status === 'loading') this._errorText = msg('The card fields are still loading. Please wait a moment.');
        return;
      }
      const names = this.#fieldNames(type, entry);
      const firstInvalid = this.#fields.validate(names);
      let card: TokenizedCard | undefined;
      let cardFieldsInvalid = false;
      const tokenizer = this.#mounted?.tokenizer;
      if (type === 'card' && (entry === 'tokenizer' || entry === 'hosted')) {
        if (!tokenizer || this._cardFields !== 'ready') {
          // Still loading (or failed, with its own message and Retry): nothing to save yet.
          if (this._cardFields === 'mounting') this._errorText = msg('The card fields are still loading. Please wait a moment.');
          return;
        }
        try {
          card = await tokenizer.tokenize({ billingName: this.#fields.values.name.trim() || undefined });
        } catch (error) {
          cardFieldsInvalid = true;
          this._cardFieldsError =
            error instanceof TokenizerError && error.message ? error.message : msg('The card details could not be checked. Please try again.');
        }
      }
      if (cardFieldsInvalid) {
        await this.updateComplete;
        if (tokenizer?.focus) tokenizer.focus();
        else this.renderRoot.querySelector<HTMLElement>('.card-fields')?.focus();
        return;
      }
      if (firstInvalid) {
        await this.updateComplete;
        this.#fields.focus(firstInvalid);
        return;
      }
      const settled = await this.#save.start(this.#request(type, card));
      if (!settled) return;
      if (settled.state !== 'done') throw settled.error;
      const method = settled.result;
      this.#added = true;
      this.#fields.reset(emptyValues(this.#fields.values.country));
      this._announcement = msg(str`${methodName(method)} was added.`);
      await this.updateComplete;
      this.dispatchEvent(new AcctPaymentMethodChangeEvent({ change: 'added', paymentMethod: method }));
    } catch (error) {
      const e = toApiError(error);
      // Enabled before the error takes focus to it.
      this.#setBusy(false);
      await this.#showError(e);
    } finally {
      this.#setBusy(false);
    }
  };

  // ---- internals ----

  get #gateway(): GatewayInfo | undefined {
    return this.gateway ?? this.#gatewayTask.value?.gateway;
  }

  /** The new method will be the default: chosen, or the account's first. */
  get #makesDefault(): boolean {
    return this.setDefault || this.#isFirst;
  }

  get #isFirst(): boolean {
    return !this.#added && (this.firstMethod || this.#gatewayTask.value?.data.length === 0);
  }

  #supportedTypes(gateway: GatewayInfo): PaymentMethodType[] {
    return PAYMENT_METHOD_TYPES.filter((type) => gateway.supported_types.includes(type));
  }

  #activeType(gateway: GatewayInfo): PaymentMethodType | undefined {
    const types = this.#supportedTypes(gateway);
    return types.includes(this.type) ? this.type : types[0];
  }

  #cardEntry(gateway: GatewayInfo): CardEntry {
    if (this.cardTokenizer ?? this.settings?.cardTokenizer) return 'tokenizer';
    if ((this.allowRawCardData || this.settings?.allowRawCardData) && gateway.accepts_raw_card_data) return 'raw';
    if (hostedFieldsOrigin(gateway.hosted_fields_url)) return 'hosted';
    return 'none';
  }

  #tokenizerFor(gateway: GatewayInfo, entry: CardEntry): CardTokenizer | undefined {
    if (entry === 'tokenizer') return this.cardTokenizer ?? this.settings?.cardTokenizer;
    if (entry !== 'hosted') return undefined;
    const url = gateway.hosted_fields_url!;
    if (this.#hosted?.url !== url) this.#hosted = new HostedFieldsTokenizer(url);
    return this.#hosted;
  }

  /** The form shows the test gateway's own card fields. */
  get #showsRawCard(): boolean {
    const gateway = this.#gateway;
    return !!gateway && this.#activeType(gateway) === 'card' && this.#cardEntry(gateway) === 'raw';
  }

  /** Loads the test gateway's card fields; focus() meanwhile moves on to the card number once they are there. */
  #loadRawCard(retry = false) {
    void (retry ? this.#rawCard.retry() : this.#rawCard.request()).then(async (raw) => {
      if (!raw) return;
      await this.updateComplete;
      const waiting = this.#focusedWhileLoading;
      if (waiting && this.shadowRoot?.activeElement === waiting && !(waiting as HTMLInputElement).value) {
        this.#focusedWhileLoading = undefined;
        this.#fields.focus('number');
      }
    });
  }

  /** Mounts `tokenizer` into a light-DOM container (unmounting another one first). */
  #syncCardFields(tokenizer: CardTokenizer | undefined, gateway: GatewayInfo | undefined) {
    if (this.#mounted?.tokenizer === tokenizer) return;
    this.#unmountCardFields();
    if (!tokenizer || !gateway || !this.isConnected) return;
    const container = document.createElement('div');
    container.slot = 'card-fields';
    this.append(container);
    const mounted = (this.#mounted = { tokenizer, container });
    this._cardFields = 'mounting';
    Promise.resolve()
      .then(() => tokenizer.mount(container, { locale: this.resolvedLocale, gateway }))
      .then(
        () => {
          if (this.#mounted !== mounted) return;
          this._cardFields = 'ready';
          // Hand focus to the card number if it is still where focus() left it, untouched.
          const waiting = this.#focusedWhileLoading;
          this.#focusedWhileLoading = undefined;
          if (waiting && this.shadowRoot?.activeElement === waiting && !(waiting as HTMLInputElement).value) tokenizer.focus?.();
        },
        (error: unknown) => {
          if (this.#mounted !== mounted) return;
          this._cardFields = 'failed';
          this._cardFieldsError =
            error instanceof TokenizerError && error.message ? error.message : msg('The card fields could not be loaded.');
        },
      );
  }

  #unmountCardFields() {
    const mounted = this.#mounted;
    if (!mounted) return;
    this.#mounted = undefined;
    this._cardFields = 'idle';
    this._cardFieldsError = undefined;
    try {
      mounted.tokenizer.unmount();
    } catch (error) {
      console.error(error);
    }
    mounted.container.remove();
  }

  #fieldNames(type: PaymentMethodType | undefined, entry: CardEntry): FieldName[] {
    const own: readonly FieldName[] = type === 'bank_account' ? BANK_FIELDS : entry === 'raw' ? CARD_FIELDS : [];
    return [...own, ...ADDRESS_FIELDS];
  }

  #request(type: PaymentMethodType | undefined, card: TokenizedCard | undefined): NewPaymentMethod {
    const values = this.#fields.values;
    const common = { billing_address: toAddress(values), ...(this.#makesDefault ? { set_default: true } : {}) };
    if (type === 'bank_account') {
      return {
        type: 'bank_account',
        bank_account: {
          account_holder_name: values.holder.trim(),
          routing_number: digitsOnly(values.routing),
          account_number: digitsOnly(values.account),
          account_type: values.accountType as 'checking' | 'savings',
        },
        mandate_accepted: true,
        ...common,
      };
    }
    if (card) return { type: 'card', ...card, ...common };
    return { type: 'card', card: this.#rawCard.value!.rawCard(values), ...common };
  }

  /** Disabled and busy at once, before any rendering: a second click in the same frame finds it so. */
  #setBusy(busy: boolean) {
    this._busy = busy;
    const button = this.renderRoot.querySelector<HTMLButtonElement>('[part~="submit-button"]');
    if (!button) return;
    button.disabled = busy;
    button.setAttribute('aria-busy', String(busy));
  }

  async #showError(error: ApiError) {
    const values = this.#fields.values;
    const shown = new Set(this.#fieldNames(this.#gateway && this.#activeType(this.#gateway), this.#gateway ? this.#cardEntry(this.#gateway) : 'none'));
    const fieldErrors: Partial<Record<FieldName, string>> = {};
    for (const fieldError of error.fieldErrors) {
      const name = SERVER_FIELDS[fieldError.field];
      if (name && shown.has(name) && !fieldErrors[name]) fieldErrors[name] = serverFieldMessage(name, fieldError.code ?? undefined, values, this.#rawCard.value);
    }
    const code = error.problem?.code;
    if (code === 'incorrect_cvc' && shown.has('cvc')) fieldErrors.cvc = msg('The security code (CVC) is incorrect.');
    if (code === 'expired_card' && shown.has('expiry')) fieldErrors.expiry = msg('This card has expired.');
    const invalid = [...shown].filter((name) => fieldErrors[name]);
    if (invalid.length) {
      this.#fields.setErrors(fieldErrors);
      this._errorText = error.kind === 'declined' ? paymentErrorMessage(error) : msg('Some details were not accepted. Check the marked fields.');
    } else if (error.kind === 'unauthorized') {
      this._errorText = msg('Your session has expired. Sign in again, then save again: what you entered is still here.');
    } else {
      this._error = error;
      this._errorText = paymentErrorMessage(error);
    }
    await this.updateComplete;
    if (invalid.length) this.#fields.focus(invalid[0]);
    else this.renderRoot.querySelector<HTMLElement>('[part~="submit-button"]')?.focus();
  }

  // ---- render ----

  protected override render(): TemplateResult {
    if (this.configError) return renderConfigError(this.configError);
    const gateway = this.#gateway;
    if (!gateway) {
      if (this.#gatewayTask.failed) return renderError(this.#gatewayTask.error, this.#onRetryGateway);
      return html`<div part="base" class="loading" aria-busy="true">
        <span class="skeleton"></span><span class="skeleton"></span><span class="skeleton"></span>
        <span class="visually-hidden" role="status">${msg('Loading…')}</span>
      </div>`;
    }
    const types = this.#supportedTypes(gateway);
    const type = this.#activeType(gateway);
    if (!type) {
      return html`<p class="message" part="notice">${msg('Payment methods cannot be added to this account here.')}</p>`;
    }
    const entry = this.#cardEntry(gateway);
    const canSave = type === 'bank_account' || entry !== 'none';
    return html`<form part="base" novalidate aria-label=${type === 'card' ? msg('Add a card') : msg('Add a bank account')} @submit=${this.#onSubmit}>
      ${types.length > 1 ? this.#renderTypeChooser(type) : nothing}
      ${type === 'bank_account' ? this.#renderBank(gateway) : this.#renderCard(entry, types)}
      ${canSave ? html`${renderAddressFields(this.#fields, this.resolvedLocale)}${this.#renderDefault()}` : nothing}
      ${this._errorText
        ? html`<div class="message error" role="alert" part="error">
            <p>${this._errorText}</p>
            ${this._error?.requestId ? html`<p class="muted"><small>${msg(str`Reference: ${this._error.requestId}`)}</small></p>` : nothing}
          </div>`
        : nothing}
      <div class="actions">
        ${canSave
          ? html`<button type="submit" class="button primary" part="submit-button" ?disabled=${this._busy} aria-busy=${String(this._busy)}>
              ${this._busy ? msg('Saving…') : this.submitLabel || (type === 'card' ? msg('Save card') : msg('Save bank account'))}
            </button>`
          : nothing}
        ${this.cancelable
          ? html`<button type="button" class="button" part="cancel-button" @click=${this.#onCancel}>${msg('Cancel')}</button>`
          : nothing}
      </div>
      <div role="status" class="visually-hidden">${this._announcement}</div>
    </form>`;
  }

  #renderDefault() {
    const first = this.#isFirst;
    return html`<div class="field checkbox" part="default">
      <input
        id="pmf-default"
        name="default"
        type="checkbox"
        .checked=${live(this.#makesDefault)}
        ?disabled=${first}
        aria-describedby=${first ? 'pmf-default-note' : nothing}
        @change=${(event: Event) => (this.setDefault = (event.target as HTMLInputElement).checked)}
      />
      <label for="pmf-default">${msg('Make this my default payment method')}</label>
      ${first ? html`<p class="hint" id="pmf-default-note">${msg('Your first payment method is always your default.')}</p>` : nothing}
    </div>`;
  }

  #renderTypeChooser(type: PaymentMethodType) {
    const labels: Record<PaymentMethodType, string> = { card: msg('Card'), bank_account: msg('Bank account') };
    return html`<fieldset part="type-chooser" class="type-chooser">
      <legend>${msg('Payment method type')}</legend>
      <div class="choices">
        ${PAYMENT_METHOD_TYPES.map(
          (value) =>
            html`<label class="choice"
              ><input type="radio" name="type" .value=${value} .checked=${live(type === value)} @change=${this.#onTypeChange} />${labels[value]}</label
            >`,
        )}
      </div>
    </fieldset>`;
  }

  #renderCard(entry: CardEntry, types: PaymentMethodType[]) {
    if (entry === 'none') {
      return html`<p class="message" part="notice">
        ${types.includes('bank_account')
          ? msg('Card entry is not set up on this page, so cards cannot be added here. You can add a bank account instead.')
          : msg('Card entry is not set up on this page, so cards cannot be added here.')}
      </p>`;
    }
    if (entry === 'raw') {
      const raw = this.#rawCard;
      return raw.value
        ? raw.value.renderRawCard(this.#fields)
        : html`<fieldset part="card">
            <legend>${msg('Card details')}</legend>
            ${renderLazyStatus(raw.status, this.#onRetryRawCard)}
          </fieldset>`;
    }
    const failed = this._cardFields === 'failed';
    const error = this._cardFieldsError;
    return html`<fieldset part="card">
      <legend>${msg('Card details')}</legend>
      <div class="card-fields" part="card-fields" tabindex="-1" aria-describedby=${error && !failed ? 'pmf-card-error' : nothing}>
        <slot name="card-fields"></slot>
      </div>
      ${this._cardFields === 'mounting' ? html`<p class="muted" role="status">${msg('Loading card fields…')}</p>` : nothing}
      ${failed
        ? html`<div class="message error" role="alert">
            <p>${error}</p>
            <button type="button" class="button" @click=${this.#onRetryCardFields}>${msg('Retry')}</button>
          </div>`
        : error
          ? html`<p class="field-error" id="pmf-card-error" role="alert">${error}</p>`
          : nothing}
    </fieldset>`;
  }

  #renderBank(gateway: GatewayInfo) {
    const f = this.#fields;
    const mandate =
      gateway.mandate_text ||
      msg('By adding this bank account, you authorise us to debit it for the amounts you owe, until you remove it.');
    return html`<fieldset part="bank">
      <legend>${msg('Bank account details')}</legend>
      ${f.input('holder', { label: msg('Account holder name'), required: true, autocomplete: 'name', maxlength: 200 })}
      <div class="row">
        ${f.input('routing', { label: msg('Routing number'), hint: msg('9 digits'), required: true, inputmode: 'numeric', autocomplete: 'off', maxlength: 11 })}
        ${f.input('account', { label: msg('Account number'), required: true, inputmode: 'numeric', autocomplete: 'off', maxlength: 20 })}
      </div>
      ${f.select('accountType', { label: msg('Account type'), required: true }, [
        ['checking', msg('Checking')],
        ['savings', msg('Savings')],
      ])}
      <p class="mandate" part="mandate" id="pmf-mandate-text">${mandate}</p>
      ${f.checkbox('mandate', { label: msg('I accept this debit authorisation'), required: true, describedBy: 'pmf-mandate-text' })}
    </fieldset>`;
  }
}

import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { localized, msg, str } from '@lit/localize';
import { AcctElement } from '../../core/base-element.js';
import { ApiTask } from '../../core/api-task.js';
import { baseStyles } from '../../core/styles.js';
import { formStyles } from '../../core/form-styles.js';
import { messageForError, renderConfigError, renderError } from '../../core/error-view.js';
import { paymentErrorMessage } from '../../core/payment-errors.js';
import { cardExpiryLine, cardExpiryStatus, formatAddress, paymentMethodLabel } from '../../core/payment-method-display.js';
import { LazyModule, renderLazyStatus } from '../../core/lazy-module.js';
import { LightDomChild } from '../../core/light-dom-child.js';
import { safeContactUrl } from '../../core/safe-url.js';
import { WriteIntent } from '../../core/write-intent.js';
import { ApiError, toApiError } from '../../api/errors.js';
import type { ResourceName } from '../../api/account-api.js';
import type { CardTokenizer } from '../../api/tokenizer.js';
import type { License, LicenseOrder, LicenseQuote, NewLicenseOrder } from '../../api/schemas/license.js';
import type { PaymentMethod } from '../../api/schemas/payment-method.js';
import { AcctErrorEvent, type AcctPaymentMethodChangeEvent } from '../../events/index.js';
import { AcctLicenseOrderEvent, AcctLicenseProvisionedEvent, AcctLicenseQuoteEvent } from '../../events/license-events.js';
import type { AcctPaymentMethodForm } from '../payment-method-form/payment-method-form.js';
import { paymentMethodFormLoader, registeredPaymentMethodForm } from '../payment-method-form/lazy.js';
import type { ProvisioningPoll } from './provisioning-poll.js';
import { orderOutcomeLoader, type OrderOutcome } from './outcome-loader.js';
import { QuoteController } from './quote-controller.js';
import { periodText, renderQuote } from './purchase-views.js';
import { licensePurchaseStyles } from './license-purchase.styles.js';

const PURCHASE_CAPABILITY = 'licenses:purchase';
/** A quantity without a maximum is still bounded (the contract's integer range). */
const NO_MAXIMUM = 100_000;
const INVOICE = 'invoice';

type Ready = {
  kind: 'form';
  license: License;
  /** How many more may be bought. */
  max: number;
  methods: PaymentMethod[];
  invoiceAllowed: boolean;
  provisioningMinutes: number;
  contact?: string;
};

type View =
  | { kind: 'unconfigured'; problem: string }
  | { kind: 'loading' }
  | { kind: 'error'; error: unknown }
  | { kind: 'unavailable'; reason: 'not-licensed' | 'not-self-service' | 'readonly' | 'at-maximum'; license?: License; contact?: string }
  | Ready
  | { kind: 'confirmation'; order: LicenseOrder; provisioningMinutes: number; alreadyOrdered: boolean };

const STATES = ['unconfigured', 'loading', 'error', 'unavailable', 'form', 'quoting', 'ordering', 'checking', 'unknown', 'session-expired', 'confirmation', 'provisioned'] as const;

/**
 * Buys more licenses of one product (`product-id`): the quantity (a stepper, or typed; the
 * product's maximum applies), the **server's quote** for it — fetched once the quantity settles
 * (`quote-delay` ms), the previous request aborted — with the prorated months to the renewal, every
 * amount and what the next invoice adds; then the payment (a saved method with its billing address,
 * a new one added without leaving, or "Invoice me" where the account's terms allow it), the
 * acknowledgement "I am authorized to make purchases on behalf of my organization", and **Place
 * order**. The element never computes a price.
 *
 * Place order is one intent with one Idempotency-Key (the write-intent controller): a burst of
 * presses orders once; an answer that never came keeps the order as it was and offers "Check
 * again" (the same key: the server answers with the order it made, or makes it once); an expired
 * session keeps everything and sends the same order after signing in again. An order consumes its
 * quote, so a second tab ordering the same quote gets that order shown, not a second one; an
 * expired quote brings the new price, which the customer reviews before ordering again.
 *
 * The confirmation shows the order number, what was charged or invoiced, "Download sales order"
 * and the provisioning status, asked again every `status-poll-interval` ms until the licenses are
 * ready. Every element showing licenses, the balance, invoices, payments or transactions refreshes
 * after the order (invalidation). What is not self-service says so, with the account manager's
 * contact (`contact-url`, else the account's `contact_url`).
 *
 * @summary Buy more licenses: quantity, the server's prorated quote, payment, acknowledgement, Place order once, live provisioning.
 *
 * @slot payment-method-form - Filled by the element itself while a payment method is being added: its `acct-payment-method-form`.
 *
 * @csspart base - The element's root container.
 * @csspart heading - The heading of the form, and of the confirmation.
 * @csspart current - The line with the licenses in use now.
 * @csspart quantity - The quantity field (the stepper's input).
 * @csspart decrement-button - The stepper's minus button.
 * @csspart increment-button - The stepper's plus button.
 * @csspart field-error - A field's error message.
 * @csspart quote - The quote: amounts, prorated period, next invoice.
 * @csspart due-today - The amount due today inside the quote.
 * @csspart quote-status - The line saying a quote is being prepared or could not be made.
 * @csspart methods - The payment choices (saved methods, "Invoice me").
 * @csspart method - One payment choice.
 * @csspart billing-address - The billing address of the chosen method.
 * @csspart add-method-button - "Add a payment method".
 * @csspart add-method - The box around the add form (the form itself is in light DOM: style it directly).
 * @csspart acknowledgement - The authorization checkbox and its label.
 * @csspart order-button - "Place order".
 * @csspart check-again-button - "Check again", when the order's outcome is unknown.
 * @csspart message - A message about the order (price changed, unknown outcome, refusal).
 * @csspart confirmation - The confirmation after the order.
 * @csspart order-number - The order number line.
 * @csspart sales-order-link - "Download sales order".
 * @csspart provisioning - The provisioning status line.
 * @csspart provisioning-status - Its badge.
 * @csspart unavailable - The explanation when these licenses cannot be bought here.
 * @csspart contact-link - The account manager's contact link.
 * @csspart error - A load error, or the missing-configuration message.
 * @csspart retry-button - The Retry button inside a load error.
 *
 * @cssprop [--acct-license-purchase-quote-background=var(--acct-color-surface-alt, light-dark(#f6f8fa, #1d2127))] - Background of the quote.
 *
 * @cssstate loading - The licenses, the account or the payment methods are loading; or the confirmation's details.
 * @cssstate form - The purchase form is shown.
 * @cssstate quoting - A quote is being asked for (the quantity changed).
 * @cssstate ordering - Place order was pressed and the server has not answered.
 * @cssstate checking - The order takes long, or is being retried with its key.
 * @cssstate unknown - The order's outcome is unknown; "Check again" sends the same order.
 * @cssstate session-expired - The session expired before the order ran; it is kept.
 * @cssstate confirmation - The order was placed.
 * @cssstate provisioned - The ordered licenses are ready.
 * @cssstate unavailable - These licenses cannot be bought here (not self-service, no license, no capability, at the maximum).
 * @cssstate error - Loading failed.
 * @cssstate unconfigured - The element has no API connection.
 *
 * @fires {AcctLicenseQuoteEvent} acct-license-quote - The server quoted the quantity shown: `detail.quote`.
 * @fires {AcctLicenseOrderEvent} acct-license-order - The order was placed: `detail.order`.
 * @fires {AcctLicenseProvisionedEvent} acct-license-provisioned - The ordered licenses are ready: `detail.order`.
 * @fires {AcctErrorEvent} acct-error - Loading failed, or the order was refused.
 */
@localized()
export class AcctLicensePurchase extends AcctElement {
  static override styles = [baseStyles, formStyles, licensePurchaseStyles];
  protected static override resources: readonly ResourceName[] = ['licenses', 'account', 'payment-methods'];

  /** The product to buy more of (a `product_id` of `GET /licenses`); default: the first self-service license. */
  @property({ attribute: 'product-id' }) productId?: string;

  /** How long (ms) the quantity must stay unchanged before it is quoted. */
  @property({ attribute: 'quote-delay', type: Number }) quoteDelay = 400;

  /** How often (ms) the confirmation asks whether the licenses are ready. */
  @property({ attribute: 'status-poll-interval', type: Number }) statusPollInterval = 3000;

  /** Level of the headings (1-6). */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;

  /** The account manager's contact link; wins over the account's `contact_url`. */
  @property({ attribute: 'contact-url' }) contactUrl?: string;

  /** A card tokenizer for the add form of this element alone; by default the provider's. */
  @property({ attribute: false }) cardTokenizer?: CardTokenizer;

  /** Allow the add form's test-gateway card entry (test setups only; see acct-payment-method-form). */
  @property({ type: Boolean, attribute: 'allow-raw-card-data' }) allowRawCardData = false;

  /** What the quantity field holds, as typed. @internal */
  @state() private _quantityText = '1';
  /** The quantity's error, shown once the customer has left the field or pressed Place order. @internal */
  @state() private _quantityError?: string;
  /** The chosen payment: a method id, or `invoice`. @internal */
  @state() private _payment?: string;
  @state() private _acknowledged = false;
  @state() private _ackError = false;
  @state() private _paymentError = false;
  /** A refusal or a changed price to explain above Place order. @internal */
  @state() private _message?: { tone: 'error' | 'warning'; text: string };
  /** The order being shown (placed here, or found when the quote was already ordered). @internal */
  @state() private _order?: { order: LicenseOrder; alreadyOrdered: boolean };
  @state() private _adding = false;

  #reported = new WeakSet<object>();
  #focusNext?: string;
  #startedFor?: string;

  #licenses = new ApiTask(this, { load: (api, options) => api.listLicenses(options) });
  #account = new ApiTask(this, { load: (api, options) => api.getAccount(options) });
  #methods = new ApiTask(this, {
    args: () => [this.#account.value?.capabilities.includes(PURCHASE_CAPABILITY) ?? false] as const,
    // Only buyers see methods; a read-only token may not be allowed to list them.
    load: async (api, options, [buyer]) => (buyer ? api.listPaymentMethods(options) : undefined),
  });

  #quotes = new QuoteController(this, (quote) => this.dispatchEvent(new AcctLicenseQuoteEvent({ quote })));

  /** Place order: one key and the same bytes on every send, until the server decides. */
  #placing = new WriteIntent<NewLicenseOrder, LicenseOrder>(this, {
    hold: 'disabled',
    send: (body, options) => {
      const api = this.resolvedApi;
      return api ? api.createLicenseOrder(body, options) : Promise.reject(new ApiError('config', 'No AccountApi'));
    },
  });

  /** The confirmation's code: asked for with the acknowledgement and with Place order, not in the first download. */
  #outcome = new LazyModule<OrderOutcome>(this, () => orderOutcomeLoader.load(), () => orderOutcomeLoader.loaded);
  /** Follows the shown order until its licenses are ready (made with the confirmation's code). */
  #provisioning?: ProvisioningPoll;

  #formCode = new LazyModule(this, () => paymentMethodFormLoader.load(), registeredPaymentMethodForm);
  #form = new LightDomChild<AcctPaymentMethodForm>(this, 'payment-method-form', () => {
    const form = this.#formCode.value!();
    form.addEventListener('acct-payment-method-change', this.#onMethodAdded);
    form.addEventListener('acct-cancel', this.#onAddCancelled);
    return form;
  });

  // ---- lifecycle ----

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('productId') && this.hasUpdated && !this.#placing.open) this.#startOver();
    const view = this.#view();
    // The first quote, for one more license, as soon as the form can show it.
    if (view.kind === 'form' && this.#startedFor !== view.license.product_id) {
      this.#startedFor = view.license.product_id;
      this.#quantityChanged(0);
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const view = this.#view();
    const placing = this.#placing.state;
    const on = new Set<string>([view.kind]);
    if (view.kind === 'form') {
      if (this.#quotes.pending) on.add('quoting');
      if (placing === 'running' || placing === 'checking') on.add('ordering');
      if (placing === 'checking' || placing === 'unknown' || placing === 'session-expired') on.add(placing);
    }
    if (view.kind === 'confirmation' && view.order.status === 'provisioned') on.add('provisioned');
    if (view.kind === 'confirmation' && this.#outcome.status === 'loading') on.add('loading');
    if (view.kind === 'loading' || (view.kind === 'form' && (this.#licenses.pending || this.#methods.pending || this.#formCode.status === 'loading'))) on.add('loading');
    for (const name of STATES) this.setCustomState(name, on.has(name));
    if (this.#focusNext) {
      const selector = this.#focusNext;
      this.#focusNext = undefined;
      this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
    }
    const errors = [this.#licenses, this.#account, this.#methods].map((task) => (task.failed ? task.error : undefined));
    errors.push(this.#placing.state === 'failed' ? this.#placing.error : undefined);
    for (const error of errors) {
      if (!error || typeof error !== 'object' || this.#reported.has(error)) continue;
      this.#reported.add(error);
      this.dispatchEvent(new AcctErrorEvent({ error: toApiError(error) }));
    }
  }

  // ---- public methods ----

  /** Reloads the licenses, the account and the payment methods (the quote stays until the quantity changes). */
  refresh(): void {
    this.#licenses.reload();
    this.#account.reload();
    this.#methods.reload();
  }

  // ---- handlers ----

  #onRetry = (): void => {
    for (const task of [this.#licenses, this.#account, this.#methods]) if (task.failed) task.reload();
  };

  #onQuantityInput = (event: Event): void => {
    this._quantityText = (event.target as HTMLInputElement).value;
    this._quantityError = undefined;
    this._message = undefined;
    this.#quantityChanged(this.quoteDelay);
  };

  #onQuantityBlur = (): void => {
    this._quantityError = this.#quantityProblem();
  };

  #onStep(delta: number): void {
    const view = this.#view();
    if (view.kind !== 'form' || this.#placing.open) return;
    const current = this.#quantity() ?? 0;
    const next = Math.min(view.max, Math.max(1, current + delta));
    this._quantityText = String(next);
    this._quantityError = undefined;
    this._message = undefined;
    this.#quantityChanged(this.quoteDelay);
  }

  #onPaymentChange = (event: Event): void => {
    this._payment = (event.target as HTMLInputElement).value;
    this._paymentError = false;
  };

  #onAckChange = (event: Event): void => {
    this._acknowledged = (event.target as HTMLInputElement).checked;
    if (this._acknowledged) {
      this._ackError = false;
      // The order is near: its confirmation's code comes while the customer reviews.
      void this.#outcome.request();
    }
  };

  #onAddMethod = (): void => {
    this._adding = true;
    void this.#formCode.request().then((create) => {
      if (!create || !this._adding) return;
      this.#form.focusNext = true;
      this.requestUpdate();
    });
  };

  #onRetryForm = (): void => {
    void this.#formCode.retry();
  };

  #onMethodAdded = (event: AcctPaymentMethodChangeEvent): void => {
    if (event.detail.change !== 'added') return;
    this._adding = false;
    this._payment = event.detail.paymentMethod.id;
    this._paymentError = false;
    this.#methods.reload();
    this.#focusNext = '[part~="methods"] input:checked';
  };

  #onAddCancelled = (event: Event): void => {
    event.stopPropagation();
    this._adding = false;
    this.#focusNext = '[part~="add-method-button"]';
  };

  #onSubmit = (event: Event): void => {
    event.preventDefault();
    void this.#placeOrder((event as SubmitEvent).submitter ?? this.renderRoot.querySelector('[part~="order-button"]'));
  };

  #onCheckAgain = (event: Event): void => {
    const sending = this.#placing.resend(event.currentTarget as Element);
    if (sending) void sending.then(() => this.#afterOrder());
  };

  // ---- internals ----

  #startOver(): void {
    this.#placing.reset(true);
    this.#provisioning?.stop();
    this._order = undefined;
    this._quantityText = '1';
    this._quantityError = undefined;
    this._message = undefined;
    this._acknowledged = false;
    this._ackError = false;
    this._adding = false;
    this.#startedFor = undefined;
  }

  /** The quantity typed, when it is a whole number within the product's limits. */
  #quantity(): number | undefined {
    const text = this._quantityText.trim();
    if (!/^\d{1,7}$/.test(text)) return undefined;
    const value = Number(text);
    const view = this.#view();
    return view.kind === 'form' && value >= 1 && value <= view.max ? value : undefined;
  }

  #quantityProblem(): string | undefined {
    const view = this.#view();
    if (view.kind !== 'form' || this.#quantity() !== undefined) return undefined;
    return msg(str`Enter a whole number from 1 to ${view.max}.`);
  }

  #quantityChanged(delay: number): void {
    const view = this.#view();
    if (view.kind !== 'form') return;
    this.#quotes.request(this.resolvedApi, view.license.product_id, this.#quantity(), delay);
  }

  /** The chosen payment: the one picked, else the default usable method, else the first usable one. */
  #chosenPayment(view: Ready): string | undefined {
    const usable = view.methods.filter((m) => !m.card || cardExpiryStatus(m.card) !== 'expired');
    if (this._payment === INVOICE && view.invoiceAllowed) return INVOICE;
    if (this._payment && usable.some((m) => m.id === this._payment)) return this._payment;
    return (usable.find((m) => m.is_default) ?? usable[0])?.id ?? (view.invoiceAllowed ? INVOICE : undefined);
  }

  async #placeOrder(pressed: Element | null): Promise<void> {
    const view = this.#view();
    if (view.kind !== 'form' || this.#placing.busy) return;
    // An open intent (unknown outcome, expired session) is sent again as it was.
    if (this.#placing.open) {
      const sending = this.#placing.resend(pressed);
      if (sending) await sending.then(() => this.#afterOrder());
      return;
    }
    const quantity = this.#quantity();
    const quote = this.#quotes.quote;
    const payment = this.#chosenPayment(view);
    this._quantityError = this.#quantityProblem();
    this._ackError = !this._acknowledged;
    this._paymentError = !payment;
    if (this._quantityError) return void (this.#focusNext = '#quantity');
    if (!quote || quote.additional_quantity !== quantity || this.#quotes.pending) {
      this._message = { tone: 'warning', text: msg('The price for this quantity is not ready yet. Wait for it, then place the order.') };
      return;
    }
    if (this._paymentError) return void (this.#focusNext = '[part~="add-method-button"]');
    if (this._ackError) return void (this.#focusNext = '#acknowledge');
    this._message = undefined;
    void this.#outcome.request();
    const body: NewLicenseOrder = {
      quote_id: quote.id,
      authorization_acknowledged: true,
      payment: payment === INVOICE ? { type: 'invoice' } : { type: 'payment_method', payment_method_id: payment! },
    };
    const sending = this.#placing.start(body, pressed);
    if (sending) await sending.then(() => this.#afterOrder());
  }

  /** What the order's answer means for the page. */
  async #afterOrder(): Promise<void> {
    const state = this.#placing.state;
    const api = this.resolvedApi;
    if (state === 'done' && this.#placing.result) {
      this.#showOrder(this.#placing.result, false);
      this.dispatchEvent(new AcctLicenseOrderEvent({ order: this.#placing.result }));
      return;
    }
    const error = this.#placing.error;
    if (state !== 'failed' || !error) return;
    const problem = error.problem;
    if (problem?.code === 'quote_already_ordered' && typeof problem.order_id === 'string' && api) {
      // Another tab (or an earlier press) ordered this quote: show that order, never a second one.
      try {
        this.#showOrder(await api.getOrder(problem.order_id, { fresh: true }), true);
      } catch (e) {
        this._message = { tone: 'error', text: msg('This quote was already ordered. See your orders for it.') };
        this.#reported.add(e as object);
      }
      return;
    }
    if (problem?.code === 'quote_expired' && problem.quote && typeof problem.quote === 'object') {
      this.#placing.reset();
      this.#quotes.adopt(problem.quote as LicenseQuote);
      this._quantityText = String((problem.quote as LicenseQuote).additional_quantity);
      this._message = { tone: 'warning', text: msg('The quote expired and the price was quoted again. Review the new total, then place the order.') };
      this.#focusNext = '[part~="message"]';
      return;
    }
    this._message = { tone: 'error', text: this.#refusalText(error) };
    this.#focusNext = '[part~="message"]';
  }

  #showOrder(order: LicenseOrder, alreadyOrdered: boolean): void {
    this._order = { order, alreadyOrdered };
    this.#focusNext = '[part~="confirmation"] [part~="heading"]';
    void this.#followOrder();
  }

  /** Follows the order shown until it is provisioned, once the confirmation's code is here (loaded again after a failure). */
  async #followOrder(): Promise<void> {
    const code = await this.#outcome.retry();
    const shown = this._order?.order;
    const api = this.resolvedApi;
    if (!code || !shown || !api) return;
    this.#provisioning ??= new code.ProvisioningPoll(this, () => this.statusPollInterval, (order) => {
      this.dispatchEvent(new AcctLicenseProvisionedEvent({ order }));
    });
    if (this.#provisioning.order?.id !== shown.id) this.#provisioning.follow(api, shown);
  }

  #onRetryOutcome = (): void => {
    void this.#followOrder();
  };

  #refusalText(error: ApiError): string {
    switch (error.problem?.code) {
      case 'quantity_not_positive':
        return msg('Choose at least one more license.');
      case 'license_decrease_not_self_service':
        return msg('Licenses cannot be removed here. Your account manager can change the contract.');
      case 'quantity_above_maximum':
        return msg('That is more than the plan allows. Choose fewer licenses, or ask your account manager.');
      case 'product_not_self_service':
      case 'product_not_licensed':
        return msg('These licenses are sold by your account manager.');
      case 'quote_not_found':
        return msg('This quote is no longer valid. Change the quantity to get a new one.');
      case 'authorization_required':
        return msg('Confirm that you are authorized to make purchases on behalf of your organization.');
      case 'invoice_payment_not_allowed':
        return msg('This account cannot be invoiced for licenses. Choose a payment method.');
      default:
        return error.kind === 'declined' || error.problem?.code === 'payment_method_not_found' ? paymentErrorMessage(error) : messageForError(error);
    }
  }

  #view(): View {
    const problem = this.configError;
    if (problem) return { kind: 'unconfigured', problem };
    if (!this.resolvedApi) return { kind: 'loading' };
    if (this._order) {
      const minutes = this.#licenses.value?.ordering.provisioning_minutes ?? 0;
      const { order, alreadyOrdered } = this._order;
      const latest = this.#provisioning?.order;
      return { kind: 'confirmation', order: latest?.id === order.id ? latest : order, provisioningMinutes: minutes, alreadyOrdered };
    }
    for (const task of [this.#licenses, this.#account]) if (task.failed) return { kind: 'error', error: task.error };
    const overview = this.#licenses.value;
    const account = this.#account.value;
    if (!overview || !account) return { kind: 'loading' };
    const contact = safeContactUrl(this.contactUrl) ?? safeContactUrl(account.contact_url);
    const license = this.productId
      ? overview.licenses.find((l) => l.product_id === this.productId)
      : (overview.licenses.find((l) => l.self_service) ?? overview.licenses[0]);
    if (!license || !overview.term) return { kind: 'unavailable', reason: 'not-licensed', contact };
    if (!license.self_service) return { kind: 'unavailable', reason: 'not-self-service', license, contact };
    if (!account.capabilities.includes(PURCHASE_CAPABILITY)) return { kind: 'unavailable', reason: 'readonly', license, contact };
    const max = license.max_quantity === null ? NO_MAXIMUM : license.max_quantity - license.quantity - license.pending_quantity;
    if (max < 1) return { kind: 'unavailable', reason: 'at-maximum', license, contact };
    if (this.#methods.failed) return { kind: 'error', error: this.#methods.error };
    const methods = this.#methods.value;
    if (!methods) return { kind: 'loading' };
    return {
      kind: 'form',
      license,
      max,
      methods: methods.data,
      invoiceAllowed: overview.ordering.invoice_allowed,
      provisioningMinutes: overview.ordering.provisioning_minutes,
      contact,
    };
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
          <p class="visually-hidden" role="status">${msg('Loading…')}</p>
          <div class="skeleton-row" aria-hidden="true"><span class="skeleton"></span><span class="skeleton"></span></div>
        </div>`;
      case 'unavailable':
        return this.#renderUnavailable(view);
      case 'confirmation':
        return html`<div part="base">
          ${view.alreadyOrdered
            ? html`<p class="message" part="message">${msg('This quote had already been ordered (in another tab, or by an earlier press). Here is that order; nothing was ordered twice.')}</p>`
            : nothing}
          ${this.#renderConfirmation(view)}
          <p class="visually-hidden" role="status">${view.order.status === 'provisioned' ? msg('Your new licenses are ready to use.') : ''}</p>
        </div>`;
      case 'form':
        return this.#renderForm(view);
    }
  }

  /** The heading and the order number at once; the rest with the confirmation's code (busy meanwhile, Retry if it failed to load). */
  #renderConfirmation({ order, provisioningMinutes }: Extract<View, { kind: 'confirmation' }>): TemplateResult {
    const code = this.#outcome.status === 'ready' ? this.#outcome.value : undefined;
    return html`<div part="confirmation" class="confirmation">
      <div role="heading" aria-level=${this.#level()} id="confirmation-heading" class="heading" tabindex="-1" part="heading">
        ${msg('Order placed')}
      </div>
      <p part="order-number">${msg('Order number')}: <strong><bdi>${order.number}</bdi></strong></p>
      ${code ? code.renderOrderDetails(order, provisioningMinutes, this.resolvedLocale, periodText) : renderLazyStatus(this.#outcome.status, this.#onRetryOutcome)}
    </div>`;
  }

  #renderUnavailable(view: Extract<View, { kind: 'unavailable' }>): TemplateResult {
    const text =
      view.reason === 'readonly'
        ? msg('You can see the licenses, but not buy more. Ask an account administrator.')
        : view.reason === 'at-maximum'
          ? msg('This license is at its plan’s maximum. Your account manager can change the contract.')
          : view.reason === 'not-self-service'
            ? msg('More of this product is sold by your account manager.')
            : msg('This account has no license of this product to add to. Your account manager can sell it.');
    return html`<div part="base">
      <p part="unavailable" class="message">${view.license ? html`<strong><bdi>${view.license.product_name}</bdi></strong> ` : nothing}${text}</p>
      ${view.contact && view.reason !== 'readonly'
        ? html`<p><a class="link" part="contact-link" href=${view.contact}>${msg('Contact your account manager')}</a></p>`
        : nothing}
    </div>`;
  }

  #renderForm(view: Ready): TemplateResult {
    const { license } = view;
    const locked = this.#placing.open;
    const quote = this.#quotes.quote;
    const quantity = this.#quantity();
    const quoteShown = quote && quote.additional_quantity === quantity ? quote : undefined;
    const payment = this.#chosenPayment(view);
    const state = this.#placing.state;
    const busy = this.#placing.busy;
    return html`<div part="base">
      <form @submit=${this.#onSubmit} novalidate aria-labelledby="purchase-heading">
        <div role="heading" aria-level=${this.#level()} id="purchase-heading" class="heading" part="heading">
          <bdi>${msg(str`Buy more ${license.product_name}`)}</bdi>
        </div>
        <p part="current" class="muted">
          <bdi>${license.plan_name}</bdi> · ${msg(str`${license.quantity} in use`)}${license.pending_quantity
            ? html` · ${msg(str`${license.pending_quantity} being set up`)}`
            : nothing}
        </p>

        <div class="field">
          <label for="quantity">${msg('Additional licenses')}</label>
          <span class="hint muted" id="quantity-hint">${msg(str`From 1 to ${view.max}`)}</span>
          <div class="stepper">
            <button type="button" class="button" part="decrement-button" aria-label=${msg('One fewer')} aria-controls="quantity"
              ?disabled=${locked || (quantity ?? 0) <= 1} @click=${() => this.#onStep(-1)}>−</button>
            <input
              id="quantity"
              part="quantity"
              class="control"
              type="number"
              dir="ltr"
              inputmode="numeric"
              min="1"
              max=${view.max}
              step="1"
              required
              .value=${live(this._quantityText)}
              ?disabled=${locked}
              aria-invalid=${this._quantityError ? 'true' : 'false'}
              aria-describedby=${this._quantityError ? 'quantity-hint quantity-error' : 'quantity-hint'}
              @input=${this.#onQuantityInput}
              @blur=${this.#onQuantityBlur}
            />
            <button type="button" class="button" part="increment-button" aria-label=${msg('One more')} aria-controls="quantity"
              ?disabled=${locked || (quantity ?? 0) >= view.max} @click=${() => this.#onStep(1)}>+</button>
          </div>
          ${this._quantityError ? html`<p id="quantity-error" class="field-error" part="field-error">${this._quantityError}</p>` : nothing}
        </div>

        <div aria-live="polite">${this.#renderQuoteArea(quoteShown, quantity)}</div>

        ${this.#renderPayment(view, payment, locked)}

        <div class="ack" part="acknowledgement">
          <input id="acknowledge" type="checkbox" .checked=${live(this._acknowledged)} ?disabled=${locked}
            aria-invalid=${this._ackError ? 'true' : 'false'} aria-describedby=${this._ackError ? 'ack-error' : nothing}
            @change=${this.#onAckChange} />
          <label for="acknowledge">${msg('I am authorized to make purchases on behalf of my organization.')}</label>
        </div>
        ${this._ackError
          ? html`<p id="ack-error" class="field-error" part="field-error">${msg('Confirm that you are authorized to make this purchase.')}</p>`
          : nothing}

        ${this.#renderOrderMessage(state)}

        <div class="actions">
          <button type="submit" class="button primary" part="order-button" aria-busy=${busy ? 'true' : 'false'} ?disabled=${busy}>
            ${busy ? msg('Placing order…') : state === 'session-expired' ? msg('Place order again') : msg('Place order')}
          </button>
          ${state === 'unknown'
            ? html`<button type="button" class="button" part="check-again-button" @click=${this.#onCheckAgain}>${msg('Check again')}</button>`
            : nothing}
        </div>
        ${view.contact
          ? html`<p class="muted small">
              ${msg('Fewer licenses or another plan: your account manager can change the contract.')}
              <a class="link" part="contact-link" href=${view.contact}>${msg('Contact your account manager')}</a>
            </p>`
          : nothing}
      </form>
      <p class="visually-hidden" role="status">${busy ? msg('Placing order…') : ''}</p>
    </div>`;
  }

  #renderQuoteArea(quote: LicenseQuote | undefined, quantity: number | undefined): TemplateResult | typeof nothing {
    const error = this.#quotes.error;
    if (quantity === undefined) return nothing;
    if (error) {
      return html`<p part="quote-status" class="message error" role="alert">${this.#refusalText(error)}
        <button type="button" class="button" part="retry-button" @click=${() => this.#quantityChanged(0)}>${msg('Retry')}</button></p>`;
    }
    if (quote) return renderQuote(quote, this.resolvedLocale, this.#quotes.pending);
    return html`<p part="quote-status" class="muted">${msg('Getting the price…')}</p>`;
  }

  #renderPayment(view: Ready, chosen: string | undefined, locked: boolean): TemplateResult {
    const locale = this.resolvedLocale;
    const method = view.methods.find((m) => m.id === chosen);
    const gateway = this.#methods.value?.gateway;
    if (this._adding && this.#formCode.status === 'ready') {
      this.#form.show({
        api: this.resolvedApi,
        gateway,
        cancelable: true,
        firstMethod: view.methods.length === 0,
        locale: this.locale,
        cardTokenizer: this.cardTokenizer,
        allowRawCardData: this.allowRawCardData,
      });
    }
    return html`<fieldset part="methods" aria-describedby=${this._paymentError ? 'payment-error' : nothing}>
        <legend>${msg('Payment')}</legend>
        ${view.methods.map((m) => {
          const expired = !!m.card && cardExpiryStatus(m.card) === 'expired';
          return html`<label part="method" class=${m.id === chosen ? 'method selected' : 'method'}>
            <input type="radio" name="payment" .value=${m.id} .checked=${live(m.id === chosen)} ?disabled=${locked || expired} @change=${this.#onPaymentChange} />
            <span class="method-text">
              <bdi>${paymentMethodLabel(m)}</bdi>
              ${m.card ? html`<span class="muted">${cardExpiryLine(m.card, expired)}</span>` : nothing}
            </span>
            ${m.is_default ? html`<span class="badge info">${msg('Default')}</span>` : nothing}
            ${expired ? html`<span class="badge danger">${msg('Expired')}</span>` : nothing}
          </label>`;
        })}
        ${view.invoiceAllowed
          ? html`<label part="method" class=${chosen === INVOICE ? 'method selected' : 'method'}>
              <input type="radio" name="payment" value=${INVOICE} .checked=${live(chosen === INVOICE)} ?disabled=${locked} @change=${this.#onPaymentChange} />
              <span class="method-text">
                <span>${msg('Invoice me')}</span>
                <span class="muted">${msg('An invoice payable on your account’s terms; nothing is charged now.')}</span>
              </span>
            </label>`
          : nothing}
      </fieldset>
      ${this._paymentError ? html`<p id="payment-error" class="field-error" part="field-error">${msg('Choose how to pay, or add a payment method.')}</p>` : nothing}
      ${method
        ? html`<p part="billing-address" class="muted">
            ${msg('Billing address')}:
            <bdi>${method.billing_address ? formatAddress(method.billing_address, locale) : msg('none on file')}</bdi>
          </p>`
        : nothing}
      ${this._adding
        ? gateway
          ? html`<div part="add-method">${this.#formCode.status === 'ready' ? html`<slot name="payment-method-form"></slot>` : renderLazyStatus(this.#formCode.status, this.#onRetryForm)}</div>`
          : nothing
        : html`<button type="button" class="button" part="add-method-button" ?disabled=${locked} @click=${this.#onAddMethod}>
            ${msg('Add a payment method')}
          </button>`}`;
  }

  #renderOrderMessage(state: string): TemplateResult | typeof nothing {
    if (state === 'unknown') {
      return html`<div class="message error" role="alert" part="message" tabindex="-1">
        <p>${msg('We could not confirm whether the order went through. Check again: the same order is sent, and it is never placed twice.')}</p>
      </div>`;
    }
    if (state === 'session-expired') {
      return html`<div class="message error" role="alert" part="message" tabindex="-1">
        <p>${msg('Your session expired before the order was placed. Sign in again, then place the order: nothing you chose is lost.')}</p>
      </div>`;
    }
    if (state === 'checking') return html`<p class="muted" part="message">${msg('Checking the order’s status…')}</p>`;
    if (!this._message) return nothing;
    return html`<div class="message ${this._message.tone === 'error' ? 'error' : ''}" role="alert" part="message" tabindex="-1">
      <p>${this._message.text}</p>
    </div>`;
  }
}

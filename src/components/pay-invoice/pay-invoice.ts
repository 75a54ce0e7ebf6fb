import { html, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';
import { AcctElement } from '../../core/base-element.js';
import { baseStyles } from '../../core/styles.js';
import { formStyles } from '../../core/form-styles.js';
import { LightDomChild } from '../../core/light-dom-child.js';
import { LazyModule, renderLazyStatus } from '../../core/lazy-module.js';
import { WriteIntent } from '../../core/write-intent.js';
import { renderConfigError, renderError } from '../../core/error-view.js';
import type { CardTokenizer } from '../../api/tokenizer.js';
import { ApiError } from '../../api/errors.js';
import type { ResourceName } from '../../api/account-api.js';
import type { InvoiceSummary } from '../../api/schemas/invoice.js';
import type { Payment } from '../../api/schemas/payment.js';
import type { NewPayment } from '../../api/schemas/billing-input.js';
import { AcctBeforePaymentEvent, AcctErrorEvent, type AcctPaymentMethodChangeEvent } from '../../events/index.js';
import type { AcctPaymentMethodForm } from '../payment-method-form/payment-method-form.js';
import { paymentMethodFormLoader, registeredPaymentMethodForm } from '../payment-method-form/lazy.js';
import { payInvoiceStyles } from './pay-invoice.styles.js';
import {
  attemptOf,
  idListConverter,
  MAX_INVOICES,
  PAYMENT_RESOURCES,
  STATES,
  type Draft,
  type FlowData,
  type FlowStep,
  type View,
} from './flow.js';
import { FlowLoads } from './flow-loads.js';
import { PayFlowState } from './flow-state.js';
import type { SettlementPoll } from './settlement-poll.js';
import { loadPaySteps, payStepsLoader, prefetchPaySteps, type PaySteps } from './steps-loader.js';
import { confirmTitle, dueLine, heading, messageStep, methodTitle, money, progress, reviewTitle, section, type StepContext } from './steps/common.js';
import { renderSelect } from './steps/select.js';
import type { ReviewHelpers } from './steps/review.js';

export type { PayStep } from './flow.js';

const DEFAULT_HEADING_LEVEL = 2;

/** What the review (in the later steps' chunk) takes from the element's first file. */
const REVIEW_HELPERS: ReviewHelpers = { money, dueLine };

/**
 * Pays one or several invoices: select → review → method → confirm → result. Shows the invoices,
 * the amount (a partial amount where the account allows it), the saved payment methods (or adds
 * one with `acct-payment-method-form`), and confirms amount, currency, method and invoices before
 * anything is charged.
 *
 * One press on Pay is one intent with one Idempotency-Key: retries, "Check again" and a renewed
 * session send the same key and the same body, so the server charges once. A decline or a refused
 * amount ends the intent; the next attempt gets a new key. When the outcome is unknown (network,
 * timeout, server error after retries) the element says so and offers only "Check again".
 *
 * The "add a payment method" form is an `acct-payment-method-form` that the element puts in its
 * own light DOM (shown through the `payment-method-form` slot): a host's card tokenizer then mounts
 * its fields in the document, as payment providers' scripts expect, not inside a shadow root.
 * Being in light DOM, the form and its parts are styled directly, e.g.
 * `acct-pay-invoice > acct-payment-method-form::part(submit-button)` (`exportparts` cannot forward
 * the parts of a slotted element). The form's code is not in the flow's first download: it loads
 * when the form is first opened (the step is busy meanwhile, and a failed load shows Retry), and
 * registers `acct-payment-method-form` unless the page already did. Likewise the steps from the
 * review on (and the rules they need): their code loads when the pointer or focus reaches the
 * select step's Continue, or when the flow gets there (the step's heading, busy, meanwhile; a failed load
 * shows Retry and keeps what was chosen and typed); a flow given its invoices, which starts at the
 * review, asks for it at once.
 *
 * @summary Pays invoices with a saved or new payment method, once and only once.
 *
 * @slot payment-method-form - Filled by the element itself while a payment method is being added: its `acct-payment-method-form`.
 *
 * @csspart base - The card around the flow.
 * @csspart progress - The list of steps (the current one has `aria-current="step"`).
 * @csspart step - The section of the current step.
 * @csspart heading - The heading of the current step (focused on each step change).
 * @csspart invoice-list - The checkboxes of the select step.
 * @csspart summary - The invoices and total (review) and the facts to confirm (confirm, result).
 * @csspart total - The total row of the review.
 * @csspart amount - The "Amount to pay" fieldset (partial payments).
 * @csspart amount-input - The partial amount input.
 * @csspart field-error - A message under a field.
 * @csspart methods - The saved payment methods (a radio group).
 * @csspart method - One saved payment method.
 * @csspart add-method-button - "Add a payment method".
 * @csspart add-method - The box around the `acct-payment-method-form` (the form itself is in light DOM: style it directly).
 * @csspart notice - A message at the top of a step (e.g. the payment was stopped by the page).
 * @csspart status - "Processing payment…" / "Checking the payment status…".
 * @csspart actions - The row of buttons of a step.
 * @csspart back-button - Back (and "Change").
 * @csspart continue-button - Continue.
 * @csspart pay-button - "Pay <amount>".
 * @csspart check-again-button - "Check again" after an unconfirmed payment.
 * @csspart result - The result message.
 * @csspart readonly-note - The note for users who may see invoices but not pay them.
 * @csspart error - A load error or missing configuration.
 * @csspart retry-button - Retry after a load error.
 *
 * @cssprop [--acct-pay-invoice-max-width=40rem] - Widest the card grows.
 * @cssprop [--acct-pay-invoice-padding=1.5rem] - Inner padding of the card.
 * @cssprop [--acct-pay-invoice-background=light-dark(#ffffff, #15181d)] - Card background.
 * @cssprop [--acct-pay-invoice-border-color=light-dark(#d0d7de, #3a414b)] - Card, table and option borders.
 * @cssprop [--acct-pay-invoice-radius=6px] - Corner radius of the card and the options.
 * @cssprop [--acct-pay-invoice-gap=1rem] - Space between the parts of a step.
 * @cssprop [--acct-pay-invoice-selected-background=light-dark(#eef4ff, #1b2740)] - Background of the chosen payment method.
 *
 * @cssstate loading - The account, invoices or payment methods are loading.
 * @cssstate error - A load failed; an error with Retry is shown.
 * @cssstate unconfigured - The element has no API connection.
 * @cssstate readonly - The user may not pay invoices (no Pay).
 * @cssstate empty - There is no invoice to pay.
 * @cssstate select - Step: choose the invoices.
 * @cssstate review - Step: review invoices, total and amount.
 * @cssstate method - Step: choose or add a payment method.
 * @cssstate confirm - Step: confirm and pay.
 * @cssstate result - Step: the outcome.
 * @cssstate paying - The payment request is running.
 * @cssstate checking - The payment is taking long or being retried: checking its status.
 * @cssstate unconfirmed - The outcome is unknown; only "Check again" is offered.
 * @cssstate session-expired - The session expired while paying; input is kept.
 * @cssstate succeeded - Result: paid.
 * @cssstate processing - Result: a bank payment waits for the bank.
 * @cssstate failed - Result: a bank payment failed to settle.
 * @cssstate declined - Result: the payment method was declined.
 * @cssstate already-paid - Result: an invoice was already paid (e.g. in another tab).
 *
 * @fires {AcctBeforePaymentEvent} acct-before-payment - Pay was pressed; nothing is charged yet. Cancelable: `preventDefault()` stops the payment.
 * @fires {AcctPaymentSucceededEvent} acct-payment-succeeded - The payment succeeded (also when a bank payment settles): `{payment}`.
 * @fires {AcctPaymentProcessingEvent} acct-payment-processing - A bank payment was accepted and waits for the bank: `{payment}`.
 * @fires {AcctPaymentFailedEvent} acct-payment-failed - Declined, already paid, or a bank payment that did not settle: `{error, payment?}`.
 * @fires {AcctErrorEvent} acct-error - Loading the account, invoices or payment methods failed: `{error}`.
 */
@localized()
export class AcctPayInvoice extends AcctElement {
  static override styles = [baseStyles, formStyles, payInvoiceStyles];
  protected static override resources: readonly ResourceName[] = ['invoices', 'account', 'payment-methods'];

  // ---- controllers ----

  /** The flow's state and transitions (steps, choices, outcome, messages); each change renders. */
  #flow = new PayFlowState(this);
  /** The confirmed payment: one key, the same bytes on every send, until the server decides it. */
  #payment = new WriteIntent<NewPayment, Payment>(this, {
    send: (body, options) => {
      const api = this.resolvedApi;
      return api ? api.createPayment(body, options) : Promise.reject(new ApiError('config', 'No AccountApi'));
    },
  });
  /** The steps from the review on: loaded when Continue on the select step is pointed at or focused, or when the flow gets there. */
  #steps = new LazyModule<PaySteps>(this, loadPaySteps, () => payStepsLoader.loaded);
  /** A bank payment that is processing: asked about again until it settles (made with the later steps). */
  #settlement?: SettlementPoll;
  /** The add form's code: loaded when the form is first opened. */
  #formCode = new LazyModule(this, () => paymentMethodFormLoader.load(), registeredPaymentMethodForm);
  /** The add form, in light DOM while the method step shows it. */
  #form = new LightDomChild<AcctPaymentMethodForm>(this, 'payment-method-form', () => {
    const form = this.#formCode.value!();
    form.addEventListener('acct-payment-method-change', this.#onMethodAdded);
    form.addEventListener('acct-cancel', this.#onAddCancelled);
    return form;
  });
  /** The account, the payment methods and the invoices. */
  #loads = new FlowLoads(this, {
    source: () => ({ kind: this.#flow.source, invoices: this.invoices, ids: [...new Set(this.invoiceIds)] }),
  });

  // ---- public properties ----

  /**
   * The invoices to pay, by id (`invoice-ids="in_1 in_2"`, space or comma separated). The flow
   * starts at the review; "Change" leads to the open invoices. Without ids (and without
   * `invoices`), the flow starts by listing the open invoices, all selected ("Make a payment").
   */
  @property({ attribute: 'invoice-ids', converter: idListConverter }) invoiceIds: string[] = [];

  /**
   * The invoices to pay, as `acct-pay-request` gives them (`event.detail.invoices`): no request
   * is made for them. Wins over `invoice-ids`.
   */
  @property({ attribute: false }) invoices?: InvoiceSummary[];

  /** Level of the step headings (1-6). */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = DEFAULT_HEADING_LEVEL;

  /** First wait (ms) before checking a bank payment's status again; it doubles up to a minute. */
  @property({ attribute: 'status-poll-interval', type: Number }) statusPollInterval = 3000;

  /** A card tokenizer for the add form of this element alone; by default the provider's `cardTokenizer`. */
  @property({ attribute: false }) cardTokenizer?: CardTokenizer;

  /**
   * Allow the add form's built-in test-gateway card entry, which sends card numbers to your API (only
   * when the gateway declares `accepts_raw_card_data`). For test setups only; the provider has the same switch.
   */
  @property({ type: Boolean, attribute: 'allow-raw-card-data' }) allowRawCardData = false;

  // ---- internal state ----

  #headingLevel = DEFAULT_HEADING_LEVEL;

  // ---- lifecycle ----

  // Loads are aborted by their ApiTask when the element is removed. A running payment is not: its
  // outcome is shown when it arrives (aborting would not stop the server).

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('headingLevel')) {
      const level = this.headingLevel;
      const valid = Number.isInteger(level) && level >= 1 && level <= 6;
      if (!valid) this.warnInvalid('heading-level', level, 'an integer from 1 to 6');
      this.#headingLevel = valid ? level : DEFAULT_HEADING_LEVEL;
    }
    if ((changed.has('invoiceIds') || changed.has('invoices')) && !this.#payment.open) {
      // New invoices to pay: a new flow (what was typed for the old ones does not apply).
      const given = this.invoices !== undefined || this.invoiceIds.length > 0;
      if (this.invoiceIds.length > MAX_INVOICES) this.warnInvalid('invoice-ids', `${this.invoiceIds.length} ids`, `at most ${MAX_INVOICES}`);
      this.#flow.source = given ? 'given' : 'open';
      if (this.hasUpdated) this.#startOver();
    }
    // Given invoices: the flow starts at the review, whose code loads alongside the first data.
    if (this.#flow.source === 'given' && this.#steps.status === 'idle' && !this.configError) void this.#steps.request();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const view = this.#view();
    const step = view.kind === 'step' ? view.step : view.kind === 'result' ? 'result' : undefined;
    const attempt = attemptOf(this.#payment.state);
    const on = new Set<string>([view.kind === 'step' || view.kind === 'result' ? '' : view.kind]);
    if (step) on.add(step);
    if (step === 'confirm' && attempt !== 'idle') on.add(attempt === 'checking' ? 'paying' : attempt);
    if (attempt === 'checking') on.add('checking');
    if (view.kind === 'result') on.add(view.outcome.kind);
    const stepCodeLoading = view.kind === 'step' && step !== 'select' && this.#steps.status === 'loading';
    if (view.kind === 'step' && step !== 'confirm' && (this.#loads.pending || this.#formCode.status === 'loading')) on.add('loading');
    if (stepCodeLoading) on.add('loading');
    for (const name of STATES) this.setCustomState(name, on.has(name));

    const focus = this.#flow.focus;
    this.#flow.focus = undefined;
    if (focus) {
      const target =
        focus === 'amount'
          ? this.renderRoot.querySelector<HTMLElement>('#amount-input')
          : focus === 'methods'
            ? (this.renderRoot.querySelector<HTMLElement>('[part~="methods"] input:checked') ??
              this.renderRoot.querySelector<HTMLElement>('[part~="methods"] input:not([disabled])'))
            : null;
      (target ?? this.renderRoot.querySelector<HTMLElement>('[part~="heading"]'))?.focus();
    }
    // Told after the page shows it.
    for (const event of this.#flow.events.splice(0)) this.dispatchEvent(event);
    for (const error of this.#loads.newErrors()) this.dispatchEvent(new AcctErrorEvent({ error }));
  }

  // ---- public methods ----

  /** Reloads the account, invoices and payment methods (after an invalidation, or by the host). */
  refresh(): void {
    this.#loads.reload();
  }

  /** Starts the flow again from its first step, forgetting what was chosen (not while a payment runs). */
  reset(): void {
    if (this.#payment.open) return;
    this.#startOver();
    this.refresh();
  }

  // ---- handlers ----

  #onRetryLoad = (): void => this.#loads.retryFailed();

  #onAddMethod = (): void => {
    this.#flow.setAdding(true);
    this.#focusFormWhenLoaded();
  };

  #onRetryForm = (): void => {
    void this.#formCode.retry();
    this.#focusFormWhenLoaded();
  };

  #onRetrySteps = (): void => {
    void this.#steps.retry().then((steps) => {
      // The Retry button is gone: focus goes where a step change puts it.
      if (steps) this.#flow.focus = 'heading';
      this.requestUpdate();
    });
  };

  #onMethodAdded = (event: AcctPaymentMethodChangeEvent): void => {
    const method = event.detail.paymentMethod;
    // The form is only on the method step, which has the later steps' code.
    if (event.detail.change === 'added' && method) this.#steps.value?.methodAdded(this.#flow, method);
  };

  #onAddCancelled = (event: Event): void => {
    // Handled here: the form's Cancel closes the form, not whatever the page opened this flow in.
    event.stopPropagation();
    this.#flow.addCancelled();
  };

  #onPay = (event: Event, steps: PaySteps, data: FlowData | undefined): void => {
    // Synchronous: the 20 clicks, Enter and Space that follow the first one find the intent busy (R1).
    if (this.#payment.busy) return;
    const button = event.currentTarget as HTMLElement;
    if (this.#payment.open) {
      // Session expired: the same intent again, now that the host has a new token.
      void this.#settle(steps, this.#payment.resend(button));
      return;
    }
    // A new intent: the page may still stop it; the write intent makes its key and keeps it for every send.
    const draft = data && this.#draft(steps, data);
    if (!draft) return;
    const before = new AcctBeforePaymentEvent({ invoices: draft.invoices, amount: draft.amount, paymentMethod: draft.method });
    this.dispatchEvent(before);
    if (before.defaultPrevented) {
      this.#flow.stoppedByPage();
      return;
    }
    this.#flow.confirmed = draft;
    void this.#settle(steps, this.#payment.start(steps.paymentRequest(draft), button));
  };

  /** Sends the same intent again: same key, same body. The server replays its outcome or runs it once. */
  #onCheckAgain = (event: Event, steps: PaySteps): void => {
    void this.#settle(steps, this.#payment.resend(event.currentTarget as HTMLElement));
  };

  #onTryAnotherMethod = (steps: PaySteps): void => {
    steps.tryAnotherMethod(this.#flow, this.#flowData());
    if (this.#flow.adding) this.#focusFormWhenLoaded();
  };

  #onStartOver = (): void => this.reset();

  // ---- internals ----

  get #context(): StepContext {
    return { locale: this.resolvedLocale, headingLevel: this.#headingLevel };
  }

  #startOver(): void {
    this.#settlement?.stop();
    this.#payment.reset();
    this.#flow.startOver();
  }

  /** Once the add form's code is here, the form takes focus after the render that shows it. */
  #focusFormWhenLoaded(): void {
    void this.#formCode.request().then((create) => {
      if (!create || !this.#flow.adding) return;
      this.#form.focusNext = true;
      this.requestUpdate();
    });
  }

  #data(): FlowData | { error: unknown } | undefined {
    return this.#loads.data(this.#flow.selectedIds, this.#flow.addedMethods);
  }

  #flowData(): FlowData | undefined {
    const data = this.#data();
    return data && !('error' in data) ? data : undefined;
  }

  #view(): View {
    const problem = this.configError;
    if (problem) return { kind: 'unconfigured', problem };
    const flow = this.#flow;
    if (flow.outcome) return { kind: 'result', outcome: flow.outcome };
    // A confirmed intent stays on screen, whatever reloads behind it.
    if (flow.confirmed && this.#payment.open) return { kind: 'step', step: 'confirm' };
    if (!this.resolvedApi) return { kind: 'loading' };
    if (this.#loads.readonly) return { kind: 'readonly' };
    const data = this.#data();
    if (!data) return { kind: 'loading' };
    if ('error' in data) return { kind: 'error', error: data.error };
    if (!data.payable.length) return { kind: 'empty' };
    let step = flow.step ?? (flow.source === 'given' ? 'review' : 'select');
    if (step !== 'select' && (!data.chosen.length || !data.total)) step = 'select';
    return { kind: 'step', step, data };
  }

  /** Shows what a send of the payment intent came to (nothing, while a send of it is already running). */
  async #settle(steps: PaySteps, sending: ReturnType<WriteIntent<NewPayment, Payment>['start']>): Promise<void> {
    const draft = this.#flow.confirmed;
    if (!sending || !draft) return;
    this.#flow.sending(draft);
    const settled = await sending;
    const locale = this.resolvedLocale;
    if (settled.state === 'done') {
      steps.showPayment(this.#flow, settled.result, draft, locale);
      if (this.#flow.outcome?.kind === 'processing') this.#settlementPoll(steps).watch(settled.result);
      return;
    }
    const { state, error } = settled;
    steps.paymentFailed(this.#flow, state, error, draft, locale);
    if (state !== 'failed') return;
    // Someone else paid: every element showing these is out of date.
    if (error.kind === 'conflict') this.resolvedApi?.invalidate(PAYMENT_RESOURCES);
    // Refused: the amounts due may have changed under us; show the server's current figures.
    if (error.kind === 'validation') this.refresh();
  }

  /** The settlement poll, made the first time a bank payment is processing. */
  #settlementPoll(steps: PaySteps): SettlementPoll {
    return (this.#settlement ??= new steps.SettlementPoll(this, {
      firstDelayMs: () => this.statusPollInterval,
      invalidates: PAYMENT_RESOURCES,
      onSettled: (payment) => {
        const outcome = this.#flow.outcome;
        if (outcome?.kind === 'processing') steps.showPayment(this.#flow, payment, outcome.intent, this.resolvedLocale);
      },
    }));
  }

  // ---- render ----

  protected override render(): TemplateResult {
    const view = this.#view();
    return html`<div part="base" class="card" aria-busy=${view.kind === 'loading' ? 'true' : 'false'}>
      ${this.#renderView(view)}
      <div class="visually-hidden" role="status">${this.#statusText}</div>
      <div class="visually-hidden" role="alert">${this.#flow.alert}</div>
    </div>`;
  }

  /** What the polite live region says: where a running payment stands, else the last announcement. */
  get #statusText(): string {
    switch (this.#payment.state) {
      case 'running':
        return msg('Processing payment…');
      case 'checking':
        return msg('Checking the payment status…');
      default:
        return this.#flow.status;
    }
  }

  #renderView(view: View): TemplateResult {
    const context = this.#context;
    switch (view.kind) {
      case 'unconfigured':
        return renderConfigError(view.problem);
      case 'loading':
        return html`<div class="loading">
          <span class="skeleton title"></span><span class="skeleton"></span><span class="skeleton"></span>
          <span class="visually-hidden">${msg('Loading…')}</span>
        </div>`;
      case 'error':
        return renderError(view.error, this.#onRetryLoad);
      case 'readonly':
        return section(
          messageStep(context, msg('Pay invoices'), msg('You can see the invoices, but not pay them. Ask an account administrator.'), 'readonly-note'),
        );
      case 'empty':
        return section(messageStep(context, msg('Nothing to pay'), msg("There are no open invoices to pay. You're all paid up.")));
      case 'result': {
        // Only a payment sent from the confirm step has an outcome: the later steps are here.
        const steps = this.#steps.value!;
        const handlers = { onStartOver: this.#onStartOver, onTryAnotherMethod: () => this.#onTryAnotherMethod(steps) };
        return section(html`${heading(context, steps.resultTitle(view.outcome))}${steps.renderResult(context, view.outcome, handlers)}`);
      }
      case 'step':
        return html`${progress(view.step)}${section(this.#renderStep(context, view.step, view.data))}`;
    }
  }

  #renderStep(context: StepContext, step: FlowStep, data: FlowData | undefined): TemplateResult {
    const flow = this.#flow;
    if (step === 'confirm' && flow.confirmed && this.#payment.open) {
      const confirmed = flow.confirmed;
      return this.#renderLaterStep(context, step, (steps) => [confirmTitle(), this.#renderConfirm(context, steps, confirmed)]);
    }
    if (!data) return html``;
    switch (step) {
      case 'select':
        return renderSelect(context, data, {
          onToggleAll: (event) => flow.select(new Set(checked(event) ? data.payable.map((invoice) => invoice.id) : [])),
          onToggleInvoice: (invoice, event) => flow.toggleInvoice(invoice, data, checked(event)),
          onContinue: () => flow.go('review'),
          onContinueIntent: prefetchPaySteps,
        });
      case 'review':
        return this.#renderLaterStep(context, step, (steps) => [
          reviewTitle(),
          steps.renderReview(context, data, flow, REVIEW_HELPERS, {
            onAmountMode: (event) => flow.setAmountMode(valueOf(event) === 'other' ? 'other' : 'full'),
            onAmountInput: (event) => flow.setAmountText(valueOf(event)),
            onChangeInvoices: () => flow.changeInvoices(this.#flowData()),
            onContinue: () => steps.reviewContinue(flow, data, this.resolvedLocale),
          }),
        ]);
      case 'method':
        return this.#renderLaterStep(context, step, (steps) => [methodTitle(), this.#renderMethods(steps, data)]);
      case 'confirm':
        return this.#renderLaterStep(context, step, (steps) => {
          const draft = this.#draft(steps, data);
          return draft ? [confirmTitle(), this.#renderConfirm(context, steps, draft, data)] : [methodTitle(), this.#renderMethods(steps, data)];
        });
    }
  }

  /**
   * A step of the later steps' chunk under its heading: the heading is there at once (focus goes
   * to it as on every step change, and stays when the step's code arrives); below it, the step,
   * or its code loading (busy) or failed (Retry). One template per step, so that a step change
   * brings a new heading, as the steps' own templates did.
   */
  #renderLaterStep(
    context: StepContext,
    step: 'review' | 'method' | 'confirm',
    render: (steps: PaySteps) => [string, TemplateResult],
  ): TemplateResult {
    const code = this.#steps;
    if (code.status === 'idle') void code.request();
    const steps = code.value;
    const [title, body] = steps
      ? render(steps)
      : [step === 'review' ? reviewTitle() : step === 'method' ? methodTitle() : confirmTitle(), renderLazyStatus(code.status, this.#onRetrySteps)];
    if (step === 'review') return html`${heading(context, title)}${body}`;
    return step === 'method' ? html`${heading(context, title)}${body}` : html`${heading(context, title)}${body}`;
  }

  /** What the confirm step shows for the current choices, if they are complete. */
  #draft(steps: PaySteps, data: FlowData): Draft | undefined {
    const flow = this.#flow;
    return flow.draft(data, steps.amountOf(flow, data, this.resolvedLocale).amount, steps.methodToUse(data, flow.methodId));
  }

  #renderMethods(steps: PaySteps, data: FlowData): TemplateResult {
    const flow = this.#flow;
    const gateway = this.#loads.gateway;
    const adding = flow.adding || data.methods.length === 0;
    if (adding && gateway) {
      // No saved method: the form opens by itself, so its code is asked for here too.
      if (this.#formCode.status === 'idle') this.#focusFormWhenLoaded();
      if (this.#formCode.status === 'ready') {
        this.#form.show({
          api: this.resolvedApi,
          gateway,
          cancelable: data.methods.length > 0,
          firstMethod: data.methods.length === 0,
          locale: this.locale,
          cardTokenizer: this.cardTokenizer,
          allowRawCardData: this.allowRawCardData,
        });
      }
    }
    return steps.renderMethodStep(
      data,
      { chosen: steps.methodToUse(data, flow.methodId), methodError: flow.methodError, adding, canAdd: !!gateway, form: this.#formCode.status },
      {
        onMethodChange: (event) => flow.chooseMethod(valueOf(event)),
        onAddMethod: this.#onAddMethod,
        onRetryForm: this.#onRetryForm,
        onBack: () => flow.go('review'),
        onContinue: () => steps.methodContinue(flow, data),
      },
    );
  }

  #renderConfirm(context: StepContext, steps: PaySteps, draft: Draft, data?: FlowData): TemplateResult {
    return steps.renderConfirm(
      context,
      draft,
      { attempt: attemptOf(this.#payment.state), status: this.#statusText, payError: this.#flow.payError },
      {
        onBack: () => this.#flow.go('method'),
        onPay: (event) => this.#onPay(event, steps, data),
        onCheckAgain: (event) => this.#onCheckAgain(event, steps),
      },
    );
  }
}

function checked(event: Event): boolean {
  return (event.target as HTMLInputElement).checked;
}

function valueOf(event: Event): string {
  return (event.target as HTMLInputElement).value;
}

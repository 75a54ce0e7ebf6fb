import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { localized, msg, str } from '@lit/localize';
import { AcctElement } from '../../core/base-element.js';
import { ApiTask } from '../../core/api-task.js';
import { baseStyles } from '../../core/styles.js';
import { formStyles } from '../../core/form-styles.js';
import { LightDomChild } from '../../core/light-dom-child.js';
import { messageForError, renderConfigError, renderError } from '../../core/error-view.js';
import { paymentErrorMessage } from '../../core/payment-errors.js';
import { formatMoney, parseDecimal, sumMoney, toDecimalString } from '../../core/money.js';
import { formatCalendarDate } from '../../core/dates.js';
import { validateExpiry } from '../../api/validators.js';
import { newIdempotencyKey } from '../../api/idempotency.js';
import { paymentMethodLabel } from '../../core/payment-method-label.js';
import { ApiError, toApiError } from '../../api/errors.js';
import type { ResourceName } from '../../api/account-api.js';
import type { Account } from '../../api/schemas/account.js';
import type { Money } from '../../api/schemas/common.js';
import type { InvoiceSummary } from '../../api/schemas/invoice.js';
import type { NewPayment, Payment } from '../../api/schemas/payment.js';
import type { PaymentMethod, PaymentMethodList } from '../../api/schemas/payment-method.js';
import { PAYABLE_STATUSES, REQUEST_IN_PROGRESS_CODE } from '../../api/vocabulary.js';
import {
  AcctBeforePaymentEvent,
  AcctErrorEvent,
  AcctPaymentFailedEvent,
  AcctPaymentProcessingEvent,
  AcctPaymentSucceededEvent,
  type AcctPaymentMethodChangeEvent,
} from '../../events/index.js';
import { payInvoiceStyles } from './pay-invoice.styles.js';
import type { AcctPaymentMethodForm } from '../payment-method-form/payment-method-form.js';
import type { CardTokenizer } from '../../api/tokenizer.js';

/** The steps of the flow; each is also a custom state. */
export type PayStep = 'select' | 'review' | 'method' | 'confirm' | 'result';

/** What a payment changed: after a bank payment settles, every element showing these refreshes. */
const PAYMENT_RESOURCES: readonly ResourceName[] = ['invoices', 'account', 'payments', 'transactions'];
/** The contract's limit of invoices per payment. */
const MAX_INVOICES = 100;
/** After this long without an answer, "Processing payment…" becomes "Checking the payment status…". */
const CHECKING_AFTER_MS = 3000;
/** The slowest status check of a bank payment that is still processing. */
const MAX_POLL_INTERVAL_MS = 60_000;
const DEFAULT_HEADING_LEVEL = 2;

/** `invoice-ids="in_1 in_2"` or `"in_1,in_2"`. */
const idListConverter = {
  fromAttribute: (value: string | null): string[] => (value ? value.split(/[\s,]+/).filter(Boolean) : []),
  toAttribute: (ids: string[]): string => ids.join(' '),
};

/** What the confirm step shows: amount, invoices and method. */
interface Draft {
  amount: Money;
  invoices: InvoiceSummary[];
  method: PaymentMethod;
}

/** One confirmed intent: the exact request, sent again unchanged (same key, same body) until the server decides it. */
interface Intent extends Draft {
  key: string;
  body: Readonly<NewPayment>;
}

/**
 * Where a confirmed payment stands while the confirm step shows it: running, running long (or being
 * retried), outcome unknown, or refused for an expired session (not run; the same intent is sent again).
 */
type Attempt = 'idle' | 'paying' | 'checking' | 'unconfirmed' | 'session-expired';

type Outcome =
  | { kind: 'succeeded'; payment: Payment; intent: Intent }
  | { kind: 'processing'; payment: Payment; intent: Intent }
  | { kind: 'failed'; payment: Payment; error: ApiError; intent: Intent }
  | { kind: 'declined' | 'already-paid'; error: ApiError; intent: Intent };

interface FlowData {
  account: Account;
  /** Every payable invoice of the source (the given ones, or the open ones). */
  payable: InvoiceSummary[];
  /** Given invoices left out because they cannot be paid any more. */
  skipped: number;
  /** The invoices being paid. */
  chosen: InvoiceSummary[];
  /** Their total, or null when they are in different currencies (or none). */
  total: Money | null;
  methods: PaymentMethod[];
}

type View =
  | { kind: 'unconfigured'; problem: string }
  | { kind: 'loading' }
  | { kind: 'error'; error: unknown }
  | { kind: 'readonly' }
  | { kind: 'empty' }
  | { kind: 'result'; outcome: Outcome }
  | { kind: 'step'; step: Exclude<PayStep, 'result'>; data?: FlowData };

const STATES = [
  'unconfigured',
  'loading',
  'error',
  'readonly',
  'empty',
  'select',
  'review',
  'method',
  'confirm',
  'result',
  'paying',
  'checking',
  'unconfirmed',
  'session-expired',
  'succeeded',
  'processing',
  'failed',
  'declined',
  'already-paid',
] as const;

function isExpired(method: PaymentMethod): boolean {
  const card = method.card;
  return !!card && validateExpiry(card.exp_month, card.exp_year) === 'expired';
}

function isPayable(invoice: InvoiceSummary): boolean {
  return PAYABLE_STATUSES.includes(invoice.status) && invoice.amount_due.amount > 0;
}

/** The total of invoices of one currency (null for none or mixed), from the server's figures. */
function totalOf(invoices: readonly InvoiceSummary[]): Money | null {
  const currency = invoices[0]?.amount_due.currency;
  if (!currency || invoices.some((invoice) => invoice.amount_due.currency !== currency)) return null;
  return sumMoney(
    invoices.map((invoice) => invoice.amount_due),
    currency,
  );
}

/** "12,50" is 12.50 where the locale writes a decimal comma; group separators are refused, not guessed. */
function normalizeDecimal(text: string, locale: string): string {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '');
  let separator = '.';
  try {
    separator = new Intl.NumberFormat(locale).formatToParts(1.5).find((part) => part.type === 'decimal')?.value ?? '.';
  } catch {
    // Unknown locale tag: a point it is.
  }
  return separator !== '.' && !compact.includes('.') ? compact.replace(separator, '.') : compact;
}

/** Invoices by their summary fields only (an InvoiceDetail carries lines the flow does not need). */
function summaryOf({ id, number, status, issued_on, due_on, total, amount_due, pdf_url }: InvoiceSummary): InvoiceSummary {
  return { id, number, status, issued_on, due_on, total, amount_due, pdf_url };
}

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
 * the parts of a slotted element). `acct-pay-invoice.js` registers that element too; register it
 * yourself when you register this class under another name.
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

  /** @internal */
  @state() private _step?: Exclude<PayStep, 'result'>;
  /** `given`: the invoices of `invoices` / `invoice-ids`; `open`: the open invoices to select from. @internal */
  @state() private _source: 'given' | 'open' = 'open';
  /** The selection in the select step; undefined: every payable invoice of the source. @internal */
  @state() private _selectedIds?: ReadonlySet<string>;
  /** @internal */
  @state() private _amountMode: 'full' | 'other' = 'full';
  /** @internal */
  @state() private _amountText = '';
  /** @internal */
  @state() private _amountError?: string;
  /** @internal */
  @state() private _methodId?: string;
  /** @internal */
  @state() private _methodError?: string;
  /** @internal */
  @state() private _adding = false;
  /** A message at the top of the review (the page stopped the payment, the server refused it). @internal */
  @state() private _notice?: string;
  /** @internal */
  @state() private _attempt: Attempt = 'idle';
  /** A refusal on the confirm step that charged nothing (forbidden, ...): a new Pay is safe. @internal */
  @state() private _payError?: ApiError;
  /** @internal */
  @state() private _outcome?: Outcome;
  /** Polite live region (processing, success). @internal */
  @state() private _status = '';
  /** Assertive live region (errors). @internal */
  @state() private _alert = '';

  /** The intent being paid; kept while its outcome is not known (or not even attempted: session expired). */
  #intent?: Intent;
  /** Set synchronously by the first activation of Pay / Check again: the 20 that follow do nothing (R1). */
  #busy = false;
  #headingLevel = DEFAULT_HEADING_LEVEL;
  /** Methods added during this flow, shown before the list reloads. */
  #addedMethods: PaymentMethod[] = [];
  #focus?: 'heading' | 'amount' | 'methods';
  /** The add form, in light DOM while the method step shows it. */
  #form = new LightDomChild<AcctPaymentMethodForm>(this, 'payment-method-form', () => {
    const form = document.createElement('acct-payment-method-form') as AcctPaymentMethodForm;
    form.addEventListener('acct-payment-method-change', this.#onMethodAdded);
    form.addEventListener('acct-cancel', this.#onAddCancelled);
    return form;
  });
  #events: Event[] = [];
  #reported = new Map<object, unknown>();
  #pollTimer?: ReturnType<typeof setTimeout>;
  #pollController?: AbortController;
  #pollDelay = 0;

  // ---- tasks ----

  #accountTask = new ApiTask<Account>(this, { load: (api, options) => api.getAccount(options) });

  // The rest loads once the account says the user may pay: a billing viewer asks for nothing more.
  #methodsTask = new ApiTask<PaymentMethodList | undefined, [boolean]>(this, {
    args: () => [this.#mayPay],
    load: async (api, options, [mayPay]) => (mayPay ? api.listPaymentMethods(options) : undefined),
  });

  /** The given invoices: the `invoices` property as it is, or each of `invoice-ids` from the server. */
  #givenTask = new ApiTask<InvoiceSummary[] | undefined, [boolean, InvoiceSummary[] | undefined, string]>(this, {
    args: () => [this.#mayPay, this.invoices, this.#givenIds.join(' ')],
    load: async (api, options, [mayPay, invoices, ids]) => {
      if (invoices) return invoices;
      if (!mayPay || !ids) return undefined;
      const details = await Promise.all(ids.split(' ').map((id) => api.getInvoice(id, options)));
      return details.map(summaryOf);
    },
  });

  /** The open invoices, when the user selects among them. */
  #openTask = new ApiTask<InvoiceSummary[] | undefined, [boolean]>(this, {
    args: () => [this.#mayPay && this._source === 'open'],
    load: async (api, options, [wanted]) =>
      wanted ? (await api.listInvoices({ status: 'open', limit: MAX_INVOICES }, options)).data : undefined,
  });

  // ---- lifecycle ----

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.#schedulePoll(true);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Loads are aborted by their ApiTask. A running payment is not: its outcome is shown when it
    // arrives (aborting would not stop the server).
    this.#stopPolling();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('headingLevel')) {
      const level = this.headingLevel;
      const valid = Number.isInteger(level) && level >= 1 && level <= 6;
      if (!valid) this.warnInvalid('heading-level', level, 'an integer from 1 to 6');
      this.#headingLevel = valid ? level : DEFAULT_HEADING_LEVEL;
    }
    if ((changed.has('invoiceIds') || changed.has('invoices')) && !this.#locked) {
      // New invoices to pay: a new flow (what was typed for the old ones does not apply).
      const given = this.invoices !== undefined || this.#givenIds.length > 0;
      if (this.invoiceIds.length > MAX_INVOICES) this.warnInvalid('invoice-ids', `${this.invoiceIds.length} ids`, `at most ${MAX_INVOICES}`);
      this._source = given ? 'given' : 'open';
      if (this.hasUpdated) this.#startOver();
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const view = this.#view();
    const step = view.kind === 'step' ? view.step : view.kind === 'result' ? 'result' : undefined;
    const on = new Set<string>([view.kind === 'step' || view.kind === 'result' ? '' : view.kind]);
    if (step) on.add(step);
    if (step === 'confirm' && this._attempt !== 'idle') on.add(this._attempt === 'checking' ? 'paying' : this._attempt);
    if (this._attempt === 'checking') on.add('checking');
    if (view.kind === 'result') on.add(view.outcome.kind);
    if (view.kind === 'step' && step !== 'confirm' && this.#refreshing) on.add('loading');
    for (const name of STATES) this.setCustomState(name, on.has(name));

    const focus = this.#focus;
    this.#focus = undefined;
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
    for (const event of this.#events.splice(0)) this.dispatchEvent(event);
    this.#reportLoadErrors();
  }

  // ---- public methods ----

  /** Reloads the account, invoices and payment methods (after an invalidation, or by the host). */
  refresh(): void {
    for (const task of this.#loadTasks) task.reload();
  }

  /** Starts the flow again from its first step, forgetting what was chosen (not while a payment runs). */
  reset(): void {
    if (this.#locked) return;
    this.#startOver();
    this.refresh();
  }

  // ---- handlers ----

  #onRetryLoad = (): void => {
    for (const task of this.#loadTasks) if (task.failed) task.reload();
  };

  #onToggleInvoice(invoice: InvoiceSummary, data: FlowData, event: Event): void {
    const next = new Set(data.chosen.map((chosen) => chosen.id));
    if ((event.target as HTMLInputElement).checked) next.add(invoice.id);
    else next.delete(invoice.id);
    this.#select(next);
  }

  #onToggleAll(data: FlowData, event: Event): void {
    this.#select(new Set((event.target as HTMLInputElement).checked ? data.payable.map((invoice) => invoice.id) : []));
  }

  #select(ids: ReadonlySet<string>): void {
    this._selectedIds = ids;
    // The select step may have been shown in place of another (nothing valid chosen): it stays until Continue.
    this._step = 'select';
  }

  #onChangeInvoices = (): void => {
    const data = this.#flowData();
    if (data && this._source === 'given') this._selectedIds = new Set(data.chosen.map((invoice) => invoice.id));
    this._source = 'open';
    this.#go('select');
  };

  #onAmountMode(event: Event): void {
    this._amountMode = (event.target as HTMLInputElement).value === 'other' ? 'other' : 'full';
    this._amountError = undefined;
  }

  #onAmountInput(event: Event): void {
    this._amountText = (event.target as HTMLInputElement).value;
    this._amountError = undefined;
  }

  #onReviewContinue(data: FlowData): void {
    const { error } = this.#amountToPay(data);
    this._amountError = error;
    if (error) {
      this.#focus = 'amount';
      this._alert = error;
      return;
    }
    this._notice = undefined;
    this.#go('method');
  }

  #onMethodChange(event: Event): void {
    this._methodId = (event.target as HTMLInputElement).value;
    this._methodError = undefined;
  }

  #onMethodContinue(data: FlowData): void {
    if (!this.#method(data)) {
      this._methodError = msg('Choose a payment method.');
      this._alert = this._methodError;
      this.#focus = 'methods';
      return;
    }
    this.#go('confirm');
  }

  #onAddMethod = (): void => {
    this._adding = true;
    this.#form.focusNext = true;
  };

  #onMethodAdded = (event: AcctPaymentMethodChangeEvent): void => {
    const method = event.detail.paymentMethod;
    if (event.detail.change !== 'added' || !method) return;
    this.#addedMethods = [...this.#addedMethods.filter((m) => m.id !== method.id), method];
    this._methodId = method.id;
    this._methodError = undefined;
    this._adding = false;
    this._status = msg(str`${paymentMethodLabel(method)} was added and chosen.`);
    this.#focus = 'methods';
  };

  #onAddCancelled = (event: Event): void => {
    // Handled here: the form's Cancel closes the form, not whatever the page opened this flow in.
    event.stopPropagation();
    this._adding = false;
    this.#focus = 'heading';
  };

  #onPay = (event: Event, data: FlowData | undefined): void => {
    // Synchronous: the 20 clicks, Enter and Space that follow the first one find it busy (R1).
    if (this.#busy) return;
    const button = event.currentTarget as HTMLElement;
    if (!this.#intent) {
      // A new intent: the page may still stop it; its key is made now and kept for every retry.
      const draft = data && this.#draft(data);
      if (!draft) return;
      const before = new AcctBeforePaymentEvent({ invoices: draft.invoices, amount: draft.amount, paymentMethod: draft.method });
      this.dispatchEvent(before);
      if (before.defaultPrevented) {
        this._notice = msg('The payment was stopped before anything was charged.');
        this._alert = this._notice;
        this.#go('review');
        return;
      }
      this.#intent = this.#intentFrom(draft);
    }
    this.#busy = true;
    button.setAttribute('aria-disabled', 'true');
    button.setAttribute('aria-busy', 'true');
    void this.#send();
  };

  /** Sends the same intent again: same key, same body. The server replays its outcome or runs it once. */
  #onCheckAgain = (event: Event): void => {
    if (this.#busy || !this.#intent) return;
    this.#busy = true;
    (event.currentTarget as HTMLElement).setAttribute('aria-disabled', 'true');
    void this.#send();
  };

  #onTryAnotherMethod = (): void => {
    const outcome = this._outcome;
    this._outcome = undefined;
    this._alert = '';
    const failed = outcome && 'intent' in outcome ? outcome.intent.method.id : undefined;
    const data = this.#flowData();
    const other = data?.methods.find((method) => method.id !== failed && !isExpired(method));
    this._methodId = other?.id;
    this._adding = !other;
    this.#go('method');
  };

  #onStartOver = (): void => this.reset();

  // ---- internals ----

  get #loadTasks() {
    return [this.#accountTask, this.#methodsTask, this.#givenTask, this.#openTask];
  }

  /** A confirmed intent whose outcome is not known yet: nothing may replace it. */
  get #locked(): boolean {
    return this.#busy || this._attempt !== 'idle';
  }

  get #mayPay(): boolean {
    const account = this.#accountTask.value;
    return !!account && this.#canPay(account);
  }

  get #givenIds(): string[] {
    return [...new Set(this.invoiceIds)].slice(0, MAX_INVOICES);
  }

  get #refreshing(): boolean {
    return this.#loadTasks.some((task) => task.pending);
  }

  #go(step: Exclude<PayStep, 'result'>): void {
    this._step = step;
    this._payError = undefined;
    this.#focus = 'heading';
  }

  #startOver(): void {
    this.#stopPolling();
    this.#intent = undefined;
    this._outcome = undefined;
    this._attempt = 'idle';
    this._step = undefined;
    this._selectedIds = undefined;
    this._amountMode = 'full';
    this._amountText = '';
    this._amountError = undefined;
    this._methodError = undefined;
    this._notice = undefined;
    this._payError = undefined;
    this._adding = false;
    this._alert = '';
    this._status = '';
  }

  #canPay(account: Account): boolean {
    return account.capabilities.includes('invoices:pay');
  }

  #partialAllowed(account: Account): boolean {
    return !!account.payment_terms?.partial_payments && account.capabilities.includes('payments:partial');
  }

  /** Loaded value of a task, the error it failed with, or neither while it first loads. */
  #settled<T>(task: ApiTask<T | undefined, readonly unknown[]>): { value?: T; error?: unknown } {
    if (task.failed) return { error: task.error };
    const value = task.value;
    return value === undefined ? {} : { value };
  }

  /** Everything the steps need, once loaded. */
  #data(): FlowData | { error: unknown } | undefined {
    const account = this.#settled(this.#accountTask);
    if (account.error) return { error: account.error };
    const source = this.#settled(this._source === 'given' ? this.#givenTask : this.#openTask);
    const methods = this.#settled(this.#methodsTask);
    const error = source.error ?? methods.error;
    if (error) return { error };
    if (!account.value || !source.value || !methods.value) return undefined;
    const all = source.value;
    const payable = all.filter(isPayable).slice(0, MAX_INVOICES);
    const selected = this._selectedIds;
    const chosen = selected ? payable.filter((invoice) => selected.has(invoice.id)) : payable;
    const listed = methods.value.data;
    const added = this.#addedMethods.filter((method) => !listed.some((m) => m.id === method.id));
    return {
      account: account.value,
      payable,
      skipped: this._source === 'given' ? all.length - payable.length : 0,
      chosen,
      total: totalOf(chosen),
      methods: [...listed, ...added],
    };
  }

  #flowData(): FlowData | undefined {
    const data = this.#data();
    return data && !('error' in data) ? data : undefined;
  }

  #view(): View {
    const problem = this.configError;
    if (problem) return { kind: 'unconfigured', problem };
    if (this._outcome) return { kind: 'result', outcome: this._outcome };
    // A confirmed intent stays on screen, whatever reloads behind it.
    if (this.#intent && this._attempt !== 'idle') return { kind: 'step', step: 'confirm' };
    if (!this.resolvedApi) return { kind: 'loading' };
    const account = this.#settled(this.#accountTask);
    if (account.value && !this.#canPay(account.value)) return { kind: 'readonly' };
    const data = this.#data();
    if (!data) return { kind: 'loading' };
    if ('error' in data) return { kind: 'error', error: data.error };
    if (!data.payable.length) return { kind: 'empty' };
    let step = this._step ?? (this._source === 'given' ? 'review' : 'select');
    if (step !== 'select' && (!data.chosen.length || !data.total)) step = 'select';
    return { kind: 'step', step, data };
  }

  /** The amount to pay, validated: the total, or the partial amount typed where that is allowed. */
  #amountToPay(data: FlowData): { amount?: Money; error?: string } {
    const total = data.total;
    if (!total) return { error: msg('Invoices in different currencies cannot be paid together.') };
    if (this._amountMode === 'full' || !this.#partialAllowed(data.account)) return { amount: total };
    const { currency } = total;
    const locale = this.resolvedLocale;
    const text = normalizeDecimal(this._amountText, locale);
    if (!text) return { error: msg('Enter the amount to pay.') };
    const minor = parseDecimal(text, currency);
    if (minor === null) {
      return { error: msg(str`Enter an amount like ${toDecimalString(total.amount, currency)}, in ${currency}.`) };
    }
    const amount = { amount: minor, currency };
    if (minor <= 0) return { error: msg('Enter an amount greater than zero.') };
    if (minor > total.amount) return { error: msg(str`The amount cannot be more than ${formatMoney(total, locale)}.`) };
    const minimum = data.account.payment_terms?.minimum_payment;
    if (minimum && minimum.currency === currency && minor < minimum.amount && minor !== total.amount) {
      return { error: msg(str`The minimum payment is ${formatMoney(minimum, locale)}.`) };
    }
    return { amount };
  }

  /** The chosen method if it can be used; else the default one; else the first usable one. */
  #method(data: FlowData): PaymentMethod | undefined {
    const usable = data.methods.filter((method) => !isExpired(method));
    return usable.find((method) => method.id === this._methodId) ?? usable.find((method) => method.is_default) ?? usable[0];
  }

  #draft(data: FlowData): Draft | undefined {
    const { amount } = this.#amountToPay(data);
    const method = this.#method(data);
    return amount && method ? { amount, invoices: data.chosen.map(summaryOf), method } : undefined;
  }

  #intentFrom(draft: Draft): Intent {
    // Frozen: every send of this intent serialises the same object to the same bytes (R2).
    const body: NewPayment = Object.freeze({
      invoice_ids: Object.freeze(draft.invoices.map((invoice) => invoice.id)) as string[],
      payment_method_id: draft.method.id,
      amount: Object.freeze({ ...draft.amount }),
    });
    return { ...draft, key: newIdempotencyKey(), body };
  }

  async #send(): Promise<void> {
    const intent = this.#intent!;
    const api = this.resolvedApi;
    this._attempt = 'paying';
    this._payError = undefined;
    this._alert = '';
    this._status = msg('Processing payment…');
    const checking = () => {
      if (this._attempt !== 'paying') return;
      this._attempt = 'checking';
      this._status = msg('Checking the payment status…');
    };
    const timer = setTimeout(checking, CHECKING_AFTER_MS);
    try {
      if (!api) throw new ApiError('config', 'No AccountApi');
      const payment = await api.createPayment(intent.body, { idempotencyKey: intent.key, onRetry: checking });
      this.#intent = undefined;
      this._attempt = 'idle';
      this.#showPayment(payment, intent);
    } catch (error) {
      this.#onPayFailed(toApiError(error), intent);
    } finally {
      clearTimeout(timer);
      this.#busy = false;
      // Lit may not have rendered between the click and now: set back what the click set by hand.
      for (const button of this.renderRoot.querySelectorAll('[part~="pay-button"], [part~="check-again-button"]')) {
        button.setAttribute('aria-disabled', 'false');
        button.setAttribute('aria-busy', 'false');
      }
    }
  }

  #showPayment(payment: Payment, intent: Intent): void {
    if (payment.status === 'failed') {
      const error = this.#failureError(payment);
      this.#showOutcome({ kind: 'failed', payment, error, intent }, new AcctPaymentFailedEvent({ error, payment }));
    } else if (payment.status === 'succeeded') {
      this.#showOutcome({ kind: 'succeeded', payment, intent }, new AcctPaymentSucceededEvent({ payment }));
    } else {
      // `processing`, or a status this version does not know: not final, so it is checked again.
      this.#showOutcome({ kind: 'processing', payment, intent }, new AcctPaymentProcessingEvent({ payment }));
      this.#schedulePoll(true);
    }
  }

  #showOutcome(outcome: Outcome, event: Event): void {
    this._outcome = outcome;
    this.#focus = 'heading';
    this.#events.push(event);
    const text = this.#outcomeText(outcome);
    if (outcome.kind === 'succeeded' || outcome.kind === 'processing') {
      this._status = text;
      this._alert = '';
    } else {
      this._status = '';
      this._alert = text;
    }
  }

  #onPayFailed(error: ApiError, intent: Intent): void {
    const code = error.problem?.code;
    if (error.kind === 'unauthorized') {
      // Not run: kept, so the same intent goes again once the host has a new token.
      this._attempt = 'session-expired';
      this._status = '';
      this._alert = this.#sessionExpiredText();
      return;
    }
    const notApplied =
      error.kind === 'declined' ||
      error.kind === 'validation' ||
      error.kind === 'forbidden' ||
      error.kind === 'not-found' ||
      error.kind === 'config' ||
      (error.kind === 'conflict' && code !== undefined && code !== REQUEST_IN_PROGRESS_CODE);
    if (!notApplied) {
      // Network, timeout, 5xx after retries, a 409 still in progress, an unreadable answer: the
      // server may have charged. Only the same intent may be sent again.
      this._attempt = 'unconfirmed';
      this._status = '';
      this._alert = this.#unconfirmedText();
      this.#focus = 'heading';
      return;
    }
    // The server decided: nothing was charged, and a new attempt is a new intent with a new key.
    this.#intent = undefined;
    this._attempt = 'idle';
    this._status = '';
    if (error.kind === 'declined') {
      this.#showOutcome({ kind: 'declined', error, intent }, new AcctPaymentFailedEvent({ error }));
    } else if (error.kind === 'conflict') {
      this.#showOutcome({ kind: 'already-paid', error, intent }, new AcctPaymentFailedEvent({ error }));
      // Someone else paid: every element showing these is out of date.
      this.resolvedApi?.invalidate(PAYMENT_RESOURCES);
    } else if (error.kind === 'validation') {
      this.#events.push(new AcctPaymentFailedEvent({ error }));
      this.#showRefusal(error);
    } else {
      this._payError = error;
      this._alert = messageForError(error);
      this.#events.push(new AcctPaymentFailedEvent({ error }));
    }
  }

  /** A 400/422: the message goes onto the field it names (amount → review, method → method step). */
  #showRefusal(error: ApiError): void {
    const fields = error.fieldErrors.map((fieldError) => fieldError.field);
    const message = this.#refusalMessage(error);
    this._alert = message;
    if (fields.includes('payment_method_id')) {
      this._methodError = message;
      this.#go('method');
      this.#focus = 'methods';
    } else if (fields.includes('amount') && this._amountMode === 'other') {
      this._amountError = message;
      this.#go('review');
      this.#focus = 'amount';
    } else {
      this._notice = message;
      this.#go('review');
    }
    // The amounts due may have changed under us: show the server's current figures.
    this.refresh();
  }

  #refusalMessage(error: ApiError): string {
    switch (error.problem?.code) {
      case 'amount_too_large':
        return msg('The amount is more than the amount due now. Check the amounts and try again.');
      case 'amount_too_small':
        return msg('The amount is below the minimum payment.');
      case 'partial_payment_not_allowed':
        return msg('This account pays invoices in full.');
      case 'payment_method_not_found':
        return msg('This payment method is no longer available. Choose another one.');
      default:
        return messageForError(error);
    }
  }

  #achText(): string {
    return msg('Bank transfer (ACH): takes 1-3 business days.');
  }

  #unconfirmedText(): string {
    return msg('We could not confirm the payment: the connection was lost, so it may have gone through. Check again: it will not charge twice.');
  }

  #sessionExpiredText(): string {
    return msg('Your session has expired. Sign in again, then press Pay: nothing was charged yet.');
  }

  /** A bank payment that failed after it was accepted: its failure, as an ApiError for the event. */
  #failureError(payment: Payment): ApiError {
    const failure = payment.failure ?? { code: 'payment_failed', message: 'The payment failed.' };
    return new ApiError('declined', failure.message, { problem: { status: 402, code: failure.code, detail: failure.message } });
  }

  #outcomeText(outcome: Outcome): string {
    const locale = this.resolvedLocale;
    switch (outcome.kind) {
      case 'succeeded':
        return msg(str`Payment of ${formatMoney(outcome.payment.amount, locale)} succeeded.`);
      case 'processing':
        return msg('Processing — banks take 1-3 business days. We will show the result here when the bank confirms.');
      case 'failed':
      case 'declined':
        return paymentErrorMessage(outcome.error);
      case 'already-paid':
        return outcome.intent.invoices.length === 1
          ? msg('This invoice has already been paid.')
          : msg('One of these invoices has already been paid. Nothing was charged.');
    }
  }

  /** A bank payment: ask again while the element is connected and shows it, less often each time. */
  #schedulePoll(reset: boolean): void {
    this.#stopPolling();
    const outcome = this._outcome;
    if (!this.isConnected || outcome?.kind !== 'processing') return;
    if (reset) this.#pollDelay = Math.max(100, this.statusPollInterval);
    const delay = this.#pollDelay;
    this.#pollDelay = Math.min(delay * 2, MAX_POLL_INTERVAL_MS);
    this.#pollTimer = setTimeout(() => void this.#poll(outcome), delay);
  }

  #stopPolling(): void {
    clearTimeout(this.#pollTimer);
    this.#pollTimer = undefined;
    this.#pollController?.abort();
    this.#pollController = undefined;
  }

  async #poll(outcome: Extract<Outcome, { kind: 'processing' }>): Promise<void> {
    const api = this.resolvedApi;
    const controller = (this.#pollController = new AbortController());
    let payment: Payment;
    try {
      if (!api) throw new ApiError('config', 'No AccountApi');
      payment = await api.getPayment(outcome.payment.id, { fresh: true, signal: controller.signal });
    } catch {
      // A failed check says nothing about the payment: check again later.
      if (!controller.signal.aborted) this.#schedulePoll(false);
      return;
    }
    if (controller.signal.aborted || this._outcome !== outcome) return;
    if (payment.status === 'processing') {
      this.#schedulePoll(false);
      return;
    }
    this.#pollController = undefined;
    this.#showPayment(payment, outcome.intent);
    api.invalidate(PAYMENT_RESOURCES);
  }

  #reportLoadErrors(): void {
    for (const task of this.#loadTasks) {
      if (!task.failed) this.#reported.delete(task);
      else if (this.#reported.get(task) !== task.error) {
        this.#reported.set(task, task.error);
        this.dispatchEvent(new AcctErrorEvent({ error: toApiError(task.error) }));
      }
    }
  }

  // ---- render ----

  protected override render(): TemplateResult {
    const view = this.#view();
    return html`<div part="base" class="card" aria-busy=${view.kind === 'loading' ? 'true' : 'false'}>
      ${this.#renderView(view)}
      <div class="visually-hidden" role="status">${this._status}</div>
      <div class="visually-hidden" role="alert">${this._alert}</div>
    </div>`;
  }

  #renderView(view: View): TemplateResult {
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
        return this.#renderSection(
          this.#renderMessage(msg('Pay invoices'), msg('Your role may see invoices but not pay them. Ask an account administrator.')),
        );
      case 'empty':
        return this.#renderSection(this.#renderMessage(msg('Nothing to pay'), msg("There are no open invoices to pay. You're all paid up.")));
      case 'result':
        return this.#renderSection(this.#renderResult(view.outcome));
      case 'step':
        return html`${this.#renderProgress(view.step)}${this.#renderSection(this.#renderStep(view.step, view.data))}`;
    }
  }

  #renderStep(step: Exclude<PayStep, 'result'>, data: FlowData | undefined): TemplateResult {
    if (step === 'confirm' && this.#intent && this._attempt !== 'idle') return this.#renderConfirm(this.#intent);
    if (!data) return html``;
    switch (step) {
      case 'select':
        return this.#renderSelect(data);
      case 'review':
        return this.#renderReview(data);
      case 'method':
        return this.#renderMethods(data);
      case 'confirm': {
        const draft = this.#draft(data);
        return draft ? this.#renderConfirm(draft, data) : this.#renderMethods(data);
      }
    }
  }

  /** An ARIA heading of the configured level (one element for every level: no static templates in the bundle). */
  #heading(text: string): TemplateResult {
    return html`<div id="step-heading" role="heading" aria-level=${this.#headingLevel} part="heading" class="heading" tabindex="-1">
      ${text}
    </div>`;
  }

  #renderSection(content: TemplateResult): TemplateResult {
    return html`<section part="step" class="step" aria-labelledby="step-heading">${content}</section>`;
  }

  #renderMessage(title: string, text: string): TemplateResult {
    return html`${this.#heading(title)}
      <p class="message">${text}</p>`;
  }

  #renderProgress(step: PayStep): TemplateResult {
    const steps: Array<[PayStep, string]> = [
      ['select', msg('Invoices')],
      ['review', msg('Review')],
      ['method', msg('Payment method')],
      ['confirm', msg('Confirm')],
    ];
    const current = steps.findIndex(([name]) => name === step);
    return html`<ol part="progress" class="progress" aria-label=${msg('Payment steps')}>
      ${steps.map(
        ([name, label], index) =>
          html`<li class=${index < current ? 'done' : ''} aria-current=${name === step ? 'step' : nothing}>${label}</li>`,
      )}
    </ol>`;
  }

  #money(money: Money): string {
    return formatMoney(money, this.resolvedLocale);
  }

  #due(invoice: InvoiceSummary): string {
    return invoice.due_on ? formatCalendarDate(invoice.due_on, this.resolvedLocale) : msg('No due date');
  }

  #renderSelect(data: FlowData): TemplateResult {
    const chosen = new Set(data.chosen.map((invoice) => invoice.id));
    const all = data.payable.length > 0 && chosen.size === data.payable.length;
    const mixed = data.chosen.length > 0 && !data.total;
    return html`${this.#heading(msg('Choose invoices to pay'))}
      <fieldset part="invoice-list" class="choices">
        <legend class="visually-hidden">${msg('Open invoices')}</legend>
        <label class="choice all">
          <input
            type="checkbox"
            .checked=${live(all)}
            .indeterminate=${chosen.size > 0 && !all}
            @change=${(event: Event) => this.#onToggleAll(data, event)}
          />
          <span>${msg('Select all')}</span>
        </label>
        ${data.payable.map(
          (invoice) =>
            html`<label class="choice">
              <input
                type="checkbox"
                .checked=${live(chosen.has(invoice.id))}
                @change=${(event: Event) => this.#onToggleInvoice(invoice, data, event)}
              />
              <span class="choice-text">
                <span class="strong">${invoice.number}</span>
                <span class="muted">${msg(str`Due ${this.#due(invoice)}`)}</span>
              </span>
              <span class="num">${this.#money(invoice.amount_due)}</span>
            </label>`,
        )}
      </fieldset>
      <p class="selection" id="selection-summary">
        ${data.total
          ? msg(str`${data.chosen.length} selected, total ${this.#money(data.total)}`)
          : mixed
            ? msg('Invoices in different currencies cannot be paid together. Select invoices of one currency.')
            : msg('Select at least one invoice.')}
      </p>
      <div part="actions" class="actions">
        <button
          type="button"
          class="button primary"
          part="continue-button"
          ?disabled=${!data.total}
          aria-describedby="selection-summary"
          @click=${() => this.#go('review')}
        >
          ${msg('Continue')}
        </button>
      </div>`;
  }

  #renderReview(data: FlowData): TemplateResult {
    const total = data.total!;
    const partial = this.#partialAllowed(data.account);
    return html`${this.#heading(msg('Review payment'))}
      ${this._notice ? html`<p part="notice" class="message notice">${this._notice}</p>` : nothing}
      <table part="summary" class="summary">
        <caption class="visually-hidden">${msg('Invoices to pay')}</caption>
        <thead>
          <tr>
            <th scope="col">${msg('Invoice')}</th>
            <th scope="col">${msg('Due date')}</th>
            <th scope="col" class="num">${msg('Amount due')}</th>
          </tr>
        </thead>
        <tbody>
          ${data.chosen.map(
            (invoice) =>
              html`<tr>
                <th scope="row">${invoice.number}</th>
                <td>${this.#due(invoice)}</td>
                <td class="num">${this.#money(invoice.amount_due)}</td>
              </tr>`,
          )}
        </tbody>
        <tfoot>
          <tr part="total">
            <th scope="row" colspan="2">${msg('Total')}</th>
            <td class="num">${this.#money(total)}</td>
          </tr>
        </tfoot>
      </table>
      <p class="muted">
        ${msg(str`Amounts in ${total.currency}.`)}
        ${data.skipped
          ? data.skipped === 1
            ? msg('1 invoice is already paid and was left out.')
            : msg(str`${data.skipped} invoices are already paid and were left out.`)
          : nothing}
      </p>
      ${partial ? this.#renderAmount(data, total) : nothing}
      <div part="actions" class="actions">
        <button type="button" class="button" part="back-button" @click=${this.#onChangeInvoices}>
          ${msg('Change invoices')}
        </button>
        <button type="button" class="button primary" part="continue-button" @click=${() => this.#onReviewContinue(data)}>
          ${msg('Continue')}
        </button>
      </div>`;
  }

  #renderAmount(data: FlowData, total: Money): TemplateResult {
    const other = this._amountMode === 'other';
    const error = this._amountError;
    const minimum = data.account.payment_terms?.minimum_payment;
    const hint =
      minimum && minimum.currency === total.currency && minimum.amount < total.amount
        ? msg(str`From ${this.#money(minimum)} up to ${this.#money(total)}.`)
        : msg(str`Up to ${this.#money(total)}.`);
    return html`<fieldset part="amount" class="amount">
      <legend>${msg('Amount to pay')}</legend>
      <label class="option">
        <input type="radio" name="amount-mode" value="full" .checked=${live(!other)} @change=${this.#onAmountMode} />
        ${msg(str`Full amount (${this.#money(total)})`)}
      </label>
      <label class="option">
        <input type="radio" name="amount-mode" value="other" .checked=${live(other)} @change=${this.#onAmountMode} />
        ${msg('Another amount')}
      </label>
      ${other
        ? html`<div class="field">
            <label for="amount-input">${msg(str`Amount (${total.currency})`)}</label>
            <input
              id="amount-input"
              part="amount-input"
              type="text"
              inputmode="decimal"
              autocomplete="off"
              .value=${live(this._amountText)}
              aria-invalid=${error ? 'true' : 'false'}
              aria-describedby=${error ? 'amount-hint amount-error' : 'amount-hint'}
              @input=${this.#onAmountInput}
            />
            <p id="amount-hint" class="muted hint">${hint}</p>
            ${error ? html`<p id="amount-error" part="field-error" class="field-error">${error}</p>` : nothing}
          </div>`
        : error
          ? html`<p part="field-error" class="field-error">${error}</p>`
          : nothing}
    </fieldset>`;
  }

  #renderMethods(data: FlowData): TemplateResult {
    const chosen = this.#method(data);
    const gateway = this.#methodsTask.value?.gateway;
    const adding = this._adding || data.methods.length === 0;
    const error = this._methodError;
    if (adding && gateway) {
      this.#form.show({
        api: this.resolvedApi,
        gateway,
        cancelable: data.methods.length > 0,
        locale: this.locale,
        cardTokenizer: this.cardTokenizer,
        allowRawCardData: this.allowRawCardData,
      });
    }
    return html`${this.#heading(msg('Choose a payment method'))}
      ${data.methods.length
        ? html`<fieldset
            part="methods"
            class="methods"
            aria-describedby=${error ? 'method-error' : nothing}
          >
            <legend class="visually-hidden">${msg('Saved payment methods')}</legend>
            ${data.methods.map((method) => this.#renderMethodOption(method, method === chosen))}
          </fieldset>`
        : html`<p class="message">${msg('There is no saved payment method yet. Add one to pay.')}</p>`}
      ${error ? html`<p id="method-error" part="field-error" class="field-error">${error}</p>` : nothing}
      ${adding
        ? gateway &&
          html`<div part="add-method"><slot name="payment-method-form"></slot></div>`
        : html`<button type="button" class="button" part="add-method-button" @click=${this.#onAddMethod}>
            ${msg('Add a payment method')}
          </button>`}
      <div part="actions" class="actions">
        <button type="button" class="button" part="back-button" @click=${() => this.#go('review')}>${msg('Back')}</button>
        <button type="button" class="button primary" part="continue-button" @click=${() => this.#onMethodContinue(data)}>
          ${msg('Continue')}
        </button>
      </div>`;
  }

  #renderMethodOption(method: PaymentMethod, checked: boolean): TemplateResult {
    const expired = isExpired(method);
    const bank = method.type === 'bank_account';
    return html`<label part="method" class=${checked ? 'method selected' : 'method'}>
      <input
        type="radio"
        name="payment-method"
        .value=${method.id}
        ?disabled=${expired}
        .checked=${live(checked)}
        @change=${this.#onMethodChange}
      />
      <span class="method-text">
        <bdi>${paymentMethodLabel(method)}</bdi>
        ${method.card
          ? html`<span class="muted"
              >${msg(str`Expires ${String(method.card.exp_month).padStart(2, '0')}/${method.card.exp_year}`)}</span
            >`
          : nothing}
        ${bank ? html`<span class="muted">${this.#achText()}</span>` : nothing}
      </span>
      ${method.is_default ? html`<span class="badge info">${msg('Default')}</span>` : nothing}
      ${expired ? html`<span class="badge danger">${msg('Expired')}</span>` : nothing}
    </label>`;
  }

  /** The facts to confirm: amount, currency, method and invoices (R16), then Pay or the attempt's state. */
  #renderConfirm(intent: Draft, data?: FlowData): TemplateResult {
    const attempt = this._attempt;
    const running = attempt === 'paying' || attempt === 'checking';
    const pay = this.#money(intent.amount);
    return html`${this.#heading(msg('Confirm payment'))}
      ${this.#renderFacts(intent, intent.amount)}
      ${intent.method.type === 'bank_account'
        ? html`<p class="muted">${this.#achText()}</p>`
        : nothing}
      ${running
        ? html`<p part="status" class="status"><span class="spinner" aria-hidden="true"></span>${this._status}</p>`
        : nothing}
      ${attempt === 'unconfirmed'
        ? html`<div part="result" class="message warning">
            <p>${this.#unconfirmedText()}</p>
          </div>`
        : nothing}
      ${attempt === 'session-expired'
        ? html`<div part="result" class="message error">
            <p>${this.#sessionExpiredText()}</p>
          </div>`
        : nothing}
      ${this._payError ? html`<div part="result" class="message error"><p>${messageForError(this._payError)}</p></div>` : nothing}
      <div part="actions" class="actions">
        ${attempt === 'unconfirmed'
          ? html`<button
              type="button"
              class="button primary"
              part="check-again-button"
              aria-disabled="false"
              @click=${this.#onCheckAgain}
            >
              ${msg('Check again')}
            </button>`
          : html`${attempt === 'idle'
                ? html`<button type="button" class="button" part="back-button" @click=${() => this.#go('method')}>
                    ${msg('Back')}
                  </button>`
                : nothing}
              <button
                type="button"
                class="button primary"
                part="pay-button"
                aria-disabled=${running ? 'true' : 'false'}
                aria-busy=${running ? 'true' : 'false'}
                @click=${(event: Event) => this.#onPay(event, data)}
              >
                ${running ? msg('Processing payment…') : msg(str`Pay ${pay}`)}
              </button>`}
      </div>`;
  }

  #renderFacts(intent: Draft, amount: Money, payment?: Payment): TemplateResult {
    const invoices = payment?.allocations.length
      ? payment.allocations.map((allocation) => ({ number: allocation.invoice_number, amount: allocation.amount }))
      : intent.invoices.map((invoice) => ({ number: invoice.number, amount: invoice.amount_due }));
    return html`<dl part="summary" class="facts">
      ${payment ? html`<div><dt>${msg('Payment reference')}</dt><dd><bdi>${payment.id}</bdi></dd></div>` : nothing}
      <div><dt>${msg('Amount')}</dt><dd class="strong">${this.#money(amount)}</dd></div>
      <div><dt>${msg('Currency')}</dt><dd>${amount.currency}</dd></div>
      <div>
        <dt>${msg('Payment method')}</dt>
        <dd><bdi>${payment?.payment_method?.label ?? paymentMethodLabel(intent.method)}</bdi></dd>
      </div>
      <div>
        <dt>${invoices.length === 1 ? msg('Invoice') : msg('Invoices')}</dt>
        <dd>
          <ul class="plain">
            ${invoices.map((invoice) => html`<li>${invoice.number} <span class="muted">(${this.#money(invoice.amount)})</span></li>`)}
          </ul>
        </dd>
      </div>
    </dl>`;
  }

  #renderResult(outcome: Outcome): TemplateResult {
    const { kind } = outcome;
    const paid = kind === 'succeeded' || kind === 'processing';
    const title =
      kind === 'succeeded'
        ? msg('Payment successful')
        : kind === 'processing'
          ? msg('Payment processing')
          : kind === 'failed'
            ? msg('Payment failed')
            : kind === 'declined'
              ? msg('Payment declined')
              : msg('Already paid');
    const tone = kind === 'succeeded' ? 'success' : kind === 'processing' ? 'warning' : kind === 'already-paid' ? '' : 'error';
    return html`${this.#heading(title)}
      <div part="result" class="message ${tone}">
        <p>${this.#outcomeText(outcome)}</p>
        ${paid ? nothing : html`<p>${msg('Nothing was charged.')}</p>`}
      </div>
      ${paid
        ? this.#renderFacts(outcome.intent, outcome.payment.amount, outcome.payment)
        : html`<div part="actions" class="actions">
            <button
              type="button"
              class="button primary"
              part="continue-button"
              @click=${kind === 'already-paid' ? this.#onStartOver : this.#onTryAnotherMethod}
            >
              ${kind === 'already-paid' ? msg('Start over') : msg('Try another payment method')}
            </button>
          </div>`}`;
  }
}

import type { ReactiveControllerHost } from 'lit';
import { msg, str } from '@lit/localize';
import { messageForError } from '../../core/error-view.js';
import { paymentMethodLabel } from '../../core/payment-method-label.js';
import type { WriteFailure } from '../../core/write-intent.js';
import type { ApiError } from '../../api/errors.js';
import type { InvoiceSummary } from '../../api/schemas/invoice.js';
import type { Payment } from '../../api/schemas/payment.js';
import type { PaymentMethod } from '../../api/schemas/payment-method.js';
import { AcctPaymentFailedEvent, AcctPaymentProcessingEvent, AcctPaymentSucceededEvent } from '../../events/index.js';
import {
  amountToPay,
  failureError,
  isExpired,
  methodToUse,
  outcomeText,
  refusalMessage,
  sessionExpiredText,
  summaryOf,
  unconfirmedText,
  type Draft,
  type FlowData,
  type FlowStep,
  type Outcome,
} from './flow.js';

/** Where focus goes after the next render. */
export type FlowFocus = 'heading' | 'amount' | 'methods';

/**
 * The pay flow's state and its transitions: the step, the selection, the amount typed, the method
 * chosen, the confirmed draft, the outcome, the messages for the live regions, and where focus goes
 * next. Every transition asks the element to render; the element renders it with `steps/*.ts` and
 * sends the payment through its write intent.
 */
export class PayFlowState {
  step?: FlowStep;
  /** `given`: the invoices of `invoices` / `invoice-ids`; `open`: the open invoices to select from. */
  source: 'given' | 'open' = 'open';
  /** The selection in the select step; undefined: every payable invoice of the source. */
  selectedIds?: ReadonlySet<string>;
  amountMode: 'full' | 'other' = 'full';
  amountText = '';
  amountError?: string;
  methodId?: string;
  methodError?: string;
  /** The add form is open. */
  adding = false;
  /** A message at the top of the review (the page stopped the payment, the server refused it). */
  notice?: string;
  /** A refusal on the confirm step that charged nothing (forbidden, ...): a new Pay is safe. */
  payError?: ApiError;
  outcome?: Outcome;
  /** What the confirmed payment shows; kept while its outcome is not known (or it was not run: session expired). */
  confirmed?: Draft;
  /** Polite live region (processing, success). */
  status = '';
  /** Assertive live region (errors). */
  alert = '';
  /** Where focus goes after the next render. */
  focus?: FlowFocus;
  /** Methods added during this flow, shown before the list reloads. */
  addedMethods: PaymentMethod[] = [];
  /** Events to dispatch once the page shows what they tell. */
  readonly events: Event[] = [];

  readonly #host: ReactiveControllerHost;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
  }

  /** Applies a change and renders it. */
  #change(apply: () => void): void {
    apply();
    this.#host.requestUpdate();
  }

  go(step: FlowStep): void {
    this.#change(() => {
      this.step = step;
      this.payError = undefined;
      this.focus = 'heading';
    });
  }

  /** A new flow: nothing chosen, nothing typed. */
  startOver(): void {
    this.#change(() => {
      this.confirmed = undefined;
      this.outcome = undefined;
      this.step = undefined;
      this.selectedIds = undefined;
      this.amountMode = 'full';
      this.amountText = '';
      this.amountError = undefined;
      this.methodError = undefined;
      this.notice = undefined;
      this.payError = undefined;
      this.adding = false;
      this.alert = '';
      this.status = '';
    });
  }

  setSource(source: 'given' | 'open'): void {
    this.#change(() => (this.source = source));
  }

  select(ids: ReadonlySet<string>): void {
    this.#change(() => {
      this.selectedIds = ids;
      // The select step may have been shown in place of another (nothing valid chosen): it stays until Continue.
      this.step = 'select';
    });
  }

  toggleInvoice(invoice: InvoiceSummary, data: FlowData, checked: boolean): void {
    const next = new Set(data.chosen.map((chosen) => chosen.id));
    if (checked) next.add(invoice.id);
    else next.delete(invoice.id);
    this.select(next);
  }

  /** "Change invoices": the open invoices to select from, with what was given still selected. */
  changeInvoices(data: FlowData | undefined): void {
    if (data && this.source === 'given') this.selectedIds = new Set(data.chosen.map((invoice) => invoice.id));
    this.source = 'open';
    this.go('select');
  }

  setAmountMode(mode: 'full' | 'other'): void {
    this.#change(() => {
      this.amountMode = mode;
      this.amountError = undefined;
    });
  }

  setAmountText(text: string): void {
    this.#change(() => {
      this.amountText = text;
      this.amountError = undefined;
    });
  }

  amountToPay(data: FlowData, locale: string) {
    return amountToPay(data, { mode: this.amountMode, text: this.amountText }, locale);
  }

  /** Continue on the review: on to the method, or the amount's error on the field. */
  reviewContinue(data: FlowData, locale: string): void {
    const { error } = this.amountToPay(data, locale);
    this.#change(() => (this.amountError = error));
    if (error) {
      this.focus = 'amount';
      this.alert = error;
      return;
    }
    this.notice = undefined;
    this.go('method');
  }

  chooseMethod(id: string): void {
    this.#change(() => {
      this.methodId = id;
      this.methodError = undefined;
    });
  }

  methodContinue(data: FlowData): void {
    if (methodToUse(data, this.methodId)) {
      this.go('confirm');
      return;
    }
    this.#change(() => {
      this.methodError = msg('Choose a payment method.');
      this.alert = this.methodError;
      this.focus = 'methods';
    });
  }

  setAdding(adding: boolean): void {
    this.#change(() => (this.adding = adding));
  }

  /** The add form saved a method: it is chosen, and the form closes. */
  methodAdded(method: PaymentMethod): void {
    this.#change(() => {
      this.addedMethods = [...this.addedMethods.filter((m) => m.id !== method.id), method];
      this.methodId = method.id;
      this.methodError = undefined;
      this.adding = false;
      this.status = msg(str`${paymentMethodLabel(method)} was added and chosen.`);
      this.focus = 'methods';
    });
  }

  addCancelled(): void {
    this.#change(() => {
      this.adding = false;
      this.focus = 'heading';
    });
  }

  /** What the confirm step shows for the current choices, if they are complete. */
  draft(data: FlowData, locale: string): Draft | undefined {
    const { amount } = this.amountToPay(data, locale);
    const method = methodToUse(data, this.methodId);
    return amount && method ? { amount, invoices: data.chosen.map(summaryOf), method } : undefined;
  }

  /** The page cancelled `acct-before-payment`: back to the review, nothing sent. */
  stoppedByPage(): void {
    this.notice = msg('The payment was stopped before anything was charged.');
    this.alert = this.notice;
    this.go('review');
  }

  /** A send of the confirmed payment begins. */
  sending(draft: Draft): void {
    this.#change(() => {
      this.confirmed = draft;
      this.payError = undefined;
      this.alert = '';
      this.status = '';
    });
  }

  /** After a decline: the method step, with another usable method chosen (or the add form). */
  tryAnotherMethod(data: FlowData | undefined): void {
    const failed = this.outcome?.intent.method.id;
    const other = data?.methods.find((method) => method.id !== failed && !isExpired(method));
    this.outcome = undefined;
    this.alert = '';
    this.methodId = other?.id;
    this.adding = !other;
    this.go('method');
  }

  /** The server's payment: succeeded, failed (a bank payment that did not settle), or still processing. */
  showPayment(payment: Payment, draft: Draft, locale: string): void {
    if (payment.status === 'failed') {
      const error = failureError(payment);
      this.#showOutcome({ kind: 'failed', payment, error, intent: draft }, new AcctPaymentFailedEvent({ error, payment }), locale);
    } else if (payment.status === 'succeeded') {
      this.#showOutcome({ kind: 'succeeded', payment, intent: draft }, new AcctPaymentSucceededEvent({ payment }), locale);
    } else {
      // `processing`, or a status this version does not know: not final, so it is checked again.
      this.#showOutcome({ kind: 'processing', payment, intent: draft }, new AcctPaymentProcessingEvent({ payment }), locale);
    }
  }

  #showOutcome(outcome: Outcome, event: Event, locale: string): void {
    this.#change(() => {
      this.outcome = outcome;
      this.confirmed = undefined;
      this.focus = 'heading';
      this.events.push(event);
      const text = outcomeText(outcome, locale);
      const good = outcome.kind === 'succeeded' || outcome.kind === 'processing';
      this.status = good ? text : '';
      this.alert = good ? '' : text;
    });
  }

  /** A send of the confirmed payment failed: kept (unknown, session expired) or decided. */
  paymentFailed(state: WriteFailure, error: ApiError, draft: Draft, locale: string): void {
    if (state === 'session-expired') {
      // Not run: kept, so the same intent goes again once the host has a new token.
      this.#change(() => (this.alert = sessionExpiredText()));
      return;
    }
    if (state === 'unknown') {
      // Network, timeout, 5xx after retries, a 409 still in progress, an unreadable answer: the
      // server may have charged. Only the same intent may be sent again.
      this.#change(() => {
        this.alert = unconfirmedText();
        this.focus = 'heading';
      });
      return;
    }
    // The server decided: nothing was charged, and a new attempt is a new intent with a new key.
    this.confirmed = undefined;
    if (error.kind === 'declined') {
      this.#showOutcome({ kind: 'declined', error, intent: draft }, new AcctPaymentFailedEvent({ error }), locale);
    } else if (error.kind === 'conflict') {
      this.#showOutcome({ kind: 'already-paid', error, intent: draft }, new AcctPaymentFailedEvent({ error }), locale);
    } else if (error.kind === 'validation') {
      this.events.push(new AcctPaymentFailedEvent({ error }));
      this.#showRefusal(error);
    } else {
      this.#change(() => {
        this.payError = error;
        this.alert = messageForError(error);
        this.events.push(new AcctPaymentFailedEvent({ error }));
      });
    }
  }

  /** A 400/422: the message goes onto the field it names (amount → review, method → method step). */
  #showRefusal(error: ApiError): void {
    const fields = error.fieldErrors.map((fieldError) => fieldError.field);
    const message = refusalMessage(error);
    this.alert = message;
    if (fields.includes('payment_method_id')) {
      this.methodError = message;
      this.go('method');
      this.focus = 'methods';
    } else if (fields.includes('amount') && this.amountMode === 'other') {
      this.amountError = message;
      this.go('review');
      this.focus = 'amount';
    } else {
      this.notice = message;
      this.go('review');
    }
  }
}

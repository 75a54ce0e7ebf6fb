import { msg, str } from '@lit/localize';
import { messageForError } from '../../core/error-view.js';
import { paymentMethodLabel } from '../../core/payment-method-display.js';
import type { WriteFailure } from '../../core/write-intent.js';
import type { ApiError } from '../../api/errors.js';
import type { Payment } from '../../api/schemas/payment.js';
import type { PaymentMethod } from '../../api/schemas/payment-method.js';
import { AcctPaymentFailedEvent, AcctPaymentProcessingEvent, AcctPaymentSucceededEvent } from '../../events/index.js';
import type { Money } from '../../api/schemas/common.js';
import type { Draft, FlowData, Outcome } from './flow.js';
import { amountToPay, failureError, isExpired, methodToUse, outcomeText, refusalMessage, sessionExpiredText, unconfirmedText } from './flow-later.js';
import type { PayFlowState } from './flow-state.js';

/**
 * The pay flow's transitions from the review on: Continue on the review and on the method step, a method added,
 * the draft to confirm, the outcome of a payment, "Try another payment method". Functions of the
 * flow's state (`flow-state.ts`), in the later steps' chunk (`later-steps.ts`), so that they are
 * not in the flow's first download; each change renders through `flow.change`.
 *
 * Like every module of that chunk, it imports values only from outside the element's own modules
 * (core, api, events): a host's bundler (Vite 8) otherwise splits lit and the core out of the
 * element's first file into several (measured: pay page 45.0 → 47.4 kB gzip, 3 → 7 files).
 */

/** The amount to pay for what the review shows: the total, or the partial amount typed; or why not. */
export function amountOf(flow: PayFlowState, data: FlowData, locale: string): { amount?: Money; error?: string } {
  return amountToPay(data, { mode: flow.amountMode, text: flow.amountText }, locale);
}

/** Continue on the review: on to the method, or the amount's error on the field. */
export function reviewContinue(flow: PayFlowState, data: FlowData, locale: string): void {
  const { error } = amountOf(flow, data, locale);
  flow.change(() => (flow.amountError = error));
  if (error) {
    flow.focus = 'amount';
    flow.alert = error;
    return;
  }
  flow.notice = undefined;
  flow.go('method');
}

export function methodContinue(flow: PayFlowState, data: FlowData): void {
  if (methodToUse(data, flow.methodId)) {
    flow.go('confirm');
    return;
  }
  flow.change(() => {
    flow.methodError = msg('Choose a payment method.');
    flow.alert = flow.methodError;
    flow.focus = 'methods';
  });
}

/** The add form saved a method: it is chosen, and the form closes. */
export function methodAdded(flow: PayFlowState, method: PaymentMethod): void {
  flow.change(() => {
    flow.addedMethods = [...flow.addedMethods.filter((m) => m.id !== method.id), method];
    flow.methodId = method.id;
    flow.methodError = undefined;
    flow.adding = false;
    flow.status = msg(str`${paymentMethodLabel(method)} was added and chosen.`);
    flow.focus = 'methods';
  });
}

/** After a decline: the method step, with another usable method chosen (or the add form). */
export function tryAnotherMethod(flow: PayFlowState, data: FlowData | undefined): void {
  const failed = flow.outcome?.intent.method.id;
  const other = data?.methods.find((method) => method.id !== failed && !isExpired(method));
  flow.outcome = undefined;
  flow.alert = '';
  flow.methodId = other?.id;
  flow.adding = !other;
  flow.go('method');
}

/** The server's payment: succeeded, failed (a bank payment that did not settle), or still processing. */
export function showPayment(flow: PayFlowState, payment: Payment, draft: Draft, locale: string): void {
  if (payment.status === 'failed') {
    const error = failureError(payment);
    showOutcome(flow, { kind: 'failed', payment, error, intent: draft }, new AcctPaymentFailedEvent({ error, payment }), locale);
  } else if (payment.status === 'succeeded') {
    showOutcome(flow, { kind: 'succeeded', payment, intent: draft }, new AcctPaymentSucceededEvent({ payment }), locale);
  } else {
    // `processing`, or a status this version does not know: not final, so it is checked again.
    showOutcome(flow, { kind: 'processing', payment, intent: draft }, new AcctPaymentProcessingEvent({ payment }), locale);
  }
}

function showOutcome(flow: PayFlowState, outcome: Outcome, event: Event, locale: string): void {
  flow.change(() => {
    flow.outcome = outcome;
    flow.confirmed = undefined;
    flow.focus = 'heading';
    flow.events.push(event);
    const text = outcomeText(outcome, locale);
    const good = outcome.kind === 'succeeded' || outcome.kind === 'processing';
    flow.status = good ? text : '';
    flow.alert = good ? '' : text;
  });
}

/** A send of the confirmed payment failed: kept (unknown, session expired) or decided. */
export function paymentFailed(flow: PayFlowState, state: WriteFailure, error: ApiError, draft: Draft, locale: string): void {
  if (state === 'session-expired') {
    // Not run: kept, so the same intent goes again once the host has a new token.
    flow.change(() => (flow.alert = sessionExpiredText()));
    return;
  }
  if (state === 'unknown') {
    // Network, timeout, 5xx after retries, a 409 still in progress, an unreadable answer: the
    // server may have charged. Only the same intent may be sent again.
    flow.change(() => {
      flow.alert = unconfirmedText();
      flow.focus = 'heading';
    });
    return;
  }
  // The server decided: nothing was charged, and a new attempt is a new intent with a new key.
  flow.confirmed = undefined;
  if (error.kind === 'declined') {
    showOutcome(flow, { kind: 'declined', error, intent: draft }, new AcctPaymentFailedEvent({ error }), locale);
  } else if (error.kind === 'conflict') {
    showOutcome(flow, { kind: 'already-paid', error, intent: draft }, new AcctPaymentFailedEvent({ error }), locale);
  } else if (error.kind === 'validation') {
    flow.events.push(new AcctPaymentFailedEvent({ error }));
    showRefusal(flow, error);
  } else {
    flow.change(() => {
      flow.payError = error;
      flow.alert = messageForError(error);
      flow.events.push(new AcctPaymentFailedEvent({ error }));
    });
  }
}

/** A 400/422: the message goes onto the field it names (amount → review, method → method step). */
function showRefusal(flow: PayFlowState, error: ApiError): void {
  const fields = error.fieldErrors.map((fieldError) => fieldError.field);
  const message = refusalMessage(error);
  flow.alert = message;
  if (fields.includes('payment_method_id')) {
    flow.methodError = message;
    flow.go('method');
    flow.focus = 'methods';
  } else if (fields.includes('amount') && flow.amountMode === 'other') {
    flow.amountError = message;
    flow.go('review');
    flow.focus = 'amount';
  } else {
    flow.notice = message;
    flow.go('review');
  }
}

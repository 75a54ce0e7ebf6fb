import { msg, str } from '@lit/localize';
import { messageForError } from '../../core/error-view.js';
import { formatMoney } from '../../core/money.js';
import { paymentErrorMessage } from '../../core/payment-errors.js';
import { validateExpiry } from '../../api/validators.js';
import { ApiError } from '../../api/errors.js';
import type { NewPayment, Payment } from '../../api/schemas/payment.js';
import type { PaymentMethod } from '../../api/schemas/payment-method.js';
import type { Draft, FlowData, Outcome } from './flow.js';

/**
 * The pay flow's rules from the method step on (the usable methods, the request, the outcomes and
 * their words). Part of the later steps' chunk (`later-steps.ts`): not in the flow's first download.
 */

export function isExpired(method: PaymentMethod): boolean {
  const card = method.card;
  return !!card && validateExpiry(card.exp_month, card.exp_year) === 'expired';
}

/** The chosen method if it can be used; else the default one; else the first usable one. */
export function methodToUse(data: FlowData, chosenId: string | undefined): PaymentMethod | undefined {
  const usable = data.methods.filter((method) => !isExpired(method));
  return usable.find((method) => method.id === chosenId) ?? usable.find((method) => method.is_default) ?? usable[0];
}

/** The request of a confirmed draft (the write intent freezes it). */
export function paymentRequest(draft: Draft): NewPayment {
  return {
    invoice_ids: draft.invoices.map((invoice) => invoice.id),
    payment_method_id: draft.method.id,
    amount: { ...draft.amount },
  };
}

/** A bank payment that failed after it was accepted: its failure, as an ApiError for the event. */
export function failureError(payment: Payment): ApiError {
  const failure = payment.failure ?? { code: 'payment_failed', message: 'The payment failed.' };
  return new ApiError('declined', failure.message, { problem: { status: 402, code: failure.code, detail: failure.message } });
}

/** A 400/422 refusal of a payment, in the flow's words. */
export function refusalMessage(error: ApiError): string {
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

export function achText(): string {
  return msg('Bank transfer (ACH): takes 1-3 business days.');
}

export function unconfirmedText(): string {
  return msg('We could not confirm the payment: the connection was lost, so it may have gone through. Check again: it will not charge twice.');
}

export function sessionExpiredText(): string {
  return msg('Your session has expired. Sign in again, then press Pay: nothing was charged yet.');
}

export function outcomeText(outcome: Outcome, locale: string): string {
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

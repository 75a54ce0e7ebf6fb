import { msg, str } from '@lit/localize';
import { messageForError } from '../../core/error-view.js';
import { formatMoney, parseDecimal, toDecimalString } from '../../core/money.js';
import { paymentErrorMessage } from '../../core/payment-errors.js';
import { validateExpiry } from '../../api/validators.js';
import { ApiError } from '../../api/errors.js';
import type { Account } from '../../api/schemas/account.js';
import type { Money } from '../../api/schemas/common.js';
import type { Payment } from '../../api/schemas/payment.js';
import type { NewPayment } from '../../api/schemas/billing-input.js';
import type { PaymentMethod } from '../../api/schemas/payment-method.js';
import type { Draft, FlowData, Outcome } from './flow.js';

/**
 * The pay flow's rules from the method step on (the usable methods, the request, the outcomes and
 * their words), and from the review on (the amount to pay). Part of the later steps' chunk
 * (`later-steps.ts`): not in the flow's first download.
 */

export function partialAllowed(account: Account): boolean {
  return !!account.payment_terms?.partial_payments && account.capabilities.includes('payments:partial');
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

/** The amount to pay, validated: the total, or the partial amount typed where that is allowed. */
export function amountToPay(
  data: FlowData,
  input: { mode: 'full' | 'other'; text: string },
  locale: string,
): { amount?: Money; error?: string } {
  const total = data.total;
  if (!total) return { error: msg('Invoices in different currencies cannot be paid together.') };
  if (input.mode === 'full' || !partialAllowed(data.account)) return { amount: total };
  const { currency } = total;
  const text = normalizeDecimal(input.text, locale);
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

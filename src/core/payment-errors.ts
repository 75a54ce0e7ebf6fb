import { msg } from '@lit/localize';
import { toApiError } from '../api/errors.js';
import type { PaymentProblemCode } from '../api/vocabulary.js';
import { messageForError } from './error-view.js';

/**
 * A sentence for a failed payment or payment-method write, for the pay flow and the add-method
 * form alike. The problem codes the elements know (PAYMENT_PROBLEM_CODES) get their own words; any
 * other error gets the general message (a decline with another code: the server's detail).
 */
export function paymentErrorMessage(error: unknown): string {
  const e = toApiError(error);
  switch (e.problem?.code as PaymentProblemCode | undefined) {
    case 'card_declined':
      return msg('The card was declined. Try another payment method, or ask your bank why.');
    case 'insufficient_funds':
      // Also a bank debit that was returned: not "the card".
      return msg('There were not enough funds for this payment. Try another payment method.');
    case 'expired_card':
      return msg('The card has expired. Use another payment method, or add the card again with its new expiry date.');
    case 'incorrect_cvc':
      return msg('The security code (CVC) is incorrect. Enter the card again, or use another payment method.');
    case 'default_payment_method_required':
      return msg('This is the default payment method. Make another method the default first.');
    case 'payment_method_in_use':
      return msg('Autopay uses this payment method. Choose another method for autopay, or turn autopay off first.');
    case 'payment_method_not_found':
      return msg('This payment method no longer exists. Reload the page and try again.');
    case 'raw_card_data_not_allowed':
      return msg('This payment gateway does not accept card numbers from this form. Card entry needs to be set up by the site.');
    default:
      return messageForError(e);
  }
}

import { msg } from '@lit/localize';
import type { StatusBadge } from './invoice-status.js';

/**
 * Badge for a payment status. `processing` is a bank (ACH) payment the bank has not settled yet.
 * Unknown statuses stay visible as a neutral badge with the server's raw value.
 */
export function paymentStatusBadge(status: string): StatusBadge {
  switch (status) {
    case 'succeeded':
      return { label: msg('Succeeded'), tone: 'success' };
    case 'processing':
      return { label: msg('Processing'), tone: 'warning' };
    case 'failed':
      return { label: msg('Failed'), tone: 'danger' };
    case 'refunded':
      return { label: msg('Refunded'), tone: 'muted' };
    default:
      return { label: status, tone: 'neutral' };
  }
}

/**
 * Why a payment failed, in the user's language for the gateway's known codes; the server's own
 * message (shown as text) for any other code.
 */
export function paymentFailureReason(failure: { code: string; message: string }): string {
  switch (failure.code) {
    case 'card_declined':
      return msg('The card was declined.');
    case 'insufficient_funds':
      return msg('Insufficient funds.');
    case 'expired_card':
      return msg('The card has expired.');
    case 'incorrect_cvc':
      return msg('The security code (CVC) was incorrect.');
    default:
      return failure.message;
  }
}

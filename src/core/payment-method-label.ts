import { msg } from '@lit/localize';
import type { PaymentMethod } from '../api/schemas/payment-method.js';
import { brandName } from '../api/validators.js';

export { brandName };

/**
 * How a saved method is named on screen: the server's `label` when it sends one, else
 * `Visa •••• 4242` / `Test Bank •••• 6789`; a type the elements do not know falls back to its type.
 */
export function paymentMethodLabel(method: Pick<PaymentMethod, 'type' | 'label' | 'card' | 'bank_account'>): string {
  if (method.label) return method.label;
  if (method.card) return `${brandName(method.card.brand)} •••• ${method.card.last4}`;
  if (method.bank_account) return `${method.bank_account.bank_name ?? msg('Bank account')} •••• ${method.bank_account.last4}`;
  return method.type;
}

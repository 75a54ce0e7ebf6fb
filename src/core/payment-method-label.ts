import { msg } from '@lit/localize';
import type { PaymentMethod } from '../api/schemas/payment-method.js';

const BRAND_NAMES: Readonly<Record<string, string>> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  discover: 'Discover',
  diners: 'Diners Club',
  jcb: 'JCB',
  unionpay: 'UnionPay',
};

/** A card brand's name (`visa` → `Visa`); trademarks read the same in every language, unknown brands as they come. */
export function brandName(brand: string): string {
  return BRAND_NAMES[brand] ?? brand;
}

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

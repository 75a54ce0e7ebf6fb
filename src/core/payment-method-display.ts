import { countryName } from './country-name.js';
import { msg, str } from '@lit/localize';
import type { Address, CardDetails, PaymentMethod } from '../api/schemas/payment-method.js';
import { brandName, expiryEnd, validateExpiry } from '../api/card-details.js';

/** "Checking account", "Savings account"; a type the elements do not know shows as it comes. */
export function bankAccountTypeLabel(type: string): string {
  if (type === 'checking') return msg('Checking account');
  if (type === 'savings') return msg('Savings account');
  return type;
}

/**
 * How a saved method is named on screen: the server's `label` when it sends one, else
 * `Visa •••• 4242` / `Test Bank •••• 6789`; a type the elements do not know falls back to its type.
 *
 * Here, not in a module of its own: the pay flow's later steps (a lazy chunk) share it with the
 * payment elements, and a module that only a lazy chunk and some elements share, importing
 * `@lit/localize`, makes a host's bundler (Vite 8) split lit and the core out of the first file
 * of a page with every element (docs/performance.md, "What a host's bundler splits").
 */
export function paymentMethodLabel(method: Pick<PaymentMethod, 'type' | 'label' | 'card' | 'bank_account'>): string {
  if (method.label) return method.label;
  if (method.card) return `${brandName(method.card.brand)} •••• ${method.card.last4}`;
  if (method.bank_account) return `${method.bank_account.bank_name ?? msg('Bank account')} •••• ${method.bank_account.last4}`;
  return method.type;
}

/**
 * What a screen reader and a sentence say for a method: "Visa ending in 4242", "Test Bank ending
 * in 6789"; a type the elements do not know is named by the server's `label`.
 */
export function methodName(method: Pick<PaymentMethod, 'type' | 'label' | 'card' | 'bank_account'>): string {
  if (method.card) return msg(str`${brandName(method.card.brand)} ending in ${method.card.last4}`);
  if (method.bank_account) {
    const bank = method.bank_account.bank_name || msg('Bank account');
    return msg(str`${bank} ending in ${method.bank_account.last4}`);
  }
  return method.label || method.type;
}

export type ExpiryStatus = 'expired' | 'expiring' | 'valid';

/** How far "expires soon" reaches: the card's last valid day is within this many months. */
const EXPIRING_MONTHS = 2;

/** Expired after the end of its printed month; "expiring" when that end is within two months. */
export function cardExpiryStatus(card: Pick<CardDetails, 'exp_month' | 'exp_year'>, now: Date = new Date()): ExpiryStatus {
  if (validateExpiry(card.exp_month, card.exp_year, now) === 'expired') return 'expired';
  const horizon = new Date(now);
  horizon.setUTCMonth(horizon.getUTCMonth() + EXPIRING_MONTHS);
  return expiryEnd(card.exp_month, card.exp_year).getTime() <= horizon.getTime() ? 'expiring' : 'valid';
}

/** "12/2029" (cards print month and year this way in every locale). */
export function cardExpiryText(card: Pick<CardDetails, 'exp_month' | 'exp_year'>): string {
  return `${String(card.exp_month).padStart(2, '0')}/${card.exp_year}`;
}

/** "Expires 12/2029", or "Expired 01/2025" beside an Expired badge: one wording wherever a card's expiry shows. */
export function cardExpiryLine(card: Pick<CardDetails, 'exp_month' | 'exp_year'>, expired = false): string {
  const text = cardExpiryText(card);
  return expired ? msg(str`Expired ${text}`) : msg(str`Expires ${text}`);
}

export { countryName };

/** One line: "12 Harbour Street, Springfield, OR 97477, United States". */
export function formatAddress(address: Address, locale: string): string {
  const cityLine = [address.city, [address.region, address.postal_code].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  return [address.line1, address.line2, cityLine, countryName(address.country, locale)].filter(Boolean).join(', ');
}

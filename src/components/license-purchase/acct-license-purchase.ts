// "Add a payment method" is an acct-payment-method-form that loads, and registers itself, when the
// customer first opens it.
import { AcctLicensePurchase } from './license-purchase.js';

export { AcctLicensePurchase };

if (!customElements.get('acct-license-purchase')) customElements.define('acct-license-purchase', AcctLicensePurchase);

declare global {
  interface HTMLElementTagNameMap {
    'acct-license-purchase': AcctLicensePurchase;
  }
}

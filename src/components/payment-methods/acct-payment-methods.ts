import { AcctPaymentMethods } from './payment-methods.js';

// The add form it opens (acct-payment-method-form) loads, and registers itself, when first opened.
export { AcctPaymentMethods };

if (!customElements.get('acct-payment-methods')) customElements.define('acct-payment-methods', AcctPaymentMethods);

declare global {
  interface HTMLElementTagNameMap {
    'acct-payment-methods': AcctPaymentMethods;
  }
}

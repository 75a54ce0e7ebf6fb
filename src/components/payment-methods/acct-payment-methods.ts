import { AcctPaymentMethods } from './payment-methods.js';
// The add form it opens.
import '../payment-method-form/acct-payment-method-form.js';

export { AcctPaymentMethods };

if (!customElements.get('acct-payment-methods')) customElements.define('acct-payment-methods', AcctPaymentMethods);

declare global {
  interface HTMLElementTagNameMap {
    'acct-payment-methods': AcctPaymentMethods;
  }
}

import { AcctPaymentMethodForm } from './payment-method-form.js';

export { AcctPaymentMethodForm };

if (!customElements.get('acct-payment-method-form')) customElements.define('acct-payment-method-form', AcctPaymentMethodForm);

declare global {
  interface HTMLElementTagNameMap {
    'acct-payment-method-form': AcctPaymentMethodForm;
  }
}

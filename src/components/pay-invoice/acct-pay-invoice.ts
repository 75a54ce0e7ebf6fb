import { AcctPayInvoice } from './pay-invoice.js';
// The flow's "Add a payment method" is this element.
import '../payment-method-form/acct-payment-method-form.js';

export { AcctPayInvoice };

if (!customElements.get('acct-pay-invoice')) customElements.define('acct-pay-invoice', AcctPayInvoice);

declare global {
  interface HTMLElementTagNameMap {
    'acct-pay-invoice': AcctPayInvoice;
  }
}

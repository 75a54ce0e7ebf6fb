import { AcctPayInvoice } from './pay-invoice.js';

// The flow's "Add a payment method" form (acct-payment-method-form) loads, and registers itself,
// when a customer first opens it.
export { AcctPayInvoice };

if (!customElements.get('acct-pay-invoice')) customElements.define('acct-pay-invoice', AcctPayInvoice);

declare global {
  interface HTMLElementTagNameMap {
    'acct-pay-invoice': AcctPayInvoice;
  }
}

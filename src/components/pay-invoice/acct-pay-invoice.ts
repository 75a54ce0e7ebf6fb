import { AcctPayInvoice } from './pay-invoice.js';

export { AcctPayInvoice };

if (!customElements.get('acct-pay-invoice')) customElements.define('acct-pay-invoice', AcctPayInvoice);

declare global {
  interface HTMLElementTagNameMap {
    'acct-pay-invoice': AcctPayInvoice;
  }
}

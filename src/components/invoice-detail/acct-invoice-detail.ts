import { AcctInvoiceDetail } from './invoice-detail.js';

export { AcctInvoiceDetail };

if (!customElements.get('acct-invoice-detail')) customElements.define('acct-invoice-detail', AcctInvoiceDetail);

declare global {
  interface HTMLElementTagNameMap {
    'acct-invoice-detail': AcctInvoiceDetail;
  }
}

import { AcctInvoiceList } from './invoice-list.js';

export { AcctInvoiceList };

if (!customElements.get('acct-invoice-list')) customElements.define('acct-invoice-list', AcctInvoiceList);

declare global {
  interface HTMLElementTagNameMap {
    'acct-invoice-list': AcctInvoiceList;
  }
}

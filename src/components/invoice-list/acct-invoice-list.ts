import { AcctInvoiceList } from './invoice-list.js';
import { detailElementLoader } from './detail-loader.js';

export { AcctInvoiceList };

// Inline details load the detail element on first use (not in all.js, which has it: see detail-loader.ts).
detailElementLoader.load ??= () => import('../invoice-detail/acct-invoice-detail.js');

if (!customElements.get('acct-invoice-list')) customElements.define('acct-invoice-list', AcctInvoiceList);

declare global {
  interface HTMLElementTagNameMap {
    'acct-invoice-list': AcctInvoiceList;
  }
}

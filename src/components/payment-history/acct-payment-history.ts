import { AcctPaymentHistory } from './payment-history.js';

export { AcctPaymentHistory };

if (!customElements.get('acct-payment-history')) customElements.define('acct-payment-history', AcctPaymentHistory);

declare global {
  interface HTMLElementTagNameMap {
    'acct-payment-history': AcctPaymentHistory;
  }
}

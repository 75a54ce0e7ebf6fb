import { AcctTransactionHistory } from './transaction-history.js';

export { AcctTransactionHistory };

if (!customElements.get('acct-transaction-history')) customElements.define('acct-transaction-history', AcctTransactionHistory);

declare global {
  interface HTMLElementTagNameMap {
    'acct-transaction-history': AcctTransactionHistory;
  }
}

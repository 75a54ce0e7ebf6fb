import { AcctCreditList } from './credit-list.js';

export { AcctCreditList };

if (!customElements.get('acct-credit-list')) customElements.define('acct-credit-list', AcctCreditList);

declare global {
  interface HTMLElementTagNameMap {
    'acct-credit-list': AcctCreditList;
  }
}

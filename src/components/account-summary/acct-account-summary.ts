import { AcctAccountSummary } from './account-summary.js';

export { AcctAccountSummary };

if (!customElements.get('acct-account-summary')) customElements.define('acct-account-summary', AcctAccountSummary);

declare global {
  interface HTMLElementTagNameMap {
    'acct-account-summary': AcctAccountSummary;
  }
}

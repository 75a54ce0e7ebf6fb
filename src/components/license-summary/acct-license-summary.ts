import { AcctLicenseSummary } from './license-summary.js';

export { AcctLicenseSummary };

if (!customElements.get('acct-license-summary')) customElements.define('acct-license-summary', AcctLicenseSummary);

declare global {
  interface HTMLElementTagNameMap {
    'acct-license-summary': AcctLicenseSummary;
  }
}

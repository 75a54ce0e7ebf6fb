import { AcctPricingTable } from './pricing-table.js';

export { AcctPricingTable };

if (!customElements.get('acct-pricing-table')) customElements.define('acct-pricing-table', AcctPricingTable);

declare global {
  interface HTMLElementTagNameMap {
    'acct-pricing-table': AcctPricingTable;
  }
}

import { AcctUsageTable } from './usage-table.js';

export { AcctUsageTable };

if (!customElements.get('acct-usage-table')) customElements.define('acct-usage-table', AcctUsageTable);

declare global {
  interface HTMLElementTagNameMap {
    'acct-usage-table': AcctUsageTable;
  }
}

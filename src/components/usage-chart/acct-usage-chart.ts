import { AcctUsageChart } from './usage-chart.js';

export { AcctUsageChart };

if (!customElements.get('acct-usage-chart')) customElements.define('acct-usage-chart', AcctUsageChart);

declare global {
  interface HTMLElementTagNameMap {
    'acct-usage-chart': AcctUsageChart;
  }
}

import { AcctAutopayToggle } from './autopay-toggle.js';

export { AcctAutopayToggle };

if (!customElements.get('acct-autopay-toggle')) customElements.define('acct-autopay-toggle', AcctAutopayToggle);

declare global {
  interface HTMLElementTagNameMap {
    'acct-autopay-toggle': AcctAutopayToggle;
  }
}

import { AcctProvider } from './provider.js';

export { AcctProvider };

if (!customElements.get('acct-provider')) customElements.define('acct-provider', AcctProvider);

declare global {
  interface HTMLElementTagNameMap {
    'acct-provider': AcctProvider;
  }
}

import { AcctPortal } from './portal.js';

export { AcctPortal };

if (!customElements.get('acct-portal')) customElements.define('acct-portal', AcctPortal);

declare global {
  interface HTMLElementTagNameMap {
    'acct-portal': AcctPortal;
  }
}

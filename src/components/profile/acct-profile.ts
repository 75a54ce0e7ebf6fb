import { AcctProfile } from './profile.js';

export { AcctProfile };

if (!customElements.get('acct-profile')) customElements.define('acct-profile', AcctProfile);

declare global {
  interface HTMLElementTagNameMap {
    'acct-profile': AcctProfile;
  }
}

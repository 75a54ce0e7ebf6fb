import { AcctUsers } from './users.js';

export { AcctUsers };

if (!customElements.get('acct-users')) customElements.define('acct-users', AcctUsers);

declare global {
  interface HTMLElementTagNameMap {
    'acct-users': AcctUsers;
  }
}

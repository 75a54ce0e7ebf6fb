import { AcctAddonList } from './addon-list.js';

export { AcctAddonList };

if (!customElements.get('acct-addon-list')) customElements.define('acct-addon-list', AcctAddonList);

declare global {
  interface HTMLElementTagNameMap {
    'acct-addon-list': AcctAddonList;
  }
}

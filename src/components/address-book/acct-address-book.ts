import { AcctAddressBook } from './address-book.js';

export { AcctAddressBook };

if (!customElements.get('acct-address-book')) customElements.define('acct-address-book', AcctAddressBook);

declare global {
  interface HTMLElementTagNameMap {
    'acct-address-book': AcctAddressBook;
  }
}

import { css } from 'lit';

/** The address book: a list of cards, the inline add/edit form, the remove dialog (core/dialog-styles.ts). */
export const addressBookStyles = css`
  :host {
    --_gap: var(--acct-address-book-gap, var(--_space-m));
    --_dialog-width: var(--acct-address-book-dialog-width, 32rem);
  }
  [part='base'] {
    display: grid;
    gap: var(--_space-m);
  }
  p,
  ul {
    margin: 0;
  }
  .heading {
    font-size: 1.125em;
    font-weight: 600;
  }
  .addresses {
    list-style: none;
    padding: 0;
    display: grid;
    gap: var(--_gap);
  }
  [part~='entry'],
  [part~='form'] {
    display: grid;
    gap: var(--_space-s);
    padding: var(--_space-m);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    min-inline-size: 0;
  }
  /* The form in an address's place brings its own frame. */
  li[part~='editing'] {
    padding: 0;
    border: 0;
  }
  .name {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-xs) var(--_space-s);
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .lines,
  [part~='used-by'] {
    overflow-wrap: anywhere;
  }
  .lines {
    white-space: pre-line;
  }
  .badges {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-xs);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-s);
  }
  .checks {
    display: grid;
    gap: var(--_space-xs);
  }
  .skeleton-row {
    display: grid;
    gap: var(--_space-s);
  }
  .skeleton-row .skeleton:first-child {
    inline-size: 40%;
  }
  .skeleton-row .skeleton:last-child {
    inline-size: 65%;
  }
`;

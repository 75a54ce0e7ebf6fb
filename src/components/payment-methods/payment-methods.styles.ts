import { css } from 'lit';

export const paymentMethodsStyles = css`
  :host {
    --_dialog-width: var(--acct-payment-methods-dialog-width, 32rem);
  }
  [part='base'] {
    display: grid;
    gap: var(--_space-m);
  }
  .list {
    display: grid;
    gap: var(--_space-s);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .method {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-start;
    justify-content: space-between;
    gap: var(--_space-s) var(--_space-m);
    padding: var(--_space-m);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .summary {
    display: grid;
    gap: var(--_space-xs);
    min-inline-size: 0;
    flex: 1 1 16rem;
  }
  .summary p {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .name {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-xs) var(--_space-s);
    font-weight: 600;
  }
  .method > .actions {
    flex: 0 1 auto;
  }
  .address-editor,
  .method > .message {
    flex: 1 1 100%;
  }
  .method > .message,
  [part='empty'] {
    margin: 0;
  }
  .skeleton-row {
    display: grid;
  }
  .skeleton-row .skeleton:first-child {
    inline-size: 40%;
  }
  .skeleton-row .skeleton:last-child {
    inline-size: 65%;
  }
  dialog {
    inline-size: min(100% - 2rem, var(--_dialog-width));
    padding: var(--_space-l);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
  }
  dialog[open] {
    display: grid;
    gap: var(--_space-m);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.45);
  }
  dialog h2 {
    margin: 0;
    font-size: 1.15em;
    overflow-wrap: anywhere;
  }
  dialog p {
    margin: 0;
  }
  /* The add form in a frame like a method's, not flush with the page. */
  [part='form'] {
    padding: var(--_space-m);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
`;

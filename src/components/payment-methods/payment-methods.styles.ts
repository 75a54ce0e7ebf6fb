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
  /* The add form in a frame like a method's, not flush with the page. */
  [part='form'] {
    padding: var(--_space-m);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
`;

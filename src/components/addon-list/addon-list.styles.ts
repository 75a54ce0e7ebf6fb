import { css } from 'lit';

/**
 * Add-ons as rows (`layout="list"`, stacking below 36rem of the element's own width) or as a grid
 * of cards (`layout="cards"`); the confirmation dialog is core/dialog-styles.ts.
 */
export const addonListStyles = css`
  :host {
    --_gap: var(--acct-addon-list-gap, var(--_space-m));
    --_card-width: var(--acct-addon-list-card-width, 16rem);
    --_dialog-width: var(--acct-addon-list-dialog-width, 32rem);
    container-type: inline-size;
  }
  [part='base'] {
    display: grid;
    gap: var(--_space-m);
  }
  p,
  h2,
  ul,
  dl,
  dd {
    margin: 0;
  }
  .heading {
    font-size: 1.125em;
    font-weight: 600;
  }
  .addons {
    list-style: none;
    padding: 0;
    display: grid;
    gap: var(--_gap);
  }
  :host([layout='cards']) .addons {
    grid-template-columns: repeat(auto-fill, minmax(min(100%, var(--_card-width)), 1fr));
  }
  [part~='addon'] {
    display: grid;
    grid-template-columns: minmax(0, 2fr) minmax(0, 1fr) auto;
    align-items: center;
    gap: var(--_space-s) var(--_space-m);
    padding: var(--_space-m);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  :host([layout='cards']) [part~='addon'] {
    grid-template-columns: minmax(0, 1fr);
    align-content: start;
  }
  .text,
  .figures {
    display: grid;
    gap: var(--_space-xs);
    /* A name or a provider from the server may be one long word. */
    overflow-wrap: anywhere;
  }
  .name {
    font-weight: 600;
  }
  .name:focus {
    outline: none;
  }
  .actions {
    justify-self: end;
  }
  :host([layout='cards']) .actions {
    justify-self: start;
  }
  .small {
    font-size: 0.875em;
  }
  .setup {
    color: var(--_warning);
  }
  @container (max-width: 36rem) {
    [part~='addon'] {
      grid-template-columns: minmax(0, 1fr);
    }
    .actions {
      justify-self: start;
    }
  }
  .preview {
    display: grid;
    gap: var(--_space-s);
  }
  .amounts {
    display: grid;
    gap: var(--_space-xs);
  }
  .amounts > div {
    display: flex;
    justify-content: space-between;
    gap: var(--_space-m);
  }
  .amounts .total {
    font-weight: 600;
    border-block-start: 1px solid var(--_border);
    padding-block-start: var(--_space-xs);
  }
  .loading {
    display: grid;
    gap: var(--_space-xs);
  }
  dialog .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-s);
    justify-self: stretch;
  }
`;

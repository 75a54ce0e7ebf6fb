import { css, unsafeCSS } from 'lit';

/** Below this host width the rows become cards: the four columns and their buttons need about 46rem. */
export const USERS_CARDS_BELOW = '46rem';

/** The heading row, the invitation form, the rows' columns and buttons; the table is `listTableStyles`, the dialog core/dialog-styles.ts. */
export const usersStyles = css`
  :host {
    --_row-height: var(--acct-users-row-height, 3.5rem);
    --_header-bg: var(--acct-users-header-background, var(--acct-color-surface-alt, light-dark(#f6f8fa, #1d2127)));
    --_max-height: var(--acct-users-max-height, 32rem);
    --_stripe: transparent;
    --_dialog-width: var(--acct-users-dialog-width, 32rem);
    --_columns: minmax(12rem, 2fr) minmax(7rem, 1fr) minmax(9rem, 1.2fr) minmax(14rem, 1.6fr);
  }
  p,
  ul {
    margin: 0;
  }
  .top {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--_space-s);
  }
  .heading {
    font-size: 1.125em;
    font-weight: 600;
  }
  .heading:focus {
    outline: none;
  }
  .subheading {
    font-weight: 600;
  }
  .small {
    font-size: var(--_font-size-s);
  }
  .invite {
    display: grid;
    gap: var(--_space-m);
    padding: var(--_space-m);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .role-facts {
    display: grid;
    gap: var(--_space-xs);
    padding: var(--_space-s) var(--_space-m);
    border-inline-start: 3px solid var(--_border);
  }
  .role-facts ul {
    padding-inline-start: 1.25rem;
  }
  .message.success {
    border-color: var(--_success);
    background: var(--_success-bg);
  }
  [part='notice'],
  [part='forbidden'] {
    margin: 0;
  }
  .who .name {
    font-weight: 600;
  }
  .who .email,
  .sent {
    display: block;
    font-size: var(--_font-size-s);
  }
  .who [part='you'] {
    margin-inline-start: var(--_space-xs);
  }
  .sent {
    margin-block-start: var(--_space-xs);
  }
  .actions-cell {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: var(--_space-xs);
  }
  .button.small {
    min-height: 2rem;
    padding: 0 var(--_space-s);
  }
  [role='row']:focus-visible {
    outline-offset: -2px;
  }
  select {
    font: inherit;
  }
  /* The dialogs' own layout: the form's styles (core/form-styles.ts) come with the invitation form's chunk. */
  dialog .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-s);
  }
  dialog .field {
    display: grid;
    gap: var(--_space-xs);
  }
  dialog select {
    min-block-size: 2.25rem;
    padding-inline: var(--_space-s);
    border: 1px solid var(--acct-color-input-border, light-dark(#6e7781, #8b949e));
    border-radius: var(--_radius);
    background: var(--_surface);
    color: inherit;
  }
  dialog .button.danger {
    background: var(--_danger);
    border-color: var(--_danger);
    color: var(--_on-accent);
  }
  @container (max-width: ${unsafeCSS(USERS_CARDS_BELOW)}) {
    [role='cell'].who,
    [role='cell'].actions-cell {
      grid-column: 1 / -1;
    }
    .actions-cell {
      justify-content: flex-start;
    }
  }
`;

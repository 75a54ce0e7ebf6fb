import { css, unsafeCSS } from 'lit';

/** Below this host width every row becomes a card: all eleven columns of the fixture account fit above it (3rem each at least, with gaps and padding). */
export const USAGE_CARDS_BELOW = '40rem';

/** The toolbar, the column chooser and the export; the table, cards and footer are `listTableStyles`. */
export const usageTableStyles = css`
  :host {
    --_row-height: var(--acct-usage-table-row-height, 3rem);
    --_header-bg: var(--acct-usage-table-header-background, var(--acct-color-surface-alt, light-dark(#f6f8fa, #1d2127)));
    --_max-height: var(--acct-usage-table-max-height, 32rem);
    --_stripe: var(--acct-usage-table-stripe, transparent);
  }

  [role='row']:focus-visible {
    outline-offset: -2px;
  }

  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: var(--_space-s) var(--_space-m);
  }
  .toolbar .field {
    display: grid;
    gap: var(--_space-xs);
  }
  .toolbar label {
    font-weight: 500;
  }
  .toolbar select,
  .toolbar input {
    min-height: 2.75rem;
  }
  .toolbar .field-error {
    flex-basis: 100%;
    margin: 0;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-s);
    margin-inline-start: auto;
  }

  .sort {
    display: inline-flex;
    align-items: center;
    gap: var(--_space-xs);
    min-block-size: 2.75rem;
    padding: 0;
    border: 0;
    background: none;
    color: inherit;
    font: inherit;
    cursor: pointer;
  }
  .num .sort {
    flex-direction: row-reverse;
  }
  .sort:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  .sort-mark {
    color: var(--_muted);
  }

  [part='column-chooser'] {
    display: grid;
    gap: var(--_space-s);
    padding: var(--_space-m);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  [part='column-chooser'] ul {
    display: grid;
    gap: var(--_space-xs);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  [part='column-chooser'] li {
    display: flex;
    align-items: center;
    gap: var(--_space-s);
  }
  [part='column-chooser'] label {
    display: flex;
    flex: 1;
    align-items: center;
    gap: var(--_space-s);
    min-block-size: 2.75rem;
  }
  .move {
    min-inline-size: 2.75rem;
    min-block-size: 2.75rem;
    padding: 0;
  }

  .export-progress {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-s) var(--_space-m);
  }
  .export-progress progress {
    inline-size: min(16rem, 100%);
    accent-color: var(--acct-usage-table-progress, var(--_accent));
  }
  [part='export-status'] {
    margin: 0;
  }

  .muted-cell {
    color: var(--_muted);
  }

  @container (max-width: ${unsafeCSS(USAGE_CARDS_BELOW)}) {
    [role='cell'].description {
      grid-column: 1 / -1;
    }
    .actions {
      margin-inline-start: 0;
    }
  }
`;

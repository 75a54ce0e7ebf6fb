import { css, unsafeCSS } from 'lit';

/** Below this host width every row becomes a card: all eleven columns of the fixture account fit above it (3rem each at least, with gaps and padding). */
export const USAGE_CARDS_BELOW = '40rem';

/** The column widths as shares of the row (`fr`), each at least 3rem, so that many columns still fit a table (text wraps). */
export const COLUMN_SHARES = {
  date: 1.1,
  description: 2,
  metric: 1,
  quantity: 0.9,
  unit: 0.7,
  invoiced: 0.9,
  invoice: 1,
  string: 1,
  number: 0.8,
} as const;

/** The toolbar, the column chooser and the export; the table, cards and footer are `listTableStyles`. */
export const usageTableStyles = css`
  :host {
    --_row-height: var(--acct-usage-table-row-height, 3rem);
    --_header-bg: var(--acct-usage-table-header-background, var(--acct-color-surface-alt, light-dark(#f6f8fa, #1d2127)));
    --_max-height: var(--acct-usage-table-max-height, 32rem);
    --_stripe: var(--acct-usage-table-stripe, transparent);
  }

  /*
   * Wide hosts: every row is a flex line whose cells take the column shares (at least 3rem each),
   * not a grid: the columns line up all the same (no cell's content changes a width), and Blink
   * lays out a scrolled-in flex row for about two thirds of the garbage a grid row makes
   * (docs/usage-table.md). The loading skeleton's rows stay grids of the same shares (--_columns).
   */
  [role='row']:not(.skeleton-row) {
    display: flex;
  }
  [role='row']:not(.skeleton-row) > * {
    flex: var(--_share, 1) 1 0;
    min-inline-size: 3rem;
  }
  ${unsafeCSS(Object.entries(COLUMN_SHARES).map(([kind, share]) => `.col-${kind} { --_share: ${share}; }`).join(' '))}

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

  /* Wraps within its column (a narrow Quantity column would otherwise run into the next header). */
  .sort {
    display: inline-flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-xs);
    max-inline-size: 100%;
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
    .body [role='row']:not(.skeleton-row) {
      display: grid;
    }
    [role='row']:not(.skeleton-row) > * {
      min-inline-size: 0;
    }
    [role='cell'].col-description {
      grid-column: 1 / -1;
    }
    .actions {
      margin-inline-start: 0;
    }
  }
`;

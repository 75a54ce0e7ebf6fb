import { css, unsafeCSS } from 'lit';

/** Below this host width rows become cards (five columns with their minimum widths and gaps). */
export const TRANSACTION_CARDS_BELOW = '46rem';

export const transactionHistoryStyles = css`
  :host {
    --_row-height: var(--acct-transaction-history-row-height, 3rem);
    --_header-bg: var(--acct-transaction-history-header-background, var(--acct-color-surface-alt, light-dark(#f6f8fa, #1d2127)));
    --_max-height: var(--acct-transaction-history-max-height, 32rem);
    --_stripe: var(--acct-transaction-history-stripe, transparent);
    --_columns: minmax(6.5rem, 0.9fr) minmax(7rem, 0.9fr) minmax(12rem, 2.2fr) minmax(6.5rem, 0.9fr) minmax(6.5rem, 0.9fr);
  }
  [role='row']:focus-visible {
    outline-offset: -2px;
  }
  .filters {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: var(--_space-s) var(--_space-m);
  }
  .filters .field {
    display: grid;
    gap: var(--_space-xs);
  }
  .filters label {
    font-weight: 500;
  }
  .filters select,
  .filters input {
    min-height: 2.75rem;
  }
  .reference {
    display: block;
    font-size: var(--_font-size-s);
  }
  .period {
    display: block;
    color: var(--_muted);
    font-size: var(--_font-size-s);
  }
  .export {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-s);
  }
  .negative {
    color: var(--_success);
  }
  @container (max-width: ${unsafeCSS(TRANSACTION_CARDS_BELOW)}) {
    [role='cell'].description {
      grid-column: 1 / -1;
    }
  }
`;

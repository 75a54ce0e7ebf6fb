import { css, unsafeCSS } from 'lit';

/**
 * Below this host width the rows become cards: the six columns' minimum widths (45rem), their gaps
 * and the row padding need about 50rem.
 */
export const CREDIT_CARDS_BELOW = '50rem';

/** The columns and what is particular to credits; the table, cards and footer are `listTableStyles`. */
export const creditListStyles = css`
  :host {
    --_row-height: var(--acct-credit-list-row-height, 3rem);
    --_header-bg: var(--acct-credit-list-header-background, var(--acct-color-surface-alt, light-dark(#f6f8fa, #1d2127)));
    --_max-height: var(--acct-credit-list-max-height, 32rem);
    --_stripe: var(--acct-credit-list-stripe, transparent);
    --_columns: minmax(11rem, 2fr) minmax(6.5rem, 1fr) minmax(6.5rem, 0.9fr) minmax(7rem, 1fr) minmax(6.5rem, 1fr) minmax(10rem, 1.6fr);
  }

  [role='row']:focus-visible {
    outline-offset: -2px;
  }
  .spent {
    color: var(--_muted);
  }
  /* Under the amount, not beside it: beside it, "Expired" in Arabic overflowed a card's half. */
  [part='status'] {
    display: block;
    width: fit-content;
    margin-block-start: var(--_space-xs);
    margin-inline-start: auto;
  }
  @container (max-width: ${unsafeCSS(CREDIT_CARDS_BELOW)}) {
    [part='status'] {
      margin-inline-start: 0;
    }
  }
  .applications {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .applications li {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: 0 var(--_space-s);
  }

  @container (max-width: ${unsafeCSS(CREDIT_CARDS_BELOW)}) {
    /* The reference heads the card, the invoices paid take its full width. */
    [role='cell'].reference,
    [role='cell']:last-child {
      grid-column: 1 / -1;
    }
  }
`;

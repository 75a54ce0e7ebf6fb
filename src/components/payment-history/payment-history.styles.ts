import { css, unsafeCSS } from 'lit';

/**
 * Below this host width the rows become cards: the six columns' minimum widths (49.5rem, of which
 * 11.5rem keep a payment id of the reference server's length, `py_` and 24 hex digits, on one
 * line), their gaps and the row padding need about 54rem; a narrower table stuck out of the
 * element sideways, and a narrower id column broke ids mid-token.
 */
export const PAYMENT_CARDS_BELOW = '54.5rem';

/** The columns and what is particular to payments; the table, cards and footer are `listTableStyles`. */
export const paymentHistoryStyles = css`
  :host {
    --_row-height: var(--acct-payment-history-row-height, 3rem);
    --_header-bg: var(--acct-payment-history-header-background, var(--acct-color-surface-alt, light-dark(#f6f8fa, #1d2127)));
    --_max-height: var(--acct-payment-history-max-height, 32rem);
    --_stripe: var(--acct-payment-history-stripe, transparent);
    --_columns: minmax(11.5rem, 1.2fr) minmax(6.5rem, 1fr) minmax(8rem, 1.3fr) minmax(6.5rem, 0.9fr) minmax(7rem, 1fr) minmax(10rem, 1.6fr);
  }

  [role='row']:focus-visible {
    outline-offset: -2px;
  }
  /*
   * A payment id is one token: it breaks only where even the whole row (or card) has no room for
   * it (the cells' overflow-wrap: anywhere), never because its column is narrow.
   */
  .id {
    font-size: var(--_font-size-s);
  }
  .failure {
    display: block;
    margin-block-start: var(--_space-xs);
    color: var(--_danger);
    font-size: var(--_font-size-s);
  }
  .expiry {
    color: var(--_muted);
    font-size: var(--_font-size-s);
    white-space: nowrap;
  }
  .allocations {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .allocations li {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: 0 var(--_space-s);
  }

  @container (max-width: ${unsafeCSS(PAYMENT_CARDS_BELOW)}) {
    /*
     * The id heads the card on a line of its own (half a card is too narrow for a 27-character
     * id, which broke into two lines and made the card taller); the invoices paid get the card's
     * full width too. The other four cells fill two lines, so a card has as many lines as before.
     */
    [role='cell'].id,
    [role='cell']:last-child {
      grid-column: 1 / -1;
    }
  }
`;

import { css, unsafeCSS } from 'lit';

/**
 * Below this host width the rows become cards: the columns' minimum widths (with the checkbox
 * column), their gaps and the row padding need about 59rem (the actions column of a list whose
 * user may pay fits "Bezahlen", "Anzeigen" and "PDF").
 */
export const INVOICE_CARDS_BELOW = '59.5rem';

/**
 * The columns and what is particular to invoices (filter, selection, actions, summary bar); the
 * table, the cards below INVOICE_CARDS_BELOW and the footer are `listTableStyles`.
 */
export const invoiceListStyles = css`
  :host {
    --_row-height: var(--acct-invoice-list-row-height, 3rem);
    --_header-bg: var(--acct-invoice-list-header-background, var(--acct-color-surface-alt, light-dark(#f6f8fa, #1d2127)));
    --_max-height: var(--acct-invoice-list-max-height, 32rem);
    --_stripe: var(--acct-invoice-list-stripe, transparent);
    --_selected-bg: var(--acct-invoice-list-selected-background, light-dark(#eef4ff, #1b2740));
    --_cells: minmax(7.5rem, 1.4fr) repeat(2, minmax(6rem, 1fr)) repeat(2, minmax(6.5rem, 1fr)) minmax(6.5rem, 0.9fr);
    --_columns: var(--_cells) 9.5rem;
  }

  /* Segmented control: native radios, one visible pill per choice. */
  fieldset {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-s);
    margin: 0;
    padding: 0;
    border: 0;
    min-inline-size: 0;
  }
  legend {
    float: inline-start;
    margin-inline-end: var(--_space-s);
    padding: 0;
    font-weight: 600;
  }
  .segments {
    display: inline-flex;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    overflow: hidden;
  }
  .segment {
    position: relative;
    display: inline-flex;
    align-items: center;
    min-height: 2.25rem;
    padding: 0 var(--_space-m);
    cursor: pointer;
    background: var(--_surface);
  }
  .segment + .segment {
    border-inline-start: 1px solid var(--_border);
  }
  .segment input {
    position: absolute;
    inset: 0;
    margin: 0;
    opacity: 0;
    cursor: pointer;
  }
  .segment:has(input:checked) {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .segment:has(input:focus-visible) {
    outline: 2px solid var(--_focus);
    outline-offset: -4px;
  }

  /* A user who may pay has a Pay button in unpaid rows: a wider actions column. */
  .selectable [role='row'] {
    grid-template-columns: 1.75rem var(--_cells) 12.75rem;
  }
  [role='row'].selected {
    background: var(--_selected-bg);
  }
  .actions {
    display: flex;
    justify-content: flex-end;
    align-items: center;
    gap: var(--_space-s);
    /* Room for longer words ("Anzeigen"): never break a button's label or "PDF". */
    white-space: nowrap;
  }
  .actions .button {
    min-height: 2rem;
    padding: 0 var(--_space-s);
  }
  input[type='checkbox'] {
    inline-size: 1.125rem;
    block-size: 1.125rem;
    margin: 0;
    accent-color: var(--_accent);
  }
  .detail {
    grid-column: 1 / -1;
    padding-block: var(--_space-s) var(--_space-m);
  }

  [part='summary'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-s) var(--_space-m);
    justify-content: space-between;
    padding: var(--_space-s) var(--_space-m);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface-alt);
  }
  [part='summary'] p {
    margin: 0;
  }

  /* Narrow hosts (cards, see listTableStyles): select-all stays in the header; the checkbox and the actions take a line each. */
  @container (max-width: ${unsafeCSS(INVOICE_CARDS_BELOW)}) {
    .selectable [role='row'] {
      grid-template-columns: 1fr 1fr;
    }
    .select-all {
      display: inline-flex;
      align-items: center;
      gap: var(--_space-s);
    }
    .select-cell,
    .actions {
      grid-column: 1 / -1;
    }
    .actions {
      justify-content: flex-start;
    }
  }
`;

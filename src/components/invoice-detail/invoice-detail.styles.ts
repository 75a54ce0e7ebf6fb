import { css } from 'lit';

/**
 * Component tokens (`--acct-invoice-detail-*`) fall back to the global tokens and end in a
 * literal, so the element looks right with no theme CSS. Logical properties only (RTL).
 */
export const invoiceDetailStyles = css`
  :host {
    --_detail-max-width: var(--acct-invoice-detail-max-width, 56rem);
    --_detail-padding: var(--acct-invoice-detail-padding, var(--acct-space-l, 1.5rem));
    --_detail-background: var(--acct-invoice-detail-background, var(--acct-color-surface, light-dark(#ffffff, #15181d)));
    --_detail-border: var(--acct-invoice-detail-border-color, var(--acct-color-border, light-dark(#d0d7de, #3a414b)));
    --_detail-radius: var(--acct-invoice-detail-radius, var(--acct-radius, 6px));
    --_detail-gap: var(--acct-invoice-detail-group-gap, var(--acct-space-l, 1.5rem));
    --_detail-scroll-margin: var(--acct-invoice-detail-scroll-margin, 1rem);
    --_detail-summary-background: var(
      --acct-invoice-detail-summary-background,
      var(--acct-color-surface-alt, light-dark(#f6f8fa, #1d2127))
    );
    --_detail-title-size: var(--acct-invoice-detail-title-size, 1.375rem);
  }

  /* reveal(): the card's top while loading, then the heading, land at the same height. */
  .card,
  .message {
    scroll-margin-block-start: var(--_detail-scroll-margin);
  }
  [part~='title'] {
    scroll-margin-block-start: calc(var(--_detail-scroll-margin) + var(--_detail-padding));
  }
  :host([compact]) [part~='title'] {
    scroll-margin-block-start: var(--_detail-scroll-margin);
  }
  .card {
    container: acct-invoice-detail / inline-size;
    max-inline-size: var(--_detail-max-width);
    padding: var(--_detail-padding);
    border: 1px solid var(--_detail-border);
    border-radius: var(--_detail-radius);
    background: var(--_detail-background);
  }
  :host([compact]) .card {
    max-inline-size: none;
    padding: 0;
    border: 0;
    border-radius: 0;
    background: none;
  }

  .heading {
    margin: 0;
    font-size: 1em;
    font-weight: 600;
    line-height: 1.3;
  }
  .header {
    display: grid;
    gap: var(--_space-s);
    margin-block-end: var(--_detail-gap);
  }
  .title-row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-s) var(--_space-m);
  }
  .title-row .heading {
    font-size: var(--_detail-title-size);
    overflow-wrap: anywhere;
  }
  :host([compact]) .title-row .heading {
    font-size: 1.125em;
  }

  dl,
  dd {
    margin: 0;
  }
  .facts {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-xs) var(--_space-l);
  }
  /* A value that does not fit beside its label goes below it whole: dates and references never break. */
  .facts div {
    display: flex;
    flex-wrap: wrap;
    column-gap: var(--_space-xs);
  }
  .facts bdi {
    white-space: nowrap;
  }
  .facts dt {
    color: var(--_muted);
  }
  .facts dt::after {
    content: ':';
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-s);
    margin-block-start: var(--_space-xs);
  }
  .permissions-note {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-s);
    margin: 0;
  }

  .overview {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 16rem), 1fr));
    gap: var(--_detail-gap);
    margin-block-end: var(--_detail-gap);
  }
  .overview .heading,
  .charges > .heading {
    margin-block-end: var(--_space-s);
  }
  .bill-to p {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .summary {
    padding: var(--_space-m);
    border-radius: var(--_detail-radius);
    background: var(--_detail-summary-background);
  }

  .figures .figure {
    display: flex;
    justify-content: space-between;
    gap: var(--_space-m);
    padding-block: var(--_space-xs);
  }
  .figures .strong {
    font-weight: 600;
  }
  .summary .strong,
  .totals .strong:first-of-type {
    border-block-start: 1px solid var(--_detail-border);
    margin-block-start: var(--_space-xs);
    padding-block-start: var(--_space-s);
  }
  .totals {
    inline-size: min(100%, 22rem);
    margin-inline-start: auto;
  }

  .charges {
    display: grid;
    gap: var(--_detail-gap);
  }
  table {
    inline-size: 100%;
    border-collapse: collapse;
    /* Fixed layout: the columns of every group line up with each other. */
    table-layout: fixed;
  }
  thead th.num {
    inline-size: var(--acct-invoice-detail-number-column-width, 20%);
  }
  caption {
    text-align: start;
    font-weight: 600;
    padding-block-end: var(--_space-s);
    overflow-wrap: anywhere;
  }
  th,
  td {
    padding: var(--_space-xs) var(--_space-s);
    border-block-end: 1px solid var(--_detail-border);
    vertical-align: top;
    text-align: start;
  }
  th:first-child,
  td:first-child {
    padding-inline-start: 0;
  }
  th:last-child,
  td:last-child {
    padding-inline-end: 0;
  }
  thead th {
    font-size: var(--_font-size-s);
    font-weight: 600;
    color: var(--_muted);
  }
  tbody th {
    font-weight: normal;
  }
  .description {
    /* break-word, not anywhere: long words may break, but the column keeps its words' width. */
    overflow-wrap: break-word;
  }
  th.num,
  td.num {
    text-align: end;
  }
  tfoot th,
  tfoot td {
    font-weight: 600;
    border-block-end: 0;
  }
  .sub {
    display: block;
    font-size: var(--_font-size-s);
  }
  .sub bdi {
    white-space: nowrap;
  }
  .inline-quantity {
    display: none;
  }

  .memo {
    margin: 0;
    margin-block-start: var(--_detail-gap);
    color: var(--_muted);
    white-space: pre-line;
    overflow-wrap: anywhere;
  }

  .skeleton-block {
    display: grid;
    gap: var(--_space-m);
  }
  .title-skeleton {
    inline-size: 40%;
    block-size: 1.6em;
  }
  .skeleton.short {
    inline-size: 60%;
  }
  .table-skeleton {
    block-size: 8em;
  }

  /*
   * Narrow hosts (a sidebar, a phone, a list row): two columns. Quantity and unit price go under
   * the description ("8 seats at $12.00"); the amount column takes the width of its widest amount,
   * so no figure leaves its cell.
   */
  @container acct-invoice-detail (max-width: 30rem) {
    .quantity,
    .unit-price {
      display: none;
    }
    .inline-quantity {
      display: block;
    }
    table {
      table-layout: auto;
    }
    thead th.num {
      inline-size: auto;
    }
  }
`;

import { css } from 'lit';

/**
 * Rows are separate CSS grids sharing one column template, so a long list can render only some of
 * them (between empty blocks) without the columns moving. Below 40rem of host width every row
 * becomes a card.
 */
export const invoiceListStyles = css`
  :host {
    --_row-height: var(--acct-invoice-list-row-height, 3rem);
    --_header-bg: var(--acct-invoice-list-header-background, var(--acct-color-surface-alt, light-dark(#f6f8fa, #1d2127)));
    --_max-height: var(--acct-invoice-list-max-height, 32rem);
    --_stripe: var(--acct-invoice-list-stripe, transparent);
    --_selected-bg: var(--acct-invoice-list-selected-background, light-dark(#eef4ff, #1b2740));
    --_columns: minmax(7.5rem, 1.4fr) repeat(2, minmax(6rem, 1fr)) repeat(2, minmax(6.5rem, 1fr)) minmax(6.5rem, 0.9fr) 8rem;
    container-type: inline-size;
  }

  [part='base'] {
    display: grid;
    gap: var(--_space-m);
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

  [role='table'] {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  /* Long lists: the table scrolls under its sticky header; a row focused by Tab is not left under it. */
  [role='table'].virtual {
    max-height: var(--_max-height);
    overflow: auto;
    scroll-padding-block-start: calc(var(--_row-height) + 1px);
  }
  /* Keeps the last row's margin (cards) inside the rows' block, where it is measured. */
  .virtual-body {
    display: flow-root;
  }
  [role='rowgroup'].head {
    position: sticky;
    top: 0;
    z-index: 1;
    background: var(--_header-bg);
    border-start-start-radius: var(--_radius);
    border-start-end-radius: var(--_radius);
  }
  [role='row'] {
    display: grid;
    grid-template-columns: var(--_columns);
    align-items: center;
    column-gap: var(--_space-s);
    min-height: var(--_row-height);
    padding-inline: var(--_space-m);
    border-block-start: 1px solid var(--_border);
    inline-size: 100%;
  }
  .selectable [role='row'] {
    grid-template-columns: 1.75rem var(--_columns);
  }
  .head [role='row'] {
    border-block-start: 0;
    font-weight: 600;
    font-size: var(--_font-size-s);
  }
  [role='row'].stripe {
    background: var(--_stripe);
  }
  [role='row'].selected {
    background: var(--_selected-bg);
  }
  [role='cell'],
  [role='columnheader'] {
    min-inline-size: 0;
    padding-block: var(--_space-xs);
    overflow-wrap: anywhere;
  }
  [role='columnheader'].num {
    text-align: end;
  }
  .actions {
    display: flex;
    justify-content: flex-end;
    align-items: center;
    gap: var(--_space-s);
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
  .cell-label {
    display: none;
  }
  .detail {
    grid-column: 1 / -1;
    padding-block: var(--_space-s) var(--_space-m);
  }
  .skeleton-row .skeleton {
    inline-size: 70%;
  }

  .footer,
  [part='summary'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-s) var(--_space-m);
  }
  [part='summary'] {
    justify-content: space-between;
    padding: var(--_space-s) var(--_space-m);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface-alt);
  }
  [part='summary'] p {
    margin: 0;
  }
  [part='empty'] {
    margin: 0;
    padding: var(--_space-l) var(--_space-m);
    text-align: center;
  }

  /* Narrow hosts: each row is a card; the column names move into the cells. */
  @container (max-width: 40rem) {
    [role='table'] {
      border: 0;
      background: transparent;
    }
    /* Column names move into the cells; only select-all stays visible in the header. */
    .head {
      background: transparent;
    }
    .head [role='row'],
    .selectable .head [role='row'] {
      display: flex;
      min-height: 0;
      padding: 0 0 var(--_space-s);
      border: 0;
      background: transparent;
    }
    .head [role='columnheader']:not(.select-cell) {
      position: absolute;
      inline-size: 1px;
      block-size: 1px;
      overflow: hidden;
      clip: rect(0, 0, 0, 0);
      white-space: nowrap;
    }
    .select-all {
      display: inline-flex;
      align-items: center;
      gap: var(--_space-s);
    }
    [role='row'],
    .selectable [role='row'] {
      grid-template-columns: 1fr 1fr;
      row-gap: var(--_space-xs);
      margin-block-end: var(--_space-s);
      padding: var(--_space-s) var(--_space-m);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface);
    }
    [role='row'].stripe {
      background: var(--_surface);
    }
    .cell-label {
      display: block;
      color: var(--_muted);
      font-size: var(--_font-size-s);
    }
    [role='cell'].num {
      text-align: start;
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

import { css } from 'lit';

/**
 * Plans side by side; on a narrower host two per row, then one (container queries on the host, so
 * a table in a sidebar stacks even on a wide screen). Four plans need about 14rem each.
 */
export const pricingTableStyles = css`
  :host {
    --_card-bg: var(--acct-pricing-table-card-background, var(--acct-color-surface, light-dark(#ffffff, #15181d)));
    --_card-padding: var(--acct-pricing-table-card-padding, 1.5rem);
    --_highlight: var(--acct-pricing-table-highlight-color, var(--acct-color-accent, light-dark(#1d4ed8, #93b4ff)));
    --_price-size: var(--acct-pricing-table-price-size, 2rem);
    --_input-border: var(--acct-color-input-border, light-dark(#6e7781, #8b949e));
    container: acct-pricing-table / inline-size;
  }

  [part='base'] {
    display: grid;
    gap: var(--_space-l);
  }

  h2,
  h3,
  p {
    margin: 0;
  }

  /* ---- controls: currency, interval, quantity ---- */
  .controls {
    display: flex;
    flex-wrap: wrap;
    align-items: start;
    gap: var(--_space-m) var(--_space-l);
  }
  .field {
    display: grid;
    gap: var(--_space-xs);
    min-inline-size: 0;
    margin: 0;
    padding: 0;
    border: 0;
  }
  legend {
    padding: 0;
    margin-block-end: var(--_space-xs);
  }
  select,
  input[type='number'] {
    min-block-size: 2.25rem;
    padding: 0 var(--_space-s);
    border: 1px solid var(--_input-border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  input[type='number'] {
    inline-size: 8rem;
    /* Figures keep their order in right-to-left pages. */
    direction: ltr;
  }
  input[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .hint,
  .field-error {
    font-size: var(--_font-size-s);
  }
  .hint {
    color: var(--_muted);
  }
  .field-error {
    color: var(--_danger);
  }
  /* The interval switch: real radios, drawn as one segmented control. */
  .segments {
    display: inline-flex;
    flex-wrap: wrap;
    border: 1px solid var(--_input-border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .segment {
    position: relative;
    display: inline-flex;
    align-items: center;
    gap: var(--_space-xs);
    min-block-size: 2.25rem;
    padding: 0 var(--_space-m);
    border-radius: var(--_radius);
    cursor: pointer;
  }
  .segment input {
    position: absolute;
    inset: 0;
    inline-size: 100%;
    block-size: 100%;
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
    outline-offset: 2px;
  }
  .saving-badge {
    font-size: var(--_font-size-s);
    font-weight: 600;
  }
  /* Without JavaScript the form reloads the page with the choices (server-rendered pages); once the element runs, it updates as you go. */
  :host(:state(interactive)) .apply {
    display: none;
  }

  /* ---- plans ---- */
  .plans {
    display: grid;
    grid-auto-flow: column;
    grid-auto-columns: minmax(0, 1fr);
    gap: var(--_space-m);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  /* One plan alone is a card, not a banner across the page. */
  .plans:has(> .plan:only-child) {
    grid-auto-columns: minmax(0, 28rem);
  }
  .plan {
    display: flex;
    flex-direction: column;
    gap: var(--_space-s);
    padding: var(--_card-padding);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_card-bg);
  }
  .plan.highlighted {
    border-color: var(--_highlight);
    box-shadow: 0 0 0 1px var(--_highlight);
  }
  .plan-head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-xs) var(--_space-s);
  }
  .plan h3 {
    font-size: 1.25em;
  }
  .description {
    color: var(--_muted);
  }
  .amount {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0 var(--_space-xs);
  }
  .amount .num {
    font-size: var(--_price-size);
    font-weight: 700;
    line-height: 1.2;
    text-align: start;
  }
  .contact {
    font-size: 1.25em;
    font-weight: 600;
  }
  .per,
  .detail {
    color: var(--_muted);
    font-size: var(--_font-size-s);
  }
  .saving {
    color: var(--_success);
    font-size: var(--_font-size-s);
    font-weight: 600;
  }
  .cta {
    justify-content: center;
    margin-block-start: auto;
  }

  /* ---- the comparison ---- */
  .compare {
    overflow-x: auto;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  table {
    inline-size: 100%;
    border-collapse: collapse;
  }
  caption {
    padding: var(--_space-s) var(--_space-m);
    font-weight: 600;
    text-align: start;
  }
  th,
  td {
    padding: var(--_space-s) var(--_space-m);
    border-block-start: 1px solid var(--_border);
    text-align: start;
    vertical-align: top;
  }
  thead th {
    background: var(--_surface-alt);
  }
  .yes {
    color: var(--_success);
  }
  .no {
    color: var(--_muted);
  }

  /* ---- loading ---- */
  .skeleton-card {
    display: grid;
    gap: var(--_space-m);
    padding: var(--_card-padding);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .skeleton.title {
    inline-size: 50%;
  }
  .skeleton.price {
    block-size: 2em;
    inline-size: 70%;
  }

  @container acct-pricing-table (max-width: 56rem) {
    .plans {
      grid-auto-flow: row;
      grid-template-columns: repeat(2, minmax(0, 1fr));
    }
  }
  @container acct-pricing-table (max-width: 34rem) {
    .plans {
      grid-template-columns: minmax(0, 1fr);
    }
  }
`;

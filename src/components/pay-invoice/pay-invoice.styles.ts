import { css } from 'lit';

/**
 * Component tokens (`--acct-pay-invoice-*`) fall back to the global tokens and end in a literal,
 * so the flow looks right with no theme CSS. Logical properties only (RTL).
 */
export const payInvoiceStyles = css`
  :host {
    --_pay-max-width: var(--acct-pay-invoice-max-width, 40rem);
    --_pay-padding: var(--acct-pay-invoice-padding, var(--acct-space-l, 1.5rem));
    --_pay-background: var(--acct-pay-invoice-background, var(--acct-color-surface, light-dark(#ffffff, #15181d)));
    --_pay-border: var(--acct-pay-invoice-border-color, var(--acct-color-border, light-dark(#d0d7de, #3a414b)));
    --_pay-radius: var(--acct-pay-invoice-radius, var(--acct-radius, 6px));
    --_pay-gap: var(--acct-pay-invoice-gap, var(--acct-space-m, 1rem));
    --_pay-selected: var(--acct-pay-invoice-selected-background, light-dark(#eef4ff, #1b2740));
  }

  .card {
    display: grid;
    gap: var(--_pay-gap);
    max-inline-size: var(--_pay-max-width);
    padding: var(--_pay-padding);
    border: 1px solid var(--_pay-border);
    border-radius: var(--_pay-radius);
    background: var(--_pay-background);
  }
  .step {
    display: grid;
    gap: var(--_pay-gap);
    min-inline-size: 0;
  }
  .heading {
    margin: 0;
    font-size: 1.25em;
    font-weight: 600;
    line-height: 1.3;
  }
  .strong {
    font-weight: 600;
  }
  p {
    margin: 0;
  }

  /* Steps: a plain numbered list; the current one is bold and underlined. */
  .progress {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-xs) var(--_space-m);
    margin: 0;
    padding: 0;
    list-style: none;
    counter-reset: step;
    color: var(--_muted);
    font-size: var(--_font-size-s);
  }
  .progress li {
    counter-increment: step;
  }
  .progress li::before {
    content: counter(step) '. ';
  }
  .progress li.done {
    color: var(--_text);
  }
  .progress li[aria-current='step'] {
    color: var(--_text);
    font-weight: 600;
    text-decoration: underline;
    text-underline-offset: 0.3em;
  }

  /* Fieldsets, legends, fields, hints and field errors: formStyles. */
  .choices,
  .methods,
  .amount {
    gap: var(--_space-s);
  }
  input[type='checkbox'],
  input[type='radio'] {
    inline-size: 1.125rem;
    block-size: 1.125rem;
    margin: 0;
    flex: none;
    accent-color: var(--_accent);
  }

  .choice,
  .method {
    display: flex;
    align-items: center;
    gap: var(--_space-s) var(--_space-m);
    padding: var(--_space-s) var(--_space-m);
    border: 1px solid var(--_pay-border);
    border-radius: var(--_pay-radius);
    cursor: pointer;
  }
  .choice.all {
    border-style: dashed;
  }
  .choice-text,
  .method-text {
    display: grid;
    flex: 1;
    min-inline-size: 0;
    overflow-wrap: anywhere;
  }
  .choice-text .muted,
  .method-text .muted,
  .summary th .muted {
    font-size: var(--_font-size-s);
  }
  /* Invoice numbers, dates and amounts never break; a row too narrow for them puts the amount on a line of its own. */
  .choice {
    flex-wrap: wrap;
  }
  .choice > .num {
    margin-inline-start: auto;
  }
  .choice-text > *,
  .summary th > *,
  .facts bdi {
    white-space: nowrap;
  }
  .summary th > * {
    display: block;
  }
  .method.selected {
    border-color: var(--_accent);
    background: var(--_pay-selected);
  }
  .method:has(input[disabled]) {
    cursor: not-allowed;
    color: var(--_muted);
  }
  .choice:has(input:focus-visible),
  .method:has(input:focus-visible) {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }

  table {
    inline-size: 100%;
    border-collapse: collapse;
  }
  th,
  td {
    padding: var(--_space-s);
    border-block-end: 1px solid var(--_pay-border);
    text-align: start;
    font-weight: normal;
  }
  thead th {
    color: var(--_muted);
    font-size: var(--_font-size-s);
    font-weight: 600;
  }
  tfoot th,
  tfoot td {
    border-block-end: 0;
    font-weight: 600;
  }
  th.num,
  td.num {
    text-align: end;
  }

  .option {
    display: flex;
    align-items: center;
    gap: var(--_space-s);
  }
  .amount .field {
    max-inline-size: 16rem;
  }
  #amount-input {
    font-variant-numeric: tabular-nums;
  }

  .facts {
    display: grid;
    gap: var(--_space-s);
    margin: 0;
  }
  /* Label and value side by side where both fit, else the value under its label, whole. */
  .facts div {
    display: flex;
    flex-wrap: wrap;
    column-gap: var(--_space-m);
  }
  .facts dt {
    flex: 1 0 8rem;
    color: var(--_muted);
  }
  .facts dd {
    flex: 2 1 12rem;
    margin: 0;
  }
  .plain {
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .actions {
    justify-content: flex-end;
  }
  .message.success {
    border-color: var(--_success);
    background: var(--_success-bg);
  }
  .message.warning,
  .message.notice {
    border-color: var(--_warning);
    background: var(--_warning-bg);
  }
  .message p + p {
    margin-block-start: var(--_space-s);
  }
  .status {
    display: flex;
    align-items: center;
    gap: var(--_space-s);
    font-weight: 600;
  }
  .spinner {
    inline-size: 1em;
    block-size: 1em;
    border: 2px solid var(--_pay-border);
    border-block-start-color: var(--_accent);
    border-radius: 50%;
    animation: acct-spin 0.8s linear infinite;
  }
  @keyframes acct-spin {
    to {
      transform: rotate(360deg);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation: none;
    }
  }
  .loading {
    display: grid;
    gap: var(--_space-m);
  }
  .loading .skeleton.title {
    inline-size: 40%;
    block-size: 1.5em;
  }
`;

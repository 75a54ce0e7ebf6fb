import { css } from 'lit';

export const licensePurchaseStyles = css`
  :host {
    --_quote-background: var(--acct-license-purchase-quote-background, var(--_surface-alt));
    container-type: inline-size;
  }
  [part='base'],
  form,
  .confirmation {
    display: grid;
    gap: var(--_space-m);
  }
  p,
  dl,
  dd,
  fieldset {
    margin: 0;
  }
  fieldset {
    border: 0;
    padding: 0;
    display: grid;
    gap: var(--_space-s);
  }
  legend {
    font-weight: 600;
    padding: 0;
    margin-block-end: var(--_space-s);
  }
  .heading {
    font-size: 1.25em;
    font-weight: 600;
  }
  .stepper {
    display: flex;
    align-items: stretch;
    gap: var(--_space-xs);
  }
  .stepper input {
    inline-size: 7rem;
    text-align: center;
  }
  .stepper .button {
    min-inline-size: 2.75rem;
  }
  [part='quote'] {
    display: grid;
    gap: var(--_space-s);
    padding: var(--_space-m);
    border-radius: var(--_radius);
    background: var(--_quote-background);
  }
  [part='quote'][aria-busy='true'] {
    opacity: 0.6;
  }
  .quote-line {
    font-weight: 600;
  }
  .amounts {
    display: grid;
    gap: var(--_space-xs);
    max-inline-size: 24rem;
  }
  .amounts div {
    display: flex;
    justify-content: space-between;
    gap: var(--_space-m);
  }
  .amounts .total,
  .amounts .today {
    font-weight: 600;
  }
  .small {
    font-size: var(--_font-size-s);
  }
  .method {
    display: flex;
    align-items: center;
    gap: var(--_space-s);
    padding: var(--_space-s) var(--_space-m);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    min-height: 2.75rem;
  }
  .method.selected {
    border-color: var(--_accent);
  }
  input[type='checkbox'],
  input[type='radio'] {
    inline-size: 1.125rem;
    block-size: 1.125rem;
    margin: 0;
    flex: none;
    accent-color: var(--_accent);
  }
  .method:has(input:disabled) {
    opacity: 0.7;
  }
  .method-text {
    display: grid;
    flex: 1;
  }
  .ack {
    display: flex;
    gap: var(--_space-s);
    align-items: flex-start;
  }
  .ack input {
    margin-block-start: 0.2em;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-s);
  }
  .provisioned {
    color: var(--_success);
  }
  @container (max-width: 28rem) {
    .actions .button {
      flex: 1;
    }
  }
`;

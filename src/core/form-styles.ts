import { css } from 'lit';

/**
 * Native form controls as the elements' forms show them (fields rendered by `FormFields`).
 * (`--acct-color-input-border` is documented with the global tokens in styles.ts.)
 */
export const formStyles = css`
  form {
    display: grid;
    gap: var(--_space-m);
    margin: 0;
  }
  fieldset {
    display: grid;
    gap: var(--_space-m);
    margin: 0;
    padding: 0;
    border: 0;
    min-inline-size: 0;
  }
  legend {
    padding: 0;
    margin-block-end: var(--_space-s);
    font-weight: 600;
  }
  .row {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 9rem), 1fr));
    gap: 0 var(--_space-m);
    /* The fields' own end padding separates wrapped lines; the last one's is the form's gap. */
    margin-block-end: calc(-1 * var(--_space-m));
  }
  .field {
    display: grid;
    gap: var(--_space-xs);
    align-content: start;
    min-inline-size: 0;
  }
  /* Fields of a row share its tracks (label, hint, control, error): a label that wraps does not push its control below its neighbours'. */
  .row > .field {
    grid-row: span 4;
    grid-template-rows: subgrid;
    row-gap: 0;
    padding-block-end: var(--_space-m);
  }
  .row > .field > :not(label) {
    margin-block-start: var(--_space-xs);
  }
  .row .hint {
    grid-row: 2;
  }
  .row .control {
    grid-row: 3;
  }
  .row .field-error {
    grid-row: 4;
  }
  .field > label {
    font-weight: 500;
  }
  .optional,
  .hint {
    color: var(--_muted);
    font-weight: 400;
    font-size: var(--_font-size-s);
  }
  .control {
    display: flex;
    align-items: center;
    gap: var(--_space-s);
  }
  input:not([type='checkbox'], [type='radio']),
  select {
    inline-size: 100%;
    min-block-size: 2.5rem;
    padding: 0 var(--_space-s);
    /* 3:1 against the surface (WCAG 1.4.11): a field's edge is how it is found, unlike a table rule. */
    border: 1px solid var(--acct-color-input-border, light-dark(#6e7781, #8b949e));
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  [aria-invalid='true'] {
    border-color: var(--_danger);
    box-shadow: inset 0 0 0 1px var(--_danger);
  }
  .field.checkbox {
    grid-template-columns: auto 1fr;
    align-items: start;
    column-gap: var(--_space-s);
  }
  .field.checkbox input {
    inline-size: 1.125rem;
    block-size: 1.125rem;
    margin: 0;
    margin-block-start: 0.15em;
    accent-color: var(--_accent);
  }
  .field.checkbox .field-error {
    grid-column: 1 / -1;
  }
  .field-error {
    margin: 0;
    color: var(--_danger);
    font-size: var(--_font-size-s);
    font-weight: 500;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-s);
  }
  .button.danger {
    background: var(--_danger);
    border-color: var(--_danger);
    color: var(--_on-accent);
  }
`;

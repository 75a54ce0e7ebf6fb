import { css } from 'lit';

export const paymentMethodFormStyles = css`
  :host {
    --_max-width: var(--acct-payment-method-form-max-width, 36rem);
    max-inline-size: var(--_max-width);
  }
  .loading {
    display: grid;
    gap: var(--_space-m);
  }
  .loading .skeleton {
    block-size: 2.5rem;
  }
  .choices {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-s) var(--_space-l);
  }
  .choice {
    display: inline-flex;
    align-items: center;
    gap: var(--_space-s);
    min-block-size: 2.25rem;
    cursor: pointer;
  }
  .choice input {
    inline-size: 1.125rem;
    block-size: 1.125rem;
    margin: 0;
    accent-color: var(--_accent);
  }
  .brand {
    flex: none;
    min-inline-size: 5rem;
    color: var(--_muted);
    font-size: var(--_font-size-s);
    font-weight: 600;
  }
  .brand:empty {
    display: none;
  }
  .card-fields {
    border-radius: var(--_radius);
  }
  .mandate {
    margin: 0;
    padding: var(--_space-s) var(--_space-m);
    border-inline-start: 3px solid var(--_border);
    background: var(--_surface-alt);
    font-size: var(--_font-size-s);
    overflow-wrap: anywhere;
  }
  [part='default'] .hint {
    grid-column: 2;
    margin: 0;
  }
  [part='notice'],
  [part='error'] {
    margin: 0;
  }
`;

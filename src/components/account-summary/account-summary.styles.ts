import { css } from 'lit';

/**
 * A card: the balance block on top (amount and button side by side when there is room), the facts
 * below in as many columns as fit. Logical properties only (RTL).
 */
export const accountSummaryStyles = css`
  :host {
    --_summary-background: var(--acct-account-summary-background, var(--acct-color-surface, light-dark(#ffffff, #15181d)));
    --_summary-padding: var(--acct-account-summary-padding, var(--acct-space-l, 1.5rem));
    --_summary-amount-size: var(--acct-account-summary-amount-size, 2rem);
    --_summary-credit: var(--acct-account-summary-credit-color, var(--acct-color-success, light-dark(#176b32, #7ee2a0)));
  }

  .card {
    display: grid;
    gap: var(--_space-l);
    padding: var(--_summary-padding);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_summary-background);
  }
  p,
  dl,
  dd {
    margin: 0;
  }

  .balance {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    justify-content: space-between;
    gap: var(--_space-m);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-s);
  }
  .label {
    color: var(--_muted);
    font-weight: 600;
  }
  .amount {
    font-size: var(--_summary-amount-size);
    font-weight: 700;
    line-height: 1.2;
    text-align: start;
  }
  .credit .amount {
    color: var(--_summary-credit);
  }
  .note {
    margin-block-start: var(--_space-xs);
  }

  .facts {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr));
    gap: var(--_space-m);
    padding-block-start: var(--_space-m);
    border-block-start: 1px solid var(--_border);
  }
  .facts dt {
    color: var(--_muted);
    font-size: var(--_font-size-s);
    font-weight: 600;
  }
  .facts dd {
    overflow-wrap: anywhere;
  }
  .method {
    display: block;
  }

  .skeleton-block {
    display: grid;
    gap: var(--_space-s);
  }
  .skeleton.short {
    inline-size: 30%;
  }
  .amount-skeleton {
    block-size: var(--_summary-amount-size);
    inline-size: 50%;
  }
`;

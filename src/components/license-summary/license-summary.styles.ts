import { css } from 'lit';

/** Licenses as rows of a card; below 36rem of the element's own width each license stacks. */
export const licenseSummaryStyles = css`
  :host {
    --_row-gap: var(--acct-license-summary-row-gap, var(--_space-m));
    container-type: inline-size;
  }
  [part='base'] {
    display: grid;
    gap: var(--_space-m);
  }
  p,
  h2,
  h3,
  ul {
    margin: 0;
  }
  .heading {
    font-size: 1.125em;
    font-weight: 600;
  }
  .term {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-xs) var(--_space-m);
  }
  .licenses {
    list-style: none;
    padding: 0;
    display: grid;
    gap: var(--_row-gap);
  }
  [part~='license'] {
    display: grid;
    grid-template-columns: minmax(0, 2fr) minmax(0, 1fr) auto;
    align-items: center;
    gap: var(--_space-s) var(--_space-m);
    padding: var(--_space-m);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .name {
    font-weight: 600;
  }
  .figures {
    display: grid;
    gap: var(--_space-xs);
  }
  .actions {
    justify-self: end;
  }
  .pending {
    color: var(--_warning);
  }
  @container (max-width: 36rem) {
    [part~='license'] {
      grid-template-columns: minmax(0, 1fr);
    }
    .actions {
      justify-self: start;
    }
  }
`;

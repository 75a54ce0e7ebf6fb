import { css } from 'lit';

/** A card: the facts in as many columns as fit, the licenses as a list, the contact line last. Logical properties only (RTL). */
export const profileStyles = css`
  :host {
    --_profile-background: var(--acct-profile-background, var(--acct-color-surface, light-dark(#ffffff, #15181d)));
    --_profile-padding: var(--acct-profile-padding, var(--acct-space-l, 1.5rem));
  }

  .card {
    display: grid;
    gap: var(--_space-l);
    padding: var(--_profile-padding);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_profile-background);
  }
  p,
  dl,
  dd,
  ul {
    margin: 0;
  }
  .heading {
    font-size: 1.125em;
    font-weight: 700;
  }
  .subheading {
    font-weight: 700;
  }

  .facts {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr));
    gap: var(--_space-m);
  }
  .facts dt {
    color: var(--_muted);
    font-size: var(--_font-size-s);
    font-weight: 600;
  }
  .facts dd {
    overflow-wrap: anywhere;
  }
  .secondary {
    display: block;
    color: var(--_muted);
  }

  .licenses-block {
    display: grid;
    gap: var(--_space-s);
    padding-block-start: var(--_space-m);
    border-block-start: 1px solid var(--_border);
  }
  .licenses {
    display: grid;
    gap: var(--_space-xs);
    padding: 0;
    list-style: none;
  }
  .license {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: var(--_space-xs) var(--_space-m);
  }

  .skeleton-block {
    display: grid;
    gap: var(--_space-s);
  }
`;

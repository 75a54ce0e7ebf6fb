import { css } from 'lit';

/**
 * The navigation at the bottom of a narrow portal (sticky, scrolling sideways when the sections do
 * not fit) and on the side from 48rem of the portal's own width: a container query, so a portal in
 * a narrow column of a wide page gets the narrow layout. Logical properties only (RTL).
 */
export const portalStyles = css`
  :host {
    display: block;
    container: acct-portal / inline-size;
    --_portal-nav-width: var(--acct-portal-nav-width, 14rem);
    --_portal-nav-background: var(--acct-portal-nav-background, var(--_surface-alt));
    --_portal-current: var(--acct-portal-current-color, var(--_accent));
  }

  .layout {
    display: flex;
    flex-direction: column;
    gap: var(--_space-l);
    min-inline-size: 0;
  }
  .main {
    min-inline-size: 0;
  }
  .nav {
    order: 2;
    position: sticky;
    inset-block-end: 0;
    z-index: 1;
    border-block-start: 1px solid var(--_border);
    background: var(--_portal-nav-background);
  }
  .nav ul {
    display: flex;
    gap: var(--_space-xs);
    margin: 0;
    padding: var(--_space-xs);
    overflow-x: auto;
    list-style: none;
    scrollbar-width: thin;
  }
  .nav-link {
    display: block;
    padding: var(--_space-s) var(--_space-m);
    border: 0;
    border-radius: var(--_radius);
    background: none;
    color: inherit;
    font: inherit;
    white-space: nowrap;
    text-decoration: none;
    cursor: pointer;
  }
  .nav-link:hover {
    background: var(--_surface);
  }
  .nav-link[aria-current='page'] {
    color: var(--_portal-current);
    font-weight: 700;
    box-shadow: inset 0 -3px 0 var(--_portal-current);
  }
  .nav-link:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: -2px;
  }

  @container acct-portal (min-width: 48rem) {
    .layout {
      flex-direction: row;
      align-items: flex-start;
    }
    .nav {
      order: 0;
      flex: 0 0 var(--_portal-nav-width);
      inset-block: 0 auto;
      border-block-start: 0;
      border-radius: var(--_radius);
    }
    .nav ul {
      flex-direction: column;
      overflow: visible;
    }
    .nav-link {
      white-space: normal;
    }
    .nav-link[aria-current='page'] {
      box-shadow: inset 3px 0 0 var(--_portal-current);
    }
    .main {
      flex: 1 1 auto;
    }
  }

  .section {
    display: grid;
    gap: var(--_space-l);
  }
  .section-heading {
    font-size: 1.5em;
    font-weight: 700;
  }
  .section-heading:focus {
    outline: none;
  }
  .section-heading:focus-visible {
    outline: 2px solid var(--_focus);
  }
  .subheading {
    font-size: 1.125em;
    font-weight: 600;
  }
  .skeleton-block {
    display: grid;
    gap: var(--_space-s);
  }
`;

import { css } from 'lit';

/**
 * Styles every element shares. Token tiers: global `--acct-*` (optional theme), component tokens
 * (`--acct-invoice-list-*`, set by any ancestor), private `--_*` inside. Every chain ends in a
 * literal so an element looks right on a page with no theme CSS at all.
 *
 * The global tokens, documented here once: every element that adopts these styles lists them in
 * custom-elements.json (custom-elements-manifest.config.mjs).
 *
 * @cssprop [--acct-color-accent=light-dark(#1d4ed8, #93b4ff)] - Accent colour: primary buttons, links, checkboxes and radios, the chosen filter or payment method, the spinner.
 * @cssprop [--acct-color-on-accent=light-dark(#ffffff, #0b1020)] - Text on the accent colour (primary buttons, the chosen filter) and on danger buttons.
 * @cssprop [--acct-color-text=light-dark(#1f2328, #e6e8eb)] - Body text colour.
 * @cssprop [--acct-color-text-muted=light-dark(#57606a, #a4adb8)] - Secondary text: labels, hints, notes, dates.
 * @cssprop [--acct-color-surface=light-dark(#ffffff, #15181d)] - Background of cards, buttons and fields.
 * @cssprop [--acct-color-surface-alt=light-dark(#f6f8fa, #1d2127)] - Second background: hovered buttons, messages, header rows, skeleton shimmer.
 * @cssprop [--acct-color-border=light-dark(#d0d7de, #3a414b)] - Borders of buttons, cards and messages, and table rules.
 * @cssprop [--acct-color-danger=light-dark(#b42318, #ff9b8f)] - Errors: error text and borders, invalid fields, danger badges and buttons.
 * @cssprop [--acct-color-danger-surface=light-dark(#fef3f2, #3a1714)] - Background of error messages and danger badges.
 * @cssprop [--acct-color-success=light-dark(#176b32, #7ee2a0)] - Text and borders of success badges and messages.
 * @cssprop [--acct-color-success-surface=light-dark(#ecfdf3, #0f2e1c)] - Background of success badges and messages.
 * @cssprop [--acct-color-warning=light-dark(#8a4b00, #ffc36b)] - Text and borders of warning badges and messages.
 * @cssprop [--acct-color-warning-surface=light-dark(#fff6e5, #33240b)] - Background of warning badges and messages.
 * @cssprop [--acct-color-neutral-surface=light-dark(#eef1f4, #2a2f36)] - Background of neutral badges and of loading skeletons.
 * @cssprop [--acct-color-info-surface=light-dark(#eef4ff, #1b2740)] - Background of informational badges (e.g. Default).
 * @cssprop [--acct-color-focus=light-dark(#1d4ed8, #93b4ff)] - Focus outline colour.
 * @cssprop [--acct-radius=6px] - Corner radius of buttons, fields, cards and messages.
 * @cssprop [--acct-space-xs=0.25rem] - Extra-small spacing: between a field's label and its control, between the items inside a button.
 * @cssprop [--acct-space-s=0.5rem] - Small spacing: between related items, padding of fields.
 * @cssprop [--acct-space-m=1rem] - Medium spacing: between fields and sections, padding of buttons and messages.
 * @cssprop [--acct-space-l=1.5rem] - Large spacing: padding of cards, between larger sections.
 * @cssprop [--acct-font-size-s=0.875em] - Small text: badges, hints, field errors, secondary figures.
 * @cssprop [--acct-color-input-border=light-dark(#6e7781, #8b949e)] - Border of text fields, selects and unchecked checkboxes and radios (3:1 against the surface, so controls can be found).
 */
export const baseStyles = css`
  :host {
    --_accent: var(--acct-color-accent, light-dark(#1d4ed8, #93b4ff));
    --_on-accent: var(--acct-color-on-accent, light-dark(#ffffff, #0b1020));
    --_text: var(--acct-color-text, light-dark(#1f2328, #e6e8eb));
    --_muted: var(--acct-color-text-muted, light-dark(#57606a, #a4adb8));
    --_surface: var(--acct-color-surface, light-dark(#ffffff, #15181d));
    --_surface-alt: var(--acct-color-surface-alt, light-dark(#f6f8fa, #1d2127));
    --_border: var(--acct-color-border, light-dark(#d0d7de, #3a414b));
    --_danger: var(--acct-color-danger, light-dark(#b42318, #ff9b8f));
    --_danger-bg: var(--acct-color-danger-surface, light-dark(#fef3f2, #3a1714));
    --_success: var(--acct-color-success, light-dark(#176b32, #7ee2a0));
    --_success-bg: var(--acct-color-success-surface, light-dark(#ecfdf3, #0f2e1c));
    --_warning: var(--acct-color-warning, light-dark(#8a4b00, #ffc36b));
    --_warning-bg: var(--acct-color-warning-surface, light-dark(#fff6e5, #33240b));
    --_neutral-bg: var(--acct-color-neutral-surface, light-dark(#eef1f4, #2a2f36));
    --_info-bg: var(--acct-color-info-surface, light-dark(#eef4ff, #1b2740));
    --_focus: var(--acct-color-focus, light-dark(#1d4ed8, #93b4ff));
    --_radius: var(--acct-radius, 6px);
    --_space-xs: var(--acct-space-xs, 0.25rem);
    --_space-s: var(--acct-space-s, 0.5rem);
    --_space-m: var(--acct-space-m, 1rem);
    --_space-l: var(--acct-space-l, 1.5rem);
    --_font-size-s: var(--acct-font-size-s, 0.875em);

    display: block;
    color: var(--_text);
    font: inherit;
    color-scheme: inherit;
    box-sizing: border-box;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  button,
  select,
  input {
    font: inherit;
    color: inherit;
  }
  .button {
    display: inline-flex;
    align-items: center;
    gap: var(--_space-xs);
    min-height: 2.25rem;
    padding: 0 var(--_space-m);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    cursor: pointer;
    text-decoration: none;
  }
  .button:hover {
    background: var(--_surface-alt);
  }
  .button.primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
  }
  .button.primary:hover {
    filter: brightness(1.08);
  }
  .button[disabled],
  .button[aria-disabled='true'] {
    opacity: 0.55;
    cursor: not-allowed;
  }
  /*
   * Unchecked boxes and radios are drawn here, with the fields' 3:1 border: the browser's dark box
   * is as dim as a disabled one. Checked ones stay native (accent-color).
   */
  input:is([type='checkbox'], [type='radio']):not(:checked, :indeterminate) {
    appearance: none;
    border: 1px solid var(--acct-color-input-border, light-dark(#6e7781, #8b949e));
    border-radius: 3px;
    background: var(--_surface);
  }
  input[type='radio']:not(:checked) {
    border-radius: 50%;
  }
  input:disabled:not(:checked) {
    opacity: 0.55;
  }
  .link {
    color: var(--_accent);
    text-underline-offset: 0.15em;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0, 0, 0, 0);
    white-space: nowrap;
    border: 0;
  }
  .badge {
    display: inline-block;
    padding: 0.1em 0.55em;
    border-radius: 999px;
    font-size: var(--_font-size-s);
    font-weight: 600;
    white-space: nowrap;
    background: var(--_neutral-bg);
    color: var(--_text);
  }
  .badge.success {
    background: var(--_success-bg);
    color: var(--_success);
  }
  .badge.danger {
    background: var(--_danger-bg);
    color: var(--_danger);
  }
  .badge.info {
    background: var(--_info-bg);
    color: var(--_accent);
  }
  .badge.muted {
    background: transparent;
    border: 1px solid var(--_border);
    color: var(--_muted);
  }
  .badge.warning {
    background: var(--_warning-bg);
    color: var(--_warning);
  }
  .message {
    padding: var(--_space-m);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface-alt);
  }
  .message.error {
    border-color: var(--_danger);
    background: var(--_danger-bg);
  }
  .message p {
    margin: 0 0 var(--_space-s);
  }
  .muted {
    color: var(--_muted);
  }
  .skeleton {
    display: block;
    height: 1em;
    border-radius: 4px;
    background: linear-gradient(90deg, var(--_neutral-bg) 25%, var(--_surface-alt) 50%, var(--_neutral-bg) 75%);
    background-size: 200% 100%;
    animation: acct-shimmer 1.4s ease-in-out infinite;
  }
  @keyframes acct-shimmer {
    from {
      background-position: 200% 0;
    }
    to {
      background-position: -200% 0;
    }
  }
  /* The shimmer travels in the reading direction. */
  .skeleton:dir(rtl) {
    animation-direction: reverse;
  }
  @media (prefers-reduced-motion: reduce) {
    .skeleton {
      animation: none;
    }
  }
  .num {
    font-variant-numeric: tabular-nums;
    text-align: end;
    white-space: nowrap;
  }
`;

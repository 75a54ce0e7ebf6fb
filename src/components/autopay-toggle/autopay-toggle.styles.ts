import { css } from 'lit';

/**
 * The switch is a full-width button: label, "On"/"Off" and the track, so the whole row is the
 * target. The thumb's position and the On/Off text both show the state (not colour alone).
 */
export const autopayToggleStyles = css`
  :host {
    --_track-on: var(--acct-autopay-toggle-track-on, var(--acct-color-accent, light-dark(#1d4ed8, #93b4ff)));
    --_track-off: var(--acct-autopay-toggle-track-off, light-dark(#6e7781, #8b949e));
    --_thumb: var(--acct-autopay-toggle-thumb, #ffffff);
  }

  [part='base'] {
    display: grid;
    gap: var(--_space-s);
  }
  p {
    margin: 0;
  }

  .switch {
    display: flex;
    align-items: center;
    gap: var(--_space-s);
    inline-size: 100%;
    min-height: 2.75rem;
    padding: var(--_space-xs) 0;
    border: 0;
    background: none;
    text-align: start;
    cursor: pointer;
  }
  .switch[aria-disabled='true'] {
    cursor: not-allowed;
  }
  .switch-label {
    flex: 1;
    font-weight: 600;
  }
  .state-text {
    color: var(--_muted);
  }
  .track {
    position: relative;
    flex: none;
    inline-size: 2.75rem;
    block-size: 1.5rem;
    border-radius: 999px;
    background: var(--_track-off);
    transition: background-color 0.15s;
  }
  .thumb {
    position: absolute;
    inset-block-start: 0.1875rem;
    inset-inline-start: 0.1875rem;
    inline-size: 1.125rem;
    block-size: 1.125rem;
    border-radius: 50%;
    background: var(--_thumb);
    transition: inset-inline-start 0.15s;
  }
  [aria-checked='true'] .track {
    background: var(--_track-on);
  }
  [aria-checked='true'] .thumb {
    inset-inline-start: 1.4375rem;
  }
  .switch[aria-disabled='true'] .track {
    opacity: 0.5;
  }
  .switch[aria-busy='true'] .track {
    opacity: 0.7;
  }
  @media (prefers-reduced-motion: reduce) {
    .track,
    .thumb {
      transition: none;
    }
  }
  @media (forced-colors: active) {
    .track {
      border: 1px solid CanvasText;
    }
    .thumb {
      background: CanvasText;
    }
  }

  .description {
    color: var(--_muted);
  }

  .confirm {
    display: grid;
    gap: var(--_space-s);
    padding: var(--_space-m);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface-alt);
  }
  .question {
    font-weight: 600;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-s);
  }

  .skeleton-row {
    display: flex;
    justify-content: space-between;
    gap: var(--_space-m);
    padding-block: var(--_space-s);
  }
  .skeleton-row .skeleton:first-child {
    inline-size: 30%;
  }
  .skeleton-row .skeleton:last-child {
    inline-size: 2.75rem;
    block-size: 1.5rem;
    border-radius: 999px;
  }
`;

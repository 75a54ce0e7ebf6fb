import { css } from 'lit';

/**
 * A confirmation `<dialog>` inside an element's shadow root (the payment methods' delete, the
 * add-ons' change): a card on a dimmed page, its content in a grid. The host sets `--_dialog-width`
 * from its own token.
 */
export const dialogStyles = css`
  dialog {
    inline-size: min(100% - 2rem, var(--_dialog-width, 32rem));
    padding: var(--_space-l);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
  }
  dialog[open] {
    display: grid;
    gap: var(--_space-m);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.45);
  }
  dialog h2 {
    margin: 0;
    font-size: 1.15em;
    overflow-wrap: anywhere;
  }
  dialog p {
    margin: 0;
  }
`;

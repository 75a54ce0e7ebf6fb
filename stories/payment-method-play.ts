import type { MemoryAccountApi } from '../src/api/memory-api.js';
import type { CardTokenizer, TokenizedCard } from '../src/api/tokenizer.js';
import { TokenizerError } from '../src/api/tokenizer.js';

/**
 * Play-function helpers of the payment method stories: they reach a state (a dialog, a refused
 * form) the way a user would, by pressing the element's own buttons.
 */

type Root = Element & { updateComplete?: Promise<unknown> };

/** Waits until `el` has stopped loading (its custom state), then for its render. */
export async function idle(el: Root): Promise<void> {
  for (let i = 0; i < 250 && el.matches(':state(loading)'); i++) await new Promise((resolve) => setTimeout(resolve, 20));
  await el.updateComplete;
}

/** Clicks the first element matching `selector` in `el`'s shadow root, then waits for the render. */
export async function press(el: Root, selector: string): Promise<void> {
  const target = el.shadowRoot!.querySelector<HTMLElement>(selector);
  if (!target) throw new Error(`The story found no ${selector}`);
  target.click();
  await el.updateComplete;
}

/** Waits until `selector` matches in `el`'s shadow root (a dialog opened, an error shown). */
export async function reach(el: Root, selector: string): Promise<void> {
  for (let i = 0; i < 250 && !el.shadowRoot!.querySelector(selector); i++) await new Promise((resolve) => setTimeout(resolve, 20));
  if (!el.shadowRoot!.querySelector(selector)) throw new Error(`The story did not reach ${selector}`);
  await el.updateComplete;
}

/** Types into fields of a form's shadow root (by `name`), as input events. */
export function fill(form: Element, values: Record<string, string | boolean>): void {
  for (const [name, value] of Object.entries(values)) {
    const control = form.shadowRoot!.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${name}"]`)!;
    if (control instanceof HTMLInputElement && control.type === 'checkbox') {
      control.checked = value === true;
      control.dispatchEvent(new Event('change', { bubbles: true }));
    } else {
      control.value = String(value);
      control.dispatchEvent(new Event(control instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
    }
  }
}

export const VALID_CARD = { number: '4242 4242 4242 4242', expiry: '12 / 34', cvc: '123', line1: '12 Harbour Street', city: 'Springfield', region: 'OR', postal: '97477', country: 'US' };

/**
 * Stands in for a host's card provider (Stripe Elements, Adyen, ...): one field in the light-DOM
 * container the form gives it, and a token from the memory API's token store.
 */
export class DemoTokenizer implements CardTokenizer {
  #input?: HTMLInputElement;
  constructor(private readonly api: MemoryAccountApi) {}

  mount(container: HTMLElement): void {
    const label = document.createElement('label');
    label.textContent = "Card number (your provider's field) ";
    label.style.cssText = 'display:grid;gap:4px';
    this.#input = document.createElement('input');
    this.#input.autocomplete = 'cc-number';
    this.#input.style.cssText = 'min-block-size:2.5rem;padding:0 8px;font:inherit';
    label.append(this.#input);
    container.replaceChildren(label);
  }

  async tokenize(): Promise<TokenizedCard> {
    const number = (this.#input?.value ?? '').replace(/\s/g, '');
    if (!/^\d{12,19}$/.test(number)) throw new TokenizerError('Your card number is incomplete.', 'number');
    return { token: this.api.createCardToken({ number, exp_month: 12, exp_year: new Date().getUTCFullYear() + 3 }) };
  }

  focus(): void {
    this.#input?.focus();
  }

  unmount(): void {
    this.#input?.closest('label')?.remove();
    this.#input = undefined;
  }
}

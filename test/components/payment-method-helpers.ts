import { fixture } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { TemplateResult } from 'lit';
import { MemoryAccountApi, type MemoryAccountApiOptions } from '../../src/api/memory-api.js';
import type { WriteOptions } from '../../src/api/account-api.js';
import type { GatewayInfo } from '../../src/api/schemas/payment-method.js';
import type { NewPaymentMethod } from '../../src/api/schemas/billing-input.js';
import type { CardTokenizer, TokenizedCard, TokenizerContext } from '../../src/api/tokenizer.js';
import { TokenizerError } from '../../src/api/tokenizer.js';
import '../../src/components/payment-method-form/acct-payment-method-form.js';
import { waitForIdle } from '../helpers/wait.js';
import { fill } from '../../stories/payment-method-play.js';

/** Fixtures are generated around this day; card expiry is judged against the real clock. */
export const TODAY = new Date('2026-03-15T12:00:00Z');

export function memoryApi(options: MemoryAccountApiOptions = {}): MemoryAccountApi {
  return new MemoryAccountApi({ fixture: 'typical', today: TODAY, ...options });
}

export const TEST_GATEWAY: GatewayInfo = {
  name: 'test',
  supported_types: ['card', 'bank_account'],
  accepts_raw_card_data: true,
  hosted_fields_url: null,
  mandate_text: 'I authorise Tickr Inc. to debit this account.',
};

export async function mount<T extends HTMLElement>(template: TemplateResult, idle = true): Promise<T> {
  const el = await fixture<T>(template);
  if (idle) await waitForIdle(el);
  return el;
}

export function $<T extends Element = HTMLElement>(el: Element, selector: string): T | null {
  return el.shadowRoot!.querySelector<T>(selector as never) as T | null;
}

export function $$<T extends Element = HTMLElement>(el: Element, selector: string): T[] {
  return Array.from(el.shadowRoot!.querySelectorAll(selector)) as T[];
}

/**
 * What has focus inside `el`, as `tag[name]` / `tag[part]` / `tag.class` (a string, so that a failed
 * comparison prints a short message instead of serializing DOM nodes).
 */
export function focused(el: Element): string {
  return describeElement(el.shadowRoot!.activeElement);
}

export function describeElement(element: Element | null): string {
  if (!element) return 'nothing';
  const name = element.getAttribute('name');
  const part = element.getAttribute('part');
  return `${element.localName}${name ? `[name="${name}"]` : part ? `[part="${part}"]` : element.className ? `.${element.className}` : ''}`;
}

export function hasState(el: Element, name: string): boolean {
  return el.matches(`:state(${name})`);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Ten seconds by default: a passing check returns as soon as it holds, and a loaded CI machine
// (two cores, two browser pages, the server suites' builds) can take seconds for what takes 300 ms.
export async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > timeoutMs) throw new Error('until: condition not met in time');
    await sleep(10);
  }
}

export function record<E extends Event>(target: EventTarget, type: string): E[] {
  const events: E[] = [];
  target.addEventListener(type, (event) => events.push(event as E));
  return events;
}

/** Sets a field of a form's shadow root as typing would (input event), without the keyboard. */
export function setField(el: Element, name: string, value: string | boolean): void {
  if (!$(el, `[name="${name}"]`)) throw new Error(`no field ${name}`);
  fill(el, { [name]: value });
}

export function fillAddress(el: Element): void {
  setField(el, 'line1', '1 Main Street');
  setField(el, 'city', 'Springfield');
  setField(el, 'region', 'OR');
  setField(el, 'postal', '97477');
  setField(el, 'country', 'US');
}

export function fillCard(el: Element, card: { number?: string; expiry?: string; cvc?: string } = {}): void {
  setField(el, 'number', card.number ?? '4242 4242 4242 4242');
  setField(el, 'expiry', card.expiry ?? '12 / 34');
  setField(el, 'cvc', card.cvc ?? '123');
  fillAddress(el);
}

export function fillBank(el: Element): void {
  setField(el, 'holder', 'Northwind Traders');
  setField(el, 'routing', '110000000');
  setField(el, 'account', '000123456789');
  setField(el, 'mandate', true);
  fillAddress(el);
}

/** The text of a field's error message, or null. */
export function fieldError(el: Element, name: string): string | null {
  const control = $(el, `[name="${name}"]`)!;
  const error = $(el, `#${control.id}-error`);
  return error ? error.textContent!.trim() : null;
}

/** Types into whatever has focus, then Tab. */
export async function typeAndTab(text: string): Promise<void> {
  if (text) await sendKeys({ type: text });
  await sendKeys({ press: 'Tab' });
}

/** Records every addPaymentMethod call with its idempotency key. */
export function spyAdds(api: MemoryAccountApi): Array<{ method: NewPaymentMethod; key: string }> {
  const calls: Array<{ method: NewPaymentMethod; key: string }> = [];
  const original = api.addPaymentMethod.bind(api);
  api.addPaymentMethod = (method: NewPaymentMethod, options: WriteOptions) => {
    calls.push({ method, key: options.idempotencyKey });
    return original(method, options);
  };
  return calls;
}

/**
 * A host tokenizer that puts one plain input in the container (a stand-in for Stripe Elements):
 * its card goes to the memory API's token store and only the token comes back.
 */
export class FakeTokenizer implements CardTokenizer {
  mounted?: HTMLElement;
  contexts: TokenizerContext[] = [];
  unmounts = 0;
  tokenizeCalls = 0;
  /** What the next tokenize() does: a card number to make a token for, or an error. */
  constructor(
    private readonly makeToken: (number: string) => string,
    private readonly options: { failMount?: boolean; error?: TokenizerError } = {},
  ) {}

  mount(container: HTMLElement, context: TokenizerContext): Promise<void> {
    this.contexts.push(context);
    if (this.options.failMount) return Promise.reject(new TokenizerError('The provider could not load.'));
    const input = document.createElement('input');
    input.setAttribute('aria-label', 'Card (fake provider)');
    input.className = 'fake-card';
    container.append(input);
    this.mounted = container;
    return Promise.resolve();
  }

  async tokenize(): Promise<TokenizedCard> {
    this.tokenizeCalls++;
    if (this.options.error) throw this.options.error;
    const input = this.mounted?.querySelector('input');
    const digits = (input?.value ?? '').replace(/\s/g, '');
    if (!digits) throw new TokenizerError('Your card number is incomplete.', 'number', 'incomplete_number');
    return { token: this.makeToken(digits) };
  }

  focus(): void {
    this.mounted?.querySelector('input')?.focus();
  }

  unmount(): void {
    this.unmounts++;
    this.mounted?.replaceChildren();
    this.mounted = undefined;
  }
}

export { fakeFieldsUrl } from '../helpers/hosted-fields.js';

import { msg } from '@lit/localize';
import { TokenizerError, type CardTokenizer, type TokenizedCard, type TokenizerContext } from '../api/tokenizer.js';
import { randomUuid } from '../api/idempotency.js';

/** How long the fields may take to load, and to answer one tokenize request. */
const DEFAULT_TIMEOUT_MS = 15_000;
/** An iframe taller than this is a misbehaving page, not card fields. */
const MAX_HEIGHT = 2000;
const CARD_FIELDS = ['number', 'expiry', 'cvc'] as const;

export interface HostedFieldsOptions {
  /** Limit for loading the fields and for each tokenize request (default 15 000 ms). */
  timeoutMs?: number;
}

interface Pending {
  resolve: (card: TokenizedCard) => void;
  reject: (error: TokenizerError) => void;
}

/**
 * The origin of a hosted fields page that may be framed, or undefined: `https:` pages, and `http:`
 * on this machine (local development and tests). A server value like `javascript:` never becomes
 * an iframe.
 */
export function hostedFieldsOrigin(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    const loopback = parsed.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname);
    return parsed.protocol === 'https:' || loopback ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}

/** Theme colours for the fields page: URL parameter ← the form's private token (inherited by the slotted container). */
const THEME_COLOURS = [
  ['text', '--_text'],
  ['muted', '--_muted'],
  ['surface', '--_surface'],
  ['border', '--acct-color-input-border'],
  ['focus', '--_focus'],
  ['danger', '--_danger'],
] as const;

/**
 * How the fields should look to match the element around `container`: its colour scheme, the
 * theme colours it inherits as `#rrggbb[aa]` (any CSS colour, resolved by the browser and drawn
 * into a pixel, so oklch() or light-dark() arrive as plain sRGB), its font size and corner radius.
 * The page accepts only such values (server/hosted-fields.ts, THEME_PARAMS).
 */
export function fieldsTheme(container: HTMLElement): Record<string, string> {
  const probe = container.appendChild(document.createElement('span'));
  const computed = getComputedStyle(probe);
  const pixel = document.createElement('canvas').getContext('2d', { willReadFrequently: true });
  const colour = (value: string) => {
    probe.style.color = value;
    if (!pixel) return '';
    pixel.clearRect(0, 0, 1, 1);
    pixel.fillStyle = computed.color;
    pixel.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = pixel.getImageData(0, 0, 1, 1).data;
    return `#${[r, g, b, ...(a < 255 ? [a] : [])].map((n) => n.toString(16).padStart(2, '0')).join('')}`;
  };
  const theme: Record<string, string> = { scheme: colour('light-dark(#000, #fff)') === '#ffffff' ? 'dark' : 'light' };
  for (const [name, token] of THEME_COLOURS) if (computed.getPropertyValue(token).trim()) theme[name] = colour(`var(${token})`);
  probe.style.borderStartStartRadius = 'var(--_radius, 6px)';
  theme.radius = String(Math.min(24, Math.round(parseFloat(computed.borderStartStartRadius)) || 0));
  theme.font = String(Math.min(32, Math.max(10, Math.round(parseFloat(computed.fontSize)))));
  probe.remove();
  return theme;
}

/** Text from the frame, kept short; it is rendered as text by the form. */
function shortText(value: unknown): string {
  return typeof value === 'string' ? value.slice(0, 300) : '';
}

/**
 * A `CardTokenizer` for a gateway's hosted fields page (`gateway.hosted_fields_url`), e.g. the
 * reference server's: the card number, expiry and CVC are typed into an iframe of the gateway's
 * origin, and only a token comes back to this page.
 *
 * Protocol (window.postMessage, always with the other side's exact origin as target):
 * - the iframe loads `<url>?origin=<this page's origin>&locale=<locale>&scheme=…&text=…` (the look:
 *   `fieldsTheme`, read once at mount);
 * - iframe → page: `{type: 'acct-hf:ready', height}`, `{type: 'acct-hf:change', complete, brand?}`,
 *   `{type: 'acct-hf:result', id, token}`, `{type: 'acct-hf:error', id, errors: [{field, code, message}]}`;
 * - page → iframe: `{type: 'acct-hf:tokenize', id}`, `{type: 'acct-hf:focus'}`.
 *
 * A message counts only when it comes from the iframe's window and from the page's origin, so
 * neither another frame nor a page the iframe was navigated to can answer in its place.
 */
export class HostedFieldsTokenizer implements CardTokenizer {
  readonly #url: string;
  readonly #origin: string;
  readonly #timeoutMs: number;
  #iframe?: HTMLIFrameElement;
  #ready?: Promise<void>;
  #markReady?: () => void;
  #failReady?: (error: TokenizerError) => void;
  #onChange?: TokenizerContext['onChange'];
  readonly #pending = new Map<string, Pending>();

  constructor(url: string, options: HostedFieldsOptions = {}) {
    const origin = hostedFieldsOrigin(url);
    if (!origin) throw new TypeError(`HostedFieldsTokenizer: "${url}" is not an https: URL`);
    this.#url = url;
    this.#origin = origin;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /** The hosted fields page this tokenizer frames. */
  get url(): string {
    return this.#url;
  }

  /** Puts the fields' iframe into `container`; resolves when the fields say they are ready. */
  mount(container: HTMLElement, context: TokenizerContext): Promise<void> {
    this.unmount();
    const src = new URL(this.#url);
    src.searchParams.set('origin', location.origin);
    src.searchParams.set('locale', context.locale);
    const theme = fieldsTheme(container);
    for (const [name, value] of Object.entries(theme)) src.searchParams.set(name, value);
    const iframe = document.createElement('iframe');
    iframe.title = msg('Card details');
    // No top navigation, pop-ups or downloads from the frame; its scripts run in its own origin.
    iframe.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-forms');
    // Invisible until it reports its height: the form shows "Loading card fields…" meanwhile. The
    // frame's scheme is the page's: with a different one the browser paints the frame opaque.
    iframe.style.cssText = `display:block;inline-size:100%;block-size:0;border:0;color-scheme:${theme.scheme}`;
    this.#onChange = context.onChange;
    this.#ready = new Promise((resolve, reject) => {
      this.#markReady = resolve;
      this.#failReady = reject;
    });
    // Waiters attach their own handlers; this one only keeps an unmount before "ready" from being unhandled.
    this.#ready.catch(() => {});
    window.addEventListener('message', this.#onMessage);
    iframe.src = src.href;
    this.#iframe = iframe;
    container.append(iframe);
    return this.#withTimeout(this.#ready, () => new TokenizerError(msg('The card fields did not load. Check your connection and try again.'), undefined, 'timeout'));
  }

  tokenize(): Promise<TokenizedCard> {
    const iframe = this.#iframe;
    const ready = this.#ready;
    if (!iframe || !ready) return Promise.reject(new TokenizerError(msg('The card fields are not ready yet.'), undefined, 'not_mounted'));
    const id = randomUuid();
    const answer = new Promise<TokenizedCard>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      ready.then(
        () => {
          if (this.#iframe === iframe) iframe.contentWindow?.postMessage({ type: 'acct-hf:tokenize', id }, this.#origin);
        },
        reject,
      );
    });
    return this.#withTimeout(answer, () => {
      this.#pending.delete(id);
      return new TokenizerError(msg('The card fields did not answer. Please try again.'), undefined, 'timeout');
    });
  }

  focus(): void {
    const iframe = this.#iframe;
    if (!iframe) return;
    iframe.focus();
    iframe.contentWindow?.postMessage({ type: 'acct-hf:focus' }, this.#origin);
  }

  /** Removes the iframe and the listener; a pending tokenize is rejected. */
  unmount(): void {
    window.removeEventListener('message', this.#onMessage);
    this.#iframe?.remove();
    this.#iframe = undefined;
    const stopped = new TokenizerError(msg('The card fields were closed.'), undefined, 'unmounted');
    this.#failReady?.(stopped);
    this.#ready = undefined;
    this.#markReady = undefined;
    this.#failReady = undefined;
    this.#onChange = undefined;
    for (const pending of this.#pending.values()) pending.reject(stopped);
    this.#pending.clear();
  }

  #onMessage = (event: MessageEvent) => {
    const iframe = this.#iframe;
    if (!iframe || event.origin !== this.#origin || event.source !== iframe.contentWindow) return;
    const data: unknown = event.data;
    if (!data || typeof data !== 'object') return;
    const message = data as Record<string, unknown>;
    switch (message.type) {
      case 'acct-hf:ready': {
        const height = Number(message.height);
        if (Number.isFinite(height) && height > 0) {
          iframe.style.blockSize = `${Math.min(Math.ceil(height), MAX_HEIGHT)}px`;
          // The page keeps 4px around its fields for the focus ring: its inputs line up with the form's.
          iframe.style.margin = '-4px';
          iframe.style.inlineSize = 'calc(100% + 8px)';
        }
        this.#markReady?.();
        break;
      }
      case 'acct-hf:change':
        this.#onChange?.({ complete: message.complete === true, brand: shortText(message.brand) || undefined });
        break;
      case 'acct-hf:result':
      case 'acct-hf:error': {
        const pending = typeof message.id === 'string' ? this.#pending.get(message.id) : undefined;
        if (!pending) return;
        this.#pending.delete(message.id as string);
        const token = shortText(message.token);
        if (message.type === 'acct-hf:result' && token) pending.resolve({ token });
        else pending.reject(this.#refusal(message.errors));
        break;
      }
    }
  };

  /** The first field error of an `acct-hf:error` message as a TokenizerError. */
  #refusal(errors: unknown): TokenizerError {
    const first = (Array.isArray(errors) ? errors[0] : undefined) as Record<string, unknown> | undefined;
    const field = CARD_FIELDS.find((name) => name === first?.field);
    const text = shortText(first?.message) || msg('Check the card details.');
    return new TokenizerError(text, field, shortText(first?.code) || undefined);
  }

  #withTimeout<T>(promise: Promise<T>, onTimeout: () => TokenizerError): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(onTimeout()), this.#timeoutMs);
      promise.then(resolve, reject).finally(() => clearTimeout(timer));
    });
  }
}

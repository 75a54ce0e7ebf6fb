import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AccountApi } from '../../api/account-api.js';
import { isAbortError, toApiError, type ApiError } from '../../api/errors.js';
import { newIdempotencyKey } from '../../api/idempotency.js';
import type { LicenseQuote } from '../../api/schemas/license.js';

/**
 * The server's quote for the quantity on screen. A new quantity waits `delayMs` for typing to
 * settle, then asks; a request for a quantity no longer shown is aborted, so an answer arriving
 * late never replaces the quote of the quantity the customer sees. The client never prices.
 */
export class QuoteController implements ReactiveController {
  /** The quote of `quantity`, once the server gave it. */
  quote?: LicenseQuote;
  /** Why the last quote failed (a 422 code the element explains, or a network error). */
  error?: ApiError;
  /** The quantity asked for (or waiting to be). */
  quantity?: number;
  #timer?: ReturnType<typeof setTimeout>;
  #abort?: AbortController;
  /** What the last request was for: asked again when the element comes back without its answer. */
  #last?: { api: AccountApi; productId: string };
  readonly #host: ReactiveControllerHost;
  readonly #onQuote: (quote: LicenseQuote) => void;

  constructor(host: ReactiveControllerHost, onQuote: (quote: LicenseQuote) => void) {
    this.#host = host;
    this.#onQuote = onQuote;
    host.addController(this);
  }

  /** Waiting for the quantity to settle, or for the server. */
  get pending(): boolean {
    return this.#timer !== undefined || this.#abort !== undefined;
  }

  /** Asks for a quote of `quantity` after `delayMs` (0: now); undefined clears it. */
  request(api: AccountApi | undefined, productId: string, quantity: number | undefined, delayMs: number): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#abort?.abort();
    this.#abort = undefined;
    if (this.quote?.additional_quantity !== quantity) this.quote = undefined;
    this.error = undefined;
    this.quantity = quantity;
    this.#last = api ? { api, productId } : undefined;
    if (!api || quantity === undefined) {
      this.#host.requestUpdate();
      return;
    }
    const run = () => {
      this.#timer = undefined;
      void this.#fetch(api, productId, quantity);
    };
    if (delayMs > 0) this.#timer = setTimeout(run, delayMs);
    else run();
    this.#host.requestUpdate();
  }

  /** A quote the server gave otherwise (the fresh one of a `quote_expired` answer). */
  adopt(quote: LicenseQuote): void {
    this.request(undefined, quote.product_id, undefined, 0);
    this.quantity = quote.additional_quantity;
    this.quote = quote;
    this.#host.requestUpdate();
  }

  async #fetch(api: AccountApi, productId: string, quantity: number): Promise<void> {
    const abort = new AbortController();
    this.#abort = abort;
    this.#host.requestUpdate();
    try {
      // One key per request: a retry of it (the client's own) quotes once.
      const quote = await api.createLicenseQuote({ product_id: productId, additional_quantity: quantity }, { idempotencyKey: newIdempotencyKey(), signal: abort.signal });
      if (this.#abort !== abort) return;
      this.quote = quote;
      this.#onQuote(quote);
    } catch (error) {
      if (this.#abort !== abort || isAbortError(error)) return;
      this.error = toApiError(error);
    } finally {
      if (this.#abort === abort) this.#abort = undefined;
      this.#host.requestUpdate();
    }
  }

  hostConnected(): void {
    if (this.#last && this.quantity !== undefined && !this.quote && !this.error) this.request(this.#last.api, this.#last.productId, this.quantity, 0);
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#abort?.abort();
    this.#abort = undefined;
  }
}

import type { GatewayInfo } from './schemas/payment-method.js';
import type { RawCard } from './schemas/billing-input.js';

/**
 * Card entry is pluggable: a `CardTokenizer` puts its own card fields on the page (Stripe
 * Elements, Adyen, Braintree hosted fields, ...) and turns what the customer typed into a gateway
 * token, so card numbers never reach the host's API or our code (PCI DSS SAQ A, R9).
 *
 * The elements give it a container in their light DOM (a `<div slot="card-fields">`), because the
 * providers' scripts and iframes expect to live in the document, not inside a shadow root.
 */
export interface CardTokenizer {
  /** Puts the card fields into `container`. Called when the add-card form opens. */
  mount(container: HTMLElement, context: TokenizerContext): void | Promise<void>;
  /**
   * Makes a token from the fields. Rejects with a `TokenizerError` for input the provider refuses
   * (the form shows its message by the fields) or for a provider that cannot be reached.
   */
  tokenize(details: { billingName?: string }): Promise<TokenizedCard>;
  /** Removes the fields and any listeners. Called when the form closes or the element goes away. */
  unmount(): void;
  /** Optional: moves keyboard focus into the card fields (the form calls it when they are invalid). */
  focus?(): void;
}

export interface TokenizerContext {
  /** BCP 47 locale of the element, for the provider's own labels. */
  locale: string;
  gateway: GatewayInfo;
  /** Called when the fields' completeness changes (enables the Save button). */
  onChange?: (state: { complete: boolean; brand?: string }) => void;
}

/**
 * What a tokenizer returns: a gateway token (the production path), or — only from the built-in
 * test-gateway form, for a server that declares `accepts_raw_card_data` and a host that opted in
 * with `allow-raw-card-data` — the card itself.
 */
export type TokenizedCard = { token: string } | { card: RawCard };

/** A refusal by the tokenizer: `field` names the card field (`number`, `expiry`, `cvc`) when known. */
export class TokenizerError extends Error {
  override name = 'TokenizerError';
  constructor(
    message: string,
    readonly field?: 'number' | 'expiry' | 'cvc',
    readonly code?: string,
  ) {
    super(message);
  }
}

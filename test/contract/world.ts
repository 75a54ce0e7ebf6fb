import type { AccountApi } from '../../src/api/account-api.js';

/**
 * A demo login both sides know: the server seeds these from `createFixture(name, SEED_DATE)` (and
 * `viewer` is the typical account with the `billing_viewer` role); the memory API takes the same
 * fixture name with `today: SEED_DATE`.
 */
export type Login = 'typical' | 'viewer' | 'jpy' | 'kwd' | 'empty';

export interface TestCard {
  number: string;
  exp_month: number;
  exp_year: number;
  cvc: string;
}

/**
 * How a scenario reaches one side. `fresh()` hands out an AccountApi on the login's account as it
 * was seeded (no payments, methods or keys from earlier scenarios); the other calls are the test
 * gateway's helpers that are not part of AccountApi.
 */
export interface World {
  readonly name: string;
  fresh(login: Login): Promise<AccountApi>;
  /** A single-use card token, as the gateway's tokenizer (hosted fields) would make it. */
  cardToken(api: AccountApi, card: TestCard): Promise<string>;
  /** The test bank answers a processing bank payment now; the next read sees it settled or returned. */
  settle(api: AccountApi, paymentId: string): Promise<void>;
  /** The product has set up a pending license order's licenses; the next read sees it provisioned. */
  provision(api: AccountApi, orderId: string): Promise<void>;
  /** A quote's time is up: ordering it is a 409 `quote_expired`. */
  expireQuote(api: AccountApi, quoteId: string): Promise<void>;
  /** An add-on preview's time is up: confirming it is a 409 `preview_expired`. */
  expireAddonPreview(api: AccountApi, previewId: string): Promise<void>;
  /** The product has carried out a pending add-on's change; the next read sees it done. */
  provisionAddon(api: AccountApi, addonId: string): Promise<void>;
  close(): Promise<void>;
}

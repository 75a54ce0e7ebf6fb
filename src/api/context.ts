import { createContext } from '@lit/context';
import type { AccountApi } from './account-api.js';
import type { CardTokenizer } from './tokenizer.js';

/** What `acct-provider` gives every element below it. */
export interface AccountSettings {
  api?: AccountApi;
  /**
   * With `api-base` and no credentials (`api` is then undefined): a connection for the public
   * operations only (the pricing catalogue), which elements that need no account use.
   */
  publicApi?: AccountApi;
  /** BCP 47 locale for numbers, dates and strings; undefined → the page's `lang` or the browser's. */
  locale?: string;
  /** Why there is no api (shown by the elements): e.g. "set api-base and token". */
  configProblem?: string;
  /** The host's card tokenizer (Stripe Elements, ...): card numbers never reach the API. */
  cardTokenizer?: CardTokenizer;
  /**
   * The host allows the built-in test-gateway card form, which sends card numbers to the API
   * (only when the server also declares `accepts_raw_card_data`). For test setups only (R9).
   */
  allowRawCardData?: boolean;
}

export const accountContext = createContext<AccountSettings>(Symbol.for('account-elements/settings'));

import { createContext } from '@lit/context';
import type { AccountApi } from './account-api.js';

/** What `acct-provider` gives every element below it. */
export interface AccountSettings {
  api?: AccountApi;
  /** BCP 47 locale for numbers, dates and strings; undefined → the page's `lang` or the browser's. */
  locale?: string;
  /** Why there is no api (shown by the elements): e.g. "set api-base and token". */
  configProblem?: string;
}

export const accountContext = createContext<AccountSettings>(Symbol.for('account-elements/settings'));

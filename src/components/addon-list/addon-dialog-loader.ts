import { formatCalendarDate } from '../../core/dates.js';
import { formatMoney } from '../../core/money.js';
import type * as AddonDialog from './addon-dialog.js';
import type { AddonDialogHelpers } from './addon-dialog.js';
import { addonPriceText } from './addon-display.js';

export type AddonDialogModule = typeof AddonDialog;

/**
 * Loads the confirmation dialog's content, its own chunk, when a customer first points at, focuses
 * or presses Enable or Disable: most visits to the list change nothing. An object, so that tests
 * can stand in a slow or failing load; `loaded` lets every list of the page share one load.
 */
export const addonDialogLoader: { loaded?: AddonDialogModule; load(): Promise<AddonDialogModule> } = {
  loaded: undefined,
  load: () => import('./addon-dialog.js').then((module) => (addonDialogLoader.loaded = module)),
};

/** What the dialog takes from the element's side: the formatting of money, dates and prices. */
export const DIALOG_HELPERS: AddonDialogHelpers = {
  money: formatMoney,
  date: formatCalendarDate,
  price: addonPriceText,
};

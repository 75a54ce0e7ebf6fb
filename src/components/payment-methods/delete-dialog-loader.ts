import { cardExpiryStatus, methodName } from '../../core/payment-method-display.js';
import type * as DeleteDialog from './delete-dialog.js';
import type { DeleteDialogHelpers } from './delete-dialog.js';

/** The delete dialog's rules and content (`delete-dialog.ts`), once loaded. */
export type DeleteDialogModule = typeof DeleteDialog;

/**
 * Loads the delete dialog, its own chunk, when a customer first presses Delete (or points at it):
 * most visits to the list never delete a method. An object, so that tests can stand in a slow or
 * failing load (a chunk missing after a deployment).
 *
 * `delete-dialog.ts` imports values only from lit (`DIALOG_HELPERS` gives it the rest): a host's
 * bundler (Vite 8) otherwise splits the modules it shares with the element into files of their own.
 */
export const deleteDialogLoader: { loaded?: DeleteDialogModule; load(): Promise<DeleteDialogModule> } = {
  /** The module, once any list of the page has loaded it: the next one has it at once. */
  loaded: undefined,
  load: () => import('./delete-dialog.js').then((module) => (deleteDialogLoader.loaded = module)),
};

/** What the dialog takes from the element's side (its chunk imports nothing but lit). */
export const DIALOG_HELPERS: DeleteDialogHelpers = {
  methodName,
  canReplace: (method) => !method.card || cardExpiryStatus(method.card) !== 'expired',
};

import type { addonOperations } from '../../src/api/operations/addons.js';
import { changeAddon, createPreview, listAddons } from '../addons.js';
import type { Handlers } from '../routes.js';
import type { HandlerContext } from './context.js';

/** The add-ons (issue 11): the list, previews, and changes at a previewed price (the route layer keeps each key's outcome). */
export function addonHandlers({ db, licensing }: HandlerContext): Handlers<typeof addonOperations> {
  return {
    listAddons: ({ claims }) => listAddons(db, claims.account_id),

    previewAddonChange: ({ claims, params, body }) => createPreview(db, licensing, claims.account_id, params.id, body.action),

    enableAddon: ({ claims, params, body }) =>
      changeAddon(db, licensing, { accountId: claims.account_id, userId: claims.user }, params.id, 'enable', body.preview_id),

    disableAddon: ({ claims, params, body }) =>
      changeAddon(db, licensing, { accountId: claims.account_id, userId: claims.user }, params.id, 'disable', body.preview_id),
  };
}

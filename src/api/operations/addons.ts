import { AddonChange, AddonChangeRequest, AddonList, AddonPreview, NewAddonPreview } from '../schemas/addon.js';
import { operation, type DocsFor } from './operation.js';
import { idParam } from './params.js';

/** What a confirmed change touches: the add-on, the invoice or credit it made, the balance, the ledger. */
const CHANGE_INVALIDATES = ['addons', 'invoices', 'credits', 'account', 'transactions'] as const;

/** The account's add-ons, and turning them on and off at a price the customer saw first. */
export const addonOperations = {
  /** Every add-on the account can have, with its price, billing and state. */
  listAddons: operation({
    method: 'GET',
    path: '/addons',
    status: 200,
    response: AddonList,
    auth: 'bearer',
    capability: null,
    idempotency: 'none',
    reads: ['addons'],
  }),

  /** The price change of enabling or disabling an add-on, computed and kept by the server until `expires_at`. */
  previewAddonChange: operation({
    method: 'POST',
    path: '/addons/{id}/preview',
    pathParams: { id: idParam },
    body: NewAddonPreview,
    status: 201,
    response: AddonPreview,
    auth: 'bearer',
    capability: 'addons:manage',
    idempotency: 'optional',
    invalidates: [],
    notFound: true,
  }),

  /** Enables an add-on at its previewed price. */
  enableAddon: operation({
    method: 'POST',
    path: '/addons/{id}/enable',
    pathParams: { id: idParam },
    body: AddonChangeRequest,
    status: 200,
    response: AddonChange,
    auth: 'bearer',
    capability: 'addons:manage',
    idempotency: 'required',
    invalidates: CHANGE_INVALIDATES,
    notFound: true,
  }),

  /** Disables an add-on, crediting what its preview said. */
  disableAddon: operation({
    method: 'POST',
    path: '/addons/{id}/disable',
    pathParams: { id: idParam },
    body: AddonChangeRequest,
    status: 200,
    response: AddonChange,
    auth: 'bearer',
    capability: 'addons:manage',
    idempotency: 'required',
    invalidates: CHANGE_INVALIDATES,
    notFound: true,
  }),
};

const CHANGE_PROBLEMS = {
  409: {
    description: 'The preview expired (a fresh one is in the problem\'s `preview`), or the add-on\'s state changed since it was made.',
    codes: ['preview_expired', 'addon_state_changed'],
  },
  422: { description: 'The preview does not exist, or is for another add-on or action.', codes: ['preview_not_found', 'preview_mismatch'] },
};

export const addonDocs: DocsFor<typeof addonOperations> = {
  listAddons: {
    summary: 'The add-ons the account can have: price, how it is billed, state, setup and links.',
    description:
      '`billing` is `monthly`, `yearly` (renewing with the contract term), `one_time` or `per_use` (`price` per `unit_label`). ' +
      '`state` is `enabled`, `disabled` or `pending` (a change the product is still carrying out: `pending_action`). ' +
      'An add-on that needs an account outside the product has `setup` (`provider`, `url`, `complete`). A billing viewer sees the list; ' +
      'changing it needs `addons:manage`.',
    tags: ['addons'],
  },
  previewAddonChange: {
    summary: 'Previews enabling or disabling an add-on: what is invoiced or credited now, and what later invoices change by. Needs `addons:manage`.',
    description:
      'Computed by the server like a license quote (docs/proration.md): enabling a monthly or yearly add-on invoices the prorated part of the ' +
      'current period at once, a one-time add-on its price, a per-use add-on nothing; disabling credits the unused part of the period. ' +
      'The preview holds until `expires_at`; the same request while it holds gives the same preview.',
    tags: ['addons'],
    params: { id: 'The add-on id.' },
    problems: {
      404: { description: 'No such add-on.', codes: ['not_found'] },
      409: { description: 'The add-on is already in the state asked for, or a change is pending.', codes: ['addon_state_changed'] },
    },
  },
  enableAddon: {
    summary: 'Enables an add-on at the price of its preview. Needs `addons:manage` and an Idempotency-Key.',
    description:
      'Makes the invoice the preview showed (none when its total is zero) and turns the add-on on, or `pending` while the product sets it up. ' +
      'A retry with the same key answers the same change; the preview is consumed, so a second tab confirming it gets `addon_state_changed`.',
    tags: ['addons'],
    params: { id: 'The add-on id.' },
    problems: CHANGE_PROBLEMS,
  },
  disableAddon: {
    summary: 'Disables an add-on, crediting what its preview showed. Needs `addons:manage` and an Idempotency-Key.',
    tags: ['addons'],
    params: { id: 'The add-on id.' },
    problems: CHANGE_PROBLEMS,
  },
};

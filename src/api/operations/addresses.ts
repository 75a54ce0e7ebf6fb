import { ADDRESS_USES } from '../address-vocabulary.js';
import { NewSavedAddress, SavedAddress, SavedAddressPage, SavedAddressPatch } from '../schemas/address.js';
import { operation, type DocsFor } from './operation.js';
import { enumParam, idParam, pageParamDocs, pageParams, stringParam } from './params.js';

/** What an address write changes: the address book (its defaults move with it). Payment methods keep their own copies. */
const ADDRESS_CHANGES = ['addresses'] as const;

/** The account's address book: billing, shipping and residential addresses and the default of each use. */
export const addressOperations = {
  /** The addresses, oldest first, with their uses, defaults and the payment methods billed there. */
  listAddresses: operation({
    method: 'GET',
    path: '/addresses',
    query: { use: enumParam(ADDRESS_USES), ...pageParams },
    status: 200,
    response: SavedAddressPage,
    auth: 'bearer',
    capability: null,
    idempotency: 'none',
    // `payment_methods` follows the payment methods' billing addresses.
    reads: ['addresses', 'payment-methods'],
  }),

  /** Adds an address; the first of a use becomes its default. */
  createAddress: operation({
    method: 'POST',
    path: '/addresses',
    body: NewSavedAddress,
    status: 201,
    response: SavedAddress,
    auth: 'bearer',
    capability: 'addresses:manage',
    idempotency: 'required',
    invalidates: ADDRESS_CHANGES,
  }),

  /** Changes an address's fields or uses, or makes it the default of some of its uses. */
  updateAddress: operation({
    method: 'PATCH',
    path: '/addresses/{id}',
    pathParams: { id: idParam },
    body: SavedAddressPatch,
    status: 200,
    response: SavedAddress,
    auth: 'bearer',
    capability: 'addresses:manage',
    idempotency: 'required',
    invalidates: ADDRESS_CHANGES,
    notFound: true,
  }),

  /** Removes an address; the default of a use that other addresses have needs its replacement named. */
  deleteAddress: operation({
    method: 'DELETE',
    path: '/addresses/{id}',
    pathParams: { id: idParam },
    query: { replacement: stringParam({ minLength: 1, maxLength: idParam.maxLength }) },
    status: 204,
    response: null,
    auth: 'bearer',
    capability: 'addresses:manage',
    idempotency: 'required',
    invalidates: ADDRESS_CHANGES,
    notFound: true,
  }),
};

const RULE_PROBLEMS = {
  409: {
    description: 'The address is the default of a use that other addresses have (the problem\'s `uses` names them): name the `replacement`.',
    codes: ['default_needs_replacement'],
  },
  422: {
    description:
      'The address does not follow its country\'s rules (`errors` names `region` or `postal_code`), `default_for` names a use it does not have, ' +
      'or the `replacement` is not another address of the account with those uses.',
    codes: ['validation_failed', 'invalid_replacement'],
  },
};

export const addressDocs: DocsFor<typeof addressOperations> = {
  listAddresses: {
    summary: 'The account\'s address book, oldest first, cursor-paginated: each address with its uses, the uses it is the default of, and the payment methods billed there.',
    description:
      '`uses` are `billing`, `shipping` and `residential`; each use that any address has has exactly one default (`default_for`). ' +
      '`payment_methods` lists the saved methods whose billing address is this address, compared without case and extra spaces ' +
      '(the name is not compared). A payment method keeps its own copy of its billing address, so this is informative: editing or deleting ' +
      'an address changes no payment method. Any token of the account may read it.',
    tags: ['addresses'],
    params: { use: 'Only the addresses with this use.', ...pageParamDocs },
  },
  createAddress: {
    summary: 'Adds an address. Needs `addresses:manage` and an Idempotency-Key.',
    description:
      'The fields of a billing address, checked by the same per-country rules (Google\'s address metadata): the state or region and the postal ' +
      'code where the country requires them, the postal code\'s format, and the region among the country\'s where it requires one. ' +
      'The first address with a use becomes that use\'s default; `default_for` makes it the default of those of its uses now.',
    tags: ['addresses'],
    problems: { 422: RULE_PROBLEMS[422] },
  },
  updateAddress: {
    summary: 'Changes an address\'s fields or uses, or makes it the default of some of its uses. Needs `addresses:manage` and an Idempotency-Key.',
    description:
      'The address as patched follows its country\'s rules. `uses` replaces its uses; `default_for` makes it the default of those uses, ' +
      'taking the default from the address that had it, in the same transaction. Removing a use it is the default of, while other addresses ' +
      'have that use, needs `replacement`: the address that becomes that default. A use added that no address had makes it that use\'s default.',
    tags: ['addresses'],
    params: { id: 'The address id.' },
    problems: RULE_PROBLEMS,
  },
  deleteAddress: {
    summary: 'Removes an address. Needs `addresses:manage` and an Idempotency-Key.',
    description:
      'The default of a use that other addresses have goes only with `replacement`, the address that becomes that default in the same ' +
      'transaction. The last address of a use may go: the use then has no default. Payment methods billed there keep their copy.',
    tags: ['addresses'],
    params: { id: 'The address id.', replacement: 'The address that becomes the default of the uses this one is the default of (ignored when none needs one).' },
    problems: { 409: RULE_PROBLEMS[409], 422: { description: 'The `replacement` is not another address of the account with those uses.', codes: ['invalid_replacement'] } },
  },
};

import * as z from 'zod/mini';
import type { addressOperations } from '../../src/api/operations/addresses.js';
import { DEFAULT_PAGE_SIZE } from '../../src/api/operations/params.js';
import type { SavedAddressPage } from '../../src/api/schemas/address.js';
import { createAddress, deleteAddress, listAddresses, updateAddress } from '../addresses.js';
import { invalid } from '../problem.js';
import type { Handlers } from '../routes.js';
import { seal, unseal } from '../tokens.js';
import type { HandlerContext } from './context.js';

/** The address book cursor: the last row's (created_at, id), bound to the account and the `use` filter it was issued for. */
const AddressCursor = z.object({ a: z.string(), s: z.literal('addresses'), f: z.string(), k: z.tuple([z.iso.datetime(), z.string()]) });

/** The address book (issue 12): the list, and writes whose outcome the route layer keeps per key. */
export function addressHandlers({ db, secret }: HandlerContext): Handlers<typeof addressOperations> {
  return {
    async listAddresses({ claims, query }) {
      const filter = query.use ?? '';
      const limit = query.limit ?? DEFAULT_PAGE_SIZE;
      let after: [string, string] | undefined;
      if (query.cursor !== undefined) {
        const cursor = AddressCursor.safeParse(unseal('cursor', secret, query.cursor));
        if (!cursor.success || cursor.data.a !== claims.account_id || cursor.data.f !== filter) {
          throw invalid('cursor', 'not a cursor this server issued for this query', 'invalid_cursor');
        }
        after = cursor.data.k;
      }
      const { addresses, next, total } = await listAddresses(db, claims.account_id, query.use, limit, after);
      const page: SavedAddressPage = {
        data: addresses,
        next_cursor: next ? seal('cursor', secret, { a: claims.account_id, s: 'addresses', f: filter, k: next }) : null,
        total_count: total,
      };
      return page;
    },

    createAddress: ({ claims, body }) => createAddress(db, claims.account_id, body),

    updateAddress: ({ claims, params, body }) => updateAddress(db, claims.account_id, params.id, body),

    deleteAddress: ({ claims, params, query }) => deleteAddress(db, claims.account_id, params.id, query.replacement),
  };
}

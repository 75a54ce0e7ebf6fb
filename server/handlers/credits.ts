import * as z from 'zod/mini';
import type { creditOperations } from '../../src/api/operations/credits.js';
import { DEFAULT_PAGE_SIZE } from '../../src/api/operations/params.js';
import type { CreditPage } from '../../src/api/schemas/credit.js';
import { listCredits } from '../credits.js';
import { invalid } from '../problem.js';
import type { Handlers } from '../routes.js';
import { seal, unseal } from '../tokens.js';
import type { HandlerContext } from './context.js';

/** The credits cursor: the last row's (created_at, id), bound to the account and the filter it was issued for. */
const CreditCursor = z.object({ a: z.string(), s: z.literal('credits'), f: z.string(), k: z.tuple([z.iso.datetime(), z.string()]) });

export function creditHandlers({ db, secret }: HandlerContext): Handlers<typeof creditOperations> {
  return {
    async listCredits({ claims, query }) {
      const filter = query.status ?? 'all';
      const limit = query.limit ?? DEFAULT_PAGE_SIZE;
      let after: [string, string] | undefined;
      if (query.cursor !== undefined) {
        const cursor = CreditCursor.safeParse(unseal('cursor', secret, query.cursor));
        if (!cursor.success || cursor.data.a !== claims.account_id || cursor.data.f !== filter) {
          throw invalid('cursor', 'not a cursor this server issued for this query', 'invalid_cursor');
        }
        after = cursor.data.k;
      }
      const { credits, next, total } = await listCredits(db, claims.account_id, filter, limit, after);
      const page: CreditPage = {
        data: credits,
        next_cursor: next ? seal('cursor', secret, { a: claims.account_id, s: 'credits', f: filter, k: next }) : null,
        total_count: total,
      };
      return page;
    },
  };
}

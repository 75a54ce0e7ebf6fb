import * as z from 'zod/mini';
import { DEFAULT_PAGE_SIZE } from '../../src/api/operations/params.js';
import type { transactionOperations } from '../../src/api/operations/transactions.js';
import type { TransactionPage } from '../../src/api/schemas/transaction.js';
import { listTransactions, type LedgerFilter } from '../ledger.js';
import { invalid } from '../problem.js';
import type { Handlers } from '../routes.js';
import { seal, unseal } from '../tokens.js';
import type { HandlerContext } from './context.js';

/**
 * The ledger cursor: the last row's (occurred_at, rank, id), bound to the account and to the
 * filter it was issued for (`f`: type, from, to), so it cannot continue another query.
 */
const LedgerCursor = z.object({
  a: z.string(),
  s: z.literal('transactions'),
  f: z.tuple([z.string(), z.nullable(z.string()), z.nullable(z.string())]),
  k: z.tuple([z.iso.datetime(), z.int(), z.string()]),
});

export function transactionHandlers({ db, secret, sweep, links, publicOrigin }: HandlerContext): Handlers<typeof transactionOperations> {
  return {
    async listTransactions({ claims, query }) {
      const filter: LedgerFilter = { type: query.type ?? 'all', from: query.from ?? null, to: query.to ?? null };
      const scope: [string, string | null, string | null] = [filter.type, filter.from, filter.to];
      const limit = query.limit ?? DEFAULT_PAGE_SIZE;
      let after: [string, number, string] | undefined;
      if (query.cursor !== undefined) {
        const cursor = LedgerCursor.safeParse(unseal('cursor', secret, query.cursor));
        if (!cursor.success || cursor.data.a !== claims.account_id || JSON.stringify(cursor.data.f) !== JSON.stringify(scope)) {
          throw invalid('cursor', 'not a cursor this server issued for this query', 'invalid_cursor');
        }
        after = cursor.data.k;
      }
      // Bank payments that are due settle (or are returned) before the history is read.
      await sweep.beforeRead();
      const origin = publicOrigin();
      const { transactions, last, more, total } = await listTransactions(db, claims.account_id, filter, limit, after, {
        invoicePdf: (id) => links.invoicePdf(origin, id),
        salesOrderPdf: (id) => links.salesOrderPdf(origin, id),
      });
      const page: TransactionPage = {
        data: transactions,
        next_cursor: more && last ? seal('cursor', secret, { a: claims.account_id, s: 'transactions', f: scope, k: last }) : null,
        total_count: total,
      };
      return page;
    },
  };
}

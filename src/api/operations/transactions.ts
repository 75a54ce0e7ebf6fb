import { TransactionPage } from '../schemas/transaction.js';
import { TRANSACTION_FILTERS } from '../licensing-vocabulary.js';
import { operation, type DocsFor } from './operation.js';
import { dateParam, enumParam, pageParamDocs, pageParams } from './params.js';

/** The account's ledger. */
export const transactionOperations = {
  /** Every money movement, newest first, with the running balance; filter by type and dates. */
  listTransactions: operation({
    method: 'GET',
    path: '/transactions',
    query: { type: enumParam(TRANSACTION_FILTERS, { default: 'all' }), from: dateParam(), to: dateParam(), ...pageParams },
    status: 200,
    response: TransactionPage,
    auth: 'bearer',
    capability: 'invoices:read',
    idempotency: 'none',
    reads: ['transactions'],
  }),
};

export const transactionDocs: DocsFor<typeof transactionOperations> = {
  listTransactions: {
    summary: 'Every money movement of the account, newest first, with the running balance, cursor-paginated.',
    description:
      'Invoices and license purchases add to the balance, payments and credits take from it, refunds add back. ' +
      '`balance_after` is the balance after the movement over the whole ledger (a filter does not change it); ' +
      'the newest one equals the account\'s `balance`. Failed payments and void invoices moved no money and are not listed.',
    tags: ['transactions'],
    params: {
      type: 'One kind of movement, or `all` (default).',
      from: 'The first day, inclusive (UTC).',
      to: 'The last day, inclusive (UTC).',
      ...pageParamDocs,
    },
  },
};

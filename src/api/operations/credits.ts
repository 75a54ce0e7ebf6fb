import { CreditPage } from '../schemas/credit.js';
import { CREDIT_FILTERS } from '../credit-vocabulary.js';
import { operation, type DocsFor } from './operation.js';
import { enumParam, pageParamDocs, pageParams } from './params.js';

/** The account's credits and where they were applied. */
export const creditOperations = {
  /** The credits, newest first, with what is left of each and the invoices it paid. */
  listCredits: operation({
    method: 'GET',
    path: '/credits',
    query: { status: enumParam(CREDIT_FILTERS, { default: 'all' }), ...pageParams },
    status: 200,
    response: CreditPage,
    auth: 'bearer',
    capability: 'invoices:read',
    idempotency: 'none',
    reads: ['credits'],
  }),
};

export const creditDocs: DocsFor<typeof creditOperations> = {
  listCredits: {
    summary: 'The credits on the account, newest first, with their remaining amounts and where they were applied, cursor-paginated.',
    description:
      'A credit takes its whole `original` amount off the balance when it is made. The server then applies what remains to the ' +
      'oldest open invoices (when the credit is made, and whenever it makes an invoice), lowering their `amount_due`; an application ' +
      'moves no money, so the balance and the ledger do not change. An expired credit keeps its `remaining` amount but is no longer applied. ' +
      'The account\'s `available_credit` is the sum of the remaining amounts of the credits that have not expired.',
    tags: ['credits'],
    params: {
      status: '`available`: credits with something left that have not expired; `all` (default): every credit.',
      ...pageParamDocs,
    },
  },
};

import { Account } from '../schemas/account.js';
import { operation, type DocsFor } from './operation.js';

/** The account of the token (autopay is a billing write: ./billing-writes.ts). */
export const accountOperations = {
  /** The account: profile, balance, last payment, autopay, role and capabilities. */
  getAccount: operation({
    method: 'GET',
    path: '/account',
    status: 200,
    response: Account,
    auth: 'bearer',
    capability: null,
    idempotency: 'none',
    reads: ['account'],
  }),
};

export const accountDocs: DocsFor<typeof accountOperations> = {
  getAccount: {
    summary: 'The account of the token: profile, balance, last payment, autopay, role and capabilities.',
    tags: ['account'],
  },
};

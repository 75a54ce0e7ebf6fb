import { AccountProfile } from '../schemas/account-profile.js';
import { operation, type DocsFor } from './operation.js';

/** The account's details (its own file: only acct-profile loads them). */
export const profileOperations = {
  /** The account's details: company, account number, contacts, who provisioned it, customer since. */
  getAccountProfile: operation({
    method: 'GET',
    path: '/account/profile',
    status: 200,
    response: AccountProfile,
    auth: 'bearer',
    capability: null,
    idempotency: 'none',
    reads: ['account'],
  }),
};

export const profileDocs: DocsFor<typeof profileOperations> = {
  getAccountProfile: {
    summary: 'The account\'s details, read only: company, account number, billing e-mail, phone, customer since and the host\'s administrator who provisioned it.',
    description: 'Apart from `GET /account` (which every billing element loads) so that its fields cost nothing on the other pages. Facts the host does not keep are null.',
    tags: ['account'],
  },
};

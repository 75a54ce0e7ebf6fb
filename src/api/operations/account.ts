import { Account } from '../schemas/account.js';
import { AutopayUpdate } from '../schemas/payment-method.js';
import { operation, type DocsFor } from './operation.js';

/** The account of the token. */
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

  /** Turns autopay on (with the given or the default method) or off; resolves with the account. */
  setAutopay: operation({
    method: 'PATCH',
    path: '/account/autopay',
    body: AutopayUpdate,
    status: 200,
    response: Account,
    auth: 'bearer',
    capability: 'autopay:manage',
    idempotency: 'optional',
    invalidates: ['account', 'payment-methods'],
  }),
};

export const accountDocs: DocsFor<typeof accountOperations> = {
  getAccount: {
    summary: 'The account of the token: profile, balance, last payment, autopay, role and capabilities.',
    tags: ['account'],
  },
  setAutopay: {
    summary: 'Turns autopay on (with the given method, or the default one) or off. Needs `autopay:manage`.',
    tags: ['account', 'payment-methods'],
    problems: {
      422: { description: 'No method to pay with.', codes: ['default_payment_method_required', 'payment_method_not_found'] },
    },
  },
};

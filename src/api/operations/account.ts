import { Account } from '../schemas/account.js';
import { AutopayUpdate } from '../schemas/payment-method.js';
import { operation } from './operation.js';

/** The account of the token. */
export const accountOperations = {
  /** The account: profile, balance, last payment, autopay, role and capabilities. */
  getAccount: operation({
    method: 'GET',
    path: '/account',
    status: 200,
    response: Account,
    responseName: 'Account',
    auth: 'bearer',
    capability: null,
    idempotency: 'none',
    reads: ['account'],
    summary: 'The account of the token: profile, balance, last payment, autopay, role and capabilities.',
    tags: ['account'],
  }),

  /** Turns autopay on (with the given or the default method) or off; resolves with the account. */
  setAutopay: operation({
    method: 'PATCH',
    path: '/account/autopay',
    body: AutopayUpdate,
    bodyName: 'AutopayUpdate',
    status: 200,
    response: Account,
    responseName: 'Account',
    auth: 'bearer',
    capability: 'autopay:manage',
    idempotency: 'optional',
    invalidates: ['account', 'payment-methods'],
    problems: {
      422: { description: 'No method to pay with.', codes: ['default_payment_method_required', 'payment_method_not_found'] },
    },
    summary: 'Turns autopay on (with the given method, or the default one) or off. Needs `autopay:manage`.',
    tags: ['account', 'payment-methods'],
  }),
};

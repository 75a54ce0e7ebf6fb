import { NewPaymentMethod, PaymentMethod, PaymentMethodList, PaymentMethodPatch } from '../schemas/payment-method.js';
import { operation, type DocsFor } from './operation.js';
import { idParam } from './params.js';

/** Payment methods; the account too, since autopay names a method. */
const METHOD_CHANGES = ['payment-methods', 'account'] as const;

/** Saved cards and bank accounts, and what the gateway offers. */
export const paymentMethodOperations = {
  /** The saved methods and the gateway: which kinds may be added, hosted card fields, mandate text. */
  listPaymentMethods: operation({
    method: 'GET',
    path: '/payment-methods',
    status: 200,
    response: PaymentMethodList,
    auth: 'bearer',
    capability: 'invoices:read',
    idempotency: 'none',
    reads: ['payment-methods'],
  }),

  /** Saves a card (a gateway token, or raw test data where allowed) or a bank account. */
  addPaymentMethod: operation({
    method: 'POST',
    path: '/payment-methods',
    body: NewPaymentMethod,
    status: 201,
    response: PaymentMethod,
    auth: 'bearer',
    capability: 'payment_methods:manage',
    idempotency: 'required',
    invalidates: METHOD_CHANGES,
  }),

  /** Makes a method the default, or changes its billing address or card expiry. */
  updatePaymentMethod: operation({
    method: 'PATCH',
    path: '/payment-methods/{id}',
    pathParams: { id: idParam },
    body: PaymentMethodPatch,
    status: 200,
    response: PaymentMethod,
    auth: 'bearer',
    capability: 'payment_methods:manage',
    idempotency: 'optional',
    invalidates: METHOD_CHANGES,
    notFound: true,
  }),

  /** Removes a method (the default goes last; autopay's only after autopay is off or moved). */
  deletePaymentMethod: operation({
    method: 'DELETE',
    path: '/payment-methods/{id}',
    pathParams: { id: idParam },
    status: 204,
    response: null,
    auth: 'bearer',
    capability: 'payment_methods:manage',
    idempotency: 'optional',
    invalidates: METHOD_CHANGES,
    notFound: true,
  }),
};

export const paymentMethodDocs: DocsFor<typeof paymentMethodOperations> = {
  listPaymentMethods: {
    summary: 'The saved payment methods and what the gateway offers (which kinds may be added, hosted card fields).',
    tags: ['payment-methods'],
  },
  addPaymentMethod: {
    summary: 'Saves a card (a gateway `token`, or raw `card` data where the gateway accepts it) or a bank account. Needs `payment_methods:manage`.',
    description:
      'The first method, or one added with `set_default: true`, becomes the default. A bank account needs `mandate_accepted: true` ' +
      '(the gateway\'s `mandate_text`). Card tokens are single use and expire.',
    tags: ['payment-methods'],
    problems: {
      422: { description: 'The card or bank account was not accepted; `errors` names the fields.', codes: ['validation_failed', 'raw_card_data_not_allowed'] },
    },
  },
  updatePaymentMethod: {
    summary: 'Makes a method the default, or changes its billing address or card expiry. Needs `payment_methods:manage`.',
    tags: ['payment-methods'],
    params: { id: 'The payment method id.' },
  },
  deletePaymentMethod: {
    summary: 'Removes a method. Needs `payment_methods:manage`.',
    description: 'The default method goes last (make another one the default first); autopay\'s method only after autopay is off or moved.',
    tags: ['payment-methods'],
    problems: {
      409: { description: 'The method cannot go yet.', codes: ['default_payment_method_required', 'payment_method_in_use'] },
    },
    params: { id: 'The payment method id.' },
  },
};

import { NewPaymentMethod, PaymentMethod, PaymentMethodList, PaymentMethodPatch } from '../schemas/payment-method.js';
import { operation } from './operation.js';
import { idParam } from './params.js';

/** Payment methods; the account too, since autopay names a method. */
const METHOD_CHANGES = ['payment-methods', 'account'] as const;
const methodId = { id: idParam('The payment method id.') };

/** Saved cards and bank accounts, and what the gateway offers. */
export const paymentMethodOperations = {
  /** The saved methods and the gateway: which kinds may be added, hosted card fields, mandate text. */
  listPaymentMethods: operation({
    method: 'GET',
    path: '/payment-methods',
    status: 200,
    response: PaymentMethodList,
    responseName: 'PaymentMethodList',
    auth: 'bearer',
    capability: 'invoices:read',
    idempotency: 'none',
    reads: ['payment-methods'],
    summary: 'The saved payment methods and what the gateway offers (which kinds may be added, hosted card fields).',
    tags: ['payment-methods'],
  }),

  /** Saves a card (a gateway token, or raw test data where allowed) or a bank account. */
  addPaymentMethod: operation({
    method: 'POST',
    path: '/payment-methods',
    body: NewPaymentMethod,
    bodyName: 'NewPaymentMethod',
    status: 201,
    response: PaymentMethod,
    responseName: 'PaymentMethod',
    auth: 'bearer',
    capability: 'payment_methods:manage',
    idempotency: 'required',
    invalidates: METHOD_CHANGES,
    problems: {
      422: { description: 'The card or bank account was not accepted; `errors` names the fields.', codes: ['validation_failed', 'raw_card_data_not_allowed'] },
    },
    summary: 'Saves a card (a gateway `token`, or raw `card` data where the gateway accepts it) or a bank account. Needs `payment_methods:manage`.',
    description:
      'The first method, or one added with `set_default: true`, becomes the default. A bank account needs `mandate_accepted: true` ' +
      '(the gateway\'s `mandate_text`). Card tokens are single use and expire.',
    tags: ['payment-methods'],
  }),

  /** Makes a method the default, or changes its billing address or card expiry. */
  updatePaymentMethod: operation({
    method: 'PATCH',
    path: '/payment-methods/{id}',
    pathParams: methodId,
    body: PaymentMethodPatch,
    bodyName: 'PaymentMethodPatch',
    status: 200,
    response: PaymentMethod,
    responseName: 'PaymentMethod',
    auth: 'bearer',
    capability: 'payment_methods:manage',
    idempotency: 'optional',
    invalidates: METHOD_CHANGES,
    notFound: true,
    summary: 'Makes a method the default, or changes its billing address or card expiry. Needs `payment_methods:manage`.',
    tags: ['payment-methods'],
  }),

  /** Removes a method (the default goes last; autopay's only after autopay is off or moved). */
  deletePaymentMethod: operation({
    method: 'DELETE',
    path: '/payment-methods/{id}',
    pathParams: methodId,
    status: 204,
    response: null,
    auth: 'bearer',
    capability: 'payment_methods:manage',
    idempotency: 'optional',
    invalidates: METHOD_CHANGES,
    notFound: true,
    problems: {
      409: { description: 'The method cannot go yet.', codes: ['default_payment_method_required', 'payment_method_in_use'] },
    },
    summary: 'Removes a method. Needs `payment_methods:manage`.',
    description: 'The default method goes last (make another one the default first); autopay\'s method only after autopay is off or moved.',
    tags: ['payment-methods'],
  }),
};


import { AutopayUpdate, NewPayment, NewPaymentMethod, PaymentMethodPatch } from '../schemas/billing-input.js';
import { Account } from '../schemas/account.js';
import { Payment } from '../schemas/payment.js';
import { PaymentMethod } from '../schemas/payment-method.js';
import { operation, type DocsFor } from './operation.js';
import { idParam } from './params.js';

/** What a payment changes: every element showing one of these refreshes. */
const PAYMENT_CHANGES = ['invoices', 'account', 'payments', 'transactions'] as const;

/** Payment methods; the account too, since autopay names a method. */
const METHOD_CHANGES = ['payment-methods', 'account'] as const;

/**
 * The billing writes: paying, adding, changing and removing a payment method, autopay. The HTTP
 * client loads them (with their bodies' schemas) on the first write (operations/groups.ts): a page
 * that only reads (an invoice list, the history) does not download them.
 */
export const billingWriteOperations = {
  /**
   * Pays invoices. Resolves with the payment (`succeeded`, or `processing` for a bank account);
   * a decline rejects with kind `declined` and the problem's `code` (`card_declined`, ...).
   */
  createPayment: operation({
    method: 'POST',
    path: '/payments',
    body: NewPayment,
    status: 201,
    response: Payment,
    auth: 'bearer',
    capability: 'invoices:pay',
    idempotency: 'required',
    invalidates: PAYMENT_CHANGES,
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

export const billingWriteDocs: DocsFor<typeof billingWriteOperations> = {
  createPayment: {
    summary: 'Pays open or overdue invoices with a saved method. Needs `invoices:pay`.',
    // One string, not an array joined at run time: a call would keep the docs in the client's bundle.
    description:
      'Without `amount`, the invoices\' whole amount due is paid. The amount is allocated to the invoices oldest due first.\n' +
      'A card payment `succeeded` at once; a bank (ACH) payment is `processing` (and the invoices it covers in full are\n' +
      '`processing`) until the bank settles it, or fails it (`failed` with `failure`, the invoices open again).\n' +
      'A decline answers 402 with the gateway\'s `code` and is recorded as a failed payment; it is the stored response\n' +
      'of its `Idempotency-Key`, so a corrected attempt needs a new key.',
    tags: ['payments'],
    problems: {
      402: { description: 'The gateway declined the charge.', codes: ['card_declined', 'insufficient_funds', 'expired_card', 'incorrect_cvc'] },
      409: { description: 'An invoice is already paid or being paid.', codes: ['invoice_not_payable'] },
      422: {
        description: 'The invoices, method or amount cannot be paid this way.',
        codes: ['payment_method_not_found', 'amount_too_large', 'amount_too_small', 'partial_payment_not_allowed', 'currency_mismatch'],
      },
    },
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
  setAutopay: {
    summary: 'Turns autopay on (with the given method, or the default one) or off. Needs `autopay:manage`.',
    tags: ['account', 'payment-methods'],
    problems: {
      422: { description: 'No method to pay with.', codes: ['default_payment_method_required', 'payment_method_not_found'] },
    },
  },
};

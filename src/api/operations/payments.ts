import { NewPayment, Payment, PaymentPage } from '../schemas/payment.js';
import { operation, type DocsFor } from './operation.js';
import { idParam, pageParamDocs, pageParams } from './params.js';

/** What a payment changes: every element showing one of these refreshes. */
const PAYMENT_CHANGES = ['invoices', 'account', 'payments', 'transactions'] as const;

/** Paying invoices, and the payment history. */
export const paymentOperations = {
  /** Payments, newest first; failed ones (declines, returned bank debits) included. */
  listPayments: operation({
    method: 'GET',
    path: '/payments',
    query: pageParams,
    status: 200,
    response: PaymentPage,
    auth: 'bearer',
    capability: 'invoices:read',
    idempotency: 'none',
    reads: ['payments'],
  }),

  /** One payment with its allocations to invoices. */
  getPayment: operation({
    method: 'GET',
    path: '/payments/{id}',
    pathParams: { id: idParam },
    status: 200,
    response: Payment,
    auth: 'bearer',
    capability: 'invoices:read',
    idempotency: 'none',
    reads: ['payments'],
    notFound: true,
  }),

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
};

export const paymentDocs: DocsFor<typeof paymentOperations> = {
  listPayments: {
    summary: 'Payments, newest first, cursor-paginated; failed ones (declines, returned bank debits) included.',
    tags: ['payments'],
    params: pageParamDocs,
  },
  getPayment: {
    summary: 'One payment with its allocations to invoices.',
    tags: ['payments'],
    params: { id: 'The payment id.' },
  },
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
};

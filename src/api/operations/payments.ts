import { Payment, PaymentPage } from '../schemas/payment.js';
import { operation, type DocsFor } from './operation.js';
import { idParam, pageParamDocs, pageParams } from './params.js';

/** The payment history (paying is a billing write: ./billing-writes.ts). */
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
};

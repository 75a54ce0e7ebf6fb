import { PaymentMethodList } from '../schemas/payment-method.js';
import { operation, type DocsFor } from './operation.js';

/** Saved cards and bank accounts, and what the gateway offers (the changes are billing writes: ./billing-writes.ts). */
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
};

export const paymentMethodDocs: DocsFor<typeof paymentMethodOperations> = {
  listPaymentMethods: {
    summary: 'The saved payment methods and what the gateway offers (which kinds may be added, hosted card fields).',
    tags: ['payment-methods'],
  },
};

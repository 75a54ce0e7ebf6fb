/** Every operation the reference server answers, with its handler. */
import { accountApiOperations, linkOperations } from '../../src/api/operations/index.js';
import type { Handlers } from '../routes.js';
import { accountHandlers } from './account.js';
import type { HandlerContext } from './context.js';
import { demoHandlers, demoOperations } from './demo.js';
import { invoiceHandlers } from './invoices.js';
import { paymentHandlers, paymentMethodHandlers } from './payments.js';

/** The contract's operations and the demo token: what the server routes and documents. */
export const serverOperations = { ...accountApiOperations, ...linkOperations, ...demoOperations };

export function serverHandlers(context: HandlerContext): Handlers<typeof serverOperations> {
  return {
    ...accountHandlers(context),
    ...invoiceHandlers(context),
    ...paymentHandlers(context),
    ...paymentMethodHandlers(context),
    ...demoHandlers(context),
  };
}

export type { HandlerContext };

/** Every operation the reference server answers, with its handler. */
import { contractDocs } from '../../src/api/operations/contract.js';
import { accountApiOperations } from '../../src/api/operations/index.js';
import { linkOperations } from '../../src/api/operations/links.js';
import type { Handlers } from '../routes.js';
import { accountHandlers } from './account.js';
import { addonHandlers } from './addons.js';
import { addressHandlers } from './addresses.js';
import type { HandlerContext } from './context.js';
import { creditHandlers } from './credits.js';
import { demoDocs, demoHandlers, demoOperations } from './demo.js';
import { invoiceHandlers } from './invoices.js';
import { licenseHandlers } from './licenses.js';
import { paymentHandlers, paymentMethodHandlers } from './payments.js';
import { transactionHandlers } from './transactions.js';
import { usageHandlers } from './usage.js';
import { userHandlers } from './users.js';

/** The contract's operations and the demo token: what the server routes and documents. */
export const serverOperations = { ...accountApiOperations, ...linkOperations, ...demoOperations };

/** What a server routes: every operation, the demo token only in demo mode (else it is a 404). */
export function routedOperations({ demoTokens }: { demoTokens: boolean }): Partial<typeof serverOperations> {
  if (demoTokens) return serverOperations;
  const { createDemoToken: _demo, ...operations } = serverOperations;
  return operations;
}

/** The document's words for each of them. */
export const serverDocs = { ...contractDocs, ...demoDocs };

export function serverHandlers(context: HandlerContext): Handlers<typeof serverOperations> {
  return {
    ...accountHandlers(context),
    ...invoiceHandlers(context),
    ...paymentHandlers(context),
    ...paymentMethodHandlers(context),
    ...licenseHandlers(context),
    ...addonHandlers(context),
    ...creditHandlers(context),
    ...transactionHandlers(context),
    ...usageHandlers(context),
    ...userHandlers(context),
    ...addressHandlers(context),
    ...demoHandlers(context),
  };
}

export type { HandlerContext };

/**
 * Every operation of the host API, by the name of its AccountApi method. A new endpoint is one
 * declaration here (in its resource's file), one server handler and one in-memory twin.
 */
import { accountOperations } from './account.js';
import { invoiceOperations } from './invoices.js';
import { licenseOperations } from './licenses.js';
import type { OperationMethod } from './operation.js';
import { paymentMethodOperations } from './payment-methods.js';
import { paymentOperations } from './payments.js';
import { transactionOperations } from './transactions.js';

/** The operations elements call, each one AccountApi method of the same name. */
export const accountApiOperations = {
  ...accountOperations,
  ...invoiceOperations,
  ...paymentOperations,
  ...paymentMethodOperations,
  ...licenseOperations,
  ...transactionOperations,
};

export type AccountApiOperations = typeof accountApiOperations;
export type AccountApiOperationId = keyof AccountApiOperations;

/** AccountApi's methods, typed from the declarations (their JSDoc comes along). */
export type AccountApiMethods = { [K in keyof AccountApiOperations]: OperationMethod<AccountApiOperations[K]> };

export * from './operation.js';

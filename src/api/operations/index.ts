/**
 * Every operation of the host API, by the name of its AccountApi method. A new endpoint is one
 * declaration here (in its resource's file), one server handler and one in-memory twin.
 */
import { addonOperations } from './addons.js';
import { billingWriteOperations } from './billing-writes.js';
import { addressOperations } from './addresses.js';
import { creditOperations } from './credits.js';
import { billingOperations } from './groups.js';
import { licenseOperations } from './licenses.js';
import type { OperationMethod } from './operation.js';
import { pricingOperations } from './pricing.js';
import { profileOperations } from './profile.js';
import { transactionOperations } from './transactions.js';
import { usageOperations } from './usage.js';
import { userOperations } from './users.js';

/**
 * The operations elements call, each one AccountApi method of the same name (the HTTP client
 * installs them by group: ./groups.ts).
 */
export const accountApiOperations = {
  ...billingOperations,
  ...billingWriteOperations,
  ...pricingOperations,
  ...licenseOperations,
  ...transactionOperations,
  ...addonOperations,
  ...creditOperations,
  ...usageOperations,
  ...profileOperations,
  ...userOperations,
  ...addressOperations,
};

export type AccountApiOperations = typeof accountApiOperations;
export type AccountApiOperationId = keyof AccountApiOperations;

/** AccountApi's methods, typed from the declarations (their JSDoc comes along). */
export type AccountApiMethods = { [K in keyof AccountApiOperations]: OperationMethod<AccountApiOperations[K]> };

export * from './operation.js';

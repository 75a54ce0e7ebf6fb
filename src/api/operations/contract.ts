/**
 * The whole contract: every operation (AccountApi's and those reached by links) and the document's
 * words for each. Imported by the server and the document, never by the HTTP client: an element's
 * page does not download this prose.
 */
import { accountDocs } from './account.js';
import { addonDocs } from './addons.js';
import { billingWriteDocs } from './billing-writes.js';
import { addressDocs } from './addresses.js';
import { creditDocs } from './credits.js';
import { usageDocs } from './usage.js';
import { userDocs } from './users.js';
import { accountApiOperations } from './index.js';
import { invoiceDocs } from './invoices.js';
import { licenseDocs } from './licenses.js';
import { pricingDocs } from './pricing.js';
import { profileDocs } from './profile.js';
import { linkDocs, linkOperations } from './links.js';
import type { Operation, OperationDocs } from './operation.js';
import { paymentMethodDocs } from './payment-methods.js';
import { paymentDocs } from './payments.js';
import { transactionDocs } from './transactions.js';

export const contractDocs: Readonly<Record<string, OperationDocs>> = { ...accountDocs, ...invoiceDocs, ...paymentDocs, ...paymentMethodDocs, ...billingWriteDocs, ...pricingDocs, ...licenseDocs, ...transactionDocs, ...addonDocs, ...creditDocs, ...usageDocs, ...profileDocs, ...userDocs, ...addressDocs, ...linkDocs };

/** Every operation of the contract: AccountApi's and those reached by links. */
export const contractOperations: Readonly<Record<string, Operation>> = { ...accountApiOperations, ...linkOperations };

/**
 * Which operations the HTTP client installs with its first load, and which it loads (with their
 * schemas) on first use. The billing core's reads — account, invoices, payments, payment methods —
 * are on every page, its writes (with their bodies' schemas) load with the first write; the licensing operations (pricing, licenses, quotes, orders, the ledger) are called by
 * their own elements only, so an invoice list page does not download their schemas (1.9 kB gzip).
 */
import { accountOperations } from './account.js';
import type { addonOperations } from './addons.js';
import type { billingWriteOperations } from './billing-writes.js';
import type { addressOperations } from './addresses.js';
import type { creditOperations } from './credits.js';
import { invoiceOperations } from './invoices.js';
import type { licenseOperations } from './licenses.js';
import type { Operation } from './operation.js';
import { paymentMethodOperations } from './payment-methods.js';
import { paymentOperations } from './payments.js';
import type { pricingOperations } from './pricing.js';
import type { profileOperations } from './profile.js';
import type { transactionOperations } from './transactions.js';
import type { usageOperations } from './usage.js';
import type { userOperations } from './users.js';

export const billingOperations = {
  ...accountOperations,
  ...invoiceOperations,
  ...paymentOperations,
  ...paymentMethodOperations,
};

/**
 * The operations loaded on first use, in groups of what one element calls: the license elements do
 * not download the ledger's or the catalogue's schemas.
 * Each takes one export of its file, so that the bundle leaves the document's prose out.
 */
export const lazyOperationGroups = [
  {
    // The billing writes: pay, add, change and remove a method, autopay (read-only pages go without them).
    ids: ['createPayment', 'addPaymentMethod', 'updatePaymentMethod', 'deletePaymentMethod', 'setAutopay'],
    load: (): Promise<Record<string, Operation>> => import('./billing-writes.js').then(({ billingWriteOperations }) => billingWriteOperations),
  },
  {
    ids: ['listLicenses', 'createLicenseQuote', 'createLicenseOrder', 'listOrders', 'getOrder'],
    load: (): Promise<Record<string, Operation>> => import('./licenses.js').then(({ licenseOperations }) => licenseOperations),
  },
  {
    ids: ['listTransactions', 'listCredits', 'listAddresses', 'createAddress', 'updateAddress', 'deleteAddress'],
    load: (): Promise<Record<string, Operation>> => import('./ledger.js').then(({ ledgerOperations }) => ledgerOperations),
  },
  {
    ids: ['listAddons', 'previewAddonChange', 'enableAddon', 'disableAddon'],
    load: (): Promise<Record<string, Operation>> => import('./addons.js').then(({ addonOperations }) => addonOperations),
  },
  {
    ids: ['getUsageCatalogue', 'listUsage', 'getUsageSeries', 'createUsageExport'],
    load: (): Promise<Record<string, Operation>> => import('./usage.js').then(({ usageOperations }) => usageOperations),
  },
  {
    ids: ['getAccountProfile'],
    load: (): Promise<Record<string, Operation>> => import('./profile.js').then(({ profileOperations }) => profileOperations),
  },
  {
    ids: ['listRoles', 'listUsers', 'inviteUser', 'resendInvitation', 'updateUser', 'removeUser'],
    load: (): Promise<Record<string, Operation>> => import('./users.js').then(({ userOperations }) => userOperations),
  },
  {
    ids: ['getPricing'],
    load: (): Promise<Record<string, Operation>> => import('./pricing.js').then(({ pricingOperations }) => pricingOperations),
  },
] as const satisfies ReadonlyArray<{ ids: ReadonlyArray<keyof LazyOperations>; load(): Promise<Record<string, Operation>> }>;

type LazyOperations = typeof billingWriteOperations & typeof pricingOperations & typeof licenseOperations & typeof transactionOperations & typeof addonOperations & typeof creditOperations & typeof usageOperations & typeof profileOperations & typeof userOperations & typeof addressOperations;

// Every lazy operation is in a group above: a new one that is not fails to compile here.
type Unlisted = Exclude<keyof LazyOperations, (typeof lazyOperationGroups)[number]['ids'][number]>;
const everyOneListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyOneListed;

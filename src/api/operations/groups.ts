/**
 * Which operations the HTTP client installs with its first load, and which it loads (with their
 * schemas) on first use. The billing core — account, invoices, payments, payment methods — is on
 * every page; the licensing operations (pricing, licenses, quotes, orders, the ledger) are called by
 * their own elements only, so an invoice list page does not download their schemas (1.9 kB gzip).
 */
import { accountOperations } from './account.js';
import type { addonOperations } from './addons.js';
import type { addressOperations } from './addresses.js';
import type { creditOperations } from './credits.js';
import { invoiceOperations } from './invoices.js';
import type { licenseOperations } from './licenses.js';
import type { Operation } from './operation.js';
import { paymentMethodOperations } from './payment-methods.js';
import { paymentOperations } from './payments.js';
import type { pricingOperations } from './pricing.js';
import type { transactionOperations } from './transactions.js';
import type { usageOperations } from './usage.js';

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
    ids: ['getPricing'],
    load: (): Promise<Record<string, Operation>> => import('./pricing.js').then(({ pricingOperations }) => pricingOperations),
  },
] as const satisfies ReadonlyArray<{ ids: ReadonlyArray<keyof LazyOperations>; load(): Promise<Record<string, Operation>> }>;

type LazyOperations = typeof pricingOperations & typeof licenseOperations & typeof transactionOperations & typeof addonOperations & typeof creditOperations & typeof usageOperations & typeof addressOperations;

// Every lazy operation is in a group above: a new one that is not fails to compile here.
type Unlisted = Exclude<keyof LazyOperations, (typeof lazyOperationGroups)[number]['ids'][number]>;
const everyOneListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyOneListed;

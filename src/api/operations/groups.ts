/**
 * Which operations the HTTP client installs with its first load, and which it loads (with their
 * schemas) on first use. The billing core — account, invoices, payments, payment methods — is on
 * every page; the licensing operations (pricing, licenses, quotes, orders, the ledger) are called by
 * their own elements only, so an invoice list page does not download their schemas (1.9 kB gzip).
 */
import { accountOperations } from './account.js';
import { invoiceOperations } from './invoices.js';
import type { licenseOperations } from './licenses.js';
import { paymentMethodOperations } from './payment-methods.js';
import { paymentOperations } from './payments.js';
import type { transactionOperations } from './transactions.js';

export const billingOperations = {
  ...accountOperations,
  ...invoiceOperations,
  ...paymentOperations,
  ...paymentMethodOperations,
};

type LicensingOperations = typeof licenseOperations & typeof transactionOperations;

/** The names of the licensing operations (no schema is imported to know them). */
export const LICENSING_OPERATION_IDS = [
  'getPricing',
  'listLicenses',
  'createLicenseQuote',
  'createLicenseOrder',
  'listOrders',
  'getOrder',
  'listTransactions',
] as const satisfies ReadonlyArray<keyof LicensingOperations>;

// Every licensing operation is named above: a new one that is not fails to compile here.
type Unlisted = Exclude<keyof LicensingOperations, (typeof LICENSING_OPERATION_IDS)[number]>;
const everyOneListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyOneListed;

/** The licensing declarations, with their schemas: a chunk of their own in the browser. */
export async function loadLicensingOperations(): Promise<LicensingOperations> {
  const [{ licenseOperations }, { transactionOperations }] = await Promise.all([import('./licenses.js'), import('./transactions.js')]);
  return { ...licenseOperations, ...transactionOperations };
}

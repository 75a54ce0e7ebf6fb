/**
 * account-elements: the classes, the lazy API client, the contract's types, events and formatting
 * helpers.
 * Importing this module defines no tags and has no other side effects: register the elements
 * with `account-elements/all.js`, one `account-elements/acct-<name>.js` file each, or under your
 * own names (`customElements.define('my-invoices', AcctInvoiceList)`).
 */

// Elements. In this order, which a host's bundler follows when it bundles all.js: gzip compresses
// the payment elements side by side, then the invoice elements, better (every element page 71.6 →
// 70.9 kB; all.ts has the same order for the CDN's all.js).
export { AcctElement } from './core/base-element.js';
export { AcctProvider } from './components/provider/provider.js';
export { AcctPaymentMethodForm } from './components/payment-method-form/payment-method-form.js';
export { AcctPaymentMethods } from './components/payment-methods/payment-methods.js';
export { AcctAutopayToggle } from './components/autopay-toggle/autopay-toggle.js';
export { AcctPayInvoice, type PayStep } from './components/pay-invoice/pay-invoice.js';
export { AcctAccountSummary } from './components/account-summary/account-summary.js';
export { AcctInvoiceDetail } from './components/invoice-detail/invoice-detail.js';
export { AcctPaymentHistory } from './components/payment-history/payment-history.js';
export { AcctTransactionHistory } from './components/transaction-history/transaction-history.js';
export { AcctLicenseSummary } from './components/license-summary/license-summary.js';
export { AcctLicensePurchase } from './components/license-purchase/license-purchase.js';
export { AcctAddonList } from './components/addon-list/addon-list.js';
export { AcctCreditList } from './components/credit-list/credit-list.js';
export { AcctPricingTable } from './components/pricing-table/pricing-table.js';
export { AcctUsageChart } from './components/usage-chart/usage-chart.js';
export { AcctUsageTable, USAGE_COLUMNS_STORAGE_KEY } from './components/usage-table/usage-table.js';
export { AcctProfile } from './components/profile/profile.js';
export { AcctAddressBook } from './components/address-book/address-book.js';
export { AcctUsers } from './components/users/users.js';
export { AcctPortal } from './components/portal/portal.js';
export { AcctInvoiceList } from './components/invoice-list/invoice-list.js';

// API: the interface elements call, the HTTP client, errors, the context key for custom elements
export type {
  AccountApi,
  InvalidationListener,
  InvoiceQuery,
  PageQuery,
  RequestOptions,
  ResourceName,
  WriteOptions,
} from './api/account-api.js';
// The HTTP client itself (ky) and the schemas' values (zod) are in `account-elements/api/http.js`,
// so that importing this module does not load them; LazyHttpAccountApi loads the client on first use.
export type { HttpAccountApiOptions, HttpRequest, HttpRetryOptions, TokenSource } from './api/http-api.js';
export { newIdempotencyKey } from './api/idempotency.js';
export { LazyHttpAccountApi } from './api/lazy-http-api.js';
export {
  TEST_BANK_ACCOUNTS,
  TEST_CARDS,
  TEST_ROUTING_NUMBER,
  type TestCard,
  type TestCardOutcome,
} from './api/fixtures/test-numbers.js';
export { ApiError, isAbortError, isApiError, kindForStatus, toApiError, type ApiErrorInit, type ApiErrorKind } from './api/errors.js';
export { accountContext, type AccountSettings } from './api/context.js';
export { SharedCache, type LoadOptions, type SharedCacheOptions } from './api/shared-cache.js';

// The contract's types (inferred from the zod/mini schemas; the schemas are in api/http.js)
export type * from './api/schemas/index.js';
// The add-on schemas' types only: their values in the `api/http` entry (with the others) make a
// host's bundler split lit and the core out of every page's first file (pay page 41.7 → 43.2 kB, 3 → 7 files).
export type * from './api/schemas/addon.js';
export type * from './api/schemas/credit.js';
export type * from './api/schemas/user.js';
export type * from './api/schemas/address.js';

// Events
export * from './events/index.js';
export { AcctCancelEvent } from './events/form-events.js';
export { AcctPlanSelectEvent, type PlanSelectDetail } from './events/pricing-events.js';
export * from './events/license-events.js';
export * from './events/addon-events.js';
export * from './events/address-events.js';
export * from './events/user-events.js';
export * from './events/usage-events.js';
export * from './events/portal-events.js';

// Formatting and localization
export {
  currencyExponent,
  formatMoney,
  isZero,
  moneyFormatter,
  parseDecimal,
  sumMoney,
  toDecimalString,
  type MoneyDisplay,
} from './core/money.js';
export { formatCalendarDate, formatTimestamp, parseCalendarDate, todayCalendarDate, type DateStyle } from './core/dates.js';
export { applyLocale, catalogueFor, supportedLocales } from './core/localization.js';

// Card entry and payment validators
export { TokenizerError, type CardTokenizer, type TokenizedCard, type TokenizerContext } from './api/tokenizer.js';
export { HostedFieldsTokenizer, type HostedFieldsOptions } from './core/hosted-fields-tokenizer.js';
export * from './api/validators.js';

/**
 * Registers every element (the CDN's everything-entry) and re-exports the root entry (classes,
 * events, helpers), so `<script type="module" src=".../all.js">` is all a page needs. Like the root
 * entry it does not load the HTTP client (`api/http.js`) until an element makes its first request.
 */
// In this order, which is the order of their code in the CDN's all.js: gzip finds more of what it
// already saw within its 32 KB window when the payment elements are side by side (the form, the
// methods, autopay, the pay flow), then the invoice elements (the best of about two dozen orders:
// every element page 72.2 → 71.5 kB on the CDN). A host's bundler follows the root entry's export
// order instead (index.ts, the same order).
import './components/provider/acct-provider.js';
import './components/payment-method-form/acct-payment-method-form.js';
import './components/payment-methods/acct-payment-methods.js';
import './components/autopay-toggle/acct-autopay-toggle.js';
import './components/pay-invoice/acct-pay-invoice.js';
import './components/account-summary/acct-account-summary.js';
import './components/invoice-detail/acct-invoice-detail.js';
import './components/payment-history/acct-payment-history.js';
import './components/transaction-history/acct-transaction-history.js';
import './components/license-summary/acct-license-summary.js';
import './components/license-purchase/acct-license-purchase.js';
import './components/addon-list/acct-addon-list.js';
import './components/credit-list/acct-credit-list.js';
import './components/pricing-table/acct-pricing-table.js';
import './components/usage-chart/acct-usage-chart.js';
import './components/usage-table/acct-usage-table.js';
import './components/profile/acct-profile.js';
import './components/address-book/acct-address-book.js';
import './components/users/acct-users.js';
import './components/portal/acct-portal.js';
import { AcctInvoiceList } from './components/invoice-list/invoice-list.js';

// The list's tag map entry (types only).
import type {} from './components/invoice-list/acct-invoice-list.js';

// The list, registered here rather than by its registration file: that one also gives the list a
// dynamic import of the detail element, which this file has already, and whose mere presence made a
// host's bundler split this file's code into several (components/invoice-list/detail-loader.ts).
if (!customElements.get('acct-invoice-list')) customElements.define('acct-invoice-list', AcctInvoiceList);

export * from './index.js';

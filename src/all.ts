/**
 * Registers every element (the CDN's everything-entry) and re-exports the root entry (classes,
 * events, helpers), so `<script type="module" src=".../all.js">` is all a page needs. Like the root
 * entry it does not load the HTTP client (`api/http.js`) until an element makes its first request.
 */
import './components/provider/acct-provider.js';
import './components/invoice-detail/acct-invoice-detail.js';
import './components/account-summary/acct-account-summary.js';
import './components/pay-invoice/acct-pay-invoice.js';
import './components/payment-methods/acct-payment-methods.js';
import './components/payment-method-form/acct-payment-method-form.js';
import './components/autopay-toggle/acct-autopay-toggle.js';
import './components/payment-history/acct-payment-history.js';

import { AcctInvoiceList } from './components/invoice-list/invoice-list.js';
// The list's tag map entry (types only).
import type {} from './components/invoice-list/acct-invoice-list.js';

// The list, registered here rather than by its registration file: that one also gives the list a
// dynamic import of the detail element, which this file has already, and whose mere presence made a
// host's bundler split this file's code into several (components/invoice-list/detail-loader.ts).
if (!customElements.get('acct-invoice-list')) customElements.define('acct-invoice-list', AcctInvoiceList);

export * from './index.js';

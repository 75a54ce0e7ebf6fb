/**
 * Registers every element (the CDN's everything-entry) and re-exports the root entry (classes,
 * events, helpers), so `<script type="module" src=".../all.js">` is all a page needs. Like the root
 * entry it does not load the HTTP client (`api/http.js`) until an element makes its first request.
 */
import './components/provider/acct-provider.js';
import './components/invoice-list/acct-invoice-list.js';
import './components/invoice-detail/acct-invoice-detail.js';
import './components/account-summary/acct-account-summary.js';
import './components/pay-invoice/acct-pay-invoice.js';
import './components/payment-methods/acct-payment-methods.js';
import './components/payment-method-form/acct-payment-method-form.js';
import './components/autopay-toggle/acct-autopay-toggle.js';
import './components/payment-history/acct-payment-history.js';

export * from './index.js';

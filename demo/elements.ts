// The demo's "every element" page: the elements placed by the host page itself, without
// acct-portal, and the events wired the way a host would (the end-to-end tests drive it).
import '../src/all.js';
import type { AcctPayInvoice } from '../src/components/pay-invoice/pay-invoice.js';
import { onSettingsChange, startDemoHost } from './host.js';

const detail = document.querySelector('acct-invoice-detail')!;
const payDialog = document.getElementById('pay-dialog') as HTMLDialogElement;
onSettingsChange(() => detail.setAttribute('invoice-id', 'latest'));
startDemoHost();

// The list's View and the summary's "View last invoice" both show the invoice in the detail below.
document.addEventListener('acct-invoice-view', (event) => {
  event.preventDefault();
  detail.setAttribute('invoice-id', event.detail.invoiceId);
  // The detail scrolls its heading into view (and keeps it there as the invoice loads), smoothly
  // unless the user prefers reduced motion; focus stays on the button pressed.
  void detail.reveal();
});

/** Opens the payment flow in the host's dialog: for the given invoices, or all open ones. */
function openPayment(invoices?: AcctPayInvoice['invoices']) {
  // A fresh element per flow, so a finished payment's result never shows for the next one.
  const fresh = document.createElement('acct-pay-invoice');
  fresh.headingLevel = 3;
  if (invoices) fresh.invoices = invoices;
  payDialog.querySelector('acct-pay-invoice')?.replaceWith(fresh);
  if (!payDialog.open) payDialog.showModal();
}

// "Pay selected", a row's Pay and the detail's Pay: the flow starts at the review of those invoices.
document.addEventListener('acct-pay-request', (event) => openPayment(event.detail.invoices));
document.addEventListener('acct-make-payment', () => openPayment());
document.getElementById('pay-dialog-close')!.addEventListener('click', () => payDialog.close());
// "Buy more" on a license: the purchase flow for that product, in the host's dialog (a fresh element
// each time, so a finished order's confirmation never shows for the next purchase).
const licensesDialog = document.getElementById('licenses-dialog') as HTMLDialogElement;
document.addEventListener('acct-license-purchase-request', (event) => {
  const fresh = document.createElement('acct-license-purchase');
  fresh.headingLevel = 3;
  fresh.statusPollInterval = 2000;
  fresh.productId = event.detail.license.product_id;
  licensesDialog.querySelector('acct-license-purchase')?.replaceWith(fresh);
  if (!licensesDialog.open) licensesDialog.showModal();
});
document.getElementById('licenses-dialog-close')!.addEventListener('click', () => licensesDialog.close());
// The chart shows the period (and metric, invoiced, search) the usage table is filtered to.
document.addEventListener('acct-usage-query-change', (event) => {
  const chart = document.querySelector('acct-usage-chart');
  if (!chart) return;
  const { from, to, metric, invoiced, q } = event.detail;
  Object.assign(chart, { from, to, metric, invoiced, q });
});


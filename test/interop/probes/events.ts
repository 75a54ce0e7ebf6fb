// Events are on GlobalEventHandlersEventMap whichever entry is imported (the test writes one copy
// of this file per entry of package.json, importing only that entry).
import '__ENTRY__';

document.addEventListener('acct-pay-request', (e) => {
  const cents: number = e.detail.total.amount;
  return cents;
});
window.addEventListener('acct-payment-succeeded', (e) => e.detail.payment.id);
document.body.addEventListener('acct-invoice-view', (e) => e.detail.invoiceId);
document.addEventListener('acct-payment-method-change', (e) => {
  const change: 'added' | 'deleted' | 'default' | 'updated' = e.detail.change;
  return change;
});

// @ts-expect-error acct-pay-request's detail has invoices and total, no invoiceId
document.addEventListener('acct-pay-request', (e) => e.detail.invoiceId);
// @ts-expect-error amount is a number of minor units
document.addEventListener('acct-pay-request', (e): string => e.detail.total.amount);

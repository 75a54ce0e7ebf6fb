// A registration entry puts its tag on HTMLElementTagNameMap: createElement and querySelector are typed.
import 'account-elements/acct-invoice-list.js';
import { MemoryAccountApi } from 'account-elements/api/memory.js';

const list = document.createElement('acct-invoice-list');
list.filter = 'open';
list.api = new MemoryAccountApi();
list.addEventListener('acct-invoice-view', (e) => e.detail.invoice.id);
document.querySelector('acct-invoice-list')?.addEventListener('acct-pay-request', (e) => e.detail.total.currency);

// @ts-expect-error filter is 'all' | 'open' | 'paid'
list.filter = 'bogus';
// @ts-expect-error acct-invoice-view's detail has invoiceId and invoice
list.addEventListener('acct-invoice-view', (e) => e.detail.total);

// Svelte 5: SvelteHTMLElements gives each element's attributes, properties and onacct-* handlers,
// which svelte-check and the editor check markup against.
import type {} from 'account-elements/svelte';
import type { SvelteHTMLElements } from 'svelte/elements';
import { MemoryAccountApi } from 'account-elements/api/memory.js';

type Props<T extends string> = SvelteHTMLElements[T];
const api = new MemoryAccountApi();

export const valid: Props<'acct-invoice-list'>[] = [
  // <acct-invoice-list filter="open" page-size="10" hide-filter {api} onacct-pay-request={...} />
  {
    filter: 'open',
    'page-size': '10',
    'hide-filter': true,
    api,
    class: 'invoices',
    'onacct-pay-request': (e) => {
      const cents: number = e.detail.total.amount;
      return cents;
    },
    'onacct-invoice-view': (e) => e.preventDefault(),
  },
  { filter: 'paid', pageSize: 5 },
];
export const pay: Props<'acct-pay-invoice'> = { 'invoice-ids': 'inv_1 inv_2', 'onacct-payment-succeeded': (e) => e.detail.payment.id };

export const invalid: Props<'acct-invoice-list'>[] = [
  // @ts-expect-error filter is 'all' | 'open' | 'paid'
  { filter: 'bogus' },
  {
    'onacct-pay-request': (e) =>
      // @ts-expect-error acct-pay-request's detail has invoices and total, no invoiceId
      e.detail.invoiceId,
  },
  // @ts-expect-error page-size is a number (or its text)
  { 'page-size': 'ten' },
  // @ts-expect-error api is an AccountApi
  { api: 'https://example.com' },
];
// @ts-expect-error type is 'card' | 'bank_account'
export const badForm: Props<'acct-payment-method-form'> = { type: 'paypal' };

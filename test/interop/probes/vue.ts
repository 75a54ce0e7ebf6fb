// Vue 3: GlobalComponents gives each element's props (properties, attributes in camelCase) and
// @acct-* handlers, which vue-tsc and Vue's editor tooling check templates against.
import type {} from 'account-elements/vue';
import type { GlobalComponents } from 'vue';
import { MemoryAccountApi } from 'account-elements/api/memory.js';

type Props<T extends keyof GlobalComponents> = InstanceType<GlobalComponents[T]>['$props'];
const api = new MemoryAccountApi();

export const valid: Props<'acct-invoice-list'>[] = [
  // <acct-invoice-list filter="open" page-size="10" hide-filter :api.prop="api" @acct-pay-request="...">
  {
    filter: 'open',
    pageSize: '10',
    hideFilter: true,
    api,
    onAcctPayRequest: (e) => {
      const cents: number = e.detail.total.amount;
      return cents;
    },
    onAcctInvoiceView: (e) => e.preventDefault(),
  },
  { filter: 'paid', pageSize: 5 },
];
export const pay: Props<'acct-pay-invoice'> = { invoiceIds: ['inv_1'], onAcctPaymentSucceeded: (e) => e.detail.payment.id };
export const form: Props<'acct-payment-method-form'> = { type: 'bank_account', setDefault: true };

export const invalid: Props<'acct-invoice-list'>[] = [
  // @ts-expect-error filter is 'all' | 'open' | 'paid'
  { filter: 'bogus' },
  {
    onAcctPayRequest: (e) =>
      // @ts-expect-error acct-pay-request's detail has invoices and total, no invoiceId
      e.detail.invoiceId,
  },
  // @ts-expect-error pageSize is a number (or its text)
  { pageSize: 'ten' },
  // @ts-expect-error api is an AccountApi
  { api: 'https://example.com' },
];
// @ts-expect-error type is 'card' | 'bank_account'
export const badForm: Props<'acct-payment-method-form'> = { type: 'paypal' };

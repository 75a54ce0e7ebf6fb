// React 19 JSX: attributes, properties and onacct-* handlers of the elements are typed.
import type {} from 'account-elements/react';
import 'account-elements/acct-invoice-list.js';
import 'account-elements/acct-pay-invoice.js';
import { useRef } from 'react';
import type { AcctInvoiceList } from 'account-elements';
import { MemoryAccountApi } from 'account-elements/api/memory.js';

const api = new MemoryAccountApi();

export function Valid() {
  const list = useRef<AcctInvoiceList>(null);
  return (
    <acct-provider api={api} locale="de">
      <acct-invoice-list
        ref={list}
        filter="open"
        page-size="10"
        hide-filter
        class="invoices"
        id="invoices"
        onacct-pay-request={(e) => {
          const cents: number = e.detail.total.amount;
          return cents;
        }}
        onacct-invoice-view={(e) => {
          const id: string = e.detail.invoiceId;
          e.preventDefault();
          return id;
        }}
      />
      <acct-invoice-list filter="paid" pageSize={5} inlineDetail api={api} />
      <acct-pay-invoice invoice-ids="inv_1 inv_2" onacct-payment-succeeded={(e) => e.detail.payment.id} />
      <acct-pay-invoice invoiceIds={['inv_1']} heading-level={3} />
      <acct-payment-method-form type="bank_account" set-default onacct-cancel={(e) => e.type} />
      <acct-autopay-toggle onacct-autopay-change={(e) => e.detail.autopay} />
    </acct-provider>
  );
}

export function Invalid() {
  return (
    <>
      <acct-invoice-list
        // @ts-expect-error filter is 'all' | 'open' | 'paid'
        filter="bogus"
      />
      <acct-invoice-list
        onacct-pay-request={(e) =>
          // @ts-expect-error acct-pay-request's detail has invoices and total, no invoiceId
          e.detail.invoiceId
        }
      />
      <acct-invoice-list
        // @ts-expect-error pageSize is a number
        pageSize="ten"
      />
      <acct-invoice-list
        // @ts-expect-error api is an AccountApi, not a string
        api="https://example.com"
      />
      <acct-payment-method-form
        // @ts-expect-error type is 'card' | 'bank_account'
        type="paypal"
      />
      <acct-invoice-list
        // @ts-expect-error no such property (camelCase props are checked; see docs/frameworks.md for kebab-case)
        pageSise={5}
      />
    </>
  );
}

import { expect, fixture, html } from '@open-wc/testing';
import type { AcctAccountSummary } from '../../src/components/account-summary/account-summary.js';
import type { AcctPaymentHistory } from '../../src/components/payment-history/payment-history.js';
import '../../src/components/account-summary/acct-account-summary.js';
import '../../src/components/payment-history/acct-payment-history.js';
import '../../src/components/provider/acct-provider.js';
import type { MemoryAccountApi } from '../../src/api/memory-api.js';
import { formatMoney } from '../../src/core/money.js';
import { waitForIdle } from '../helpers/wait.js';
import { $, accountApi, sleep, text, until } from './account-helpers.js';

/** The account summary and the payment history on one page, inside one provider. */
async function page(api: MemoryAccountApi) {
  const root = await fixture<HTMLElement>(html`<acct-provider .api=${api}>
    <acct-account-summary></acct-account-summary>
    <acct-payment-history page-size="10"></acct-payment-history>
  </acct-provider>`);
  await waitForIdle(root);
  return {
    summary: root.querySelector<AcctAccountSummary>('acct-account-summary')!,
    history: root.querySelector<AcctPaymentHistory>('acct-payment-history')!,
  };
}

const firstRow = (history: AcctPaymentHistory) => history.shadowRoot!.querySelector('.body [role="row"]');
const firstStatus = (history: AcctPaymentHistory) => text(firstRow(history)?.querySelector('[part="status"]'));
const lastPayment = (summary: AcctAccountSummary) =>
  text(Array.from(summary.shadowRoot!.querySelectorAll('.facts > div')).find((d) => text(d.querySelector('dt')) === 'Last payment')?.querySelector('dd'));

/** Resolves once `check` holds; fails if that takes longer than `ms` (R13: within 1 s). */
async function within(ms: number, check: () => boolean): Promise<number> {
  const start = performance.now();
  await until(check, ms);
  return performance.now() - start;
}

describe('R13: the summary and the history are fresh after a payment', () => {
  it('a card payment: the balance, the last payment and the history\'s first row update within 1 s', async () => {
    const api = accountApi();
    const { summary, history } = await page(api);
    const invoice = api.data.invoices.find((inv) => inv.status === 'open')!;
    const balanceBefore = api.data.account.balance.amount;
    const due = invoice.amount_due.amount;
    expect(due).to.be.greaterThan(0);

    const payment = await api.createPayment(
      { invoice_ids: [invoice.id], payment_method_id: 'pm_acct_typical_visa' },
      { idempotencyKey: 'r13-card' },
    );
    expect(payment.amount.amount).to.equal(due);
    const expectedBalance = formatMoney({ amount: balanceBefore - due, currency: 'USD' }, 'en-US');
    await within(1000, () => text($(summary, '[part="amount"]')) === expectedBalance);
    await within(1000, () => lastPayment(summary).startsWith(`${formatMoney(payment.amount, 'en-US')} on `));
    await within(1000, () => text(firstRow(history)?.querySelector('.id')).endsWith(payment.id));
    expect(payment.status).to.equal('succeeded');
    expect(firstStatus(history)).to.equal('Succeeded');
    expect(text(firstRow(history)?.querySelector('[part="allocations"]'))).to.contain(invoice.number);
    await waitForIdle(summary);
    await waitForIdle(history);
    await expect(summary).to.be.accessible();
    await expect(history).to.be.accessible();
  });

  it('a bank (ACH) payment shows "Processing" in the history until the bank settles it, then "Succeeded"', async () => {
    const api = accountApi({ achSettleMs: 300 });
    const { summary, history } = await page(api);
    const invoice = api.data.invoices.find((inv) => inv.status === 'open')!;
    const lastPaymentBefore = lastPayment(summary);
    const balanceBefore = api.data.account.balance.amount;
    const due = invoice.amount_due.amount;
    expect(due).to.be.greaterThan(0);

    const payment = await api.createPayment(
      { invoice_ids: [invoice.id], payment_method_id: 'pm_acct_typical_bank' },
      { idempotencyKey: 'r13-ach' },
    );
    expect(payment.status).to.equal('processing');
    await within(1000, () => text(firstRow(history)?.querySelector('.id')).endsWith(payment.id));
    expect(firstStatus(history)).to.equal('Processing');
    expect(text(firstRow(history)?.querySelector('[role="cell"]:nth-child(3)'))).to.contain('Test Bank •••• 6789');
    // The balance already counts the payment; the last payment is the bank's to confirm.
    const expectedBalance = formatMoney({ amount: balanceBefore - due, currency: 'USD' }, 'en-US');
    await within(1000, () => text($(summary, '[part="amount"]')) === expectedBalance);
    await waitForIdle(summary);
    expect(lastPayment(summary)).to.equal(lastPaymentBefore);

    await sleep(350);
    history.refresh();
    await within(1000, () => firstStatus(history) === 'Succeeded');
  });
});

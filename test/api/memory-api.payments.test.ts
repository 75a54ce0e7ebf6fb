import { expect } from '@open-wc/testing';
import { MemoryAccountApi } from '../../src/api/memory-api.js';
import { Account, Payment, PaymentMethodList, PaymentPage } from '../../src/api/schemas/index.js';
import type { ResourceName } from '../../src/api/account-api.js';
import { newIdempotencyKey } from '../../src/api/idempotency.js';
import { rejection } from '../helpers/rejection.js';

const VISA = 'pm_acct_typical_visa';
const BANK = 'pm_acct_typical_bank';
const EXPIRED_MC = 'pm_acct_typical_mc';

const key = () => ({ idempotencyKey: newIdempotencyKey() });

function openInvoices(api: MemoryAccountApi) {
  return api.data.invoices.filter((inv) => inv.status === 'open' || inv.status === 'overdue');
}

async function addTestCard(api: MemoryAccountApi, number: string) {
  return api.addPaymentMethod({ type: 'card', card: { number, exp_month: 12, exp_year: new Date().getUTCFullYear() + 2, cvc: '123' } }, key());
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('MemoryAccountApi: payments', () => {
  it('paying an invoice in full with a card: the invoice is paid, the balance drops, the history starts with it', async () => {
    const api = new MemoryAccountApi({ fixture: 'typical' });
    const [invoice] = openInvoices(api);
    const due = invoice.amount_due.amount;
    const balance = api.data.account.balance.amount;
    const payment = await api.createPayment({ invoice_ids: [invoice.id], payment_method_id: VISA }, key());
    expect(Payment.safeParse(payment).success).to.equal(true);
    expect(payment.status).to.equal('succeeded');
    expect(payment.amount.amount).to.equal(due);
    expect(payment.allocations).to.deep.equal([{ invoice_id: invoice.id, invoice_number: invoice.number, amount: { amount: due, currency: 'USD' } }]);
    expect((await api.getInvoice(invoice.id)).status).to.equal('paid');
    const account = await api.getAccount();
    expect(account.balance.amount).to.equal(balance - due);
    expect(account.last_payment?.amount.amount).to.equal(due);
    const history = await api.listPayments({ limit: 5 });
    expect(PaymentPage.safeParse(history).success).to.equal(true);
    expect(history.data[0].id).to.equal(payment.id);
  });

  it('a partial amount goes to the oldest due invoice first', async () => {
    const api = new MemoryAccountApi({ fixture: 'typical' });
    const invoices = openInvoices(api).slice(0, 2);
    const [older, newer] = [...invoices].sort((a, b) => a.due_on!.localeCompare(b.due_on!));
    const amount = older.amount_due.amount + 100;
    const payment = await api.createPayment(
      { invoice_ids: invoices.map((inv) => inv.id), payment_method_id: VISA, amount: { amount, currency: 'USD' } },
      key(),
    );
    expect(payment.allocations.map((a) => [a.invoice_id, a.amount.amount])).to.deep.equal([
      [older.id, older.amount_due.amount === 0 ? amount - 100 : older.amount_due.amount],
      [newer.id, 100],
    ]);
    expect(older.status).to.equal('paid');
    expect(newer.status).to.not.equal('paid');
  });

  it('refuses amounts above the amount due, below the minimum, and partial payments where not allowed', async () => {
    const api = new MemoryAccountApi({ fixture: 'typical' });
    const [invoice] = openInvoices(api);
    const pay = (amount: number, target = api, id = invoice.id, method = VISA) =>
      rejection(target.createPayment({ invoice_ids: [id], payment_method_id: method, amount: { amount, currency: target.data.account.currency } }, key()));
    const tooLarge = await pay(invoice.amount_due.amount + 1);
    expect([tooLarge.status, tooLarge.problem?.code, tooLarge.fieldErrors[0]?.field]).to.deep.equal([422, 'amount_too_large', 'amount']);
    expect((await pay(99)).problem?.code).to.equal('amount_too_small');
    const kwd = new MemoryAccountApi({ fixture: 'kwd' });
    const [kwdInvoice] = openInvoices(kwd);
    const partial = await pay(kwdInvoice.amount_due.amount - 1, kwd, kwdInvoice.id, kwd.data.paymentMethods[0].id);
    expect(partial.problem?.code).to.equal('partial_payment_not_allowed');
    expect(api.data.payments.filter((p) => p.created_at > '2026-11-22T00:00:00Z' && p.id.startsWith('py_memory'))).to.have.length(0);
  });

  it('an invoice is paid once: a second payment with another key is refused as not payable (R4)', async () => {
    const api = new MemoryAccountApi({ fixture: 'typical' });
    const [invoice] = openInvoices(api);
    const [first, second] = await Promise.allSettled([
      api.createPayment({ invoice_ids: [invoice.id], payment_method_id: VISA }, key()),
      api.createPayment({ invoice_ids: [invoice.id], payment_method_id: VISA }, key()),
    ]);
    expect(first.status).to.equal('fulfilled');
    expect(second.status).to.equal('rejected');
    const error = (second as PromiseRejectedResult).reason;
    expect([error.kind, error.status, error.problem.code]).to.deep.equal(['conflict', 409, 'invoice_not_payable']);
    expect(api.data.payments.filter((p) => p.allocations.some((a) => a.invoice_id === invoice.id))).to.have.length(1);
  });

  it('the same key and body replays the first outcome without paying again; another body is a 422', async () => {
    const api = new MemoryAccountApi({ fixture: 'typical' });
    const [invoice, other] = openInvoices(api);
    const options = key();
    const request = { invoice_ids: [invoice.id], payment_method_id: VISA };
    const [a, b] = await Promise.all([api.createPayment(request, options), api.createPayment(request, options)]);
    expect(b.id).to.equal(a.id);
    expect(api.calls.filter((c) => c.operation === 'createPayment')).to.have.length(1);
    const reused = await rejection(api.createPayment({ invoice_ids: [other.id], payment_method_id: VISA }, options));
    expect([reused.status, reused.problem?.code]).to.deep.equal([422, 'idempotency_key_reused']);
  });

  it('declines per test card: 402 with the code, a failed payment in the history, nothing paid', async () => {
    const api = new MemoryAccountApi({ fixture: 'typical' });
    const [invoice] = openInvoices(api);
    for (const [number, code] of [
      ['4000000000000002', 'card_declined'],
      ['4000000000009995', 'insufficient_funds'],
      ['4000000000000069', 'expired_card'],
      ['4000000000000127', 'incorrect_cvc'],
    ]) {
      const card = await addTestCard(api, number);
      const error = await rejection(api.createPayment({ invoice_ids: [invoice.id], payment_method_id: card.id }, key()));
      expect([error.kind, error.status, error.problem?.code]).to.deep.equal(['declined', 402, code]);
      expect(api.data.payments[0]).to.include({ status: 'failed' });
      expect(api.data.payments[0].failure?.code).to.equal(code);
    }
    const expired = await rejection(api.createPayment({ invoice_ids: [invoice.id], payment_method_id: EXPIRED_MC }, key()));
    expect(expired.problem?.code).to.equal('expired_card');
    expect(invoice.status).to.not.equal('paid');
  });

  it('a bank payment is processing, then settles; the failing test account gives the invoice back', async () => {
    const api = new MemoryAccountApi({ fixture: 'typical', achSettleMs: 50 });
    const [first, second] = openInvoices(api);
    const processing = await api.createPayment({ invoice_ids: [first.id], payment_method_id: BANK }, key());
    expect(processing.status).to.equal('processing');
    expect((await api.getInvoice(first.id)).status).to.equal('processing');
    const failing = await api.addPaymentMethod(
      {
        type: 'bank_account',
        bank_account: { account_holder_name: 'N. Traders', routing_number: '110000000', account_number: '000111111116', account_type: 'checking' },
        mandate_accepted: true,
      },
      key(),
    );
    const due = second.amount_due.amount;
    const balanceBefore = api.data.account.balance.amount;
    await api.createPayment({ invoice_ids: [second.id], payment_method_id: failing.id }, key());
    expect(api.data.account.balance.amount).to.equal(balanceBefore - due);
    await sleep(80);
    expect((await api.getPayment(processing.id, { fresh: true })).status).to.equal('succeeded');
    expect((await api.getInvoice(first.id)).status).to.equal('paid');
    const failed = (await api.listPayments()).data.find((p) => p.allocations[0]?.invoice_id === second.id);
    expect(failed?.status).to.equal('failed');
    const restored = await api.getInvoice(second.id);
    expect(restored.amount_due.amount).to.equal(due);
    expect(['open', 'overdue']).to.include(restored.status);
    expect((await api.getAccount()).balance.amount).to.equal(balanceBefore);
  });

  it('a payment tells listeners that invoices, account, payments and transactions changed', async () => {
    const api = new MemoryAccountApi({ fixture: 'typical' });
    const seen: ResourceName[][] = [];
    api.onInvalidate((resources) => seen.push([...resources].sort()));
    await api.createPayment({ invoice_ids: [openInvoices(api)[0].id], payment_method_id: VISA }, key());
    expect(seen).to.deep.equal([['account', 'invoices', 'payments', 'transactions']]);
  });
});

describe('MemoryAccountApi: payment methods and autopay', () => {
  it('lists the methods with the gateway; EUR and JPY accounts offer cards only', async () => {
    const list = await new MemoryAccountApi({ fixture: 'typical' }).listPaymentMethods();
    expect(PaymentMethodList.safeParse(list).success).to.equal(true);
    expect(list.gateway.supported_types).to.deep.equal(['card', 'bank_account']);
    expect(list.data.filter((m) => m.is_default)).to.have.length(1);
    expect((await new MemoryAccountApi({ fixture: 'jpy' }).listPaymentMethods()).gateway.supported_types).to.deep.equal(['card']);
    expect((await new MemoryAccountApi({ fixture: 'empty' }).listPaymentMethods()).data).to.deep.equal([]);
  });

  it('validates new methods field by field: Luhn, expiry, routing checksum, mandate', async () => {
    const api = new MemoryAccountApi({ fixture: 'typical' });
    const year = new Date().getUTCFullYear();
    const badCard = await rejection(api.addPaymentMethod({ type: 'card', card: { number: '4242424242424241', exp_month: 1, exp_year: year + 1, cvc: '123' } }, key()));
    expect(badCard.fieldErrors.map((e) => e.field)).to.deep.equal(['card.number']);
    const expired = await rejection(api.addPaymentMethod({ type: 'card', card: { number: '4242424242424242', exp_month: 1, exp_year: year - 1, cvc: '123' } }, key()));
    expect(expired.fieldErrors.map((e) => e.field)).to.deep.equal(['card.exp_month']);
    const bank = await rejection(
      api.addPaymentMethod(
        { type: 'bank_account', bank_account: { account_holder_name: 'A', routing_number: '110000001', account_number: '000123456789', account_type: 'checking' } },
        key(),
      ),
    );
    expect(bank.fieldErrors.map((e) => e.field)).to.deep.equal(['bank_account.routing_number', 'mandate_accepted']);
    const token = api.createCardToken({ number: '5555555555554444', exp_month: 3, exp_year: year + 2 });
    const saved = await api.addPaymentMethod({ type: 'card', token, set_default: true }, key());
    expect(saved.card).to.deep.include({ brand: 'mastercard', last4: '4444' });
    expect((await api.listPaymentMethods({ fresh: true })).data.filter((m) => m.is_default).map((m) => m.id)).to.deep.equal([saved.id]);
  });

  it('the default method cannot be deleted while others exist; the autopay method not while autopay is on', async () => {
    const api = new MemoryAccountApi({ fixture: 'typical' });
    const asDefault = await rejection(api.deletePaymentMethod(VISA, key()));
    expect([asDefault.status, asDefault.problem?.code]).to.deep.equal([409, 'default_payment_method_required']);
    await api.setAutopay({ enabled: true, payment_method_id: BANK }, key());
    const inUse = await rejection(api.deletePaymentMethod(BANK, key()));
    expect(inUse.problem?.code).to.equal('payment_method_in_use');
    await api.updatePaymentMethod(BANK, { is_default: true }, key());
    await api.setAutopay({ enabled: false }, key());
    await api.deletePaymentMethod(VISA, key());
    expect(api.data.paymentMethods.map((m) => m.id)).to.deep.equal([BANK, EXPIRED_MC]);
  });

  it('autopay needs a method; on with the default when none is named', async () => {
    const empty = new MemoryAccountApi({ fixture: 'empty' });
    const error = await rejection(empty.setAutopay({ enabled: true }, key()));
    expect([error.status, error.problem?.code]).to.deep.equal([422, 'default_payment_method_required']);
    const api = new MemoryAccountApi({ fixture: 'typical' });
    const account = await api.setAutopay({ enabled: true }, key());
    expect(Account.safeParse(account).success).to.equal(true);
    expect(account.autopay).to.deep.equal({ enabled: true, payment_method_id: VISA });
  });
});

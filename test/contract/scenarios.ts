/**
 * The contract scenarios: written once, run against MemoryAccountApi and against HttpAccountApi on
 * the reference server (test/contract/contract.test.ts), which must give the same transcript. Each
 * call may also state what it must give (`expect`), so that both sides agreeing on a wrong answer
 * still fails.
 *
 * Data: the seeded fixtures of server/seed.ts (SEED_DATE). Typical (USD, partial payments from
 * $1.00): open in_1_000039 ($998.99) and in_1_000038; overdue in_1_000037 and in_1_000036; methods
 * Visa (default), a checking account and a Mastercard that has expired. KWD pays in full only; JPY
 * and KWD offer cards only; `empty` (EUR) has no invoices and no methods.
 */
import type { AccountApi } from '../../src/api/account-api.js';
import { ApiError } from '../../src/api/errors.js';
import type { NewSavedAddress, SavedAddressPatch } from '../../src/api/schemas/address.js';
import { TEST_CARDS, TEST_ROUTING_NUMBER } from '../../src/api/fixtures/test-gateway.js';
import type { OrderPayment } from '../../src/api/schemas/license.js';
import type { NewPaymentMethod } from '../../src/api/schemas/billing-input.js';
import type { Expect, Scenario, ScenarioContext } from './harness.js';
import type { Login } from './world.js';

const VISA = 'pm_acct_typical_visa';
const BANK = 'pm_acct_typical_bank';
const EXPIRED_MC = 'pm_acct_typical_mc';
const OPEN = 'in_1_000039';
const OPEN_2 = 'in_1_000038';
const OVERDUE = 'in_1_000037';
const OLDEST_OVERDUE = 'in_1_000036';
const PAID = 'in_1_000030';
const ADDRESS = { name: 'Accounts Payable', line1: '1 Main Street', line2: 'Floor 3', city: 'Portland', region: 'OR', postal_code: '97201', country: 'US' };

const usd = (amount: number) => ({ amount, currency: 'USD' });
const rawCard = (number: string, extra: Partial<NewPaymentMethod> = {}): NewPaymentMethod => ({
  type: 'card',
  card: { number, exp_month: 12, exp_year: 2040, cvc: number.startsWith('37') ? '1234' : '123' },
  ...extra,
});
const bankAccount = (accountNumber: string, extra: Partial<NewPaymentMethod> = {}): NewPaymentMethod => ({
  type: 'bank_account',
  bank_account: { account_holder_name: 'Northwind Traders', routing_number: TEST_ROUTING_NUMBER, account_number: accountNumber, account_type: 'checking' },
  mandate_accepted: true,
  ...extra,
});

/** What a payment touched: the invoices, the account, the newest payments and the open list. */
async function aftermath(ctx: ScenarioContext, invoiceIds: string[]): Promise<void> {
  for (const id of invoiceIds) await ctx.call(`invoice ${id} after`, (api) => api.getInvoice(id), 'ok');
  await ctx.call('account after', (api) => api.getAccount(), 'ok');
  await ctx.call('payments after', (api) => api.listPayments({ limit: 3 }), 'ok');
  await ctx.call('open invoices after', (api) => api.listInvoices({ status: 'open' }), 'ok');
}

const pay = (ctx: ScenarioContext, label: string, invoice_ids: string[], payment_method_id: string, amount?: number, key = ctx.key()) =>
  (expect?: Parameters<ScenarioContext['call']>[2]) =>
    ctx.call(label, (api) => api.createPayment({ invoice_ids, payment_method_id, ...(amount === undefined ? {} : { amount: usd(amount) }) }, { idempotencyKey: key }), expect);

const addMethod = (ctx: ScenarioContext, label: string, method: NewPaymentMethod, expect?: Parameters<ScenarioContext['call']>[2]) =>
  ctx.call(label, (api) => api.addPaymentMethod(method, { idempotencyKey: ctx.key() }), expect);

const scenario = (name: string, login: Login, run: (ctx: ScenarioContext) => Promise<void>): Scenario => ({ name, login, run });

const quote = (ctx: ScenarioContext, label: string, product_id: string, additional_quantity: number) => (expect?: Parameters<ScenarioContext['call']>[2]) =>
  ctx.call(label, (api) => api.createLicenseQuote({ product_id, additional_quantity }, { idempotencyKey: ctx.key() }), expect);

const preview = (ctx: ScenarioContext, label: string, id: string, action: 'enable' | 'disable') => (expect?: Parameters<ScenarioContext['call']>[2]) =>
  ctx.call(label, (api) => api.previewAddonChange(id, { action }, { idempotencyKey: ctx.key() }), expect);
const change = (ctx: ScenarioContext, label: string, id: string, action: 'enable' | 'disable', preview_id: string, key = ctx.key()) => (expect?: Parameters<ScenarioContext['call']>[2]) =>
  ctx.call(label, (api) => (action === 'enable' ? api.enableAddon(id, { preview_id }, { idempotencyKey: key }) : api.disableAddon(id, { preview_id }, { idempotencyKey: key })), expect);

const order = (ctx: ScenarioContext, label: string, quote_id: string, payment: OrderPayment, key = ctx.key()) => (expect?: Parameters<ScenarioContext['call']>[2]) =>
  ctx.call(label, (api) => api.createLicenseOrder({ quote_id, authorization_acknowledged: true, payment }, { idempotencyKey: key }), expect);

const addAddress = (ctx: ScenarioContext, label: string, address: NewSavedAddress, key = ctx.key()) => (expect?: Expect) =>
  ctx.call(label, (api) => api.createAddress(address, { idempotencyKey: key }), expect);
const patchAddress = (ctx: ScenarioContext, label: string, id: string, patch: SavedAddressPatch) => (expect?: Expect) =>
  ctx.call(label, (api) => api.updateAddress(id, patch, { idempotencyKey: ctx.key() }), expect);
const deleteAddress = (ctx: ScenarioContext, label: string, id: string, replacement?: string, key = ctx.key()) => (expect?: Expect) =>
  ctx.call(label, (api) => api.deleteAddress(id, replacement === undefined ? {} : { replacement }, { idempotencyKey: key }), expect);
/** A refusal with its members (the harness compares only kind, status, code and fields): the uses it names. */
const refusalOf = (run: Promise<unknown>) =>
  run.then(
    () => 'not refused',
    (error: unknown) => {
      if (!(error instanceof ApiError)) throw error;
      return { status: error.status, code: error.problem?.code, uses: error.problem?.uses };
    },
  );
const US_PLACE = { name: 'Test Co.', line1: '1 Main Street', line2: null, city: 'Portland', region: 'OR', postal_code: '97201', country: 'US' };

/** Walks every page of a list, recording each. */
async function walk(ctx: ScenarioContext, label: string, page: (api: AccountApi, cursor: string | null) => Promise<{ next_cursor: string | null }>) {
  let cursor: string | null = null;
  for (let n = 1; n < 100; n++) {
    const result: { next_cursor: string | null } | undefined = await ctx.call(`${label} page ${n}`, (api) => page(api, cursor), 'ok');
    cursor = result?.next_cursor ?? null;
    if (!cursor) return;
  }
}

export const SCENARIOS: Scenario[] = [
  // --- account -------------------------------------------------------------------------------
  ...(['typical', 'viewer', 'jpy', 'kwd', 'empty'] as const).map((login) =>
    scenario(`account: ${login}`, login, async (ctx) => {
      await ctx.call('account', (api) => api.getAccount(), 'ok');
      await ctx.call('profile', (api) => api.getAccountProfile(), 'ok');
    }),
  ),

  // --- invoices ------------------------------------------------------------------------------
  scenario('invoices: default page, and each filter walked by cursor with its total', 'typical', async (ctx) => {
    await ctx.call('default page', (api) => api.listInvoices(), 'ok');
    for (const status of ['all', 'open', 'paid'] as const) {
      await walk(ctx, `${status} limit 7`, (api, cursor) => api.listInvoices({ status, limit: 7, cursor }));
    }
    await ctx.call('limit 1', (api) => api.listInvoices({ limit: 1 }), 'ok');
    await ctx.call('limit 100', (api) => api.listInvoices({ limit: 100 }), 'ok');
  }),
  scenario('invoices: other currencies and an empty account', 'jpy', async (ctx) => {
    await ctx.call('jpy open', (api) => api.listInvoices({ status: 'open' }), 'ok');
    await walk(ctx, 'jpy all limit 10', (api, cursor) => api.listInvoices({ limit: 10, cursor }));
  }),
  scenario('invoices: empty account', 'empty', async (ctx) => {
    await ctx.call('all', (api) => api.listInvoices(), 'ok');
    await ctx.call('open', (api) => api.listInvoices({ status: 'open' }), 'ok');
  }),
  scenario('invoices: a limit outside 1-100 or not a whole number is a 400 naming limit', 'typical', async (ctx) => {
    for (const limit of [0, 101, 1000, -1, 2.5]) {
      await ctx.call(`limit ${limit}`, (api) => api.listInvoices({ limit }), { kind: 'validation', status: 400, code: 'validation_failed', fields: ['limit'] });
    }
  }),
  scenario('invoices: an unknown status filter is a 400 naming status', 'typical', async (ctx) => {
    for (const status of ['overdue', 'void', 'bogus']) {
      await ctx.call(`status ${status}`, (api) => api.listInvoices({ status: status as never }), { kind: 'validation', status: 400, fields: ['status'] });
    }
  }),
  scenario('invoices: a cursor not issued for this query is a 400 naming cursor', 'typical', async (ctx) => {
    await ctx.call('made-up cursor', (api) => api.listInvoices({ cursor: 'bm90IGEgY3Vyc29y' }), { kind: 'validation', status: 400, fields: ['cursor'] });
    const open = await ctx.must('open limit 2', (api) => api.listInvoices({ status: 'open', limit: 2 }));
    await ctx.call('the open cursor on the paid filter', (api) => api.listInvoices({ status: 'paid', cursor: open.next_cursor }), { kind: 'validation', status: 400, fields: ['cursor'] });
    const payments = await ctx.must('payments limit 2', (api) => api.listPayments({ limit: 2 }));
    await ctx.call('a payments cursor on invoices', (api) => api.listInvoices({ cursor: payments.next_cursor }), { kind: 'validation', status: 400, fields: ['cursor'] });
  }),
  scenario('invoice detail: open, overdue, partly paid and paid; another account’s and unknown ids are 404', 'typical', async (ctx) => {
    for (const id of [OPEN, OVERDUE, OLDEST_OVERDUE, PAID, 'in_1_000000']) await ctx.call(`detail ${id}`, (api) => api.getInvoice(id), 'ok');
    await ctx.call('another account’s invoice', (api) => api.getInvoice('in_4_000023'), { kind: 'not-found', status: 404, code: 'not_found' });
    await ctx.call('unknown id', (api) => api.getInvoice('in_nope'), { kind: 'not-found', status: 404, code: 'not_found' });
    await ctx.call('an id over 200 characters', (api) => api.getInvoice(`in_${'x'.repeat(300)}`), { kind: 'validation', status: 400, code: 'validation_failed', fields: ['id'] });
  }),
  scenario('invoice detail: a paid invoice names the payment that paid it and when; paying one off (in full) fills both', 'typical', async (ctx) => {
    const check = (label: string, ok: boolean) => {
      if (!ok) throw new Error(`${ctx.world.name}: ${label}`);
    };
    const seeded = await ctx.must('seeded paid invoice', (api) => api.getInvoice(PAID));
    check('the seeded payment of the paid invoice', seeded.payment_id === 'py_1_000030' && typeof seeded.paid_at === 'string');
    const open = await ctx.must('open invoice before', (api) => api.getInvoice(OPEN));
    check('an open invoice has no payment', open.payment_id === null && open.paid_at === null);
    const payment = await pay(ctx, 'pay it in full', [OPEN], VISA)('ok');
    const after = await ctx.must('the invoice after', (api) => api.getInvoice(OPEN));
    check('paid by that payment, when it settled', after.status === 'paid' && after.payment_id === payment?.id && after.paid_at === payment?.settled_at);
    await pay(ctx, 'pay part of another', [OPEN_2], VISA, 100)('ok');
    const partly = await ctx.must('the partly paid invoice', (api) => api.getInvoice(OPEN_2));
    check('a partly paid invoice is not paid yet', partly.payment_id === null && partly.paid_at === null);
  }),
  scenario('invoice detail: JPY', 'jpy', async (ctx) => {
    await ctx.call('detail', (api) => api.getInvoice('in_4_000022'), 'ok');
  }),

  // --- payments (reads) ------------------------------------------------------------------------
  scenario('payments: default page, walked by 7, one by id, unknown and bad limits', 'typical', async (ctx) => {
    await ctx.call('default page', (api) => api.listPayments(), 'ok');
    await walk(ctx, 'limit 7', (api, cursor) => api.listPayments({ limit: 7, cursor }));
    await ctx.call('one payment', (api) => api.getPayment('py_1_000030'), 'ok');
    await ctx.call('unknown payment', (api) => api.getPayment('py_nope'), { kind: 'not-found', status: 404, code: 'not_found' });
    await ctx.call('a payment id over 200 characters', (api) => api.getPayment('p'.repeat(201)), { kind: 'validation', status: 400, code: 'validation_failed', fields: ['id'] });
    await ctx.call('another account’s payment', (api) => api.getPayment('py_4_000001'), { kind: 'not-found', status: 404, code: 'not_found' });
    await ctx.call('limit 0', (api) => api.listPayments({ limit: 0 }), { kind: 'validation', status: 400, fields: ['limit'] });
    await ctx.call('limit 101', (api) => api.listPayments({ limit: 101 }), { kind: 'validation', status: 400, fields: ['limit'] });
    await ctx.call('made-up cursor', (api) => api.listPayments({ cursor: 'MTA' }), { kind: 'validation', status: 400, fields: ['cursor'] });
  }),
  scenario('payments: empty account', 'empty', async (ctx) => {
    await ctx.call('list', (api) => api.listPayments(), 'ok');
  }),

  // --- paying ----------------------------------------------------------------------------------
  scenario('pay: one open invoice in full with the default card', 'typical', async (ctx) => {
    const payment = await pay(ctx, 'pay', [OPEN], VISA)('ok');
    if (payment) await ctx.call('the payment by id', (api) => api.getPayment(payment.id), 'ok');
    await aftermath(ctx, [OPEN]);
  }),
  scenario('pay: three invoices at once, allocated oldest due first', 'typical', async (ctx) => {
    await pay(ctx, 'pay', [OPEN, OLDEST_OVERDUE, OVERDUE], VISA)('ok');
    await aftermath(ctx, [OPEN, OVERDUE, OLDEST_OVERDUE]);
  }),
  scenario('pay: partial amounts where the terms allow them (oldest due first, the rest stays due)', 'typical', async (ctx) => {
    await pay(ctx, 'partial of two', [OPEN, OLDEST_OVERDUE], VISA, 50_000)('ok');
    await pay(ctx, 'the minimum', [OPEN], VISA, 100)('ok');
    await aftermath(ctx, [OPEN, OLDEST_OVERDUE]);
  }),
  scenario('pay: amount rules (too large, below the minimum, zero, negative, currency)', 'typical', async (ctx) => {
    await pay(ctx, 'one cent more than due', [OPEN], VISA, 99_900)({ kind: 'validation', status: 422, code: 'amount_too_large', fields: ['amount'] });
    await pay(ctx, 'below the minimum', [OPEN], VISA, 99)({ kind: 'validation', status: 422, code: 'amount_too_small', fields: ['amount'] });
    await pay(ctx, 'zero', [OPEN], VISA, 0)({ kind: 'validation', status: 422, code: 'amount_too_small', fields: ['amount'] });
    await pay(ctx, 'negative', [OPEN], VISA, -500)({ kind: 'validation', status: 422, code: 'amount_too_small', fields: ['amount'] });
    await ctx.call('in EUR', (api) => api.createPayment({ invoice_ids: [OPEN], payment_method_id: VISA, amount: { amount: 1000, currency: 'EUR' } }, { idempotencyKey: ctx.key() }), {
      kind: 'validation',
      status: 422,
      code: 'currency_mismatch',
      fields: ['amount'],
    });
    await aftermath(ctx, [OPEN]);
  }),
  scenario('pay: an account that pays in full only refuses partial amounts', 'kwd', async (ctx) => {
    await ctx.call('partial', (api) => api.createPayment({ invoice_ids: ['in_5_000023'], payment_method_id: 'pm_acct_kwd_visa', amount: { amount: 1000, currency: 'KWD' } }, { idempotencyKey: ctx.key() }), {
      kind: 'validation',
      code: 'partial_payment_not_allowed',
      fields: ['amount'],
    });
    await ctx.call('in full', (api) => api.createPayment({ invoice_ids: ['in_5_000023'], payment_method_id: 'pm_acct_kwd_visa', amount: { amount: 33165, currency: 'KWD' } }, { idempotencyKey: ctx.key() }), 'ok');
    await ctx.call('account', (api) => api.getAccount(), 'ok');
  }),
  scenario('pay: JPY (no minor unit) partial payment', 'jpy', async (ctx) => {
    await ctx.call('partial', (api) => api.createPayment({ invoice_ids: ['in_4_000022'], payment_method_id: 'pm_acct_jpy_visa', amount: { amount: 5000, currency: 'JPY' } }, { idempotencyKey: ctx.key() }), 'ok');
    await ctx.call('invoice', (api) => api.getInvoice('in_4_000022'), 'ok');
  }),
  scenario('pay: unknown or repeated invoices, unknown method, already paid', 'typical', async (ctx) => {
    await pay(ctx, 'unknown invoice', [OPEN, 'in_nope'], VISA)({ kind: 'validation', status: 422, code: 'validation_failed', fields: ['invoice_ids'] });
    await pay(ctx, 'another account’s invoice', ['in_4_000023'], VISA)({ kind: 'validation', status: 422, fields: ['invoice_ids'] });
    await pay(ctx, 'an invoice twice', [OPEN, OPEN], VISA)({ kind: 'validation', status: 422, fields: ['invoice_ids'] });
    await pay(ctx, 'unknown method', [OPEN], 'pm_nope')({ kind: 'validation', status: 422, code: 'payment_method_not_found', fields: ['payment_method_id'] });
    await pay(ctx, 'a paid invoice', [PAID], VISA)({ kind: 'conflict', status: 409, code: 'invoice_not_payable' });
    await pay(ctx, 'first payment', [OPEN], VISA)('ok');
    await pay(ctx, 'the same invoice again (new key)', [OPEN], VISA)({ kind: 'conflict', status: 409, code: 'invoice_not_payable' });
    await pay(ctx, 'a paid one among open ones', [OPEN_2, OPEN], VISA)({ kind: 'conflict', status: 409, code: 'invoice_not_payable' });
    await aftermath(ctx, [OPEN, OPEN_2]);
  }),
  scenario('pay: malformed requests are a 400 naming the field', 'typical', async (ctx) => {
    await pay(ctx, 'no invoices', [], VISA)({ kind: 'validation', status: 400, fields: ['invoice_ids'] });
    await pay(ctx, 'a fractional amount', [OPEN], VISA, 10.5)({ kind: 'validation', status: 400, fields: ['amount.amount'] });
    await ctx.call('an unknown field', (api) => api.createPayment({ invoice_ids: [OPEN], payment_method_id: VISA, tip: 5 } as never, { idempotencyKey: ctx.key() }), { kind: 'validation', status: 400, fields: ['tip'] });
    await ctx.call('a lower-case currency', (api) => api.createPayment({ invoice_ids: [OPEN], payment_method_id: VISA, amount: { amount: 100, currency: 'usd' } }, { idempotencyKey: ctx.key() }), { kind: 'validation', status: 400, fields: ['amount.currency'] });
    await aftermath(ctx, [OPEN]);
  }),
  ...TEST_CARDS.filter((card) => card.outcome !== 'succeeded').map((card) =>
    scenario(`pay: test card ${card.number} declines with ${card.outcome} (402), recorded as a failed payment`, 'typical', async (ctx) => {
      const method = await addMethod(ctx, 'add the card', rawCard(card.number), 'ok');
      if (!method) return;
      await pay(ctx, 'pay', [OPEN], method.id)({ kind: 'declined', status: 402, code: card.outcome });
      await aftermath(ctx, [OPEN]);
    }),
  ),
  scenario('pay: a saved card past its printed month declines with expired_card', 'typical', async (ctx) => {
    await pay(ctx, 'pay with the expired Mastercard', [OPEN], EXPIRED_MC)({ kind: 'declined', status: 402, code: 'expired_card' });
    await aftermath(ctx, [OPEN]);
  }),
  scenario('pay: other test cards succeed (Mastercard, Amex, any Luhn-valid number)', 'typical', async (ctx) => {
    for (const [number, invoice] of [['5555555555554444', OPEN], ['378282246310005', OPEN_2], ['4111111111111111', OVERDUE]] as const) {
      const method = await addMethod(ctx, `add ${number}`, rawCard(number), 'ok');
      if (method) await pay(ctx, `pay with ${number}`, [invoice], method.id)('ok');
    }
    await aftermath(ctx, [OPEN, OPEN_2, OVERDUE]);
  }),
  scenario('pay: bank account (ACH) is processing, then settles', 'typical', async (ctx) => {
    const payment = await pay(ctx, 'pay by bank', [OPEN, OLDEST_OVERDUE], BANK, 60_000)('ok');
    await aftermath(ctx, [OPEN, OLDEST_OVERDUE]);
    await pay(ctx, 'pay the processing invoice again', [OLDEST_OVERDUE], VISA)({ kind: 'conflict', status: 409, code: 'invoice_not_payable' });
    if (!payment) return;
    await ctx.world.settle(ctx.api, payment.id);
    await ctx.call('the payment after settlement', (api) => api.getPayment(payment.id), 'ok');
    await aftermath(ctx, [OPEN, OLDEST_OVERDUE]);
  }),
  scenario('pay: a bank account whose debit the bank returns (processing, then failed, invoices due again)', 'typical', async (ctx) => {
    const method = await addMethod(ctx, 'add the returning account', bankAccount('000111111116'), 'ok');
    if (!method) return;
    const payment = await pay(ctx, 'pay by bank', [OVERDUE], method.id)('ok');
    if (!payment) return;
    await ctx.world.settle(ctx.api, payment.id);
    await ctx.call('the payment after settlement', (api) => api.getPayment(payment.id), 'ok');
    await aftermath(ctx, [OVERDUE]);
  }),

  // --- idempotency -----------------------------------------------------------------------------
  scenario('idempotency: the same key and body replay the first payment; another body with it is a 422', 'typical', async (ctx) => {
    const key = ctx.key();
    await pay(ctx, 'first', [OPEN], VISA, undefined, key)('ok');
    await pay(ctx, 'the same again', [OPEN], VISA, undefined, key)('ok');
    await pay(ctx, 'another body, same key', [OPEN_2], VISA, undefined, key)({ kind: 'validation', status: 422, code: 'idempotency_key_reused', fields: ['Idempotency-Key'] });
    await ctx.call('the key on another operation', (api) => api.addPaymentMethod(rawCard('4242424242424242'), { idempotencyKey: key }), { kind: 'validation', status: 422, code: 'idempotency_key_reused' });
    await aftermath(ctx, [OPEN, OPEN_2]);
  }),
  scenario('idempotency: a decline is the key’s outcome (replayed); a corrected attempt needs a new key', 'typical', async (ctx) => {
    const key = ctx.key();
    await pay(ctx, 'declined', [OPEN], EXPIRED_MC, undefined, key)({ kind: 'declined', code: 'expired_card' });
    await pay(ctx, 'the same again', [OPEN], EXPIRED_MC, undefined, key)({ kind: 'declined', code: 'expired_card' });
    await pay(ctx, 'another card with the same key', [OPEN], VISA, undefined, key)({ kind: 'validation', code: 'idempotency_key_reused' });
    await pay(ctx, 'another card with a new key', [OPEN], VISA)('ok');
    await aftermath(ctx, [OPEN]);
  }),
  scenario('idempotency: a refused request (422/409) keeps no outcome, so its key may be used again', 'typical', async (ctx) => {
    const key = ctx.key();
    await pay(ctx, 'too large', [OPEN], VISA, 10_000_000, key)({ kind: 'validation', code: 'amount_too_large' });
    await pay(ctx, 'corrected, same key', [OPEN], VISA, undefined, key)('ok');
    await ctx.call('a method added twice with one key', async (api) => {
      const k = ctx.key();
      const a = await api.addPaymentMethod(rawCard('5555555555554444'), { idempotencyKey: k });
      const b = await api.addPaymentMethod(rawCard('5555555555554444'), { idempotencyKey: k });
      return [a, b];
    }, 'ok');
    await ctx.call('methods', (api) => api.listPaymentMethods(), 'ok');
  }),

  // --- payment methods -------------------------------------------------------------------------
  scenario('methods: list with the gateway, on each account', 'typical', async (ctx) => {
    await ctx.call('typical', (api) => api.listPaymentMethods(), 'ok');
  }),
  ...(['jpy', 'empty'] as const).map((login) =>
    scenario(`methods: list on ${login}`, login, async (ctx) => {
      await ctx.call('list', (api) => api.listPaymentMethods(), 'ok');
    }),
  ),
  scenario('methods: add raw test cards (billing address, set_default) and pay with one', 'typical', async (ctx) => {
    await addMethod(ctx, 'amex with an address', rawCard('378282246310005', { billing_address: ADDRESS }), 'ok');
    const made = await addMethod(ctx, 'mastercard as default', rawCard('5555555555554444', { set_default: true }), 'ok');
    await ctx.call('list', (api) => api.listPaymentMethods(), 'ok');
    if (made) await pay(ctx, 'pay with it', [OPEN], made.id)('ok');
    await ctx.call('account', (api) => api.getAccount(), 'ok');
  }),
  scenario('methods: the first method of an account becomes its default', 'empty', async (ctx) => {
    await addMethod(ctx, 'first card', rawCard('4242424242424242'), 'ok');
    await addMethod(ctx, 'second card', rawCard('5555555555554444'), 'ok');
    await ctx.call('list', (api) => api.listPaymentMethods(), 'ok');
    await addMethod(ctx, 'a bank account in EUR', bankAccount('000123456789'), { kind: 'validation', status: 422, fields: ['type'] });
  }),
  scenario('methods: a card token is saved once; unknown and used tokens are a 422 naming token', 'typical', async (ctx) => {
    const token = await ctx.world.cardToken(ctx.api, { number: '4000000000000002', exp_month: 6, exp_year: 2031, cvc: '123' });
    const method = await addMethod(ctx, 'by token', { type: 'card', token }, 'ok');
    await addMethod(ctx, 'the same token again', { type: 'card', token }, { kind: 'validation', status: 422, code: 'validation_failed', fields: ['token'] });
    await addMethod(ctx, 'an unknown token', { type: 'card', token: 'tok_unknown' }, { kind: 'validation', status: 422, fields: ['token'] });
    await addMethod(ctx, 'neither token nor card', { type: 'card' }, { kind: 'validation', status: 422, fields: ['token'] });
    if (method) await pay(ctx, 'charging the tokenised decline card', [OPEN], method.id)({ kind: 'declined', code: 'card_declined' });
    await ctx.call('list', (api) => api.listPaymentMethods(), 'ok');
  }),
  scenario('methods: card validation (Luhn, expiry, malformed fields)', 'typical', async (ctx) => {
    await addMethod(ctx, 'not Luhn-valid', rawCard('4242424242424241'), { kind: 'validation', status: 422, fields: ['card.number'] });
    await addMethod(ctx, 'expired', { type: 'card', card: { number: '4242424242424242', exp_month: 1, exp_year: 2021, cvc: '123' } }, { kind: 'validation', status: 422, fields: ['card.exp_month'] });
    await addMethod(ctx, 'letters in the number', rawCard('4242abcd42424242'), { kind: 'validation', status: 400, fields: ['card.number'] });
    await addMethod(ctx, 'month 13', { type: 'card', card: { number: '4242424242424242', exp_month: 13, exp_year: 2030, cvc: '123' } }, { kind: 'validation', status: 400, fields: ['card.exp_month'] });
    await addMethod(ctx, 'unknown type', { type: 'paypal' } as never, { kind: 'validation', status: 400, fields: ['type'] });
    await ctx.call('list unchanged', (api) => api.listPaymentMethods(), 'ok');
  }),
  scenario('methods: bank accounts need the mandate and a valid routing number; USD accounts only', 'typical', async (ctx) => {
    await addMethod(ctx, 'with the mandate', bankAccount('000123456789', { billing_address: ADDRESS }), 'ok');
    await addMethod(ctx, 'mandate not accepted', bankAccount('000123456789', { mandate_accepted: false }), { kind: 'validation', status: 422, fields: ['mandate_accepted'] });
    await addMethod(ctx, 'bad routing checksum, no mandate', { ...bankAccount('000123456789', { mandate_accepted: undefined }), bank_account: { account_holder_name: 'N', routing_number: '110000001', account_number: '000123456789', account_type: 'savings' } }, {
      kind: 'validation',
      status: 422,
      fields: ['bank_account.routing_number', 'mandate_accepted'],
    });
    await addMethod(ctx, 'no bank account', { type: 'bank_account', mandate_accepted: true }, { kind: 'validation', status: 422, fields: ['bank_account'] });
    await addMethod(ctx, 'a short routing number', { ...bankAccount('000123456789'), bank_account: { account_holder_name: 'N', routing_number: '1100', account_number: '000123456789', account_type: 'checking' } }, { kind: 'validation', status: 400, fields: ['bank_account.routing_number'] });
    await ctx.call('list', (api) => api.listPaymentMethods(), 'ok');
  }),
  scenario('methods: a card-only account refuses bank accounts', 'jpy', async (ctx) => {
    await addMethod(ctx, 'bank account', bankAccount('000123456789'), { kind: 'validation', status: 422, fields: ['type'] });
  }),
  scenario('methods: update the default, the billing address and the expiry; unknown ids are 404', 'typical', async (ctx) => {
    await ctx.call('bank as default', (api) => api.updatePaymentMethod(BANK, { is_default: true }, { idempotencyKey: ctx.key() }), 'ok');
    await ctx.call('new address on the visa', (api) => api.updatePaymentMethod(VISA, { billing_address: ADDRESS }, { idempotencyKey: ctx.key() }), 'ok');
    await ctx.call('no address on the bank', (api) => api.updatePaymentMethod(BANK, { billing_address: null }, { idempotencyKey: ctx.key() }), 'ok');
    await ctx.call('renewed expiry on the mastercard', (api) => api.updatePaymentMethod(EXPIRED_MC, { exp_month: 3, exp_year: 2031 }, { idempotencyKey: ctx.key() }), 'ok');
    await pay(ctx, 'pay with the renewed card', [OPEN], EXPIRED_MC)('ok');
    await ctx.call('list', (api) => api.listPaymentMethods(), 'ok');
    await ctx.call('unknown id', (api) => api.updatePaymentMethod('pm_nope', { is_default: true }, { idempotencyKey: ctx.key() }), { kind: 'not-found', status: 404, code: 'not_found' });
    await ctx.call('another account’s method', (api) => api.updatePaymentMethod('pm_acct_jpy_visa', { is_default: true }, { idempotencyKey: ctx.key() }), { kind: 'not-found', status: 404 });
    await ctx.call('is_default false', (api) => api.updatePaymentMethod(VISA, { is_default: false } as never, { idempotencyKey: ctx.key() }), { kind: 'validation', status: 400, fields: ['is_default'] });
    await ctx.call('a lower-case country', (api) => api.updatePaymentMethod(VISA, { billing_address: { ...ADDRESS, country: 'us' } }, { idempotencyKey: ctx.key() }), { kind: 'validation', status: 400, fields: ['billing_address.country'] });
    await ctx.call('an address without line1', (api) => api.updatePaymentMethod(VISA, { billing_address: { ...ADDRESS, line1: '' } }, { idempotencyKey: ctx.key() }), { kind: 'validation', status: 400, fields: ['billing_address.line1'] });
  }),
  scenario('methods: a billing address follows its country’s rules (state and ZIP in the US, postal code formats)', 'typical', async (ctx) => {
    const refused = (fields: string[]) => ({ kind: 'validation', status: 422, code: 'validation_failed', fields }) as const;
    const us = { line1: '1 Main Street', city: 'Portland', country: 'US' };
    await addMethod(ctx, 'a US card address without state or ZIP', rawCard('4242424242424242', { billing_address: us }), refused(['billing_address.region', 'billing_address.postal_code']));
    await addMethod(ctx, 'a four-digit ZIP', rawCard('4242424242424242', { billing_address: { ...us, region: 'OR', postal_code: '9720' } }), refused(['billing_address.postal_code']));
    await addMethod(ctx, 'ZIP+4', rawCard('4242424242424242', { billing_address: { ...us, region: 'OR', postal_code: '97201-1234' } }), 'ok');
    await ctx.call('a German address: no state needed', (api) => api.updatePaymentMethod(VISA, { billing_address: { line1: 'Unter den Linden 1', city: 'Berlin', postal_code: '10117', country: 'DE' } }, { idempotencyKey: ctx.key() }), 'ok');
    await ctx.call('a UK postcode in lower case', (api) => api.updatePaymentMethod(VISA, { billing_address: { line1: '10 Downing Street', city: 'London', postal_code: 'sw1a 2aa', country: 'GB' } }, { idempotencyKey: ctx.key() }), 'ok');
    await ctx.call('a UK postcode that is not one', (api) => api.updatePaymentMethod(VISA, { billing_address: { line1: '10 Downing Street', city: 'London', postal_code: '12345', country: 'GB' } }, { idempotencyKey: ctx.key() }), refused(['billing_address.postal_code']));
    await ctx.call('Kuwait: no postal code needed', (api) => api.updatePaymentMethod(VISA, { billing_address: { line1: 'Gulf Road', city: 'Kuwait City', country: 'KW' } }, { idempotencyKey: ctx.key() }), 'ok');
    await ctx.call('the address kept', (api) => api.listPaymentMethods(), 'ok');
  }),
  scenario('methods: an expiry on a bank account is ignored; a default is default once', 'typical', async (ctx) => {
    await ctx.call('expiry on the bank', (api) => api.updatePaymentMethod(BANK, { exp_month: 5, exp_year: 2030 }, { idempotencyKey: ctx.key() }), 'ok');
    await ctx.call('the default made default again', (api) => api.updatePaymentMethod(VISA, { is_default: true }, { idempotencyKey: ctx.key() }), 'ok');
    await ctx.call('an empty patch', (api) => api.updatePaymentMethod(EXPIRED_MC, {}, { idempotencyKey: ctx.key() }), 'ok');
    await ctx.call('list', (api) => api.listPaymentMethods(), 'ok');
  }),
  scenario('methods: delete (not the default while others exist, not autopay’s); unknown ids are 404', 'typical', async (ctx) => {
    await ctx.call('delete the mastercard', (api) => api.deletePaymentMethod(EXPIRED_MC, { idempotencyKey: ctx.key() }), 'ok');
    await ctx.call('delete the default', (api) => api.deletePaymentMethod(VISA, { idempotencyKey: ctx.key() }), { kind: 'conflict', status: 409, code: 'default_payment_method_required' });
    await ctx.call('autopay on the bank', (api) => api.setAutopay({ enabled: true, payment_method_id: BANK }, { idempotencyKey: ctx.key() }), 'ok');
    await ctx.call('delete autopay’s method', (api) => api.deletePaymentMethod(BANK, { idempotencyKey: ctx.key() }), { kind: 'conflict', status: 409, code: 'payment_method_in_use' });
    await ctx.call('delete it again (already gone)', (api) => api.deletePaymentMethod(EXPIRED_MC, { idempotencyKey: ctx.key() }), { kind: 'not-found', status: 404, code: 'not_found' });
    await ctx.call('delete an unknown id', (api) => api.deletePaymentMethod('pm_nope', { idempotencyKey: ctx.key() }), { kind: 'not-found', status: 404 });
    await pay(ctx, 'pay with the deleted card', [OPEN], EXPIRED_MC)({ kind: 'validation', code: 'payment_method_not_found', fields: ['payment_method_id'] });
    await ctx.call('list', (api) => api.listPaymentMethods(), 'ok');
    await ctx.call('payments keep the deleted method’s snapshot', (api) => api.listPayments({ limit: 2 }), 'ok');
  }),
  scenario('methods: the only method (the default) may be deleted', 'jpy', async (ctx) => {
    await ctx.call('delete', (api) => api.deletePaymentMethod('pm_acct_jpy_visa', { idempotencyKey: ctx.key() }), 'ok');
    await ctx.call('list', (api) => api.listPaymentMethods(), 'ok');
    await ctx.call('autopay without a method', (api) => api.setAutopay({ enabled: true }, { idempotencyKey: ctx.key() }), { kind: 'validation', status: 422, code: 'default_payment_method_required', fields: ['payment_method_id'] });
  }),

  // --- autopay ---------------------------------------------------------------------------------
  scenario('autopay: on with the default, on with another method, unknown method, off', 'typical', async (ctx) => {
    await ctx.call('on (default method)', (api) => api.setAutopay({ enabled: true }, { idempotencyKey: ctx.key() }), 'ok');
    await ctx.call('on with the bank', (api) => api.setAutopay({ enabled: true, payment_method_id: BANK }, { idempotencyKey: ctx.key() }), 'ok');
    await ctx.call('on with an unknown method', (api) => api.setAutopay({ enabled: true, payment_method_id: 'pm_nope' }, { idempotencyKey: ctx.key() }), { kind: 'validation', status: 422, code: 'payment_method_not_found', fields: ['payment_method_id'] });
    await ctx.call('account', (api) => api.getAccount(), 'ok');
    await ctx.call('off', (api) => api.setAutopay({ enabled: false }, { idempotencyKey: ctx.key() }), 'ok');
    await ctx.call('delete the bank now', (api) => api.deletePaymentMethod(BANK, { idempotencyKey: ctx.key() }), 'ok');
    await ctx.call('enabled is not a boolean', (api) => api.setAutopay({ enabled: 'yes' } as never, { idempotencyKey: ctx.key() }), { kind: 'validation', status: 400, fields: ['enabled'] });
    await ctx.call('an unknown field', (api) => api.setAutopay({ enabled: true, day: 3 } as never, { idempotencyKey: ctx.key() }), { kind: 'validation', status: 400, fields: ['day'] });
  }),
  scenario('autopay: the same key replays; the default after a change of default', 'typical', async (ctx) => {
    const key = ctx.key();
    await ctx.call('on', (api) => api.setAutopay({ enabled: true }, { idempotencyKey: key }), 'ok');
    await ctx.call('on again, same key', (api) => api.setAutopay({ enabled: true }, { idempotencyKey: key }), 'ok');
    await ctx.call('off with that key', (api) => api.setAutopay({ enabled: false }, { idempotencyKey: key }), { kind: 'validation', code: 'idempotency_key_reused' });
    await ctx.call('bank as default', (api) => api.updatePaymentMethod(BANK, { is_default: true }, { idempotencyKey: ctx.key() }), 'ok');
    await ctx.call('the old default is autopay’s, so it cannot go', (api) => api.deletePaymentMethod(VISA, { idempotencyKey: ctx.key() }), { kind: 'conflict', code: 'payment_method_in_use' });
    await ctx.call('on again (new key): now the bank', (api) => api.setAutopay({ enabled: true }, { idempotencyKey: ctx.key() }), 'ok');
    await ctx.call('the visa can go now', (api) => api.deletePaymentMethod(VISA, { idempotencyKey: ctx.key() }), 'ok');
    await ctx.call('account', (api) => api.getAccount(), 'ok');
  }),
  scenario('autopay: an account without methods cannot turn it on', 'empty', async (ctx) => {
    await ctx.call('on', (api) => api.setAutopay({ enabled: true }, { idempotencyKey: ctx.key() }), { kind: 'validation', status: 422, code: 'default_payment_method_required', fields: ['payment_method_id'] });
    await ctx.call('off', (api) => api.setAutopay({ enabled: false }, { idempotencyKey: ctx.key() }), 'ok');
  }),

  // --- capabilities ----------------------------------------------------------------------------
  scenario('capabilities: a billing viewer reads everything but every write is 403 forbidden', 'viewer', async (ctx) => {
    await ctx.call('account', (api) => api.getAccount(), 'ok');
    await ctx.call('invoices', (api) => api.listInvoices({ status: 'open' }), 'ok');
    await ctx.call('invoice', (api) => api.getInvoice(OPEN), 'ok');
    await ctx.call('payments', (api) => api.listPayments({ limit: 2 }), 'ok');
    await ctx.call('payment', (api) => api.getPayment('py_1_000030'), 'ok');
    await ctx.call('methods', (api) => api.listPaymentMethods(), 'ok');
    const forbidden = { kind: 'forbidden', status: 403, code: 'forbidden' } as const;
    await pay(ctx, 'pay', [OPEN], VISA)(forbidden);
    await pay(ctx, 'pay with an unknown method (403 before validation)', [OPEN], 'pm_nope')(forbidden);
    await addMethod(ctx, 'add a card', rawCard('4242424242424242'), forbidden);
    await ctx.call('update', (api) => api.updatePaymentMethod(BANK, { is_default: true }, { idempotencyKey: ctx.key() }), forbidden);
    await ctx.call('delete', (api) => api.deletePaymentMethod(EXPIRED_MC, { idempotencyKey: ctx.key() }), forbidden);
    await ctx.call('autopay', (api) => api.setAutopay({ enabled: true }, { idempotencyKey: ctx.key() }), forbidden);
    await aftermath(ctx, [OPEN]);
    await ctx.call('methods unchanged', (api) => api.listPaymentMethods(), 'ok');
  }),

  // --- licenses ---------------------------------------------------------------------------------
  scenario('licenses: the public catalogue, and the licenses of an account with and without a contract', 'typical', async (ctx) => {
    await ctx.call('pricing', (api) => api.getPricing(), 'ok');
    await ctx.call('licenses', (api) => api.listLicenses(), 'ok');
  }),
  scenario('licenses: an account without a contract has none and cannot quote', 'empty', async (ctx) => {
    await ctx.call('licenses', (api) => api.listLicenses(), 'ok');
    await quote(ctx, 'quote analytics', 'prod_analytics', 1)({ kind: 'validation', status: 422, code: 'product_not_licensed', fields: ['additional_quantity'] });
    await ctx.call('no orders', (api) => api.listOrders(), 'ok');
    await ctx.call('no transactions', (api) => api.listTransactions(), 'ok');
  }),
  scenario('licenses: a quote prorates to the term’s end; the same request quotes the same quote; refusals name the quantity', 'typical', async (ctx) => {
    await quote(ctx, 'workspace +3 (by day)', 'prod_workspace', 3)('ok');
    await quote(ctx, 'workspace +3 again: the same quote', 'prod_workspace', 3)('ok');
    await quote(ctx, 'analytics +2 (by month)', 'prod_analytics', 2)('ok');
    const refused = (code: string): Expect => ({ kind: 'validation', status: 422, code, fields: ['additional_quantity'] });
    await quote(ctx, 'zero', 'prod_workspace', 0)(refused('quantity_not_positive'));
    await quote(ctx, 'a decrease', 'prod_workspace', -5)(refused('license_decrease_not_self_service'));
    await quote(ctx, 'beyond the plan’s maximum (25 of 500)', 'prod_workspace', 476)(refused('quantity_above_maximum'));
    await quote(ctx, 'up to the maximum', 'prod_workspace', 475)('ok');
    await quote(ctx, 'data residency (sold by the account manager)', 'prod_residency', 1)(refused('product_not_self_service'));
    await quote(ctx, 'an unknown product', 'prod_nope', 1)({ kind: 'not-found', status: 404, code: 'not_found' });
    await quote(ctx, 'not a whole number', 'prod_workspace', 1.5)({ kind: 'validation', status: 400, fields: ['additional_quantity'] });
  }),
  scenario('licenses: JPY and KWD quotes round in their own minor units', 'jpy', async (ctx) => {
    await quote(ctx, 'workspace +7', 'prod_workspace', 7)('ok');
    await ctx.call('licenses', (api) => api.listLicenses(), 'ok');
  }),
  scenario('licenses: KWD pays orders by card only', 'kwd', async (ctx) => {
    const q = await quote(ctx, 'analytics +1', 'prod_analytics', 1)('ok');
    await order(ctx, 'invoice me', q?.id ?? '', { type: 'invoice' })({ kind: 'validation', status: 422, code: 'invoice_payment_not_allowed', fields: ['payment'] });
    await order(ctx, 'an unknown method', q?.id ?? '', { type: 'payment_method', payment_method_id: 'pm_nope' })({ kind: 'validation', status: 422, code: 'payment_method_not_found', fields: ['payment_method_id'] });
    await order(ctx, 'an unknown quote', 'lq_nope', { type: 'payment_method', payment_method_id: 'pm_acct_kwd_visa' })({ kind: 'validation', status: 422, code: 'quote_not_found', fields: ['quote_id'] });
    await order(ctx, 'by card', q?.id ?? '', { type: 'payment_method', payment_method_id: 'pm_acct_kwd_visa' })('ok');
    await ctx.call('account after', (api) => api.getAccount(), 'ok');
  }),
  scenario('licenses: an order by card is paid at once, pending until provisioned; the same key replays it; the quote is consumed', 'typical', async (ctx) => {
    const q = await ctx.must('quote workspace +2', (api) => api.createLicenseQuote({ product_id: 'prod_workspace', additional_quantity: 2 }, { idempotencyKey: ctx.key() }));
    const key = ctx.key();
    const placed = await order(ctx, 'order by card', q.id, { type: 'payment_method', payment_method_id: VISA }, key)('ok');
    await order(ctx, 'the same key again: the same order', q.id, { type: 'payment_method', payment_method_id: VISA }, key)('ok');
    await order(ctx, 'a new key for the same quote', q.id, { type: 'invoice' })({ kind: 'conflict', status: 409, code: 'quote_already_ordered' });
    if (!placed) return;
    await ctx.call('the order', (api) => api.getOrder(placed.id), 'ok');
    await ctx.call('licenses while pending', (api) => api.listLicenses(), 'ok');
    await ctx.call('its invoice', (api) => api.getInvoice(placed.invoice_id!), 'ok');
    await ctx.call('its payment', (api) => api.getPayment(placed.payment_id!), 'ok');
    await ctx.call('account after', (api) => api.getAccount(), 'ok');
    await ctx.world.provision(ctx.api, placed.id);
    await ctx.call('the order, provisioned', (api) => api.getOrder(placed.id), 'ok');
    await ctx.call('licenses after', (api) => api.listLicenses(), 'ok');
    await ctx.call('orders', (api) => api.listOrders(), 'ok');
    await ctx.call('another account’s order id', (api) => api.getOrder('ord_nope'), { kind: 'not-found', status: 404, code: 'not_found' });
    await ctx.call('the newest transactions', (api) => api.listTransactions({ limit: 3 }), 'ok');
    await ctx.call('license purchases', (api) => api.listTransactions({ type: 'license_purchase' }), 'ok');
  }),
  scenario('licenses: “invoice me”, a declined card then another method, and an expired quote with today’s price', 'typical', async (ctx) => {
    const invoiced = await quote(ctx, 'analytics +3', 'prod_analytics', 3)('ok');
    const placed = await order(ctx, 'invoice me', invoiced?.id ?? '', { type: 'invoice' })('ok');
    if (placed?.invoice_id) await ctx.call('the open invoice', (api) => api.getInvoice(placed.invoice_id!), 'ok');
    await ctx.call('account after the invoice', (api) => api.getAccount(), 'ok');

    const declining = await addMethod(ctx, 'a card that is declined', rawCard(TEST_CARDS.find((c) => c.outcome === 'card_declined')!.number), 'ok');
    const q = await quote(ctx, 'workspace +4', 'prod_workspace', 4)('ok');
    await order(ctx, 'declined', q?.id ?? '', { type: 'payment_method', payment_method_id: declining?.id ?? '' })({ kind: 'declined', status: 402, code: 'card_declined' });
    await ctx.call('licenses unchanged', (api) => api.listLicenses(), 'ok');
    await order(ctx, 'the same quote with the visa', q?.id ?? '', { type: 'payment_method', payment_method_id: VISA })('ok');

    const stale = await quote(ctx, 'workspace +5', 'prod_workspace', 5)('ok');
    if (stale) await ctx.world.expireQuote(ctx.api, stale.id);
    await order(ctx, 'the expired quote', stale?.id ?? '', { type: 'invoice' })({ kind: 'conflict', status: 409, code: 'quote_expired' });
    await quote(ctx, 'workspace +5 again: today’s quote', 'prod_workspace', 5)('ok');
    await ctx.call('orders', (api) => api.listOrders({ limit: 2 }), 'ok');
  }),
  scenario('licenses: a billing viewer sees licenses, orders and transactions but cannot quote or order', 'viewer', async (ctx) => {
    await ctx.call('licenses', (api) => api.listLicenses(), 'ok');
    await ctx.call('orders', (api) => api.listOrders(), 'ok');
    await ctx.call('transactions', (api) => api.listTransactions({ limit: 2 }), 'ok');
    const forbidden = { kind: 'forbidden', status: 403, code: 'forbidden' } as const;
    await quote(ctx, 'quote', 'prod_workspace', 1)(forbidden);
    await order(ctx, 'order', 'lq_nope', { type: 'invoice' })(forbidden);
  }),

  // --- add-ons ---------------------------------------------------------------------------------
  scenario('add-ons: the list; enabling a monthly one is previewed (the same preview twice), invoiced, replayed by its key, and consumes its preview', 'typical', async (ctx) => {
    const audit = 'addon_typical_audit_export';
    await ctx.call('add-ons', (api) => api.listAddons(), 'ok');
    const p = await preview(ctx, 'preview enabling the audit export', audit, 'enable')('ok');
    await preview(ctx, 'again: the same preview', audit, 'enable')('ok');
    const key = ctx.key();
    const made = await change(ctx, 'enable', audit, 'enable', p?.id ?? '', key)('ok');
    await change(ctx, 'the same key again: the same change', audit, 'enable', p?.id ?? '', key)('ok');
    await change(ctx, 'a new key for the same preview', audit, 'enable', p?.id ?? '')({ kind: 'conflict', status: 409, code: 'addon_state_changed' });
    if (made?.invoice_id) await ctx.call('its invoice', (api) => api.getInvoice(made.invoice_id!), 'ok');
    await ctx.call('account after', (api) => api.getAccount(), 'ok');
    await ctx.call('add-ons after', (api) => api.listAddons(), 'ok');
    await ctx.call('the newest transactions', (api) => api.listTransactions({ limit: 3 }), 'ok');
  }),
  scenario('add-ons: disabling credits the unused part; one-time and per-use previews; refusals', 'typical', async (ctx) => {
    const support = 'addon_typical_priority_support';
    const p = await preview(ctx, 'preview disabling priority support', support, 'disable')('ok');
    await change(ctx, 'disable', support, 'disable', p?.id ?? '')('ok');
    await ctx.call('account after the credit', (api) => api.getAccount(), 'ok');
    await ctx.call('credits in the ledger', (api) => api.listTransactions({ type: 'credit' }), 'ok');
    await preview(ctx, 'one-time: the workshop', 'addon_typical_onboarding', 'enable')('ok');
    await preview(ctx, 'per use: disabling SMS', 'addon_typical_sms', 'disable')('ok');
    await preview(ctx, 'yearly: single sign-on, with the contract term', 'addon_typical_sso', 'enable')('ok');
    const conflict = { kind: 'conflict', status: 409, code: 'addon_state_changed' } as const;
    await preview(ctx, 'enabling what is enabled', 'addon_typical_sms', 'enable')(conflict);
    await preview(ctx, 'a pending add-on', 'addon_typical_dedicated_ip', 'disable')(conflict);
    await preview(ctx, 'an unknown add-on', 'addon_nope', 'enable')({ kind: 'not-found', status: 404, code: 'not_found' });
    const audit = await preview(ctx, 'preview the audit export', 'addon_typical_audit_export', 'enable')('ok');
    await change(ctx, 'that preview for another add-on', 'addon_typical_sso', 'enable', audit?.id ?? '')({ kind: 'validation', status: 422, code: 'preview_mismatch', fields: ['preview_id'] });
    await change(ctx, 'an unknown preview', 'addon_typical_sso', 'enable', 'adp_nope')({ kind: 'validation', status: 422, code: 'preview_not_found', fields: ['preview_id'] });
    if (audit) await ctx.world.expireAddonPreview(ctx.api, audit.id);
    await change(ctx, 'the expired preview', 'addon_typical_audit_export', 'enable', audit?.id ?? '')({ kind: 'conflict', status: 409, code: 'preview_expired' });
    await ctx.world.provisionAddon(ctx.api, 'addon_typical_dedicated_ip');
    await ctx.call('the dedicated IP, provisioned', (api) => api.listAddons(), 'ok');
  }),
  scenario('add-ons: yen and dinars round in their own minor units', 'jpy', async (ctx) => {
    await preview(ctx, 'enable the audit export', 'addon_jpy_audit_export', 'enable')('ok');
    await preview(ctx, 'disable priority support', 'addon_jpy_priority_support', 'disable')('ok');
  }),
  scenario('add-ons: a billing viewer sees them but cannot preview or change them', 'viewer', async (ctx) => {
    await ctx.call('add-ons', (api) => api.listAddons(), 'ok');
    const forbidden = { kind: 'forbidden', status: 403, code: 'forbidden' } as const;
    await preview(ctx, 'preview', 'addon_typical_audit_export', 'enable')(forbidden);
    await change(ctx, 'enable', 'addon_typical_audit_export', 'enable', 'adp_nope')(forbidden);
  }),

  // --- credits ---------------------------------------------------------------------------------
  scenario('credits: a disable’s credit pays the oldest open invoices; an enable’s invoice is paid from what is left; the list, its filter and cursor', 'typical', async (ctx) => {
    await ctx.call('no credits yet', (api) => api.listCredits(), 'ok');
    const support = 'addon_typical_priority_support';
    const p = await preview(ctx, 'preview disabling priority support', support, 'disable')('ok');
    await change(ctx, 'disable', support, 'disable', p?.id ?? '')('ok');
    await ctx.call('the credit and where it went', (api) => api.listCredits(), 'ok');
    await ctx.call('open invoices after', (api) => api.listInvoices({ status: 'open' }), 'ok');
    await ctx.call('the invoice it paid', (api) => api.getInvoice(OPEN), 'ok');
    await ctx.call('account: balance and available credit', (api) => api.getAccount(), 'ok');
    const audit = await preview(ctx, 'preview the audit export', 'addon_typical_audit_export', 'enable')('ok');
    const made = await change(ctx, 'enable', 'addon_typical_audit_export', 'enable', audit?.id ?? '')('ok');
    if (made?.invoice_id) await ctx.call('its invoice, paid from the credit', (api) => api.getInvoice(made.invoice_id!), 'ok');
    await ctx.call('credits after', (api) => api.listCredits({ status: 'available' }), 'ok');
    await ctx.call('account after', (api) => api.getAccount(), 'ok');
    await ctx.call('the ledger: the credit once, no row for applying it', (api) => api.listTransactions({ limit: 3 }), 'ok');
    await ctx.call('an unknown filter', (api) => api.listCredits({ status: 'spent' as never }), { kind: 'validation', status: 400, fields: ['status'] });
  }),

  // --- address book ----------------------------------------------------------------------------
  scenario('addresses: each account’s book; the use filter; pages of one walked; an unknown use or another filter’s cursor is a 400', 'typical', async (ctx) => {
    await ctx.call('the book', (api) => api.listAddresses(), 'ok');
    await walk(ctx, 'limit 1', (api, cursor) => api.listAddresses({ limit: 1, cursor }));
    for (const use of ['billing', 'shipping', 'residential'] as const) await ctx.call(`only ${use}`, (api) => api.listAddresses({ use }), 'ok');
    await ctx.call('an unknown use', (api) => api.listAddresses({ use: 'office' as never }), { kind: 'validation', status: 400, fields: ['use'] });
    const shipping = await ctx.must('shipping limit 1', (api) => api.listAddresses({ use: 'shipping', limit: 1 }));
    await ctx.call('that cursor without the filter', (api) => api.listAddresses({ cursor: shipping.next_cursor }), { kind: 'validation', status: 400, fields: ['cursor'] });
  }),
  ...(['jpy', 'kwd', 'empty', 'viewer'] as const).map((login) =>
    scenario(`addresses: the book of ${login}`, login, async (ctx) => {
      await ctx.call('the book', (api) => api.listAddresses(), 'ok');
    }),
  ),
  scenario('addresses: the first of a use becomes its default; default_for takes it over; the key replays; another body with it is a 422', 'empty', async (ctx) => {
    const key = ctx.key();
    await addAddress(ctx, 'the first shipping address', { ...US_PLACE, uses: ['shipping'] }, key)('ok');
    await addAddress(ctx, 'the same key again: the same address', { ...US_PLACE, uses: ['shipping'] }, key)('ok');
    await addAddress(ctx, 'that key with another body', { ...US_PLACE, city: 'Salem', uses: ['shipping'] }, key)({ kind: 'validation', status: 422, code: 'idempotency_key_reused' });
    await addAddress(ctx, 'a second shipping address', { ...US_PLACE, line1: '2 Main Street', uses: ['shipping'] })('ok');
    await addAddress(ctx, 'billing and shipping, the shipping default', { ...US_PLACE, line1: '3 Main Street', uses: ['shipping', 'billing'], default_for: ['shipping'] })('ok');
    await addAddress(ctx, 'default of a use it does not have', { ...US_PLACE, uses: ['shipping'], default_for: ['residential'] })({ kind: 'validation', status: 422, code: 'validation_failed', fields: ['default_for'] });
    await ctx.call('the book', (api) => api.listAddresses(), 'ok');
  }),
  scenario('addresses: the country rules of billing addresses (US, Canada, Japan, the Emirates, Kuwait) and malformed bodies', 'typical', async (ctx) => {
    const refused = (fields: string[]) => ({ kind: 'validation', status: 422, code: 'validation_failed', fields }) as const;
    const malformed = (fields: string[]) => ({ kind: 'validation', status: 400, code: 'validation_failed', fields }) as const;
    const us = { line1: '1 Main Street', city: 'Portland', country: 'US', uses: ['shipping'] } satisfies NewSavedAddress;
    await addAddress(ctx, 'a US address without state or ZIP', us)(refused(['region', 'postal_code']));
    await addAddress(ctx, 'a four-digit ZIP', { ...us, region: 'OR', postal_code: '9720' })(refused(['postal_code']));
    await addAddress(ctx, 'a state that is none', { ...us, region: 'Oregano', postal_code: '97201' })(refused(['region']));
    await addAddress(ctx, 'a state by its name, ZIP+4', { ...us, region: 'oregon', postal_code: '97201-1234' })('ok');
    const ca = { line1: '1000 Rue Sherbrooke', city: 'Montréal', region: 'QC', country: 'CA', uses: ['shipping'] } satisfies NewSavedAddress;
    await addAddress(ctx, 'a Canadian postal code cut short', { ...ca, postal_code: 'H3Z 2Y' })(refused(['postal_code']));
    await addAddress(ctx, 'a Canadian postal code without its space', { ...ca, postal_code: 'h3z2y7' })('ok');
    const jp = { line1: '丸の内1-1-1', city: '千代田区', postal_code: '100-0005', country: 'JP', uses: ['shipping'] } satisfies NewSavedAddress;
    await addAddress(ctx, 'Japan without a prefecture', jp)(refused(['region']));
    await addAddress(ctx, 'a prefecture that is none', { ...jp, region: 'Atlantis' })(refused(['region']));
    await addAddress(ctx, 'Tokyo by its Latin name', { ...jp, region: 'Tokyo' })('ok');
    await addAddress(ctx, 'the Emirates: no postal codes', { line1: 'Sheikh Zayed Road 1', city: 'Dubai', region: 'Dubai', country: 'AE', uses: ['shipping'] })('ok');
    await addAddress(ctx, 'Kuwait: no postal code needed', { line1: 'Gulf Road', city: 'Kuwait City', country: 'KW', uses: ['shipping'] })('ok');
    await patchAddress(ctx, 'the billing address moved to Canada as it is', 'adr_typical_billing', { country: 'CA' })(refused(['region', 'postal_code']));
    await addAddress(ctx, 'no line1', { ...US_PLACE, line1: '', uses: ['shipping'] })(malformed(['line1']));
    await addAddress(ctx, 'a lower-case country', { ...US_PLACE, country: 'us', uses: ['shipping'] })(malformed(['country']));
    await addAddress(ctx, 'no uses', { ...US_PLACE, uses: [] })(malformed(['uses']));
    await addAddress(ctx, 'a use twice', { ...US_PLACE, uses: ['billing', 'billing'] })(malformed(['uses']));
    await addAddress(ctx, 'an unknown use', { ...US_PLACE, uses: ['office' as never] })(malformed(['uses.0']));
    await patchAddress(ctx, 'line1 null', 'adr_typical_east', { line1: null as never })(malformed(['line1']));
    await deleteAddress(ctx, 'an empty replacement', 'adr_typical_east', '')(malformed(['replacement']));
    await ctx.call('the book after', (api) => api.listAddresses({ limit: 100 }), 'ok');
  }),
  scenario('addresses: default_for moves the default in one write; fields; a default use removed needs a replacement with that use', 'typical', async (ctx) => {
    await patchAddress(ctx, 'the east office as shipping default', 'adr_typical_east', { default_for: ['shipping'] })('ok');
    await patchAddress(ctx, 'renamed, no line 2, another ZIP', 'adr_typical_east', { name: 'East office', line2: null, postal_code: '10001' })('ok');
    await patchAddress(ctx, 'an empty patch', 'adr_typical_east', {})('ok');
    await patchAddress(ctx, 'default of a use it does not have', 'adr_typical_east', { default_for: ['billing'] })({ kind: 'validation', status: 422, code: 'validation_failed', fields: ['default_for'] });
    await ctx.call('the book', (api) => api.listAddresses(), 'ok');
    await ctx.call('shipping no longer the east office’s, without a replacement', (api) => refusalOf(api.updateAddress('adr_typical_east', { uses: ['billing'] }, { idempotencyKey: ctx.key() })), 'ok');
    const invalid: Expect = { kind: 'validation', status: 422, code: 'invalid_replacement', fields: ['replacement'] };
    for (const replacement of ['adr_typical_home', 'adr_nope', 'adr_typical_east', 'adr_jpy_osaka']) {
      await patchAddress(ctx, `replaced by ${replacement}`, 'adr_typical_east', { uses: ['billing'], replacement })(invalid);
    }
    await patchAddress(ctx, 'replaced by the warehouse', 'adr_typical_east', { uses: ['billing'], replacement: 'adr_typical_warehouse' })('ok');
    await patchAddress(ctx, 'home gives up residential (no other has it)', 'adr_typical_home', { uses: ['shipping'] })('ok');
    await ctx.call('no residential address', (api) => api.listAddresses({ use: 'residential' }), 'ok');
    await patchAddress(ctx, 'home residential again: its default', 'adr_typical_home', { uses: ['shipping', 'residential'] })('ok');
    await patchAddress(ctx, 'another account’s address', 'adr_jpy_osaka', { name: 'Mine now' })({ kind: 'not-found', status: 404, code: 'not_found' });
    await ctx.call('the book after', (api) => api.listAddresses(), 'ok');
  }),
  scenario('addresses: delete the default with and without a replacement; the last of a use; the key covers the replacement; 404s', 'jpy', async (ctx) => {
    await ctx.call('the head office, the shipping default', (api) => refusalOf(api.deleteAddress('adr_jpy_head_office', {}, { idempotencyKey: ctx.key() })), 'ok');
    const key = ctx.key();
    await deleteAddress(ctx, 'with an unknown replacement', 'adr_jpy_head_office', 'adr_nope', key)({ kind: 'validation', status: 422, code: 'invalid_replacement', fields: ['replacement'] });
    await deleteAddress(ctx, 'with Osaka taking over (the refused key is free)', 'adr_jpy_head_office', 'adr_jpy_osaka', key)('ok');
    await deleteAddress(ctx, 'the same key again', 'adr_jpy_head_office', 'adr_jpy_osaka', key)('ok');
    await deleteAddress(ctx, 'that key with another replacement', 'adr_jpy_head_office', 'adr_jpy_other', key)({ kind: 'validation', status: 422, code: 'idempotency_key_reused' });
    await deleteAddress(ctx, 'gone already', 'adr_jpy_head_office')({ kind: 'not-found', status: 404, code: 'not_found' });
    await ctx.call('the book: Osaka ships, nothing bills', (api) => api.listAddresses(), 'ok');
    await addAddress(ctx, 'a billing address again: its default', { line1: '梅田3-1-1', city: '大阪市北区', region: '大阪府', postal_code: '530-0001', country: 'JP', uses: ['billing'] })('ok');
    await deleteAddress(ctx, 'the last shipping address', 'adr_jpy_osaka')('ok');
    await deleteAddress(ctx, 'another account’s address', 'adr_typical_east')({ kind: 'not-found', status: 404, code: 'not_found' });
    await ctx.call('the book after', (api) => api.listAddresses(), 'ok');
  }),
  scenario('addresses: payment_methods follows the methods’ billing addresses (case and spaces aside); the methods keep their copies', 'typical', async (ctx) => {
    await ctx.call('the billing address names the three methods', (api) => api.listAddresses({ use: 'billing' }), 'ok');
    const warehouse = { name: 'Shipping desk', line1: '800  INDUSTRIAL way', line2: 'dock 4', city: 'Eugene', region: 'OR', postal_code: '97402', country: 'US' };
    await addMethod(ctx, 'a card billed at the warehouse', rawCard('5555555555554444', { billing_address: warehouse }), 'ok');
    await ctx.call('the Visa billed elsewhere', (api) => api.updatePaymentMethod(VISA, { billing_address: ADDRESS }, { idempotencyKey: ctx.key() }), 'ok');
    await ctx.call('the bank deleted', (api) => api.deletePaymentMethod(BANK, { idempotencyKey: ctx.key() }), 'ok');
    await ctx.call('the book', (api) => api.listAddresses(), 'ok');
    await patchAddress(ctx, 'the warehouse moves (its card stays billed there)', 'adr_typical_warehouse', { line1: '801 Industrial Way' })('ok');
    await deleteAddress(ctx, 'the billing address deleted', 'adr_typical_billing')('ok');
    await ctx.call('the methods keep their billing addresses', (api) => api.listPaymentMethods(), 'ok');
  }),
  scenario('addresses: a billing viewer reads the book but every write is 403', 'viewer', async (ctx) => {
    await ctx.call('the book', (api) => api.listAddresses(), 'ok');
    const forbidden = { kind: 'forbidden', status: 403, code: 'forbidden' } as const;
    await addAddress(ctx, 'add', { ...US_PLACE, uses: ['shipping'] })(forbidden);
    await patchAddress(ctx, 'make a default', 'adr_typical_east', { default_for: ['shipping'] })(forbidden);
    await deleteAddress(ctx, 'delete', 'adr_typical_east')(forbidden);
    await ctx.call('the book unchanged', (api) => api.listAddresses(), 'ok');
  }),

  // --- transactions ----------------------------------------------------------------------------
  scenario('transactions: the ledger walked by 10, each type, a date range; bad filters and cursors are 400', 'typical', async (ctx) => {
    await walk(ctx, 'all limit 10', (api, cursor) => api.listTransactions({ limit: 10, cursor }));
    for (const type of ['invoice', 'payment', 'refund', 'credit', 'license_purchase'] as const) {
      await walk(ctx, `${type} limit 10`, (api, cursor) => api.listTransactions({ type, limit: 10, cursor }));
    }
    await walk(ctx, '2025-10 to 2025-12', (api, cursor) => api.listTransactions({ from: '2025-10-01', to: '2025-12-31', limit: 5, cursor }));
    await ctx.call('an unknown type', (api) => api.listTransactions({ type: 'fees' as never }), { kind: 'validation', status: 400, fields: ['type'] });
    await ctx.call('not a date', (api) => api.listTransactions({ from: '2025-02-30' }), { kind: 'validation', status: 400, fields: ['from'] });
    const page = await ctx.must('payments limit 2', (api) => api.listTransactions({ type: 'payment', limit: 2 }));
    await ctx.call('that cursor for another filter', (api) => api.listTransactions({ type: 'invoice', cursor: page.next_cursor }), { kind: 'validation', status: 400, fields: ['cursor'] });
  }),
  scenario('transactions: a payment made now is the newest movement, and the balance follows it', 'typical', async (ctx) => {
    await pay(ctx, 'pay the open invoice', [OPEN], VISA)('ok');
    await ctx.call('the newest transactions', (api) => api.listTransactions({ limit: 2 }), 'ok');
    await ctx.call('account', (api) => api.getAccount(), 'ok');
  }),
  // --- usage -----------------------------------------------------------------------------------
  scenario('usage: the catalogue, a filtered list walked by 50, a series, and the CSV export', 'typical', async (ctx) => {
    await ctx.call('catalogue', (api) => api.getUsageCatalogue(), 'ok');
    await walk(ctx, 'storage in 2025-11, largest first', (api, cursor) => api.listUsage({ metric: 'storage_gb', from: '2025-11-01', to: '2025-11-30', sort: '-quantity', limit: 50, cursor }));
    await ctx.call('q and invoiced', (api) => api.listUsage({ q: 'nightly', invoiced: 'yes', limit: 20 }), 'ok');
    await ctx.call('weekly series', (api) => api.getUsageSeries({ interval: 'week', from: '2025-10-01', to: '2025-12-31' }), 'ok');
    await ctx.call('per day over 1,000 days', (api) => api.getUsageSeries({ interval: 'day', from: '2022-01-01', to: '2025-01-01' }), { kind: 'validation', status: 400, code: 'range_too_long' });
    await ctx.call(
      'the CSV of 2025-12',
      async (api) => {
        const link = await api.createUsageExport({ format: 'csv', from: '2025-12-01', to: '2025-12-31', columns: ['date', 'description', 'quantity', 'project'] }, { idempotencyKey: ctx.key() });
        return { filename: link.filename, csv: await (await fetch(link.url)).text() };
      },
      'ok',
    );
    await ctx.call('an unknown column', (api) => api.createUsageExport({ format: 'csv', columns: ['nope'] }, { idempotencyKey: ctx.key() }), { kind: 'validation', status: 422, code: 'unknown_column' });
  }),

  // --- users and roles -------------------------------------------------------------------------
  scenario('users: the roles; the typical account’s users walked by 4, members and invitations; bad filters and cursors are 400', 'typical', async (ctx) => {
    await ctx.call('roles', (api) => api.listRoles(), 'ok');
    await walk(ctx, 'users limit 4', (api, cursor) => api.listUsers({ limit: 4, cursor }));
    await ctx.call('invitations', (api) => api.listUsers({ status: 'invited' }), 'ok');
    await walk(ctx, 'members limit 5', (api, cursor) => api.listUsers({ status: 'active', limit: 5, cursor }));
    await ctx.call('an unknown status', (api) => api.listUsers({ status: 'removed' as never }), { kind: 'validation', status: 400, fields: ['status'] });
    const page = await ctx.must('users limit 2', (api) => api.listUsers({ limit: 2 }));
    await ctx.call('that cursor for another filter', (api) => api.listUsers({ status: 'active', cursor: page.next_cursor }), { kind: 'validation', status: 400, fields: ['cursor'] });
  }),
  scenario('users: an invitation, its replay, 409 user_exists (any case), 422 naming each field, 400 for an unknown one', 'typical', async (ctx) => {
    const key = ctx.key();
    const request = { email: ' Ana.Lima@example.com ', name: ' Ana Lima ', role: 'billing_viewer', time_zone: 'America/Sao_Paulo' };
    await ctx.call('invite', (api) => api.inviteUser(request, { idempotencyKey: key }), 'ok');
    await ctx.call('the same invitation again (a retry)', (api) => api.inviteUser(request, { idempotencyKey: key }), 'ok');
    await ctx.call('invitations now', (api) => api.listUsers({ status: 'invited' }), 'ok');
    const exists = { kind: 'conflict', status: 409, code: 'user_exists' } as const;
    await ctx.call('the same address, another key', (api) => api.inviteUser({ ...request, email: 'ana.lima@EXAMPLE.com' }, { idempotencyKey: ctx.key() }), exists);
    await ctx.call('a member’s address', (api) => api.inviteUser({ ...request, email: 'maria.gonzalez@northwind.example' }, { idempotencyKey: ctx.key() }), exists);
    await ctx.call('the key with another body', (api) => api.inviteUser({ ...request, role: 'basic' }, { idempotencyKey: key }), { kind: 'validation', status: 422, code: 'idempotency_key_reused' });
    const invalid = (fields: string[]) => ({ kind: 'validation', status: 422, code: 'validation_failed', fields }) as const;
    await ctx.call('not an address', (api) => api.inviteUser({ ...request, email: 'ana.lima' }, { idempotencyKey: ctx.key() }), invalid(['email']));
    await ctx.call('a blank name', (api) => api.inviteUser({ ...request, email: 'x@example.com', name: ' ' }, { idempotencyKey: ctx.key() }), invalid(['name']));
    await ctx.call('an unknown role', (api) => api.inviteUser({ ...request, email: 'x@example.com', role: 'owner' }, { idempotencyKey: ctx.key() }), invalid(['role']));
    await ctx.call('not a time zone', (api) => api.inviteUser({ ...request, email: 'x@example.com', time_zone: 'Moon/Base' }, { idempotencyKey: ctx.key() }), invalid(['time_zone']));
    await ctx.call('everything wrong', (api) => api.inviteUser({ email: '@', name: '', role: '', time_zone: '' }, { idempotencyKey: ctx.key() }), invalid(['email', 'name', 'role', 'time_zone']));
    await ctx.call('an unknown field', (api) => api.inviteUser({ ...request, admin: true } as never, { idempotencyKey: ctx.key() }), { kind: 'validation', status: 400, fields: ['admin'] });
  }),
  scenario('users: resend and revoke an invitation, change roles, remove a member; 409 not_invited, 422 for a role, 404 across accounts', 'typical', async (ctx) => {
    await ctx.call('resend Hannah’s invitation', (api) => api.resendInvitation('usr_typical_hannah', { idempotencyKey: ctx.key() }), 'ok');
    await ctx.call('resend to a member', (api) => api.resendInvitation('usr_typical_maria', { idempotencyKey: ctx.key() }), { kind: 'conflict', status: 409, code: 'not_invited' });
    await ctx.call('James becomes basic', (api) => api.updateUser('usr_typical_james', { role: 'basic' }, { idempotencyKey: ctx.key() }), 'ok');
    await ctx.call('Hannah’s invitation becomes an administrator’s', (api) => api.updateUser('usr_typical_hannah', { role: 'admin' }, { idempotencyKey: ctx.key() }), 'ok');
    await ctx.call('an unknown role', (api) => api.updateUser('usr_typical_james', { role: 'owner' }, { idempotencyKey: ctx.key() }), { kind: 'validation', status: 422, fields: ['role'] });
    const notFound = { kind: 'not-found', status: 404, code: 'not_found' } as const;
    await ctx.call('another account’s user', (api) => api.updateUser('usr_jpy_basic', { role: 'admin' }, { idempotencyKey: ctx.key() }), notFound);
    await ctx.call('remove another account’s user', (api) => api.removeUser('usr_jpy_basic', { idempotencyKey: ctx.key() }), notFound);
    await ctx.call('resend to no one', (api) => api.resendInvitation('usr_nope', { idempotencyKey: ctx.key() }), notFound);
    await ctx.call('revoke Hannah’s invitation', (api) => api.removeUser('usr_typical_hannah', { idempotencyKey: ctx.key() }), 'ok');
    await ctx.call('remove Priya', (api) => api.removeUser('usr_typical_priya', { idempotencyKey: ctx.key() }), 'ok');
    await ctx.call('remove Priya again', (api) => api.removeUser('usr_typical_priya', { idempotencyKey: ctx.key() }), notFound);
    await ctx.call('the users after', (api) => api.listUsers(), 'ok');
  }),
  scenario('users: nobody changes their own role or removes themselves (typical has two administrators)', 'typical', async (ctx) => {
    await ctx.call('my own role', (api) => api.updateUser('usr_typical_admin', { role: 'basic' }, { idempotencyKey: ctx.key() }), { kind: 'conflict', status: 409, code: 'own_role' });
    await ctx.call('remove myself', (api) => api.removeUser('usr_typical_admin', { idempotencyKey: ctx.key() }), { kind: 'conflict', status: 409, code: 'own_removal' });
    await ctx.call('María can be demoted', (api) => api.updateUser('usr_typical_maria', { role: 'billing_viewer' }, { idempotencyKey: ctx.key() }), 'ok');
  }),
  scenario('users: the last active administrator (kwd’s demo admin) is neither demoted nor removed; an invited administrator does not count', 'kwd', async (ctx) => {
    const lastAdmin = { kind: 'conflict', status: 409, code: 'last_admin' } as const;
    await ctx.call('demote the last administrator', (api) => api.updateUser('usr_kwd_admin', { role: 'basic' }, { idempotencyKey: ctx.key() }), lastAdmin);
    await ctx.call('remove the last administrator', (api) => api.removeUser('usr_kwd_admin', { idempotencyKey: ctx.key() }), lastAdmin);
    await ctx.call('the invitation becomes an administrator’s', (api) => api.updateUser('usr_kwd_yousef', { role: 'admin' }, { idempotencyKey: ctx.key() }), 'ok');
    await ctx.call('still the last active one', (api) => api.updateUser('usr_kwd_admin', { role: 'basic' }, { idempotencyKey: ctx.key() }), lastAdmin);
    await ctx.call('the users', (api) => api.listUsers(), 'ok');
  }),
  scenario('users: a billing viewer reads the roles, and gets 403 on every users call', 'viewer', async (ctx) => {
    await ctx.call('roles', (api) => api.listRoles(), 'ok');
    const forbidden = { kind: 'forbidden', status: 403, code: 'forbidden' } as const;
    await ctx.call('users', (api) => api.listUsers(), forbidden);
    await ctx.call('invite', (api) => api.inviteUser({ email: 'x@example.com', name: 'X', role: 'basic' }, { idempotencyKey: ctx.key() }), forbidden);
    await ctx.call('resend', (api) => api.resendInvitation('usr_typical_hannah', { idempotencyKey: ctx.key() }), forbidden);
    await ctx.call('change a role', (api) => api.updateUser('usr_typical_basic', { role: 'admin' }, { idempotencyKey: ctx.key() }), forbidden);
    await ctx.call('remove', (api) => api.removeUser('usr_typical_basic', { idempotencyKey: ctx.key() }), forbidden);
  }),
];

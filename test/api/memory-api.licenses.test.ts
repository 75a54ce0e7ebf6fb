import { expect } from '@open-wc/testing';
import { MemoryAccountApi } from '../../src/api/memory-api.js';
import { LicenseOrder, LicenseOverview, LicenseQuote, Pricing, TransactionPage } from '../../src/api/schemas/index.js';
import { newIdempotencyKey } from '../../src/api/idempotency.js';
import { quoteAmounts } from '../../src/api/licensing.js';
import { priceForQuantity } from '../../src/api/price-math.js';
import { FIXTURE_NAMES } from '../../src/api/fixtures/generate.js';
import { rejection } from '../helpers/rejection.js';

const VISA = 'pm_acct_typical_visa';
const BANK = 'pm_acct_typical_bank';
const EXPIRED_MC = 'pm_acct_typical_mc';
const key = () => ({ idempotencyKey: newIdempotencyKey() });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('MemoryAccountApi: pricing and licenses', () => {
  it('the catalogue parses and has every price scheme in four currencies, monthly and yearly', async () => {
    const pricing = await new MemoryAccountApi().getPricing();
    expect(Pricing.safeParse(pricing).success).to.equal(true);
    const prices = pricing.products.flatMap((p) => p.plans.flatMap((plan) => plan.prices));
    expect(new Set(prices.map((p) => p.scheme))).to.deep.equal(new Set(['per_seat', 'graduated', 'volume', 'tiered']));
    expect(new Set(prices.map((p) => p.currency))).to.deep.equal(new Set(['USD', 'EUR', 'JPY', 'KWD']));
    expect(new Set(prices.map((p) => p.interval))).to.deep.equal(new Set(['month', 'year']));
  });

  it('price math: graduated charges each seat at its tier, volume all at one, tiered by band', () => {
    const graduated = { currency: 'USD', interval: 'month', scheme: 'graduated', tiers: [{ up_to: 10, unit_amount: 1500 }, { up_to: 50, unit_amount: 1200 }, { up_to: null, unit_amount: 1000 }] };
    expect(priceForQuantity(graduated, 12)).to.equal(10 * 1500 + 2 * 1200);
    expect(priceForQuantity(graduated, 60)).to.equal(10 * 1500 + 40 * 1200 + 10 * 1000);
    const volume = { ...graduated, scheme: 'volume' };
    expect(priceForQuantity(volume, 12)).to.equal(12 * 1200);
    const tiered = { currency: 'USD', interval: 'month', scheme: 'tiered', tiers: [{ up_to: 5, flat_amount: 4900 }, { up_to: 25, flat_amount: 14900 }] };
    expect(priceForQuantity(tiered, 6)).to.equal(14900);
    expect(priceForQuantity(tiered, 26)).to.equal(null);
    expect(priceForQuantity({ ...tiered, scheme: 'stairs' }, 3)).to.equal(null);
  });

  it('every fixture has licenses that parse', async () => {
    for (const fixture of FIXTURE_NAMES) {
      const overview = await new MemoryAccountApi({ fixture }).listLicenses();
      expect(LicenseOverview.safeParse(overview).success, fixture).to.equal(true);
    }
  });

  it('a quote is the server rule’s amounts, and quoting twice gives the same quote', async () => {
    const api = new MemoryAccountApi();
    const quote = await api.createLicenseQuote({ product_id: 'prod_workspace', additional_quantity: 5 }, key());
    expect(LicenseQuote.safeParse(quote).success).to.equal(true);
    const license = api.data.licensing.licenses[0];
    const today = new Date().toISOString().slice(0, 10);
    const expected = quoteAmounts({ license, term: api.data.licensing.term!, additional: 5, today, taxBasisPoints: 825 });
    expect(quote.total).to.deep.equal(expected.total);
    expect(quote.period.end).to.equal(api.data.licensing.term!.end);
    expect(quote.current_quantity).to.equal(25);
    const again = await api.createLicenseQuote({ product_id: 'prod_workspace', additional_quantity: 5 }, key());
    expect(again).to.deep.equal(quote);
    const other = await api.createLicenseQuote({ product_id: 'prod_workspace', additional_quantity: 6 }, key());
    expect(other.id).to.not.equal(quote.id);
  });

  it('decreases, zero, above the maximum, not self-service and unknown products are refused with codes', async () => {
    const api = new MemoryAccountApi();
    const codeOf = async (product_id: string, additional_quantity: number) => (await rejection(api.createLicenseQuote({ product_id, additional_quantity }, key()))).problem?.code;
    expect(await codeOf('prod_workspace', -1)).to.equal('license_decrease_not_self_service');
    expect(await codeOf('prod_workspace', 0)).to.equal('quantity_not_positive');
    expect(await codeOf('prod_workspace', 476)).to.equal('quantity_above_maximum');
    expect(await codeOf('prod_residency', 1)).to.equal('product_not_self_service');
    expect(await codeOf('prod_nothing', 1)).to.equal('not_found');
    const viewer = new MemoryAccountApi({ fixture: 'viewer' });
    expect((await rejection(viewer.createLicenseQuote({ product_id: 'prod_workspace', additional_quantity: 1 }, key()))).status).to.equal(403);
  });

  it('an order with a card: one invoice paid by one payment, pending then provisioned, the quote consumed', async () => {
    const api = new MemoryAccountApi({ provisioningMs: 50 });
    const balance = api.data.account.balance.amount;
    const quote = await api.createLicenseQuote({ product_id: 'prod_workspace', additional_quantity: 3 }, key());
    const order = await api.createLicenseOrder({ quote_id: quote.id, authorization_acknowledged: true, payment: { type: 'payment_method', payment_method_id: VISA } }, key());
    expect(LicenseOrder.safeParse(order).success).to.equal(true);
    expect(order.number).to.match(/^SO-\d{6}$/);
    expect(order.status).to.equal('pending_provisioning');
    expect(order.total).to.deep.equal(quote.total);
    expect((await api.getInvoice(order.invoice_id!)).status).to.equal('paid');
    expect((await api.getPayment(order.payment_id!)).amount).to.deep.equal(quote.total);
    expect((await api.getAccount({ fresh: true })).balance.amount).to.equal(balance);
    const pending = (await api.listLicenses()).licenses[0];
    expect([pending.quantity, pending.pending_quantity, pending.status]).to.deep.equal([25, 3, 'pending_provisioning']);
    const twice = await rejection(api.createLicenseOrder({ quote_id: quote.id, authorization_acknowledged: true, payment: { type: 'invoice' } }, key()));
    expect([twice.status, twice.problem?.code, twice.problem?.order_id]).to.deep.equal([409, 'quote_already_ordered', order.id]);
    await sleep(80);
    expect((await api.getOrder(order.id, { fresh: true })).status).to.equal('provisioned');
    const done = (await api.listLicenses({ fresh: true })).licenses[0];
    expect([done.quantity, done.pending_quantity, done.status]).to.deep.equal([28, 0, 'active']);
    expect((await api.listOrders()).data.map((o) => o.id)).to.deep.equal([order.id]);
  });

  it('invoice me adds an open invoice to the balance; a declined card creates nothing and leaves the quote open', async () => {
    const api = new MemoryAccountApi();
    const quote = await api.createLicenseQuote({ product_id: 'prod_analytics', additional_quantity: 2 }, key());
    const invoices = api.data.invoices.length;
    const declined = await rejection(api.createLicenseOrder({ quote_id: quote.id, authorization_acknowledged: true, payment: { type: 'payment_method', payment_method_id: EXPIRED_MC } }, key()));
    expect([declined.status, declined.problem?.code]).to.deep.equal([402, 'expired_card']);
    expect(api.data.invoices.length).to.equal(invoices);
    const balance = api.data.account.balance.amount;
    const order = await api.createLicenseOrder({ quote_id: quote.id, authorization_acknowledged: true, payment: { type: 'invoice' } }, key());
    expect(order.payment_id).to.equal(null);
    expect((await api.getInvoice(order.invoice_id!)).status).to.equal('open');
    expect((await api.getAccount()).balance.amount).to.equal(balance + quote.total.amount);
  });

  it('an expired quote is a 409 with today’s quote; a missing acknowledgement is a 400', async () => {
    const api = new MemoryAccountApi();
    const quote = await api.createLicenseQuote({ product_id: 'prod_workspace', additional_quantity: 1 }, key());
    api.expireQuote(quote.id);
    const expired = await rejection(api.createLicenseOrder({ quote_id: quote.id, authorization_acknowledged: true, payment: { type: 'payment_method', payment_method_id: BANK } }, key()));
    expect([expired.status, expired.problem?.code]).to.deep.equal([409, 'quote_expired']);
    const fresh = expired.problem?.quote as LicenseQuote;
    expect(LicenseQuote.safeParse(fresh).success).to.equal(true);
    expect(fresh.id).to.not.equal(quote.id);
    const unacknowledged = await rejection(api.createLicenseOrder({ quote_id: fresh.id, authorization_acknowledged: false as true, payment: { type: 'invoice' } }, key()));
    expect(unacknowledged.status).to.equal(400);
    const order = await api.createLicenseOrder({ quote_id: fresh.id, authorization_acknowledged: true, payment: { type: 'payment_method', payment_method_id: BANK } }, key());
    expect((await api.getPayment(order.payment_id!)).status).to.equal('processing');
  });

  it('the same key retried gives the same order once', async () => {
    const api = new MemoryAccountApi();
    const quote = await api.createLicenseQuote({ product_id: 'prod_workspace', additional_quantity: 2 }, key());
    const options = key();
    const body = { quote_id: quote.id, authorization_acknowledged: true as const, payment: { type: 'payment_method' as const, payment_method_id: VISA } };
    const [a, b] = await Promise.all([api.createLicenseOrder(body, options), api.createLicenseOrder(body, options)]);
    expect(a).to.deep.equal(b);
    expect(api.data.licensing.orders.length).to.equal(1);
  });
});

describe('MemoryAccountApi: transactions', () => {
  it('in every fixture the newest running balance is the account’s balance', async () => {
    for (const fixture of FIXTURE_NAMES) {
      const api = new MemoryAccountApi({ fixture });
      const page = await api.listTransactions({ limit: 1 });
      expect(TransactionPage.safeParse(page).success, fixture).to.equal(true);
      expect(page.data[0]?.balance_after.amount ?? 0, fixture).to.equal(api.data.account.balance.amount);
    }
  });

  it('a license purchase appears with its period and order; filters and pages keep the running balance', async () => {
    const api = new MemoryAccountApi();
    const quote = await api.createLicenseQuote({ product_id: 'prod_workspace', additional_quantity: 4 }, key());
    const order = await api.createLicenseOrder({ quote_id: quote.id, authorization_acknowledged: true, payment: { type: 'payment_method', payment_method_id: VISA } }, key());
    const all = await api.listTransactions({ limit: 100 });
    const purchase = all.data.find((t) => t.type === 'license_purchase')!;
    expect([purchase.order_id, purchase.period, purchase.amount]).to.deep.equal([order.id, quote.period, quote.total]);
    expect(all.data[0].balance_after.amount).to.equal((await api.getAccount()).balance.amount);
    const purchases = await api.listTransactions({ type: 'license_purchase' });
    expect(purchases.data.map((t) => t.id)).to.deep.equal([purchase.id]);
    expect(purchases.data[0].balance_after).to.deep.equal(purchase.balance_after);
    const first = await api.listTransactions({ type: 'payment', limit: 10 });
    const second = await api.listTransactions({ type: 'payment', limit: 10, cursor: first.next_cursor });
    expect(second.data[0].occurred_at <= first.data[9].occurred_at).to.equal(true);
    const bad = await rejection(api.listTransactions({ type: 'invoice', cursor: first.next_cursor }));
    expect(bad.problem?.errors?.[0].field).to.equal('cursor');
    const from = all.data[5].occurred_at.slice(0, 10);
    const dated = await api.listTransactions({ from, to: from, limit: 100 });
    expect(dated.data.every((t) => t.occurred_at.startsWith(from))).to.equal(true);
  });
});

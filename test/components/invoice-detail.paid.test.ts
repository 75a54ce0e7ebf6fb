import { expect, fixture, html } from '@open-wc/testing';
import '../../src/components/invoice-detail/acct-invoice-detail.js';
import type { AcctInvoiceDetail } from '../../src/components/invoice-detail/invoice-detail.js';
import { MemoryAccountApi } from '../../src/api/memory-api.js';
import { applyLocale } from '../../src/core/localization.js';
import { formatMoney } from '../../src/core/money.js';
import { formatTimestamp } from '../../src/core/dates.js';
import { waitForIdle } from '../helpers/wait.js';

const TODAY = new Date('2026-05-20T12:00:00Z');
const PAID_ID = 'in_1_000035';
const OPEN_ID = 'in_1_000039';

const text = (node: Node | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

async function render(api: MemoryAccountApi, id: string, locale = 'en'): Promise<AcctInvoiceDetail> {
  const el = await fixture<AcctInvoiceDetail>(html`<acct-invoice-detail .api=${api} invoice-id=${id} locale=${locale}></acct-invoice-detail>`);
  await waitForIdle(el);
  return el;
}

/** [term, value] of the header facts and of the statement summary. */
const pairs = (list: Element | null | undefined) =>
  Array.from(list?.querySelectorAll(':scope > div') ?? [], (row) => [text(row.querySelector('dt')), text(row.querySelector('dd'))]);

describe('acct-invoice-detail: a paid invoice', () => {
  afterEach(() => applyLocale('en'));

  it('shows when it was paid and the payment reference; the statement says Total and a balance due of zero, not "Total balance due"', async () => {
    const api = new MemoryAccountApi({ today: TODAY });
    const payment = api.data.payments.find((p) => p.allocations.some((a) => a.invoice_id === PAID_ID))!;
    const invoice = api.data.invoices.find((inv) => inv.id === PAID_ID)!;
    const el = await render(api, PAID_ID);
    const facts = pairs(el.shadowRoot!.querySelector('.facts'));
    expect(facts).to.deep.include(['Paid on', formatTimestamp(payment.settled_at!, 'en')]);
    expect(facts).to.deep.include(['Payment reference', payment.id]);
    const summary = pairs(el.shadowRoot!.querySelector('[part="summary"] dl'));
    const labels = summary.map(([label]) => label);
    expect(labels).not.to.include('Total balance due');
    expect(summary.at(-2)).to.deep.equal(['Total', formatMoney(invoice.summary.amount_due, 'en')]);
    expect(summary.at(-1)).to.deep.equal(['Balance due', formatMoney({ amount: 0, currency: 'USD' }, 'en')]);
    await expect(el).to.be.accessible();
  });

  it('an open invoice keeps "Total balance due" and shows no paid date or reference', async () => {
    const el = await render(new MemoryAccountApi({ today: TODAY }), OPEN_ID);
    const facts = pairs(el.shadowRoot!.querySelector('.facts')).map(([label]) => label);
    expect(facts).not.to.include('Paid on');
    expect(facts).not.to.include('Payment reference');
    expect(pairs(el.shadowRoot!.querySelector('[part="summary"] dl')).at(-1)![0]).to.equal('Total balance due');
  });

  it('paying an invoice off fills its paid date and reference', async () => {
    const api = new MemoryAccountApi({ today: TODAY });
    const payment = await api.createPayment({ invoice_ids: [OPEN_ID], payment_method_id: 'pm_acct_typical_visa' }, { idempotencyKey: 'k1' });
    const el = await render(api, OPEN_ID);
    expect(pairs(el.shadowRoot!.querySelector('.facts'))).to.deep.include(['Payment reference', payment.id]);
  });

  for (const [locale, paidOn, reference, total, balance] of [
    ['de', 'Bezahlt am', 'Zahlungsreferenz', 'Gesamtbetrag', 'Offener Betrag'],
    ['ar', 'تاريخ الدفع', 'مرجع الدفع', 'الإجمالي', 'الرصيد المستحق'],
  ] as const) {
    it(`in ${locale}: translated labels${locale === 'ar' ? ', right to left' : ''}`, async () => {
      if (locale === 'ar') document.documentElement.dir = 'rtl';
      await applyLocale(locale);
      try {
        const el = await render(new MemoryAccountApi({ today: TODAY }), PAID_ID, locale);
        const facts = pairs(el.shadowRoot!.querySelector('.facts')).map(([label]) => label);
        expect(facts).to.include.members([paidOn, reference]);
        const summary = pairs(el.shadowRoot!.querySelector('[part="summary"] dl')).map(([label]) => label);
        expect(summary.at(-1)).to.equal(balance);
        if (total) expect(summary.at(-2)).to.equal(total);
        await expect(el).to.be.accessible();
      } finally {
        document.documentElement.removeAttribute('dir');
      }
    });
  }
});

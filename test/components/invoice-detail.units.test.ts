import { expect, fixture, html } from '@open-wc/testing';
import '../../src/components/invoice-detail/acct-invoice-detail.js';
import type { AcctInvoiceDetail } from '../../src/components/invoice-detail/invoice-detail.js';
import { MemoryAccountApi } from '../../src/api/memory-api.js';
import type { InvoiceLine } from '../../src/api/schemas/invoice.js';
import { applyLocale } from '../../src/core/localization.js';
import { waitForIdle } from '../helpers/wait.js';

const TODAY = new Date('2026-05-20T12:00:00Z');
const INVOICE_ID = 'in_1_000035';

/** Quantity and unit of each test line, in order. */
const LINES: Array<[number, string]> = [
  [1, 'seat'],
  [8, 'seat'],
  [2, 'seat'],
  [5, 'seat'],
  [11, 'seat'],
  [279, 'invoice'],
  [1, 'invoice'],
  [900, 'GB'],
  [1.5, 'hour'],
  [3, 'Seats'],
  [4, 'pass'],
  [12, 'user'],
  [3, 'widget'],
  [7, 'Lizenz-Bündel'],
];

/** An invoice whose first group holds one line per entry of LINES (the figures stay the fixture's). */
function apiWithUnits(): MemoryAccountApi {
  const api = new MemoryAccountApi({ today: TODAY });
  const invoice = api.data.invoices.find((inv) => inv.id === INVOICE_ID)!;
  const template = invoice.groups[0].lines[0];
  invoice.groups[0].lines = LINES.map(([quantity, unit], i): InvoiceLine => ({ ...template, id: `li_unit_${i}`, quantity, unit }));
  return api;
}

async function quantities(locale: string): Promise<string[]> {
  const el = await fixture<AcctInvoiceDetail>(
    html`<acct-invoice-detail .api=${apiWithUnits()} invoice-id=${INVOICE_ID} locale=${locale}></acct-invoice-detail>`,
  );
  await waitForIdle(el);
  const rows = el.shadowRoot!.querySelectorAll('[part="table"]')[0].querySelectorAll('tbody tr');
  const shown = Array.from(rows, (row) => row.querySelector('td.num bdi')!.textContent!.trim());
  await expect(el).to.be.accessible();
  return shown;
}

describe('acct-invoice-detail: quantities with units', () => {
  afterEach(async () => {
    await applyLocale('en');
    document.documentElement.removeAttribute('dir');
  });

  it('English: known units in the singular or plural the count needs; unknown units as the server sent them', async () => {
    expect(await quantities('en')).to.deep.equal([
      '1 seat',
      '8 seats',
      '2 seats',
      '5 seats',
      '11 seats',
      '279 invoices',
      '1 invoice',
      '900 GB',
      '1.5 hours',
      '3 seats',
      '4 passes',
      '12 users',
      '3 widget',
      '7 Lizenz-Bündel',
    ]);
  });

  it('German: translated units with German plurals; decimal quantities with German digits', async () => {
    await applyLocale('de');
    expect(await quantities('de')).to.deep.equal([
      '1 Platz',
      '8 Plätze',
      '2 Plätze',
      '5 Plätze',
      '11 Plätze',
      '279 Rechnungen',
      '1 Rechnung',
      '900 GB',
      '1,5 Stunden',
      '3 Plätze',
      '4 Tickets',
      '12 Benutzer',
      '3 widget',
      '7 Lizenz-Bündel',
    ]);
  });

  it('French: 1.5 takes the singular (CLDR "one" is every quantity below 2)', async () => {
    await applyLocale('fr');
    const shown = await quantities('fr');
    expect(shown.slice(0, 2)).to.deep.equal(['1 siège', '8 sièges']);
    expect(shown[8]).to.equal('1,5 heure');
    expect(shown[7]).to.equal('900 Go');
  });

  it('Arabic, right to left: dual, few (3-10) and many (11-99) forms', async () => {
    document.documentElement.dir = 'rtl';
    await applyLocale('ar');
    const shown = await quantities('ar');
    expect(shown.slice(0, 6)).to.deep.equal(['1 مقعد', '8 مقاعد', '2 مقعدان', '5 مقاعد', '11 مقعدًا', '279 فاتورة']);
  });

  it('Japanese: one form for every count', async () => {
    await applyLocale('ja');
    const shown = await quantities('ja');
    expect(shown.slice(0, 2)).to.deep.equal(['1 シート', '8 シート']);
    expect(shown[5]).to.equal('279 件');
  });
});

import { expect, fixture, html } from '@open-wc/testing';
import '../../src/components/provider/acct-provider.js';
import '../../src/components/license-summary/acct-license-summary.js';
import '../../src/components/license-purchase/acct-license-purchase.js';
import '../../src/components/transaction-history/acct-transaction-history.js';
import { MemoryAccountApi } from '../../src/api/memory.js';
import { applyLocale } from '../../src/core/localization.js';
import { waitForIdle } from '../helpers/wait.js';
import { until } from './account-helpers.js';

const TODAY = new Date('2026-05-20T12:00:00Z');
const text = (node: Node | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

// Per language: "Buy more" (summary), "Place order" (purchase), "Export CSV" (history), and the
// prorated period in CLDR's words (months), so the purchase's quote reads in the language too.
const LANGUAGES = [
  { locale: 'en', buy: 'Buy more', order: 'Place order', exportCsv: 'Export CSV', months: /month/ },
  { locale: 'de-DE', buy: 'Mehr kaufen', order: 'Bestellung aufgeben', exportCsv: 'CSV exportieren', months: /Monat/ },
  { locale: 'fr-FR', buy: 'Acheter plus', order: 'Passer la commande', exportCsv: 'Exporter en CSV', months: /mois/ },
  { locale: 'es-ES', buy: 'Comprar más', order: 'Realizar pedido', exportCsv: 'Exportar CSV', months: /mes/ },
  { locale: 'ja-JP', buy: '追加購入', order: '注文する', exportCsv: 'CSV をエクスポート', months: /か月/ },
  { locale: 'ar-EG', buy: 'شراء المزيد', order: 'تقديم الطلب', exportCsv: 'تصدير CSV', months: /شهر|أشهر/ },
];

describe('the license elements in every language', () => {
  afterEach(() => applyLocale('en'));

  for (const { locale, buy, order, exportCsv, months } of LANGUAGES) {
    it(`${locale}: summary, purchase (with its quote) and history are translated`, async () => {
      const provider = await fixture<HTMLElement>(
        html`<acct-provider locale=${locale} .api=${new MemoryAccountApi({ fixture: 'typical', today: TODAY })}>
          <acct-license-summary></acct-license-summary>
          <acct-license-purchase product-id="prod_workspace" quote-delay="0"></acct-license-purchase>
          <acct-transaction-history></acct-transaction-history>
        </acct-provider>`,
      );
      await applyLocale(locale);
      await waitForIdle(provider);
      const [summary, purchase, history] = ['acct-license-summary', 'acct-license-purchase', 'acct-transaction-history'].map((tag) => provider.querySelector(tag)!);
      await until(() => purchase.shadowRoot!.querySelector('[part~="quote"]') !== null);
      expect(text(summary.shadowRoot)).to.contain(buy);
      expect(text(purchase.shadowRoot)).to.contain(order);
      expect(text(purchase.shadowRoot!.querySelector('[part~="quote"]'))).to.match(months);
      expect(text(history.shadowRoot)).to.contain(exportCsv);
    });
  }
});

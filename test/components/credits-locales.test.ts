import { expect, fixture, html } from '@open-wc/testing';
import '../../src/components/provider/acct-provider.js';
import '../../src/components/credit-list/acct-credit-list.js';
import '../../src/components/account-summary/acct-account-summary.js';
import { MemoryAccountApi } from '../../src/api/memory.js';
import { applyLocale } from '../../src/core/localization.js';
import { withCredits } from '../../stories/credit-stories-helpers.js';
import { waitForIdle } from '../helpers/wait.js';

const text = (node: Node | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

// Per language: the "Remaining" column, "Used", "Does not expire", the announcement, and the summary's "Available credit".
const LANGUAGES = [
  { locale: 'en', remaining: 'Remaining', used: 'Used', never: 'Does not expire', count: '4 credits', available: 'Available credit' },
  { locale: 'de-DE', remaining: 'Verbleibend', used: 'Aufgebraucht', never: 'Läuft nicht ab', count: '4 Gutschriften', available: 'Verfügbares Guthaben' },
  { locale: 'fr-FR', remaining: 'Restant', used: 'Épuisé', never: 'N’expire pas', count: '4 crédits', available: 'Crédit disponible' },
  { locale: 'es-ES', remaining: 'Restante', used: 'Agotado', never: 'No vence', count: '4 créditos', available: 'Crédito disponible' },
  { locale: 'ja-JP', remaining: '残高', used: '使用済み', never: '期限なし', count: 'クレジット 4 件', available: '利用可能なクレジット' },
  { locale: 'ar-EG', remaining: 'المتبقي', used: 'مُستنفَد', never: 'لا ينتهي', count: '4 أرصدة دائنة', available: 'الرصيد الدائن المتاح' },
];

describe('the credit list and the summary’s available credit in every language', () => {
  afterEach(() => applyLocale('en'));

  for (const { locale, remaining, used, never, count, available } of LANGUAGES) {
    it(`${locale}: columns, badges, expiry and the count are translated`, async () => {
      const provider = await fixture<HTMLElement>(
        html`<acct-provider locale=${locale} .api=${withCredits(new MemoryAccountApi({ fixture: 'typical' }))}>
          <acct-account-summary></acct-account-summary>
          <acct-credit-list></acct-credit-list>
        </acct-provider>`,
      );
      await applyLocale(locale);
      await waitForIdle(provider);
      const root = provider.querySelector('acct-credit-list')!.shadowRoot!;
      expect(Array.from(root.querySelectorAll('[role="columnheader"]')).map((h) => text(h))).to.include(remaining);
      expect(Array.from(root.querySelectorAll('[part="status"]')).map((b) => text(b))).to.include(used);
      expect(text(root.querySelector('[role="table"]'))).to.contain(never);
      expect(text(root.querySelector('[role="status"]'))).to.equal(count);
      const summary = provider.querySelector('acct-account-summary')!.shadowRoot!;
      expect(text(summary.querySelector('.available-credit dt'))).to.equal(available);
    });
  }
});

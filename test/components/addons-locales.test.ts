import { expect, fixture, html } from '@open-wc/testing';
import '../../src/components/provider/acct-provider.js';
import '../../src/components/addon-list/acct-addon-list.js';
import { MemoryAccountApi } from '../../src/api/memory.js';
import { applyLocale } from '../../src/core/localization.js';
import { waitForIdle } from '../helpers/wait.js';
import { until } from './account-helpers.js';

const TODAY = new Date('2026-05-20T12:00:00Z');
const text = (node: Node | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

// Per language: the heading, a monthly price, the Enable button, and the dialog's "invoiced now".
const LANGUAGES = [
  { locale: 'en', heading: 'Add-ons', monthly: 'per month', enable: 'Enable', now: 'Invoiced now' },
  { locale: 'de-DE', heading: 'Add-ons', monthly: 'pro Monat', enable: 'Aktivieren', now: 'Jetzt in Rechnung gestellt' },
  { locale: 'fr-FR', heading: 'Options', monthly: 'par mois', enable: 'Activer', now: 'Facturé maintenant' },
  { locale: 'es-ES', heading: 'Complementos', monthly: 'al mes', enable: 'Activar', now: 'Facturado ahora' },
  { locale: 'ja-JP', heading: 'アドオン', monthly: '月額', enable: '有効にする', now: '今回の請求額' },
  { locale: 'ar-EG', heading: 'الإضافات', monthly: 'شهريًا', enable: 'تفعيل', now: 'يُفوتر الآن' },
];

describe('the add-on list in every language', () => {
  afterEach(() => applyLocale('en'));

  for (const { locale, heading, monthly, enable, now } of LANGUAGES) {
    it(`${locale}: the list and the confirmation dialog are translated`, async () => {
      const provider = await fixture<HTMLElement>(
        html`<acct-provider locale=${locale} .api=${new MemoryAccountApi({ fixture: 'typical', today: TODAY, provisioningMs: 3_600_000 })}>
          <acct-addon-list></acct-addon-list>
        </acct-provider>`,
      );
      await applyLocale(locale);
      await waitForIdle(provider);
      const list = provider.querySelector('acct-addon-list')!;
      const root = list.shadowRoot!;
      expect(text(root.querySelector('[part~="heading"]'))).to.equal(heading);
      expect(text(root)).to.contain(monthly);
      const button = root.querySelector<HTMLButtonElement>('[part~="enable-button"]')!;
      expect(text(button)).to.equal(enable);
      button.click();
      await until(() => !!root.querySelector('dialog[open] [part~="preview"]'));
      expect(text(root.querySelector('[part~="preview"]'))).to.contain(now);
      root.querySelector<HTMLButtonElement>('[part~="cancel-button"]')!.click();
    });
  }
});

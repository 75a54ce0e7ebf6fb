import { expect, fixture, html } from '@open-wc/testing';
import '../../src/components/provider/acct-provider.js';
import '../../src/components/address-book/acct-address-book.js';
import { MemoryAccountApi } from '../../src/api/memory.js';
import { applyLocale } from '../../src/core/localization.js';
import { waitForIdle } from '../helpers/wait.js';
import { until } from './account-helpers.js';

const TODAY = new Date('2026-05-20T12:00:00Z');
const text = (node: Node | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

// Per language: the heading, the default billing badge, Add address, and the country's name.
const LANGUAGES = [
  { locale: 'en', heading: 'Addresses', badge: 'Default billing address', add: 'Add address' },
  { locale: 'de-DE', heading: 'Adressen', badge: 'Standard-Rechnungsadresse', add: 'Adresse hinzufügen' },
  { locale: 'fr-FR', heading: 'Adresses', badge: 'Adresse de facturation par défaut', add: 'Ajouter une adresse' },
  { locale: 'es-ES', heading: 'Direcciones', badge: 'Dirección de facturación predeterminada', add: 'Añadir dirección' },
  { locale: 'ja-JP', heading: '住所', badge: '既定の請求先住所', add: '住所を追加' },
  { locale: 'ar-EG', heading: 'العناوين', badge: 'عنوان الفوترة الافتراضي', add: 'إضافة عنوان' },
];

describe('acct-address-book in every language', () => {
  afterEach(() => applyLocale('en'));

  for (const { locale, heading, badge, add } of LANGUAGES) {
    it(`${locale}: heading, badges, buttons and country names`, async () => {
      const api = new MemoryAccountApi({ fixture: 'typical', today: TODAY });
      const provider = await fixture<HTMLElement>(html`<acct-provider locale=${locale} .api=${api}><acct-address-book></acct-address-book></acct-provider>`);
      await applyLocale(locale);
      await waitForIdle(provider);
      const el = provider.querySelector('acct-address-book')!;
      await until(() => text(el.shadowRoot!.querySelector('[part~="heading"]')) === heading);
      const first = el.shadowRoot!.querySelector('li[part~="entry"]')!;
      expect(text(first.querySelector('[part~="uses"]'))).to.equal(badge);
      expect(text(el.shadowRoot!.querySelector('[part~="add-button"]'))).to.equal(add);
      const country = new Intl.DisplayNames([locale], { type: 'region' }).of('US')!;
      expect(text(first.querySelector('[part~="lines"]'))).to.contain(country);
    });
  }
});

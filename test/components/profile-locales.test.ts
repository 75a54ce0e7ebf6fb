import { expect, fixture, html } from '@open-wc/testing';
import '../../src/components/provider/acct-provider.js';
import '../../src/components/profile/acct-profile.js';
import { MemoryAccountApi } from '../../src/api/memory.js';
import { applyLocale } from '../../src/core/localization.js';
import { waitForIdle } from '../helpers/wait.js';
import { until } from './account-helpers.js';

const TODAY = new Date('2026-05-20T12:00:00Z');
const text = (node: Node | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

// Per language: the heading, the role's name, a label, and the customer-since date in the locale's format.
const LANGUAGES = [
  { locale: 'en', heading: 'Profile', role: 'Administrator', company: 'Company' },
  { locale: 'de-DE', heading: 'Profil', role: 'Administrator', company: 'Unternehmen' },
  { locale: 'fr-FR', heading: 'Profil', role: 'Administrateur', company: 'Entreprise' },
  { locale: 'es-ES', heading: 'Perfil', role: 'Administrador', company: 'Empresa' },
  { locale: 'ja-JP', heading: 'プロフィール', role: '管理者', company: '会社' },
  { locale: 'ar-EG', heading: 'الملف التعريفي', role: 'مسؤول', company: 'الشركة' },
];

describe('acct-profile in every language', () => {
  afterEach(() => applyLocale('en'));

  for (const { locale, heading, role, company } of LANGUAGES) {
    it(`${locale}: heading, labels, role and dates`, async () => {
      const api = new MemoryAccountApi({ fixture: 'typical', today: TODAY });
      const provider = await fixture<HTMLElement>(html`<acct-provider locale=${locale} .api=${api}><acct-profile></acct-profile></acct-provider>`);
      await applyLocale(locale);
      await waitForIdle(provider);
      const el = provider.querySelector('acct-profile')!;
      await until(() => text(el.shadowRoot!.querySelector('[part~="heading"]')) === heading);
      const facts = [...el.shadowRoot!.querySelectorAll('[part~="facts"] > div')].map((div) => [text(div.querySelector('dt')), text(div.querySelector('dd'))]);
      expect(facts[0]).to.deep.equal([company, 'Northwind Traders']);
      expect(facts.map(([, value]) => value)).to.include(role);
      const since = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${api.data.profile.created_on}T00:00:00Z`));
      expect(facts.at(-1)![1]).to.equal(since);
    });
  }
});

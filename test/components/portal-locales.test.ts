import { expect, fixture, html } from '@open-wc/testing';
import '../../src/components/provider/acct-provider.js';
import '../../src/components/portal/acct-portal.js';
import { MemoryAccountApi } from '../../src/api/memory.js';
import { applyLocale } from '../../src/core/localization.js';
import { until } from './account-helpers.js';

const TODAY = new Date('2026-05-20T12:00:00Z');
const text = (node: Node | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

// Per language: the navigation's label and its first and last sections.
const LANGUAGES = [
  { locale: 'en', nav: 'Account', first: 'Overview', last: 'Profile' },
  { locale: 'de-DE', nav: 'Konto', first: 'Übersicht', last: 'Profil' },
  { locale: 'fr-FR', nav: 'Compte', first: 'Vue d’ensemble', last: 'Profil' },
  { locale: 'es-ES', nav: 'Cuenta', first: 'Resumen', last: 'Perfil' },
  { locale: 'ja-JP', nav: 'アカウント', first: '概要', last: 'プロフィール' },
  { locale: 'ar-EG', nav: 'الحساب', first: 'نظرة عامة', last: 'الملف التعريفي' },
  // (`last` is the profile: the one before Users, whose word the users element's own tests check.)
];

describe('acct-portal in every language', () => {
  afterEach(() => applyLocale('en'));

  for (const { locale, nav, first, last } of LANGUAGES) {
    it(`${locale}: navigation, section heading and the sections' own elements`, async () => {
      const provider = await fixture<HTMLElement>(
        html`<acct-provider locale=${locale} .api=${new MemoryAccountApi({ fixture: 'typical', today: TODAY })}><acct-portal routing="none"></acct-portal></acct-provider>`,
      );
      await applyLocale(locale);
      const portal = provider.querySelector('acct-portal')!;
      await until(() => portal.shadowRoot!.querySelector('nav')?.getAttribute('aria-label') === nav, 10_000);
      const links = [...portal.shadowRoot!.querySelectorAll('[part~="nav-link"]')].map(text);
      expect([links[0], links.at(-2)]).to.deep.equal([first, last]);
      expect(text(portal.shadowRoot!.querySelector('[part~="section-heading"]'))).to.equal(first);
      // The elements inside take the locale from the portal's context.
      const summary = await (async () => {
        await until(() => !!portal.shadowRoot!.querySelector('acct-account-summary')?.matches(':state(populated)'), 10_000);
        return portal.shadowRoot!.querySelector('acct-account-summary')!;
      })();
      expect((summary as unknown as { resolvedLocale: string }).resolvedLocale).to.equal(locale);
    });
  }
});

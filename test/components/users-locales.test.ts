import { expect, fixture, html } from '@open-wc/testing';
import '../../src/components/provider/acct-provider.js';
import '../../src/components/users/acct-users.js';
import { MemoryAccountApi } from '../../src/api/memory.js';
import { applyLocale } from '../../src/core/localization.js';
import { waitForIdle } from '../helpers/wait.js';
import { until } from './account-helpers.js';

const TODAY = new Date('2026-05-20T12:00:00Z');
const text = (node: Node | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

// Per language: the heading, the administrator role's name, the pending invitation's badge and the invite button.
const LANGUAGES = [
  { locale: 'en', heading: 'Users', admin: 'Administrator', pending: 'Invitation pending', invite: 'Invite user' },
  { locale: 'de-DE', heading: 'Benutzer', admin: 'Administrator', pending: 'Einladung offen', invite: 'Benutzer einladen' },
  { locale: 'fr-FR', heading: 'Utilisateurs', admin: 'Administrateur', pending: 'Invitation en attente', invite: 'Inviter un utilisateur' },
  { locale: 'es-ES', heading: 'Usuarios', admin: 'Administrador', pending: 'Invitación pendiente', invite: 'Invitar usuario' },
  { locale: 'ja-JP', heading: 'ユーザー', admin: '管理者', pending: '招待中', invite: 'ユーザーを招待' },
  { locale: 'ar-EG', heading: 'المستخدمون', admin: 'مسؤول', pending: 'الدعوة معلّقة', invite: 'دعوة مستخدم' },
];

describe('acct-users in every language', () => {
  afterEach(() => applyLocale('en'));

  for (const { locale, heading, admin, pending, invite } of LANGUAGES) {
    it(`${locale}: heading, role names, status and the invite button`, async () => {
      const api = new MemoryAccountApi({ fixture: 'typical', today: TODAY });
      const provider = await fixture<HTMLElement>(html`<acct-provider locale=${locale} .api=${api}><acct-users></acct-users></acct-provider>`);
      await applyLocale(locale);
      await waitForIdle(provider);
      const el = provider.querySelector('acct-users')!;
      await until(() => text(el.shadowRoot!.querySelector('[part~="heading"]')) === heading);
      const table = text(el.shadowRoot!.querySelector('[part~="table"]'));
      expect(table).to.contain(admin).and.contain(pending);
      expect(text(el.shadowRoot!.querySelector('[part~="invite-button"]'))).to.equal(invite);
    });
  }
});

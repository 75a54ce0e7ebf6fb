import { expect, fixture, html } from '@open-wc/testing';
import '../../src/components/provider/acct-provider.js';
import '../../src/components/invoice-list/acct-invoice-list.js';
import { MemoryAccountApi } from '../../src/api/memory.js';
import { applyLocale } from '../../src/core/localization.js';
import { waitForIdle } from '../helpers/wait.js';

const TODAY = new Date('2026-05-20T12:00:00Z');
const text = (node: Node | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

// One element per language, through the provider's locale: a missing loader, an empty catalogue
// or a catalogue that does not reach the element shows English and fails here. The count is the
// list's announcement: "40 invoices", or "Showing 25 of 40 invoices" while more can be loaded.
const LANGUAGES: Array<{ locale: string; dueDate: string; loading?: string; count: RegExp }> = [
  { locale: 'en', dueDate: 'Due date', count: /\d+ invoices/ },
  { locale: 'de-DE', dueDate: 'Fällig am', count: /\d+ Rechnungen/ },
  { locale: 'fr-FR', dueDate: 'Date d’échéance', count: /\d+ factures/ },
  { locale: 'es-ES', dueDate: 'Fecha de vencimiento', count: /\d+ facturas/ },
  { locale: 'ja-JP', dueDate: '支払期日', count: /請求書 \d+ 件|\d+ 件中 \d+ 件の請求書/ },
  { locale: 'ar-EG', dueDate: 'تاريخ الاستحقاق', count: /\d+ (فاتورة|فواتير|فاتورتان)/ },
];

describe('every language reaches an element (acct-invoice-list)', () => {
  afterEach(() => applyLocale('en'));

  for (const { locale, dueDate, count } of LANGUAGES) {
    it(`${locale}: column headings and the counted announcement are translated`, async () => {
      const provider = await fixture<HTMLElement>(
        html`<acct-provider locale=${locale} .api=${new MemoryAccountApi({ fixture: 'typical', today: TODAY })}
          ><acct-invoice-list></acct-invoice-list
        ></acct-provider>`,
      );
      const list = provider.querySelector('acct-invoice-list')!;
      await applyLocale(locale); // resolves once the catalogue the provider asked for is in
      await waitForIdle(list);
      await (list as unknown as { updateComplete: Promise<unknown> }).updateComplete;
      const shown = text(list.shadowRoot);
      expect(shown).to.contain(dueDate);
      expect(shown).to.match(count);
      if (!locale.startsWith('en')) expect(shown).not.to.contain('Due date');
    });
  }
});

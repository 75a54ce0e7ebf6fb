import { expect } from '@open-wc/testing';
import { msg, str } from '@lit/localize';
import { applyLocale, catalogueFor, supportedLocales } from '../../src/core/localization.js';
import { messageForError } from '../../src/core/error-view.js';
import { ApiError } from '../../src/api/errors.js';
import { templates as arabicTemplates } from '../../src/locales/ar.js';
import { templates as germanTemplates } from '../../src/locales/de.js';
import { templates as spanishTemplates } from '../../src/locales/es.js';
import { templates as frenchTemplates } from '../../src/locales/fr.js';
import { templates as japaneseTemplates } from '../../src/locales/ja.js';

const CATALOGUES: Record<string, Record<string, unknown>> = {
  ar: arabicTemplates,
  de: germanTemplates,
  es: spanishTemplates,
  fr: frenchTemplates,
  ja: japaneseTemplates,
};

/** The trans-units of xliff/<locale>.xlf (served by the test server from the repository root). */
async function transUnits(locale: string): Promise<Array<{ id: string; source: Element; target: Element | null }>> {
  const response = await fetch(`/xliff/${locale}.xlf`);
  expect(response.ok, `/xliff/${locale}.xlf`).to.equal(true);
  const xml = new DOMParser().parseFromString(await response.text(), 'application/xml');
  expect(xml.querySelector('parsererror'), 'well-formed XLIFF').to.equal(null);
  return [...xml.getElementsByTagName('trans-unit')].map((unit) => ({
    id: unit.getAttribute('id') ?? '',
    source: unit.getElementsByTagName('source')[0],
    target: unit.getElementsByTagName('target')[0] ?? null,
  }));
}

const placeholderIds = (element: Element | null) =>
  [...(element?.getElementsByTagName('x') ?? [])].map((x) => x.getAttribute('id')).sort();

describe('localization: catalogueFor', () => {
  const expected: Array<[string | undefined, string]> = [
    // The catalogue of the tag's language...
    ['de', 'de'], ['de-DE', 'de'], ['de-AT', 'de'], ['de-CH', 'de'], ['DE-at', 'de'],
    ['fr', 'fr'], ['fr-FR', 'fr'], ['fr-CA', 'fr'], ['es', 'es'], ['es-ES', 'es'], ['es-MX', 'es'], ['es-419', 'es'],
    ['ja', 'ja'], ['ja-JP', 'ja'], ['ar', 'ar'], ['ar-EG', 'ar'], ['ar-SA', 'ar'], ['ar-u-nu-latn', 'ar'],
    // ...and English for languages without strings, or no tag.
    ['en-GB', 'en'], ['it', 'en'], ['pt-BR', 'en'], ['deu', 'en'], ['fra', 'en'], ['', 'en'], [undefined, 'en'],
  ];
  for (const [tag, catalogue] of expected) {
    it(`${JSON.stringify(tag)} → ${catalogue}`, () => {
      expect(catalogueFor(tag)).to.equal(catalogue);
    });
  }

  it('lists the supported catalogues', () => {
    expect([...supportedLocales].sort()).to.deep.equal(['ar', 'de', 'en', 'es', 'fr', 'ja']);
  });
});

describe('localization: applyLocale', () => {
  afterEach(() => applyLocale('en'));

  it('switches msg() to German for de-DE', async () => {
    await applyLocale('de-DE');
    expect(msg('Retry')).to.equal('Erneut versuchen');
    expect(msg('Overdue')).to.equal('Überfällig');
    expect(msg(str`Invoice ${'INV-2026-01039'}`)).to.equal('Rechnung INV-2026-01039');
    expect(messageForError(new ApiError('network', 'offline'))).to.equal(
      'Der Server ist nicht erreichbar. Prüfen Sie Ihre Internetverbindung und versuchen Sie es erneut.',
    );
  });

  it('de-AT uses the German catalogue too', async () => {
    await applyLocale('de-AT');
    expect(msg('Paid')).to.equal('Bezahlt');
  });

  it('falls back to English for a language without strings (it), without throwing', async () => {
    await applyLocale('de');
    await applyLocale('it');
    expect(msg('Retry')).to.equal('Retry');
  });

  const known: Array<[string, string, string, string]> = [
    // tag, Retry, Overdue, Invoice ${number}
    ['fr-FR', 'Réessayer', 'En retard', 'Facture INV-2026-01039'],
    ['es-ES', 'Reintentar', 'Vencida', 'Factura INV-2026-01039'],
    ['ja-JP', '再試行', '期限超過', '請求書 INV-2026-01039'],
    ['ar-EG', 'إعادة المحاولة', 'متأخرة', 'الفاتورة INV-2026-01039'],
  ];
  for (const [tag, retry, overdue, invoice] of known) {
    it(`switches msg() for ${tag}`, async () => {
      await applyLocale(tag);
      expect(msg('Retry')).to.equal(retry);
      expect(msg('Overdue')).to.equal(overdue);
      expect(msg(str`Invoice ${'INV-2026-01039'}`)).to.equal(invoice);
    });
  }

  it('French puts a narrow no-break space before : ; ? !', async () => {
    await applyLocale('fr');
    expect(msg('Status:')).to.equal('Statut\u202f:');
    expect(msg(str`Turn on autopay with ${'Visa'}?`)).to.equal('Activer le paiement automatique avec Visa\u202f?');
  });

  it('English for an unset locale', async () => {
    await applyLocale(undefined);
    expect(msg('Open')).to.equal('Open');
  });

  it('the last call wins, even while an earlier catalogue is still loading', async () => {
    const german = applyLocale('de');
    await applyLocale('en');
    await german;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(msg('Retry')).to.equal('Retry');
  });
});

for (const locale of Object.keys(CATALOGUES)) {
  describe(`localization: ${locale} catalogue`, () => {
    // scripts/localize-check.js compares src/ itself with the translations (it needs Node's
    // TypeScript); these tests check what the browser loads is complete and current.
    it(`every extracted string has a ${locale} translation with the same placeholders`, async () => {
      const units = await transUnits(locale);
      expect(units.length).to.be.greaterThan(0);
      const untranslated = units.filter((u) => !u.target || (u.target.textContent!.trim() === '' && placeholderIds(u.target).length === 0));
      expect(untranslated.map((u) => `${u.id} "${u.source.textContent}"`), `untranslated trans-units in xliff/${locale}.xlf`).to.deep.equal([]);
      const mismatched = units.filter((u) => placeholderIds(u.source).join() !== placeholderIds(u.target).join());
      expect(mismatched.map((u) => u.id), 'placeholders differ from the source').to.deep.equal([]);
    });

    it(`the built catalogue (src/locales/${locale}.ts) holds exactly the translated strings`, async () => {
      const units = await transUnits(locale);
      const translated = units.filter((u) => u.target).map((u) => u.id).sort();
      expect(Object.keys(CATALOGUES[locale]).sort(), 'run npm run localize:build').to.deep.equal(translated);
    });
  });
}

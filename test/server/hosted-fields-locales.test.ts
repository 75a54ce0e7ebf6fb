import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LABELS, hostedFieldsPage } from '../../server/hosted-fields.ts';

// The hosted card fields page in the six languages of the elements (the page itself, without a
// server; test/server/payments-suite.ts serves it, test/e2e/hosted-fields.test.ts types into it).
describe('hosted fields page: languages', () => {
  const cases: Array<[string, string, string, string]> = [
    ['fr-FR', 'fr-FR', 'Numéro de carte', 'Code de sécurité (CVC)'],
    ['es-MX', 'es-MX', 'Número de tarjeta', 'Código de seguridad (CVC)'],
    ['ja-JP', 'ja-JP', 'カード番号', 'セキュリティコード（CVC）'],
    ['ar', 'ar', 'رقم البطاقة', 'رمز الأمان (CVC)'],
    ['de-AT', 'de-AT', 'Kartennummer', 'Sicherheitscode (CVC)'],
    ['it-IT', 'en', 'Card number', 'Security code (CVC)'],
  ];
  for (const [locale, lang, number, cvc] of cases) {
    it(`${locale}: lang="${lang}" and its labels`, () => {
      const page = hostedFieldsPage(locale);
      assert.ok(page.includes(`<html lang="${lang}"`), page.slice(0, 120));
      assert.ok(page.includes(number), number);
      assert.ok(page.includes(cvc), cvc);
    });
  }

  it('Arabic is right to left; its inputs stay left to right (grouped card digits)', () => {
    const page = hostedFieldsPage('ar-SA');
    assert.match(page, /<html lang="ar-SA" dir="rtl">/);
    for (const id of ['number', 'expiry', 'cvc']) assert.match(page, new RegExp(`<input id="${id}" type="text" dir="ltr"`));
    for (const locale of ['fr', 'ja', 'en', undefined]) assert.doesNotMatch(hostedFieldsPage(locale), /dir="rtl"/);
  });

  it('every language has the labels English has', () => {
    const english = Object.keys(LABELS.en).sort();
    for (const [language, labels] of Object.entries(LABELS)) assert.deepEqual(Object.keys(labels).sort(), english, language);
  });

  it('a tag that is not BCP 47 gets English and is not echoed', () => {
    const page = hostedFieldsPage('ar"><script>alert(1)</script>');
    assert.match(page, /<html lang="en">/);
    assert.doesNotMatch(page, /alert|dir="rtl"/);
  });
});

import { expect } from '@open-wc/testing';
import { msg, str } from '@lit/localize';
import { applyLocale } from '../../src/core/localization.js';
import { plural, pluralCategory, type PluralForms } from '../../src/core/plural.js';

describe('plural', () => {
  afterEach(() => applyLocale('en'));

  it('pluralCategory follows CLDR for each language', () => {
    const categories = (locale: string, counts: number[]) => counts.map((n) => pluralCategory(n, locale));
    expect(categories('en', [0, 1, 2, 5])).to.deep.equal(['other', 'one', 'other', 'other']);
    expect(categories('de', [0, 1, 2])).to.deep.equal(['other', 'one', 'other']);
    // French: 0 and 1 are singular; a million takes "de".
    expect(categories('fr', [0, 1, 2, 1_000_000])).to.deep.equal(['one', 'one', 'other', 'many']);
    expect(categories('es', [0, 1, 2, 1_000_000])).to.deep.equal(['other', 'one', 'other', 'many']);
    expect(categories('ja', [0, 1, 2, 100])).to.deep.equal(['other', 'other', 'other', 'other']);
    // Arabic: all six.
    expect(categories('ar', [0, 1, 2, 3, 10, 11, 99, 100, 102])).to.deep.equal([
      'zero', 'one', 'two', 'few', 'few', 'many', 'many', 'other', 'other',
    ]);
  });

  it('an unknown tag falls back to English rules instead of throwing', () => {
    expect(pluralCategory(1, 'not a tag')).to.equal('one');
  });

  it('picks the form of the current string catalogue, and looks up only that one', () => {
    const called: string[] = [];
    const forms = (n: number): PluralForms => {
      const form = (category: keyof PluralForms) => () => (called.push(category), `${category}:${n}`);
      return { zero: form('zero'), one: form('one'), two: form('two'), few: form('few'), many: form('many'), other: form('other') };
    };
    expect(plural(1, forms(1))).to.equal('one:1');
    expect(plural(3, forms(3))).to.equal('other:3');
    expect(called).to.deep.equal(['one', 'other']);
  });

  it('German: "1 Rechnung", "2 Rechnungen" from the catalogue', async () => {
    await applyLocale('de');
    const count = (total: number) =>
      plural(total, {
        zero: () => msg(str`${total} invoices`, { id: 'invoice-list.count.zero' }),
        one: () => msg(str`${total} invoice`, { id: 'invoice-list.count.one' }),
        two: () => msg(str`${total} invoices`, { id: 'invoice-list.count.two' }),
        few: () => msg(str`${total} invoices`, { id: 'invoice-list.count.few' }),
        many: () => msg(str`${total} invoices`, { id: 'invoice-list.count.many' }),
        other: () => msg(str`${total} invoices`, { id: 'invoice-list.count.other' }),
      });
    expect(count(1)).to.equal('1 Rechnung');
    expect(count(2)).to.equal('2 Rechnungen');
    await applyLocale('en');
    expect(count(1)).to.equal('1 invoice');
    expect(count(0)).to.equal('0 invoices');
  });
});

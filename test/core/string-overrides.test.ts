// Hosts' own wording (account-elements/strings.js): by English text or id, with placeholders in any
// order, in English and in a translated catalogue, before and after it is on screen.
import { expect, html } from '@open-wc/testing';
import { HOST_ENGLISH, applyLocale, supportedLocales } from '../../src/core/localization.js';
import { CATALOGUES, HOST_ENGLISH as STRINGS_HOST_ENGLISH, setStrings } from '../../src/strings.js';
import '../../src/components/payment-history/acct-payment-history.js';
import '../../src/components/pay-invoice/acct-pay-invoice.js';
import { $, accountApi, mountIdle, text, until } from '../components/account-helpers.js';

const footer = (el: Element) => text($(el, '.footer .muted'));
const history = () => mountIdle<HTMLElement>(html`<acct-payment-history .api=${accountApi()}></acct-payment-history>`);

describe('setStrings: the host rewords the elements', () => {
  after(() => applyLocale('en'));

  it('English: an element on screen renders the new wording; placeholders may be reordered; an id works too', async () => {
    await applyLocale('en');
    const el = await history();
    expect(footer(el)).to.match(/^Showing 25 of \d+$/);
    const total = footer(el).split(' of ')[1];
    setStrings('en', { 'Showing {0} of {1}': '{1} payments, {0} on screen', 'Load more': 'More, please' });
    await until(() => footer(el) === `${total} payments, 25 on screen`);
    expect(text($(el, '[part="load-more"]'))).to.equal('More, please');
    // Every other string keeps its wording.
    expect(text($(el, '[role="columnheader"]'))).to.equal('Payment');
    setStrings('en-GB', { s0c89d593e428026d: 'unused id: no error' });
    await expect(el).to.be.accessible();
    el.remove();
  });

  it('German: strings set before the catalogue loads, and after, both apply; English keeps its own', async () => {
    setStrings('de', { 'Load more': 'Mehr zeigen, bitte' });
    await applyLocale('de-AT');
    const el = await history();
    expect(text($(el, '[part="load-more"]'))).to.equal('Mehr zeigen, bitte');
    expect(footer(el)).to.match(/^25 von /, 'the built-in German for the rest');
    setStrings('de', { 'Showing {0} of {1}': '{0}/{1}' });
    await until(() => /^25\/\d/.test(footer(el)));
    await applyLocale('en');
    await until(() => text($(el, '[part="load-more"]')) === 'More, please');
    el.remove();
  });

  it('strings.js meets the localization module on the same catalogues and the same English-with-overrides code', () => {
    expect([...CATALOGUES].sort()).to.deep.equal([...supportedLocales].sort());
    expect(STRINGS_HOST_ENGLISH).to.equal(HOST_ENGLISH);
  });

  it('refuses a value that is not a string', () => {
    expect(() => setStrings('en', { 'Load more': 5 as unknown as string })).to.throw(TypeError, /Load more/);
  });
});

// Issue 9, new user 16: required fields and postal code formats per country (Google's address
// metadata), in the address fields as the customer types and on the server's side of a save.
import { expect, html } from '@open-wc/testing';
import type { AcctPaymentMethodForm } from '../../src/components/payment-method-form/payment-method-form.js';
import '../../src/components/payment-method-form/acct-payment-method-form.js';
import { addressRulesLoader } from '../../src/components/payment-method-form/billing-address.js';
import { TEST_GATEWAY, $, fieldError, memoryApi, mount, setField, spyAdds, until } from './payment-method-helpers.js';

const form = (api: unknown) =>
  mount<AcctPaymentMethodForm>(html`<acct-payment-method-form allow-raw-card-data .gateway=${TEST_GATEWAY} .api=${api}></acct-payment-method-form>`);
const label = (el: Element, name: string) => $(el, `label[for="${$(el, `[name="${name}"]`)!.id}"]`)!.textContent!.replace(/\s+/g, ' ').trim();
const submit = (el: Element) => $<HTMLButtonElement>(el, '[part="submit-button"]')!.click();

/** Types a postal code, leaves the field, and gives its message. */
async function postalMessage(el: AcctPaymentMethodForm, value: string): Promise<string | null> {
  setField(el, 'postal', value);
  $(el, '[name="postal"]')!.dispatchEvent(new FocusEvent('blur'));
  await Promise.resolve();
  await el.updateComplete;
  return fieldError(el, 'postal');
}

function fillCardAndStreet(el: Element, country: string) {
  setField(el, 'number', '4242424242424242');
  setField(el, 'expiry', '12/34');
  setField(el, 'cvc', '123');
  setField(el, 'line1', '1 Main Street');
  setField(el, 'city', 'Portland');
  setField(el, 'country', country);
}

describe('address fields: the country’s rules', () => {
  it('US: state and ZIP required once the rules load; an empty save names both, sends nothing; a bad ZIP shows an example', async () => {
    const api = memoryApi();
    const adds = spyAdds(api);
    const el = await form(api);
    await until(() => !!addressRulesLoader.loaded);
    await el.updateComplete;
    fillCardAndStreet(el, 'US');
    await el.updateComplete;
    expect(label(el, 'region')).to.equal('State or region');
    expect(label(el, 'postal')).to.equal('Postal code');
    expect($(el, '[name="region"]')!.hasAttribute('required')).to.be.true;
    submit(el);
    await el.updateComplete;
    expect(fieldError(el, 'region')).to.equal('Enter the state or region.');
    expect(fieldError(el, 'postal')).to.equal('Enter the postal code.');
    expect(adds).to.have.length(0);
    expect(await postalMessage(el, '9720')).to.equal('Enter a valid postal code, for example 95014.');
    setField(el, 'postal', '97201-1234');
    setField(el, 'region', 'OR');
    await el.updateComplete;
    expect([fieldError(el, 'postal'), fieldError(el, 'region')]).to.deep.equal([null, null]);
    submit(el);
    await until(() => adds.length === 1);
    expect(adds[0].method.billing_address).to.deep.include({ region: 'OR', postal_code: '97201-1234', country: 'US' });
    await expect(el).to.be.accessible();
  });

  it('Germany: no state needed (optional), five-digit postal codes; Kuwait: nothing more than street and city', async () => {
    const el = await form(memoryApi());
    await until(() => !!addressRulesLoader.loaded);
    fillCardAndStreet(el, 'DE');
    await el.updateComplete;
    expect(label(el, 'region')).to.equal('State or region (optional)');
    expect(await postalMessage(el, '1011')).to.equal('Enter a valid postal code, for example 26133.');
    setField(el, 'country', 'KW');
    setField(el, 'postal', '');
    await el.updateComplete;
    expect([label(el, 'region'), label(el, 'postal')]).to.deep.equal(['State or region (optional)', 'Postal code (optional)']);
    await expect(el).to.be.accessible();
  });

  it('before the rules have loaded, a save the server refuses for the address puts its errors on those fields', async () => {
    const { loaded, load } = addressRulesLoader;
    addressRulesLoader.loaded = undefined;
    addressRulesLoader.load = () => new Promise(() => {});
    try {
      const api = memoryApi();
      const el = await form(api);
      fillCardAndStreet(el, 'US');
      await el.updateComplete;
      expect(label(el, 'region'), 'no rule yet').to.equal('State or region (optional)');
      submit(el);
      await until(() => fieldError(el, 'region') !== null);
      expect(fieldError(el, 'region')).to.be.a('string');
      expect(fieldError(el, 'postal')).to.be.a('string');
    } finally {
      Object.assign(addressRulesLoader, { loaded, load });
    }
  });
});

import { expect, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ApiError } from '../../src/api/errors.js';
import type { GatewayInfo } from '../../src/api/schemas/payment-method.js';
import type { FieldError } from '../../src/api/schemas/problem.js';
import type { AcctPaymentMethodForm } from '../../src/components/payment-method-form/payment-method-form.js';
import type { AcctPaymentMethodChangeEvent } from '../../src/events/index.js';
import { TokenizerError } from '../../src/api/tokenizer.js';
import {
  $,
  $$,
  FakeTokenizer,
  TEST_GATEWAY,
  fieldError,
  fillAddress,
  fillBank,
  fillCard,
  focused,
  hasState,
  memoryApi,
  mount,
  record,
  setField,
  sleep,
  spyAdds,
  typeAndTab,
  until,
} from './payment-method-helpers.js';

declare global {
  interface Window {
    __xss?: unknown;
  }
}

function form(api: unknown, gateway: GatewayInfo = TEST_GATEWAY, raw = true) {
  return mount<AcctPaymentMethodForm>(
    html`<acct-payment-method-form ?allow-raw-card-data=${raw} .gateway=${gateway} .api=${api}></acct-payment-method-form>`,
  );
}

/** A form whose first two saves end with an unknown outcome (500); `saved(n)` waits until the n-th request has settled. */
async function unknownTwice() {
  let failures = 2;
  const api = memoryApi({
    fail: (operation) => (operation === 'addPaymentMethod' && failures-- > 0 ? new ApiError('server', 'boom', { status: 500 }) : undefined),
  });
  const adds = spyAdds(api);
  const el = await form(api);
  const button = $<HTMLButtonElement>(el, '[part="submit-button"]')!;
  return { el, adds, saved: (count: number) => until(() => adds.length === count && !button.disabled) };
}

function submit(el: AcctPaymentMethodForm) {
  $<HTMLButtonElement>(el, '[part="submit-button"]')!.click();
}

/** The user leaves a field; its check runs a microtask later (see FormFields), then renders. */
async function blur(el: AcctPaymentMethodForm, name: string) {
  $(el, `[name="${name}"]`)!.dispatchEvent(new FocusEvent('blur'));
  await Promise.resolve();
  await el.updateComplete;
}

/** An API whose gateway refuses every new method with these field errors (422). */
function refusingApi(errors: FieldError[]) {
  return memoryApi({
    fail: (operation) =>
      operation === 'addPaymentMethod'
        ? new ApiError('validation', 'invalid', { status: 422, problem: { status: 422, code: 'validation_failed', errors } })
        : undefined,
  });
}

function alertText(el: AcctPaymentMethodForm): string | null {
  return $(el, '[part="error"]')?.textContent!.replace(/\s+/g, ' ').trim() ?? null;
}

describe('acct-payment-method-form: states', () => {
  it('test-gateway card form: number with brand, expiry, CVC and the billing address; axe', async () => {
    const el = await form(memoryApi());
    expect($$(el, '[part="type-chooser"] input[type="radio"]').map((r) => (r as HTMLInputElement).value)).to.deep.equal(['card', 'bank_account']);
    expect($$(el, 'label').map((l) => l.textContent!.replace(/\s+/g, ' ').trim())).to.include.members([
      'Card number',
      'Expiry date',
      'Security code',
      'Name (optional)',
      'Address line 1',
      'City',
      'Country',
    ]);
    expect($(el, '[part="brand"]')!.textContent).to.equal('');
    setField(el, 'number', '3782 822463');
    await el.updateComplete;
    expect($(el, '[part="brand"]')!.textContent).to.equal('American Express');
    expect($(el, '[name="number"]')!.getAttribute('aria-describedby')).to.equal('pmf-brand');
    expect($(el, '#pmf-cvc-hint')!.textContent).to.equal('4 digits on the front of the card');
    expect($<HTMLSelectElement>(el, '[name="country"]')!.value).to.equal('US');
    expect($(el, '[part="submit-button"]')!.textContent!.trim()).to.equal('Save card');
    expect($(el, '[part="cancel-button"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('bank account: holder, routing, account, type, the gateway’s mandate and its required checkbox; axe', async () => {
    const el = await mount<AcctPaymentMethodForm>(
      html`<acct-payment-method-form type="bank_account" .gateway=${TEST_GATEWAY} .api=${memoryApi()}></acct-payment-method-form>`,
    );
    expect($(el, '[part="mandate"]')!.textContent).to.equal(TEST_GATEWAY.mandate_text);
    const box = $<HTMLInputElement>(el, '[name="mandate"]')!;
    expect(box.required).to.be.true;
    expect(box.getAttribute('aria-describedby')).to.equal('pmf-mandate-text');
    expect($$<HTMLOptionElement>(el, '[name="accountType"] option').map((o) => o.value)).to.deep.equal(['checking', 'savings']);
    expect($(el, '[part="submit-button"]')!.textContent!.trim()).to.equal('Save bank account');
    await expect(el).to.be.accessible();
  });

  it('a gateway offering cards only shows no type choice; an unsupported type falls back', async () => {
    const el = await mount<AcctPaymentMethodForm>(
      html`<acct-payment-method-form allow-raw-card-data type="bank_account" .gateway=${{ ...TEST_GATEWAY, supported_types: ['card'] }} .api=${memoryApi()}></acct-payment-method-form>`,
    );
    expect($(el, '[part="type-chooser"]')).to.equal(null);
    expect($(el, '[part="card"]')).to.exist;
    expect($(el, '[part="bank"]')).to.equal(null);
  });

  it('default configuration: no built-in card form even when the gateway accepts card numbers; says so once, bank still possible', async () => {
    const warnings: unknown[][] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      const el = await form(memoryApi(), TEST_GATEWAY, false);
      expect($(el, '[name="number"]')).to.equal(null);
      expect($(el, '[part="notice"]')!.textContent!.trim()).to.equal(
        'Card entry is not set up on this page, so cards cannot be added here. You can add a bank account instead.',
      );
      expect($(el, '[part="submit-button"]')).to.equal(null);
      expect(warnings.filter((w) => String(w[0]).includes('cards cannot be added'))).to.have.length(1);
      await expect(el).to.be.accessible();
      el.type = 'bank_account';
      await el.updateComplete;
      expect($(el, '[part="submit-button"]')).to.exist;
    } finally {
      console.warn = original;
    }
  });

  it('loads the gateway itself when none is given; a failure shows Retry, which recovers', async () => {
    const api = memoryApi({
      fail: (operation, index) => (operation === 'listPaymentMethods' && index === 0 ? new ApiError('server', 'boom', { status: 500 }) : undefined),
    });
    const el = await mount<AcctPaymentMethodForm>(html`<acct-payment-method-form allow-raw-card-data .api=${api}></acct-payment-method-form>`);
    expect($(el, '[part="error"]')!.getAttribute('role')).to.equal('alert');
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(el, '[part="retry-button"]')!.click();
    await until(() => !!$(el, '[name="number"]'));
    expect(api.calls.filter((c) => c.operation === 'listPaymentMethods')).to.have.length(2);
  });

  it('loading: a busy skeleton and :state(loading) until the gateway arrives', async () => {
    const el = await mount<AcctPaymentMethodForm>(
      html`<acct-payment-method-form .api=${memoryApi({ latencyMs: Infinity })}></acct-payment-method-form>`,
      false,
    );
    await el.updateComplete;
    expect(hasState(el, 'loading')).to.be.true;
    expect($(el, '[part="base"]')!.getAttribute('aria-busy')).to.equal('true');
    await expect(el).to.be.accessible();
  });

  it('without an api it says it is not configured', async () => {
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      const el = await mount<AcctPaymentMethodForm>(html`<acct-payment-method-form></acct-payment-method-form>`, false);
      await until(() => hasState(el, 'unconfigured'));
      expect($(el, '[part="error"]')!.textContent).to.contain('not connected to an account');
      expect(errors).to.have.length(1);
      await expect(el).to.be.accessible();
    } finally {
      console.error = original;
    }
  });
});

describe('acct-payment-method-form: validation', () => {
  const cases: Array<[string, string, string, string?]> = [
    ['number', 'abcd', 'The card number can contain only digits and spaces.'],
    ['number', '4242 4242', 'Enter the whole card number.'],
    ['number', '4242 4242 4242 4241', 'This card number is not valid. Check it for typos.'],
    ['expiry', '13/30', 'Enter the expiry date as MM / YY.'],
    ['expiry', '01/20', 'This card has expired.'],
    ['expiry', '01/2099', 'Check the expiry year.'],
    ['cvc', '12a', 'The security code can contain only digits.'],
    ['cvc', '12', 'The security code has 3 digits.'],
    ['cvc', '123', 'The security code has 4 digits.', '378282246310005'],
    ['holder', ' ', "Enter the account holder's name."],
    ['routing', '12a45678', 'The routing number can contain only digits.'],
    ['routing', '12345678', 'The routing number has 9 digits.'],
    ['routing', '123456789', 'This routing number is not valid. Check it for typos.'],
    ['account', '12a4', 'The account number can contain only digits.'],
    ['account', '123', 'The account number has 4 to 17 digits.'],
    ['line1', ' ', 'Enter the street address.'],
    ['city', ' ', 'Enter the city.'],
  ];
  for (const [name, value, message, cardNumber] of cases) {
    it(`${name} "${value}" → "${message}" when the user leaves the field`, async () => {
      const bank = ['holder', 'routing', 'account'].includes(name);
      const el = await form(memoryApi());
      if (bank) el.type = 'bank_account';
      await el.updateComplete;
      if (cardNumber) setField(el, 'number', cardNumber);
      setField(el, name, value);
      await blur(el, name);
      expect(fieldError(el, name)).to.equal(message);
      const control = $(el, `[name="${name}"]`)!;
      expect(control.getAttribute('aria-invalid')).to.equal('true');
      expect(control.getAttribute('aria-describedby')).to.contain(`${control.id}-error`);
      await expect(el).to.be.accessible();
    });
  }

  it('a field the user only tabbed through shows no error; a shown error goes as soon as it is fixed', async () => {
    const el = await form(memoryApi());
    await blur(el, 'number');
    expect(fieldError(el, 'number')).to.equal(null);
    setField(el, 'number', '4242');
    await blur(el, 'number');
    expect(fieldError(el, 'number')).to.equal('Enter the whole card number.');
    setField(el, 'number', '4242424242424242');
    await el.updateComplete;
    expect(fieldError(el, 'number')).to.equal(null);
    expect($(el, '[name="number"]')!.getAttribute('aria-invalid')).to.equal('false');
  });

  it('Save with an empty card form: every required field says what is missing, focus on the first, no request', async () => {
    const api = memoryApi();
    const el = await form(api);
    setField(el, 'country', '');
    submit(el);
    await el.updateComplete;
    expect(fieldError(el, 'number')).to.equal('Enter the card number.');
    expect(fieldError(el, 'expiry')).to.equal('Enter the expiry date.');
    expect(fieldError(el, 'cvc')).to.equal('Enter the security code.');
    expect(fieldError(el, 'line1')).to.equal('Enter the street address.');
    expect(fieldError(el, 'city')).to.equal('Enter the city.');
    expect(fieldError(el, 'country')).to.equal('Choose a country.');
    expect(fieldError(el, 'name')).to.equal(null);
    expect(focused(el)).to.equal('input[name="number"]');
    expect(api.calls.filter((c) => c.operation === 'addPaymentMethod')).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('Save with a valid card but no address: focus goes to the first invalid address field', async () => {
    const el = await form(memoryApi());
    setField(el, 'number', '4242424242424242');
    setField(el, 'expiry', '12/34');
    setField(el, 'cvc', '123');
    setField(el, 'line1', 'x');
    submit(el);
    await el.updateComplete;
    expect(focused(el)).to.equal('input[name="city"]');
  });

  it('bank account: an unchecked mandate is an error on the checkbox', async () => {
    const el = await form(memoryApi());
    el.type = 'bank_account';
    await el.updateComplete;
    fillBank(el);
    setField(el, 'mandate', false);
    submit(el);
    await el.updateComplete;
    expect(fieldError(el, 'mandate')).to.equal('Accept the debit authorisation to add this bank account.');
    expect(focused(el)).to.equal('input[name="mandate"]');
  });
});

describe('acct-payment-method-form: saving', () => {
  it('saves a test-gateway card: the request, one change event after the form is cleared, an announcement', async () => {
    const api = memoryApi();
    const adds = spyAdds(api);
    const el = await form(api);
    const changes = record<AcctPaymentMethodChangeEvent>(document, 'acct-payment-method-change');
    fillCard(el);
    setField(el, 'postal', ' 97477 ');
    submit(el);
    await until(() => changes.length > 0);
    expect(adds).to.have.length(1);
    expect(adds[0].method).to.deep.equal({
      type: 'card',
      card: { number: '4242424242424242', exp_month: 12, exp_year: 2034, cvc: '123' },
      billing_address: { name: null, line1: '1 Main Street', line2: null, city: 'Springfield', region: 'OR', postal_code: '97477', country: 'US' },
    });
    expect(changes[0].detail.change).to.equal('added');
    expect(changes[0].detail.paymentMethod.card).to.include({ brand: 'visa', last4: '4242' });
    expect($<HTMLInputElement>(el, '[name="number"]')!.value).to.equal('');
    expect($(el, '[role="status"]')!.textContent).to.equal('Visa ending in 4242 was added.');
  });

  it('saves a bank account with the mandate accepted; set-default and submit-label', async () => {
    const api = memoryApi();
    const adds = spyAdds(api);
    const el = await mount<AcctPaymentMethodForm>(
      html`<acct-payment-method-form type="bank_account" set-default submit-label="Add and continue" .gateway=${TEST_GATEWAY} .api=${api}></acct-payment-method-form>`,
    );
    expect($(el, '[part="submit-button"]')!.textContent!.trim()).to.equal('Add and continue');
    fillBank(el);
    setField(el, 'accountType', 'savings');
    const changes = record<AcctPaymentMethodChangeEvent>(el, 'acct-payment-method-change');
    submit(el);
    await until(() => changes.length > 0);
    expect(adds[0].method).to.deep.include({
      type: 'bank_account',
      bank_account: { account_holder_name: 'Northwind Traders', routing_number: '110000000', account_number: '000123456789', account_type: 'savings' },
      mandate_accepted: true,
      set_default: true,
    });
    expect(changes[0].detail.paymentMethod.is_default).to.be.true;
  });

  it('server field errors (422) land on their fields; the alert says to check them; focus on the first', async () => {
    const api = refusingApi([
      { field: 'billing_address.postal_code', message: 'unknown postal code', code: 'invalid' },
      { field: 'card.exp_month', message: 'expired', code: 'expired' },
      { field: 'card.number', message: 'invalid card number', code: 'incorrect_number' },
    ]);
    const el = await form(api);
    fillCard(el);
    setField(el, 'postal', '00000');
    submit(el);
    await until(() => !!alertText(el));
    expect(alertText(el)).to.equal('Some details were not accepted. Check the marked fields.');
    expect(fieldError(el, 'number')).to.equal('This was not accepted. Check it and try again.');
    expect(fieldError(el, 'expiry')).to.equal('This card has expired.');
    expect(fieldError(el, 'postal')).to.equal('This was not accepted. Check it and try again.');
    expect(focused(el)).to.equal('input[name="number"]');
    expect($<HTMLInputElement>(el, '[name="number"]')!.value).to.equal('4242 4242 4242 4242');
    await expect(el).to.be.accessible();
  });

  it('bank 422 from the server: routing number and mandate fields', async () => {
    const api = refusingApi([
      { field: 'bank_account.routing_number', message: 'unknown bank', code: 'unknown' },
      { field: 'mandate_accepted', message: 'required', code: 'required' },
    ]);
    const el = await form(api);
    el.type = 'bank_account';
    await el.updateComplete;
    fillBank(el);
    submit(el);
    await until(() => !!alertText(el));
    expect(fieldError(el, 'routing')).to.equal('This was not accepted. Check it and try again.');
    expect(fieldError(el, 'mandate')).to.equal('This was not accepted. Check it and try again.');
    expect(focused(el)).to.equal('input[name="routing"]');
  });

  it('a decline is a role=alert in our words; incorrect_cvc also marks the CVC; nothing typed is lost', async () => {
    const decline = (code: string) =>
      new ApiError('declined', 'declined', { status: 402, problem: { status: 402, code, detail: 'Declined by the gateway.' } });
    let code = 'card_declined';
    const el = await form(memoryApi({ fail: (operation) => (operation === 'addPaymentMethod' ? decline(code) : undefined) }));
    fillCard(el);
    submit(el);
    await until(() => !!alertText(el));
    expect($(el, '[part="error"]')!.getAttribute('role')).to.equal('alert');
    expect(alertText(el)).to.equal('The card was declined. Try another payment method, or ask your bank why.');
    expect(hasState(el, 'error')).to.be.true;
    await expect(el).to.be.accessible();
    code = 'incorrect_cvc';
    submit(el);
    await until(() => fieldError(el, 'cvc') !== null);
    expect(alertText(el)).to.equal('The security code (CVC) is incorrect. Enter the card again, or use another payment method.');
    expect(focused(el)).to.equal('input[name="cvc"]');
    for (const [name, value] of [['number', '4242 4242 4242 4242'], ['expiry', '12 / 34'], ['cvc', '123'], ['line1', '1 Main Street'], ['city', 'Springfield']]) {
      expect($<HTMLInputElement>(el, `[name="${name}"]`)!.value, name).to.equal(value);
    }
  });

  it('R1: 20 clicks, Enter and Space on Save while it saves → one addPaymentMethod; disabled and aria-busy at once', async () => {
    // Long enough that every press lands while the request is in flight, even on a loaded machine
    // (the `busy` state after the presses says they did).
    const api = memoryApi({ latencyMs: 1500 });
    const adds = spyAdds(api);
    const el = await form(api);
    const changes = record<AcctPaymentMethodChangeEvent>(el, 'acct-payment-method-change');
    fillCard(el);
    await el.updateComplete;
    const button = $<HTMLButtonElement>(el, '[part="submit-button"]')!;
    button.focus();
    button.click();
    expect(button.disabled).to.be.true;
    expect(button.getAttribute('aria-busy')).to.equal('true');
    for (let i = 0; i < 19; i++) button.click();
    $(el, 'form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'Space' });
    expect(hasState(el, 'busy'), 'every press came while it saved').to.be.true;
    await until(() => changes.length > 0, 5000);
    await sleep(200);
    expect(adds).to.have.length(1);
    expect(changes).to.have.length(1);
    expect(button.disabled).to.be.false;
    expect(button.getAttribute('aria-busy')).to.equal('false');
  });

  it('R3: a 422 is not retried; the corrected Save uses a new idempotency key', async () => {
    const api = memoryApi();
    const adds = spyAdds(api);
    const el = await form(api);
    el.type = 'bank_account';
    await el.updateComplete;
    fillBank(el);
    // The memory gateway refuses an unchecked mandate with a 422: send one past our own check.
    const request = api.addPaymentMethod.bind(api);
    let refuse = true;
    api.addPaymentMethod = (method, options) => request(refuse ? { ...method, mandate_accepted: false } : method, options);
    submit(el);
    await until(() => !!alertText(el));
    await sleep(50);
    expect(adds).to.have.length(1);
    expect(api.calls.filter((c) => c.operation === 'addPaymentMethod')).to.have.length(1);
    refuse = false;
    setField(el, 'holder', 'Northwind Traders Inc.');
    const changes = record(el, 'acct-payment-method-change');
    submit(el);
    await until(() => changes.length > 0);
    expect(adds).to.have.length(2);
    expect(adds[1].key).to.not.equal(adds[0].key);
  });

  it('R3: after an outcome-unknown failure, saving the same data again reuses the key; changed data gets a new one', async () => {
    const { el, adds, saved } = await unknownTwice();
    fillCard(el);
    submit(el);
    await saved(1);
    await el.updateComplete;
    expect(alertText(el)).to.equal('Something went wrong on our side. Please try again.');
    submit(el);
    await saved(2);
    expect(adds[1].key).to.equal(adds[0].key);
    setField(el, 'city', 'Shelbyville');
    submit(el);
    await saved(3);
    expect(adds[2].key).to.not.equal(adds[1].key);
  });

  it('"Make this my default payment method": unchecked by default; checked, the save asks for it and the method is the default', async () => {
    const api = memoryApi();
    const adds = spyAdds(api);
    const el = await form(api);
    const box = $<HTMLInputElement>(el, '[part="default"] input[type="checkbox"]')!;
    expect(box.checked).to.be.false;
    expect(box.disabled).to.be.false;
    expect(box.labels![0].textContent!.trim()).to.equal('Make this my default payment method');
    expect($(el, '#pmf-default-note')).to.be.null;
    const changes = record<AcctPaymentMethodChangeEvent>(el, 'acct-payment-method-change');
    fillCard(el);
    submit(el);
    await until(() => changes.length === 1);
    expect(adds[0].method).not.to.have.property('set_default');
    expect(changes[0].detail.paymentMethod.is_default).to.be.false;

    fillCard(el);
    box.click();
    await el.updateComplete;
    expect(el.setDefault).to.be.true;
    submit(el);
    await until(() => changes.length === 2);
    expect(adds[1].method).to.deep.include({ set_default: true });
    expect(changes[1].detail.paymentMethod.is_default).to.be.true;
    expect(api.data.paymentMethods.filter((m) => m.is_default).map((m) => m.id)).to.deep.equal([changes[1].detail.paymentMethod.id]);
    await expect(el).to.be.accessible();
  });

  it('the default choice is part of the save\'s intent: the same choice resends with its key, a changed one is a new intent', async () => {
    const { el, adds, saved } = await unknownTwice();
    fillCard(el);
    $<HTMLInputElement>(el, '#pmf-default')!.click();
    submit(el);
    await saved(1);
    submit(el);
    await saved(2);
    expect(adds[1].key).to.equal(adds[0].key);
    expect(adds[1].method).to.deep.equal(adds[0].method);
    expect(adds[1].method.set_default).to.be.true;
    $<HTMLInputElement>(el, '#pmf-default')!.click();
    submit(el);
    await saved(3);
    expect(adds[2].key).to.not.equal(adds[1].key);
    expect(adds[2].method).not.to.have.property('set_default');
  });

  it('the account\'s first method: the checkbox is checked, fixed and says why (loaded, or `first-method`); the next one is free again', async () => {
    // The form loads the gateway itself: the same answer says no method is saved yet.
    const api = memoryApi({ fixture: 'empty' });
    const adds = spyAdds(api);
    const el = await mount<AcctPaymentMethodForm>(html`<acct-payment-method-form allow-raw-card-data .api=${api}></acct-payment-method-form>`);
    const box = () => $<HTMLInputElement>(el, '#pmf-default')!;
    expect(box().checked).to.be.true;
    expect(box().disabled).to.be.true;
    expect(box().getAttribute('aria-describedby')).to.equal('pmf-default-note');
    expect($(el, '#pmf-default-note')!.textContent).to.equal('Your first payment method is always your default.');
    await expect(el).to.be.accessible();
    const changes = record<AcctPaymentMethodChangeEvent>(el, 'acct-payment-method-change');
    fillCard(el);
    setField(el, 'country', 'DE');
    submit(el);
    await until(() => changes.length === 1);
    expect(adds[0].method.set_default).to.be.true;
    expect(changes[0].detail.paymentMethod.is_default).to.be.true;
    await el.updateComplete;
    expect(box().checked).to.be.false;
    expect(box().disabled).to.be.false;
    expect($(el, '#pmf-default-note')).to.be.null;

    // Given the gateway, the host says so.
    const given = await mount<AcctPaymentMethodForm>(
      html`<acct-payment-method-form first-method allow-raw-card-data .gateway=${TEST_GATEWAY} .api=${memoryApi()}></acct-payment-method-form>`,
    );
    expect($<HTMLInputElement>(given, '#pmf-default')!.checked).to.be.true;
    expect($<HTMLInputElement>(given, '#pmf-default')!.disabled).to.be.true;
  });

  it('cancelable: Cancel fires acct-cancel and clears the form', async () => {
    const el = await mount<AcctPaymentMethodForm>(
      html`<acct-payment-method-form cancelable allow-raw-card-data .gateway=${TEST_GATEWAY} .api=${memoryApi()}></acct-payment-method-form>`,
    );
    const cancels = record(document, 'acct-cancel');
    fillCard(el);
    $<HTMLButtonElement>(el, '[part="cancel-button"]')!.click();
    await el.updateComplete;
    expect(cancels).to.have.length(1);
    expect((cancels[0] as Event).composed).to.be.true;
    expect($<HTMLInputElement>(el, '[name="number"]')!.value).to.equal('');
  });

  it('switching to a bank account and back keeps what was typed', async () => {
    const el = await form(memoryApi());
    setField(el, 'number', '4242');
    fillAddress(el);
    $<HTMLInputElement>(el, '[part="type-chooser"] input[value="bank_account"]')!.click();
    await el.updateComplete;
    setField(el, 'holder', 'Jane');
    $<HTMLInputElement>(el, '[part="type-chooser"] input[value="card"]')!.click();
    await el.updateComplete;
    expect($<HTMLInputElement>(el, '[name="number"]')!.value).to.equal('4242');
    expect($<HTMLInputElement>(el, '[name="line1"]')!.value).to.equal('1 Main Street');
    expect(el.type).to.equal('card');
  });

  it('R14: a hostile mandate text and tokenizer message render as text', async () => {
    delete window.__xss;
    const hostile = '<img src=x onerror="window.__xss=1">"><svg onload="window.__xss=1">';
    const el = await mount<AcctPaymentMethodForm>(
      html`<acct-payment-method-form type="bank_account" .gateway=${{ ...TEST_GATEWAY, mandate_text: hostile }} .api=${memoryApi()}></acct-payment-method-form>`,
    );
    expect($(el, '[part="mandate"]')!.textContent).to.equal(hostile);
    expect($(el, '[part="mandate"] img, [part="mandate"] svg')).to.equal(null);
    const tokenizer = new FakeTokenizer(() => 'tok', { error: new TokenizerError(hostile, 'number') });
    const card = await mount<AcctPaymentMethodForm>(
      html`<acct-payment-method-form .cardTokenizer=${tokenizer} .gateway=${TEST_GATEWAY} .api=${memoryApi()}></acct-payment-method-form>`,
    );
    fillAddress(card);
    submit(card);
    await until(() => !!$(card, '#pmf-card-error'));
    expect($(card, '#pmf-card-error')!.textContent).to.equal(hostile);
    await sleep(50);
    expect(window.__xss).to.equal(undefined);
  });
});

describe('acct-payment-method-form: keyboard only', () => {
  it('adds a card: focus(), type each field, Tab through the address, Enter on Save', async () => {
    const api = memoryApi();
    const el = await form(api);
    const changes = record<AcctPaymentMethodChangeEvent>(el, 'acct-payment-method-change');
    el.focus();
    expect(focused(el)).to.equal('input[name="number"]');
    await typeAndTab('4242 4242 4242 4242');
    await typeAndTab('12/34');
    await typeAndTab('123');
    await typeAndTab('Jane Doe');
    await typeAndTab('1 Main Street');
    await typeAndTab('');
    await typeAndTab('Springfield');
    await typeAndTab('OR');
    await typeAndTab('97477');
    expect(focused(el)).to.equal('select[name="country"]');
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal('input[name="default"]');
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal('button[part="submit-button"]');
    await sendKeys({ press: 'Enter' });
    await until(() => changes.length > 0);
    expect(changes[0].detail.paymentMethod.billing_address).to.deep.include({ name: 'Jane Doe', region: 'OR', country: 'US' });
    expect(changes[0].detail.paymentMethod.is_default).to.be.true;
  });

  it('adds a bank account: arrow to "Bank account", type, Space on the mandate, Enter', async () => {
    const api = memoryApi();
    const el = await form(api);
    const changes = record<AcctPaymentMethodChangeEvent>(el, 'acct-payment-method-change');
    $<HTMLInputElement>(el, '[part="type-chooser"] input:checked')!.focus();
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(el.type).to.equal('bank_account');
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal('input[name="holder"]');
    await typeAndTab('Northwind Traders');
    await typeAndTab('110000000');
    await typeAndTab('000123456789');
    expect(focused(el)).to.equal('select[name="accountType"]');
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal('input[name="mandate"]');
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'Tab' });
    await typeAndTab('');
    await sendKeys({ type: '1 Main Street' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    await typeAndTab('Springfield');
    // A US address: state and ZIP too (the country's rules).
    await typeAndTab('OR');
    await sendKeys({ type: '97477' });
    await sendKeys({ press: 'Enter' });
    await until(() => changes.length > 0);
    expect(changes[0].detail.paymentMethod.type).to.equal('bank_account');
  });
});

import { expect, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { HttpAccountApi } from '../../src/api/http-api.js';
import type { GatewayInfo, PaymentMethod } from '../../src/api/schemas/payment-method.js';
import type { AcctPaymentMethodForm } from '../../src/components/payment-method-form/payment-method-form.js';
import type { AcctPaymentMethodChangeEvent } from '../../src/events/index.js';
import { findCardNumberRuns } from '../../src/api/validators.js';
import '../../src/components/provider/acct-provider.js';
import { scenario, type LoggedRequest } from '../api/http-helpers.js';
import {
  $,
  FakeTokenizer,
  TEST_GATEWAY,
  describeElement,
  fakeFieldsUrl,
  fieldError,
  fillAddress,
  fillBank,
  focused,
  hasState,
  memoryApi,
  mount,
  record,
  setField,
  spyAdds,
  typeAndTab,
  until,
} from './payment-method-helpers.js';
import { waitForIdle } from '../helpers/wait.js';

const SAVED: PaymentMethod = {
  id: 'pm_1',
  type: 'card',
  label: null,
  is_default: false,
  card: { brand: 'visa', last4: '4242', exp_month: 12, exp_year: 2034 },
  bank_account: null,
  billing_address: null,
  created_at: '2026-03-15T12:00:00Z',
};

/** R9: every Luhn-valid 13-19 digit run in any request body, decoded URL or header, with and without separators. */
function cardNumberRuns(log: LoggedRequest[]): string[] {
  return log.flatMap((request) => {
    const texts = [
      request.body,
      decodeURIComponent(`${request.path}?${request.query}`),
      ...Object.entries(request.headers).map(([name, value]) => `${name}: ${value}`),
    ];
    return texts.flatMap((text) => [...findCardNumberRuns(text), ...findCardNumberRuns(text, { ignoreSeparators: true })]);
  });
}

function submit(el: AcctPaymentMethodForm) {
  $<HTMLButtonElement>(el, '[part="submit-button"]')!.click();
}

function cardContainer(el: AcctPaymentMethodForm): HTMLElement | null {
  return el.querySelector<HTMLElement>(':scope > div[slot="card-fields"]');
}

describe('acct-payment-method-form: card tokenizers', () => {
  it('a host tokenizer mounts into a light-DOM slot="card-fields" child; only its token is sent', async () => {
    const api = memoryApi();
    const adds = spyAdds(api);
    const tokenizer = new FakeTokenizer((number) => api.createCardToken({ number, exp_month: 12, exp_year: 2034 }));
    const el = await mount<AcctPaymentMethodForm>(
      html`<acct-payment-method-form locale="de-DE" .cardTokenizer=${tokenizer} .gateway=${TEST_GATEWAY} .api=${api}></acct-payment-method-form>`,
    );
    const container = cardContainer(el)!;
    expect(container).to.exist;
    expect(tokenizer.mounted === container).to.be.true;
    expect(tokenizer.contexts[0]).to.include({ locale: 'de-DE', gateway: TEST_GATEWAY });
    const assigned = $<HTMLSlotElement>(el, 'slot[name="card-fields"]')!.assignedElements();
    expect(assigned.length === 1 && assigned[0] === container).to.be.true;
    expect($(el, '[name="number"]')).to.equal(null);
    await expect(el).to.be.accessible();

    container.querySelector('input')!.value = '4242 4242 4242 4242';
    fillAddress(el);
    const changes = record<AcctPaymentMethodChangeEvent>(el, 'acct-payment-method-change');
    submit(el);
    await until(() => changes.length > 0);
    expect(adds[0].method).to.have.keys(['type', 'token', 'billing_address']);
    expect(adds[0].method.token).to.match(/^tok_memory_/);
    expect(changes[0].detail.paymentMethod.card!.last4).to.equal('4242');
  });

  it('the provider’s cardTokenizer is used, and wins over the raw-card opt-in', async () => {
    const api = memoryApi();
    const tokenizer = new FakeTokenizer(() => 'tok');
    const provider = await mount<HTMLElement>(
      html`<acct-provider allow-raw-card-data .api=${api} .cardTokenizer=${tokenizer}>
        <acct-payment-method-form .gateway=${TEST_GATEWAY}></acct-payment-method-form>
      </acct-provider>`,
    );
    const el = provider.querySelector('acct-payment-method-form')!;
    await waitForIdle(el);
    expect(!!tokenizer.mounted && tokenizer.mounted === cardContainer(el)).to.be.true;
    expect($(el, '[name="number"]')).to.equal(null);
  });

  it('the provider’s allow-raw-card-data enables the test-gateway form only when the gateway accepts it', async () => {
    const provider = await mount<HTMLElement>(
      html`<acct-provider allow-raw-card-data .api=${memoryApi()}>
        <acct-payment-method-form .gateway=${TEST_GATEWAY}></acct-payment-method-form>
        <acct-payment-method-form .gateway=${{ ...TEST_GATEWAY, accepts_raw_card_data: false }}></acct-payment-method-form>
      </acct-provider>`,
    );
    const [accepting, refusing] = Array.from(provider.querySelectorAll('acct-payment-method-form'));
    await waitForIdle(accepting);
    expect($(accepting, '[name="number"]')).to.exist;
    expect($(refusing, '[name="number"]')).to.equal(null);
    expect($(refusing, '[part="notice"]')).to.exist;
  });

  it('a refusal shows the tokenizer’s message by the card fields and moves focus into them; nothing is sent', async () => {
    const api = memoryApi();
    const adds = spyAdds(api);
    const tokenizer = new FakeTokenizer(() => 'tok');
    const el = await mount<AcctPaymentMethodForm>(
      html`<acct-payment-method-form .cardTokenizer=${tokenizer} .gateway=${TEST_GATEWAY} .api=${api}></acct-payment-method-form>`,
    );
    submit(el);
    await until(() => !!$(el, '#pmf-card-error'));
    expect($(el, '#pmf-card-error')!.textContent).to.equal('Your card number is incomplete.');
    expect($(el, '[part="card-fields"]')!.getAttribute('aria-describedby')).to.equal('pmf-card-error');
    expect(describeElement(document.activeElement)).to.equal('input.fake-card');
    expect(fieldError(el, 'line1')).to.equal('Enter the street address.');
    expect(adds).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('a tokenizer that cannot load: an alert with Retry, which mounts it again', async () => {
    const tokenizer = new FakeTokenizer(() => 'tok', { failMount: true });
    const el = await mount<AcctPaymentMethodForm>(
      html`<acct-payment-method-form .cardTokenizer=${tokenizer} .gateway=${TEST_GATEWAY} .api=${memoryApi()}></acct-payment-method-form>`,
    );
    await until(() => !!$(el, '[part="card"] [role="alert"]'));
    expect($(el, '[part="card"] [role="alert"] p')!.textContent).to.equal('The provider could not load.');
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(el, '[part="card"] [role="alert"] button')!.click();
    await until(() => tokenizer.contexts.length === 2);
    expect(tokenizer.unmounts).to.equal(1);
  });

  it('removing the form unmounts the tokenizer and its container; putting it back mounts again', async () => {
    const tokenizer = new FakeTokenizer(() => 'tok');
    const el = await mount<AcctPaymentMethodForm>(
      html`<acct-payment-method-form .cardTokenizer=${tokenizer} .gateway=${TEST_GATEWAY} .api=${memoryApi()}></acct-payment-method-form>`,
    );
    const parent = el.parentElement!;
    el.remove();
    expect(tokenizer.unmounts).to.equal(1);
    expect(cardContainer(el)).to.equal(null);
    parent.append(el);
    await waitForIdle(el);
    expect(tokenizer.contexts).to.have.length(2);
    expect(cardContainer(el)).to.exist;
  });

  it('a tokenizer stays mounted while the customer looks at the bank form, so the card typed is kept', async () => {
    const tokenizer = new FakeTokenizer(() => 'tok');
    const el = await mount<AcctPaymentMethodForm>(
      html`<acct-payment-method-form .cardTokenizer=${tokenizer} .gateway=${TEST_GATEWAY} .api=${memoryApi()}></acct-payment-method-form>`,
    );
    el.type = 'bank_account';
    await el.updateComplete;
    el.type = 'card';
    await el.updateComplete;
    expect(tokenizer.unmounts).to.equal(0);
    expect(tokenizer.contexts).to.have.length(1);
  });

  it('R7: the session expires mid-flow (401 after getToken): "session expired", every field keeps its value', async () => {
    const s = await scenario([{ status: 201, body: SAVED }], 'tok_valid');
    let expired = 0;
    const api = new HttpAccountApi({
      baseUrl: s.base,
      token: 'tok_old',
      getToken: () => 'tok_also_old',
      onAuthExpired: () => expired++,
      retry: { baseDelayMs: 5, maxDelayMs: 20 },
    });
    const el = await mount<AcctPaymentMethodForm>(
      html`<acct-payment-method-form type="bank_account" .gateway=${TEST_GATEWAY} .api=${api}></acct-payment-method-form>`,
    );
    fillBank(el);
    setField(el, 'name', 'Jane Doe');
    submit(el);
    await until(() => !!$(el, '[part="error"]') && !$<HTMLButtonElement>(el, '[part="submit-button"]')!.disabled);
    expect($(el, '[part="error"]')!.textContent!.trim()).to.equal(
      'Your session has expired. Sign in again, then save again: what you entered is still here.',
    );
    expect(expired).to.equal(1);
    for (const [name, value] of [
      ['holder', 'Northwind Traders'],
      ['routing', '110000000'],
      ['account', '000123456789'],
      ['name', 'Jane Doe'],
      ['line1', '1 Main Street'],
      ['city', 'Springfield'],
    ]) {
      expect($<HTMLInputElement>(el, `[name="${name}"]`)!.value, name).to.equal(value);
    }
    expect($<HTMLInputElement>(el, '[name="mandate"]')!.checked).to.be.true;
    expect(focused(el)).to.equal('button[part="submit-button"]');
    await expect(el).to.be.accessible();
  });

  it('R9: default configuration with a host tokenizer over HTTP: no request carries a card number', async () => {
    const s = await scenario([{ status: 201, body: SAVED }]);
    const api = new HttpAccountApi({ baseUrl: s.base, token: 'tok_demo' });
    let tokens = 0;
    const tokenizer = new FakeTokenizer(() => `tok_fake_${++tokens}`);
    const el = await mount<AcctPaymentMethodForm>(
      html`<acct-payment-method-form .cardTokenizer=${tokenizer} .gateway=${TEST_GATEWAY} .api=${api}></acct-payment-method-form>`,
    );
    const changes = record(el, 'acct-payment-method-change');
    cardContainer(el)!.querySelector('input')!.focus();
    await sendKeys({ type: '4242 4242 4242 4242' });
    fillAddress(el);
    submit(el);
    await until(() => changes.length > 0);
    const log = await s.log();
    expect(log.map((r) => `${r.method} ${r.path}`)).to.deep.equal(['POST /payment-methods']);
    expect(JSON.parse(log[0].body)).to.deep.include({ type: 'card', token: 'tok_fake_1' });
    expect(cardNumberRuns(log)).to.deep.equal([]);
    // The scanner finds a number where there is one.
    expect(cardNumberRuns([{ ...log[0], body: '{"card":{"number":"4242 4242 4242 4242"}}' }])).to.deep.equal(['4242424242424242']);
  });

  describe('hosted fields (gateway.hosted_fields_url, another origin)', () => {
    const hostedGateway = (mode = 'normal'): GatewayInfo => ({
      ...TEST_GATEWAY,
      accepts_raw_card_data: false,
      hosted_fields_url: fakeFieldsUrl(mode),
    });

    it('R9 keyboard only: Tab into the iframe, type the card, Tab out through the address, Enter; only a token reaches the API', async () => {
      const s = await scenario([{ status: 201, body: SAVED }]);
      const api = new HttpAccountApi({ baseUrl: s.base, token: 'tok_demo' });
      const el = await mount<AcctPaymentMethodForm>(
        html`<acct-payment-method-form type="card" .gateway=${hostedGateway()} .api=${api}></acct-payment-method-form>`,
      );
      const iframe = cardContainer(el)!.querySelector('iframe')!;
      expect(iframe.title).to.equal('Card details');
      expect(new URL(iframe.src).searchParams.get('origin')).to.equal(location.origin);
      expect(hasState(el, 'loading')).to.be.false;
      await expect(el).to.be.accessible();

      const changes = record<AcctPaymentMethodChangeEvent>(el, 'acct-payment-method-change');
      $<HTMLInputElement>(el, '[part="type-chooser"] input:checked')!.focus();
      await sendKeys({ press: 'Tab' });
      // Focus crosses into (and later out of) the other origin's process: type once it arrived.
      await until(() => document.activeElement === iframe);
      await typeAndTab('4242 4242 4242 4242');
      await typeAndTab('12/34');
      await typeAndTab('123');
      await until(() => focused(el) === 'input[name="name"]');
      await typeAndTab('Jane Doe');
      await typeAndTab('1 Main Street');
      await typeAndTab('');
      await typeAndTab('Springfield');
      await typeAndTab('OR');
      await sendKeys({ type: '97477' });
      await sendKeys({ press: 'Enter' });
      await until(() => changes.length > 0);
      const log = await s.log();
      expect(log).to.have.length(1);
      const body = JSON.parse(log[0].body);
      expect(body.token).to.match(/^tok_hf_/);
      expect(body).to.not.have.property('card');
      expect(cardNumberRuns(log)).to.deep.equal([]);
    });

    it('says it is loading the card fields until the iframe is ready', async () => {
      const el = await mount<AcctPaymentMethodForm>(
        html`<acct-payment-method-form .gateway=${hostedGateway('silent')} .api=${memoryApi()}></acct-payment-method-form>`,
        false,
      );
      await until(() => !!$(el, '[part="card"] [role="status"]'));
      expect($(el, '[part="card"] [role="status"]')!.textContent).to.equal('Loading card fields…');
      expect(hasState(el, 'loading')).to.be.true;
      fillAddress(el);
      $<HTMLButtonElement>(el, '[part="submit-button"]')!.click();
      await until(() => !!$(el, '[part="error"]'));
      expect($(el, '[part="error"]')!.textContent!.trim()).to.equal('The card fields are still loading. Please wait a moment.');
    });

    it('a hosted_fields_url that is not https is never framed', async () => {
      const el = await mount<AcctPaymentMethodForm>(
        html`<acct-payment-method-form .gateway=${{ ...hostedGateway(), hosted_fields_url: 'javascript:alert(1)' }} .api=${memoryApi()}></acct-payment-method-form>`,
      );
      expect(el.querySelector('iframe')).to.equal(null);
      expect($(el, '[part="notice"]')).to.exist;
    });
  });
});

describe('acct-payment-method-form: focus while the card fields load', () => {
  /** A tokenizer whose fields appear only when the test says so (a provider's iframe loading). */
  class SlowTokenizer extends FakeTokenizer {
    release!: () => void;
    override mount(container: HTMLElement, context: Parameters<FakeTokenizer['mount']>[1]): Promise<void> {
      return new Promise<void>((resolve) => (this.release = resolve)).then(() => super.mount(container, context));
    }
  }

  async function openWhileLoading() {
    const tokenizer = new SlowTokenizer(() => 'tok_x');
    const el = await mount<AcctPaymentMethodForm>(
      html`<acct-payment-method-form .cardTokenizer=${tokenizer} .gateway=${TEST_GATEWAY} .api=${memoryApi()}></acct-payment-method-form>`,
      false, // still loading its card fields: that is the point
    );
    await el.updateComplete;
    el.focus();
    const first = el.shadowRoot!.activeElement as HTMLInputElement;
    expect(first, 'focus() lands on a field at once').to.exist;
    return { el, tokenizer, first };
  }

  it('focus() moves on to the card number once the fields are ready', async () => {
    const { el, tokenizer } = await openWhileLoading();
    tokenizer.release();
    // The card fields live in the form's light DOM, so the document's active element is the field itself.
    await until(() => !!el.querySelector('.fake-card') && document.activeElement === el.querySelector('.fake-card'));
    expect(document.activeElement).to.equal(el.querySelector('.fake-card'));
  });

  it('…but not when the customer already typed in the field that had focus', async () => {
    const { el, tokenizer, first } = await openWhileLoading();
    await sendKeys({ type: 'Ada' });
    tokenizer.release();
    await until(() => !!el.querySelector('.fake-card'));
    await waitForIdle(el);
    expect(el.shadowRoot!.activeElement).to.equal(first);
    expect(first.value).to.equal('Ada');
  });
});

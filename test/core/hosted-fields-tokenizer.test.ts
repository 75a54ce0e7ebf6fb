import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { HostedFieldsTokenizer, hostedFieldsOrigin } from '../../src/core/hosted-fields-tokenizer.js';
import { TokenizerError } from '../../src/api/tokenizer.js';
import type { GatewayInfo } from '../../src/api/schemas/payment-method.js';
import { fakeFieldsUrl } from '../helpers/hosted-fields.js';

async function until(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > timeoutMs) throw new Error('until: condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const gateway = (url: string): GatewayInfo => ({
  name: 'test',
  supported_types: ['card'],
  accepts_raw_card_data: false,
  hosted_fields_url: url,
  mandate_text: null,
});

async function rejectionOf(promise: Promise<unknown>): Promise<TokenizerError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(TokenizerError);
    return error as TokenizerError;
  }
  throw new Error('expected a TokenizerError');
}

describe('HostedFieldsTokenizer', () => {
  let container: HTMLElement;
  let tokenizer: HostedFieldsTokenizer | undefined;

  beforeEach(() => {
    expect(location.hostname).to.equal('localhost');
    container = document.createElement('div');
    document.body.append(container);
  });

  afterEach(() => {
    tokenizer?.unmount();
    tokenizer = undefined;
    container.remove();
    for (const frame of document.querySelectorAll('iframe.rogue')) frame.remove();
  });

  it('frames only https: pages, or http: on this machine', () => {
    expect(hostedFieldsOrigin('https://fields.example.com/hf?x=1')).to.equal('https://fields.example.com');
    expect(hostedFieldsOrigin('http://127.0.0.1:8000/hf')).to.equal('http://127.0.0.1:8000');
    expect(hostedFieldsOrigin('http://localhost/hf')).to.equal('http://localhost');
    for (const bad of ['javascript:alert(1)', 'http://fields.example.com/hf', 'data:text/html,x', '/relative', '', null, undefined]) {
      expect(hostedFieldsOrigin(bad), String(bad)).to.equal(undefined);
    }
    expect(() => new HostedFieldsTokenizer('javascript:alert(1)')).to.throw(TypeError);
  });

  it('mounts a titled, sandboxed iframe with origin and locale in its URL, sized by the ready message', async () => {
    const url = fakeFieldsUrl();
    tokenizer = new HostedFieldsTokenizer(url, { timeoutMs: 5000 });
    await tokenizer.mount(container, { locale: 'de-DE', gateway: gateway(url) });
    const iframe = container.querySelector('iframe')!;
    expect(iframe.title).to.equal('Card details');
    expect(iframe.getAttribute('sandbox')).to.equal('allow-scripts allow-same-origin allow-forms');
    const src = new URL(iframe.src);
    expect(src.origin).to.equal(`http://127.0.0.1:${location.port}`);
    expect(src.searchParams.get('mode')).to.equal('normal');
    expect(src.searchParams.get('origin')).to.equal(location.origin);
    expect(src.searchParams.get('locale')).to.equal('de-DE');
    expect(parseInt(iframe.style.blockSize, 10)).to.be.greaterThan(50);
  });

  it('tokenize: typed by keyboard into the iframe (Tab from the page) → a token', async () => {
    const url = fakeFieldsUrl();
    const changes: Array<{ complete: boolean; brand?: string }> = [];
    const before = document.createElement('button');
    before.textContent = 'before';
    container.before(before);
    try {
      tokenizer = new HostedFieldsTokenizer(url, { timeoutMs: 5000 });
      await tokenizer.mount(container, { locale: 'en', gateway: gateway(url), onChange: (state) => changes.push(state) });
      before.focus();
      await sendKeys({ press: 'Tab' });
      // Focus crosses into the other origin's process: type once it has arrived there.
      await until(() => document.activeElement === container.querySelector('iframe'));
      await sendKeys({ type: '4242 4242 4242 4242' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ type: '12/34' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ type: '123' });
      const card = await tokenizer.tokenize();
      expect(card).to.have.keys(['token']);
      expect((card as { token: string }).token).to.match(/^tok_hf_[a-z0-9]+$/);
      expect(changes.at(-1)).to.deep.equal({ complete: true, brand: 'visa' });
    } finally {
      before.remove();
    }
  });

  it('focus() asks the frame to focus its first field', async () => {
    const url = fakeFieldsUrl();
    const changes: Array<{ complete: boolean; brand?: string }> = [];
    tokenizer = new HostedFieldsTokenizer(url, { timeoutMs: 5000 });
    await tokenizer.mount(container, { locale: 'en', gateway: gateway(url), onChange: (state) => changes.push(state) });
    tokenizer.focus();
    // The frame focuses its field when the message arrives; a typed digit there reports a change.
    for (let attempt = 0; attempt < 20 && changes.length === 0; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      if (document.activeElement === container.querySelector('iframe')) await sendKeys({ type: '4' });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(changes.length).to.be.greaterThan(0);
    expect(changes[0].brand).to.equal('visa');
  });

  it('tokenize: refused input → a TokenizerError naming the field, with the frame’s message', async () => {
    const url = fakeFieldsUrl();
    tokenizer = new HostedFieldsTokenizer(url, { timeoutMs: 5000 });
    await tokenizer.mount(container, { locale: 'en', gateway: gateway(url) });
    const error = await rejectionOf(tokenizer.tokenize());
    expect(error.field).to.equal('number');
    expect(error.code).to.equal('invalid_number');
    expect(error.message).to.equal('Your card number is invalid.');
  });

  it('ignores a frame of the right origin that is not its iframe, and the page itself', async () => {
    const rogue = document.createElement('iframe');
    rogue.className = 'rogue';
    rogue.title = 'rogue';
    rogue.src = `${fakeFieldsUrl('rogue')}&origin=${encodeURIComponent(location.origin)}`;
    const rogueLoaded = new Promise((resolve) => rogue.addEventListener('load', resolve, { once: true }));
    document.body.append(rogue);
    const url = fakeFieldsUrl('silent');
    tokenizer = new HostedFieldsTokenizer(url, { timeoutMs: 600 });
    const mounted = tokenizer.mount(container, { locale: 'en', gateway: gateway(url) });
    await rogueLoaded;
    window.postMessage({ type: 'acct-hf:ready', height: 999 }, '*');
    const error = await rejectionOf(mounted);
    expect(error.code).to.equal('timeout');
    expect(container.querySelector('iframe')!.style.blockSize).to.equal('0px');
  });

  it('ignores its own iframe once it speaks from another origin (navigated away)', async () => {
    const url = fakeFieldsUrl('redirect');
    tokenizer = new HostedFieldsTokenizer(url, { timeoutMs: 1000 });
    const error = await rejectionOf(tokenizer.mount(container, { locale: 'en', gateway: gateway(url) }));
    expect(error.code).to.equal('timeout');
    expect(container.querySelector('iframe')!.style.blockSize).to.equal('0px');
  });

  it('tokenize times out with a TokenizerError when the fields never answer', async () => {
    const url = fakeFieldsUrl('noanswer');
    // The same timeout bounds loading the frame: long enough for a loaded machine to load it.
    tokenizer = new HostedFieldsTokenizer(url, { timeoutMs: 2000 });
    await tokenizer.mount(container, { locale: 'en', gateway: gateway(url) });
    const started = performance.now();
    const error = await rejectionOf(tokenizer.tokenize());
    expect(error.code).to.equal('timeout');
    expect(error.message).to.equal('The card fields did not answer. Please try again.');
    expect(performance.now() - started).to.be.at.least(1900);
  });

  it('unmount removes the iframe and the message listener; a pending tokenize is rejected', async () => {
    const added: unknown[] = [];
    const removed: unknown[] = [];
    const { addEventListener, removeEventListener } = window;
    window.addEventListener = function (this: Window, type: string, listener: unknown, options?: unknown) {
      if (type === 'message') added.push(listener);
      return addEventListener.call(this, type, listener as EventListener, options as AddEventListenerOptions);
    } as typeof window.addEventListener;
    window.removeEventListener = function (this: Window, type: string, listener: unknown, options?: unknown) {
      if (type === 'message') removed.push(listener);
      return removeEventListener.call(this, type, listener as EventListener, options as EventListenerOptions);
    } as typeof window.removeEventListener;
    try {
      const url = fakeFieldsUrl('noanswer');
      tokenizer = new HostedFieldsTokenizer(url, { timeoutMs: 5000 });
      await tokenizer.mount(container, { locale: 'en', gateway: gateway(url) });
      const pending = rejectionOf(tokenizer.tokenize());
      tokenizer.unmount();
      expect((await pending).code).to.equal('unmounted');
      expect(container.querySelector('iframe')).to.equal(null);
      expect(added).to.have.length(1);
      expect(removed).to.include(added[0]);
      expect((await rejectionOf(tokenizer.tokenize())).code).to.equal('not_mounted');
    } finally {
      window.addEventListener = addEventListener;
      window.removeEventListener = removeEventListener;
    }
  });
});

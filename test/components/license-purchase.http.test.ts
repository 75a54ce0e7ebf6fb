import { expect, html } from '@open-wc/testing';
import { HttpAccountApi } from '../../src/api/http-api.js';
import { MemoryAccountApi } from '../../src/api/memory-api.js';
import type { LicenseOrder, LicenseQuote } from '../../src/api/schemas/license.js';
import type { AcctLicensePurchase } from '../../src/components/license-purchase/license-purchase.js';
import '../../src/components/license-purchase/acct-license-purchase.js';
import '../../src/components/provider/acct-provider.js';
import type { LoggedRequest, Step } from '../api/http-helpers.js';
import { $, confirmed, hasState, mountIdle, record, text, until } from './account-helpers.js';
import { waitForIdle } from '../helpers/wait.js';

/** Real shapes for the scripted server: a memory account's quote and order. */
const memory = new MemoryAccountApi({ provisioningMs: 60_000 });
const overview = await memory.listLicenses();
const account = await memory.getAccount();
const methods = await memory.listPaymentMethods();
const QUOTE: LicenseQuote = await memory.createLicenseQuote({ product_id: 'prod_workspace', additional_quantity: 1 }, { idempotencyKey: 'q' });
const ORDER: LicenseOrder = await memory.createLicenseOrder(
  { quote_id: QUOTE.id, authorization_acknowledged: true, payment: { type: 'payment_method', payment_method_id: 'pm_acct_typical_visa' } },
  { idempotencyKey: 'o' },
);
const CREATED = { status: 201, body: ORDER };
const CLOSE = { connection: 'close' };
let counter = 0;

async function scripted(orders: Step[], token?: string) {
  const base = `/mock-api/licenses-${Date.now().toString(36)}-${(counter++).toString(36)}`;
  const script = async (tokenNow?: string) => {
    const routes = {
      'GET /licenses': [{ body: overview, headers: CLOSE }],
      'GET /account': [{ body: account, headers: CLOSE }],
      'GET /payment-methods': [{ body: methods, headers: CLOSE }],
      'POST /licenses/quotes': [{ status: 201, body: QUOTE, headers: CLOSE }],
      'POST /licenses/orders': orders.map((step) => ({ ...step, headers: { ...CLOSE, ...step.headers } })),
      [`GET /orders/${ORDER.id}`]: [{ body: ORDER, headers: CLOSE }],
    };
    const response = await fetch(`${base}/__script`, { method: 'POST', body: JSON.stringify({ routes, token: tokenNow }) });
    expect(response.status).to.equal(204);
  };
  await script(token);
  return {
    base,
    script,
    async orderPosts(): Promise<LoggedRequest[]> {
      const log: LoggedRequest[] = await (await fetch(`${base}/__log`)).json();
      return log.filter((request) => request.method === 'POST' && request.path === '/licenses/orders');
    },
  };
}

function httpApi(base: string) {
  return new HttpAccountApi({ baseUrl: base, token: 'tok_test', retry: { baseDelayMs: 5, maxDelayMs: 20 }, timeoutMs: 300 });
}

async function ready(el: AcctLicensePurchase): Promise<void> {
  await until(() => $(el, '[part~="quote"]') !== null, 5000);
  $<HTMLInputElement>(el, '#acknowledge')!.click();
  await el.updateComplete;
}

function expectOneIntent(posts: LoggedRequest[]) {
  expect(posts.length).to.be.at.least(1);
  const [first] = posts;
  expect(first.headers['idempotency-key']).to.match(/^[0-9a-f-]{36}$/);
  for (const post of posts) {
    expect(post.headers['idempotency-key']).to.equal(first.headers['idempotency-key']);
    expect(post.body).to.equal(first.body);
  }
  expect(JSON.parse(first.body)).to.deep.equal({ quote_id: QUOTE.id, authorization_acknowledged: true, payment: { type: 'payment_method', payment_method_id: 'pm_acct_typical_visa' } });
}

describe('acct-license-purchase over HTTP', () => {
  it('R1: 20 clicks, Enter and Space on Place order make one request; the button is disabled and busy at once', async () => {
    const s = await scripted([{ delayMs: 150, ...CREATED }]);
    const el = await mountIdle<AcctLicensePurchase>(html`<acct-license-purchase product-id="prod_workspace" quote-delay="0" .api=${httpApi(s.base)}></acct-license-purchase>`, false);
    await ready(el);
    const placed = record(el, 'acct-license-order');
    const button = $<HTMLButtonElement>(el, '[part~="order-button"]')!;
    button.click();
    expect(button.disabled).to.equal(true);
    expect(button.getAttribute('aria-busy')).to.equal('true');
    for (let i = 0; i < 19; i++) button.click();
    button.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    button.dispatchEvent(new KeyboardEvent('keydown', { key: ' ', bubbles: true }));
    await until(() => confirmed(el), 5000);
    expect(await s.orderPosts()).to.have.length(1);
    expect(placed).to.have.length(1);
  });

  for (const [name, first] of [
    ['two dropped connections', [{ drop: true }, { drop: true }]],
    ['a 409 idempotency_key_in_use', [{ status: 409, body: { status: 409, title: 'In progress', code: 'idempotency_key_in_use' } }]],
    ['a timeout', [{ delayMs: 800, ...CREATED }]],
  ] as Array<[string, Step[]]>) {
    it(`R2: ${name}, then 201: the same key and bytes, one order shown, never "failed"`, async () => {
      const s = await scripted([...first, CREATED]);
      const el = await mountIdle<AcctLicensePurchase>(html`<acct-license-purchase product-id="prod_workspace" quote-delay="0" .api=${httpApi(s.base)}></acct-license-purchase>`, false);
      await ready(el);
      $<HTMLButtonElement>(el, '[part~="order-button"]')!.click();
      await until(() => confirmed(el), 5000);
      expectOneIntent(await s.orderPosts());
      expect(text($(el, '[part~="order-number"]'))).to.contain(ORDER.number);
    });
  }

  it('R4: a second tab’s order of the same quote (409 quote_already_ordered) shows that order', async () => {
    const conflict = { status: 409, headers: { 'content-type': 'application/problem+json' }, body: { status: 409, code: 'quote_already_ordered', detail: 'Ordered already.', order_id: ORDER.id } };
    const s = await scripted([conflict]);
    const el = await mountIdle<AcctLicensePurchase>(html`<acct-license-purchase product-id="prod_workspace" quote-delay="0" .api=${httpApi(s.base)}></acct-license-purchase>`, false);
    await ready(el);
    $<HTMLButtonElement>(el, '[part~="order-button"]')!.click();
    await until(() => confirmed(el), 5000);
    expect(await s.orderPosts()).to.have.length(1);
    expect(text(el.shadowRoot!.querySelector('[part="base"]'))).to.contain('nothing was ordered twice');
  });

  it('R7: the session expires: the choices are kept, and after a new token the same order is sent once', async () => {
    const s = await scripted([CREATED], 'tok_1');
    let token = 'tok_1';
    const root = await mountIdle<HTMLElement>(
      html`<acct-provider api-base=${s.base} .getToken=${() => token}>
        <acct-license-purchase product-id="prod_workspace" quote-delay="0"></acct-license-purchase>
      </acct-provider>`,
      false,
    );
    const el = root.querySelector('acct-license-purchase')!;
    await waitForIdle(root);
    await ready(el);
    await s.script('tok_2');
    $<HTMLButtonElement>(el, '[part~="order-button"]')!.click();
    await until(() => hasState(el, 'session-expired'), 5000);
    expect($<HTMLInputElement>(el, '#acknowledge')!.checked).to.equal(true);
    expect(text($(el, '[part~="message"]'))).to.contain('session expired');
    token = 'tok_2';
    $<HTMLButtonElement>(el, '[part~="order-button"]')!.click();
    await until(() => confirmed(el), 5000);
    const posts = await s.orderPosts();
    expect(posts.at(-1)!.headers['idempotency-key']).to.equal(posts[0].headers['idempotency-key']);
    expect(posts.filter((p) => p.headers.authorization === 'Bearer tok_2')).to.have.length(1);
  });
});

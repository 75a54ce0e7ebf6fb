import { expect, html } from '@open-wc/testing';
import { createFixture } from '../../src/api/fixtures/generate.js';
import { methodLabel } from '../../src/api/fixtures/test-gateway.js';
import { HttpAccountApi } from '../../src/api/http-api.js';
import { findCardNumberRuns } from '../../src/api/validators.js';
import type { Payment } from '../../src/api/schemas/payment.js';
import type { PaymentMethod } from '../../src/api/schemas/payment-method.js';
import type { AcctPayInvoice } from '../../src/components/pay-invoice/pay-invoice.js';
import type { AcctAuthExpiredEvent, AcctPaymentSucceededEvent } from '../../src/events/index.js';
import '../../src/components/provider/acct-provider.js';
import type { LoggedRequest, Step } from '../api/http-helpers.js';
import { $, $$, button, hasState, liveAlert, mount, press, record, text, toConfirm, until, waitForIdle } from './pay-invoice-helpers.js';
import { fillBank } from './payment-method-helpers.js';

const data = createFixture('typical');
const INVOICE = data.invoices.find((invoice) => invoice.status === 'open' || invoice.status === 'overdue')!;
const [VISA, BANK] = data.paymentMethods;

function payment(method: PaymentMethod, status = 'succeeded'): Payment {
  const now = new Date().toISOString();
  return {
    id: 'py_http_1',
    created_at: now,
    amount: INVOICE.amount_due,
    status,
    payment_method: { id: method.id, type: method.type, label: methodLabel(method) },
    allocations: [{ invoice_id: INVOICE.id, invoice_number: INVOICE.number, amount: INVOICE.amount_due }],
    failure: null,
    settled_at: status === 'succeeded' ? now : null,
  };
}

const CREATED = { status: 201, body: payment(VISA) };
const ADDED_BANK: PaymentMethod = { ...BANK, id: 'pm_http_added', is_default: false, created_at: new Date().toISOString() };

let counter = 0;

/**
 * The reads close their connections: Chromium silently sends a request again when a reused
 * keep-alive connection drops before the answer, which would hide a dropped POST from the client.
 */
const CLOSE = { connection: 'close' };

/** A scenario of the mock API scripted per route: the reads of a payment flow, and `payments` for POST /payments. */
async function flow(payments: Step[], token?: string) {
  const base = `/mock-api/pay-${Date.now().toString(36)}-${(counter++).toString(36)}`;
  const script = async (tokenNow?: string) => {
    const routes = {
      'GET /account': [{ body: data.account, headers: CLOSE }],
      'GET /payment-methods': [{ body: { data: data.paymentMethods, gateway: data.gateway }, headers: CLOSE }],
      [`GET /invoices/${INVOICE.id}`]: [{ body: INVOICE, headers: CLOSE }],
      [`GET /payments/py_http_1`]: [{ body: payment(BANK, 'processing'), headers: CLOSE }],
      'POST /payments': payments.map((step) => ({ ...step, headers: { ...CLOSE, ...step.headers } })),
      'POST /payment-methods': [{ status: 201, body: ADDED_BANK, headers: CLOSE }],
    };
    const response = await fetch(`${base}/__script`, { method: 'POST', body: JSON.stringify({ routes, token: tokenNow }) });
    expect(response.status).to.equal(204);
  };
  await script(token);
  return {
    base,
    /** Scripts the scenario again (the server's token changes; the log starts again). */
    script,
    async log(): Promise<LoggedRequest[]> {
      return (await fetch(`${base}/__log`)).json();
    },
    async posts(): Promise<LoggedRequest[]> {
      return (await this.log()).filter((request) => request.method === 'POST');
    },
  };
}

function httpApi(base: string) {
  return new HttpAccountApi({ baseUrl: base, token: 'tok_test', retry: { baseDelayMs: 5, maxDelayMs: 20 }, timeoutMs: 300 });
}

/** Every text the polite live region showed, in order. */
function announcements(el: AcctPayInvoice): string[] {
  const seen: string[] = [];
  const region = $(el, '[role="status"]')!;
  new MutationObserver(() => seen.push(text(region))).observe(region, { childList: true, characterData: true, subtree: true });
  return seen;
}

function expectOneIntent(posts: LoggedRequest[]) {
  expect(posts.length).to.be.at.least(2);
  const [first] = posts;
  expect(first.headers['idempotency-key']).to.match(/^[0-9a-f-]{36}$/);
  for (const post of posts) {
    expect(post.path).to.equal('/payments');
    expect(post.headers['idempotency-key']).to.equal(first.headers['idempotency-key']);
    expect(post.body).to.equal(first.body);
  }
  expect(JSON.parse(first.body)).to.deep.equal({ invoice_ids: [INVOICE.id], payment_method_id: VISA.id, amount: INVOICE.amount_due });
}

async function payOver(api: HttpAccountApi) {
  const el = await mount(html`<acct-pay-invoice .api=${api} invoice-ids=${INVOICE.id}></acct-pay-invoice>`);
  await toConfirm(el);
  return el;
}

describe('acct-pay-invoice over HTTP: retries are safe (R2)', () => {
  // `clientSees`: whether the client itself sees the failure. Chromium silently sends a request
  // again once when a reused keep-alive connection drops, so one drop may never reach ky (the
  // resend carries the same bytes, which is what the ledger cares about).
  for (const [name, first, clientSees] of [
    ['a dropped connection', [{ drop: true }], false],
    ['two dropped connections', [{ drop: true }, { drop: true }], true],
    ['a 409 idempotency_key_in_use', [{ status: 409, body: { status: 409, title: 'In progress', code: 'idempotency_key_in_use' } }], true],
    ['a timeout', [{ delayMs: 800, ...CREATED }], true],
  ] as Array<[string, Step[], boolean]>) {
    it(`${name}, then 201: the same Idempotency-Key and byte-identical body; the UI checks, then shows success`, async () => {
      const s = await flow([...first, CREATED]);
      const el = await payOver(httpApi(s.base));
      const seen = announcements(el);
      const succeeded = record<AcctPaymentSucceededEvent>(el, 'acct-payment-succeeded');
      await press(el, 'pay-button');
      await until(() => succeeded.length > 0, 5000);
      expectOneIntent(await s.posts());
      if (clientSees) expect(seen).to.include('Checking the payment status…');
      expect(seen.join(' ')).to.not.match(/failed|pay again/i);
      expect(hasState(el, 'succeeded')).to.be.true;
      expect(succeeded).to.have.length(1);
    });
  }

  it('outcome unknown (500 after every retry): "We could not confirm", no new charge; Check again sends the same key and bytes', async () => {
    const s = await flow([{ status: 500 }, { status: 500 }, { status: 500 }, CREATED]);
    const el = await payOver(httpApi(s.base));
    await press(el, 'pay-button');
    await until(() => hasState(el, 'unconfirmed'), 5000);
    await el.updateComplete;
    expect((await s.posts()).length).to.equal(3);
    expect(text($(el, '[part="result"]'))).to.contain('We could not confirm the payment');
    expect($(el, '[part~="pay-button"]')).to.equal(null);
    await expect(el).to.be.accessible();
    await press(el, 'check-again-button');
    await until(() => hasState(el, 'succeeded'), 5000);
    const posts = await s.posts();
    expect(posts).to.have.length(4);
    expectOneIntent(posts);
  });
});

describe('acct-pay-invoice over HTTP: no blind retries (R3)', () => {
  it('402 is not retried; the reason is shown; another method is a new attempt with a NEW key', async () => {
    const declined = { status: 402, headers: { 'content-type': 'application/problem+json' }, body: { status: 402, title: 'Payment declined', code: 'insufficient_funds', detail: 'The card has insufficient funds.' } };
    const s = await flow([declined, { status: 201, body: payment(BANK, 'processing') }]);
    const el = await payOver(httpApi(s.base));
    await press(el, 'pay-button');
    await until(() => hasState(el, 'declined'), 5000);
    expect(await s.posts()).to.have.length(1);
    expect(liveAlert(el)).to.contain('There were not enough funds');
    await press(el, 'continue-button');
    expect($<HTMLInputElement>(el, '[part~="method"] input:checked')!.value).to.equal(BANK.id);
    await press(el, 'continue-button');
    await press(el, 'pay-button');
    await until(() => hasState(el, 'processing'), 5000);
    const posts = await s.posts();
    expect(posts).to.have.length(2);
    expect(posts[1].headers['idempotency-key']).to.not.equal(posts[0].headers['idempotency-key']);
    expect(JSON.parse(posts[1].body).payment_method_id).to.equal(BANK.id);
  });
});

describe('acct-pay-invoice over HTTP: the session expires mid-flow (R7)', () => {
  it('keeps invoices, amount and method; after the host provides a token, Pay works (the same intent)', async () => {
    const s = await flow([CREATED], 'tok_1');
    let token = 'tok_1';
    const root = await mount(
      html`<acct-provider api-base=${s.base} .getToken=${() => token}>
        <acct-pay-invoice invoice-ids=${INVOICE.id}></acct-pay-invoice>
      </acct-provider>`,
    );
    const expired = record<AcctAuthExpiredEvent>(root, 'acct-auth-expired');
    const el = root.querySelector('acct-pay-invoice')!;
    await waitForIdle(root);
    $<HTMLInputElement>(el, 'input[value="other"]')!.click();
    await el.updateComplete;
    const input = $<HTMLInputElement>(el, '#amount-input')!;
    input.value = '12.34';
    input.dispatchEvent(new Event('input'));
    await press(el, 'continue-button');
    $$<HTMLInputElement>(el, '[part~="method"] input')[1].click();
    await press(el, 'continue-button');
    // The server ends the session: the old token is refused, and the host has no new one yet.
    await s.script('tok_2');
    await press(el, 'pay-button');
    await until(() => hasState(el, 'session-expired'), 5000);
    await el.updateComplete;
    expect(expired).to.have.length(1);
    expect(text($(el, '[part="result"]'))).to.contain('Your session has expired');
    const facts = text($(el, '.facts'));
    expect(facts).to.contain('$12.34');
    expect(facts).to.contain('Test Bank •••• 6789');
    expect(facts).to.contain(INVOICE.number);
    expect(text(button(el, 'pay-button'))).to.equal('Pay $12.34');
    await expect(el).to.be.accessible();

    token = 'tok_2';
    await press(el, 'pay-button');
    await until(() => hasState(el, 'succeeded'), 5000);
    const posts = await s.posts();
    const accepted = posts.filter((post) => post.headers.authorization === 'Bearer tok_2');
    expect(accepted).to.have.length(1);
    expect(new Set(posts.map((post) => post.headers['idempotency-key'])).size).to.equal(1);
    expect(new Set(posts.map((post) => post.body)).size).to.equal(1);
    expect(JSON.parse(accepted[0].body)).to.deep.equal({ invoice_ids: [INVOICE.id], payment_method_id: BANK.id, amount: { amount: 1234, currency: 'USD' } });
  });
});

describe('acct-pay-invoice over HTTP: no card numbers to the host (R9)', () => {
  it('with default settings (a method added in the flow, a retried payment), no request URL, header or body contains a Luhn-valid 13-19 digit run', async () => {
    const s = await flow([{ drop: true }, CREATED]);
    const el = await mount(html`<acct-pay-invoice .api=${httpApi(s.base)} invoice-ids=${INVOICE.id}></acct-pay-invoice>`);
    await press(el, 'continue-button');
    await press(el, 'add-method-button');
    await waitForIdle(el);
    const add = el.querySelector('acct-payment-method-form')!;
    // Without an opt-in, the form takes no card number (the test gateway would accept one).
    expect($(add, '[name="number"]')).to.equal(null);
    $<HTMLInputElement>(add, 'input[value="bank_account"]')!.click();
    await add.updateComplete;
    fillBank(add);
    $<HTMLButtonElement>(add, '[part="submit-button"]')!.click();
    await until(() => el.querySelector('acct-payment-method-form') === null, 5000);
    await press(el, 'continue-button');
    await press(el, 'pay-button');
    await until(() => hasState(el, 'succeeded'), 5000);
    const log = await s.log();
    expect(log.map((r) => `${r.method} ${r.path}`)).to.include.members(['POST /payment-methods', 'POST /payments']);
    expect(JSON.parse((await s.posts()).at(-1)!.body).payment_method_id).to.equal(ADDED_BANK.id);
    for (const request of log) {
      const seen = [request.method, request.path, request.query, JSON.stringify(request.headers), request.body].join('\n');
      expect(findCardNumberRuns(seen, { ignoreSeparators: true }), `${request.method} ${request.path}`).to.deep.equal([]);
    }
  });
});

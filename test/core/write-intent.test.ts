import { expect, fixture, html } from '@open-wc/testing';
import * as z from 'zod/mini';
import { sendKeys } from '@web/test-runner-commands';
import { LitElement } from 'lit';
import { ApiError } from '../../src/api/errors.js';
import { HttpAccountApi } from '../../src/api/http-api.js';
import { MemoryAccountApi } from '../../src/api/memory-api.js';
import type { AccountApi } from '../../src/api/account-api.js';
import type { Payment } from '../../src/api/schemas/payment.js';
import type { NewPayment } from '../../src/api/schemas/billing-input.js';
import { WriteIntent, classifyWriteFailure, type WriteIntentState, type WriteSettled } from '../../src/core/write-intent.js';
import { api as httpApi, scenario, type LoggedRequest, type Step } from '../api/http-helpers.js';

/** A host with one Pay button wired to one write intent, as an element would use it. */
class WriteIntentHost extends LitElement {
  api!: AccountApi;
  body!: NewPayment;
  checkingAfterMs = 3000;
  /** Every state the host rendered or was told about, in order (duplicates dropped). */
  readonly seen: WriteIntentState[] = [];
  readonly settled: Array<WriteSettled<Payment>> = [];
  pay = new WriteIntent<NewPayment, Payment>(this, {
    send: (body, options) => this.api.createPayment(body, options),
    checkingAfterMs: 3000,
  });

  override requestUpdate(...args: Parameters<LitElement['requestUpdate']>): void {
    super.requestUpdate(...args);
    const state = this.pay?.state;
    if (state && this.seen.at(-1) !== state) this.seen.push(state);
  }

  protected override render() {
    return html`<button aria-disabled="false" aria-busy="false" @click=${this.#onPay}>Pay</button>`;
  }

  #onPay = (event: Event) => {
    const sent = this.pay.open ? this.pay.resend(event.currentTarget as Element) : this.pay.start(this.body, event.currentTarget as Element);
    void sent?.then((outcome) => this.settled.push(outcome));
  };
}
customElements.define('test-write-intent-host', WriteIntentHost);

/** A second host whose controller turns "checking" on sooner (the timer, not a retry). */
class QuickCheckingHost extends WriteIntentHost {
  override pay = new WriteIntent<NewPayment, Payment>(this, {
    send: (body, options) => this.api.createPayment(body, options),
    checkingAfterMs: 100,
  });
}
customElements.define('test-write-intent-quick', QuickCheckingHost);

const memory = (options: ConstructorParameters<typeof MemoryAccountApi>[0] = {}) => new MemoryAccountApi({ fixture: 'typical', ...options });

function bodyFor(api: MemoryAccountApi): NewPayment {
  const invoice = api.data.invoices.find((i) => ['open', 'overdue'].includes(i.status) && i.amount_due.amount > 0)!;
  return { invoice_ids: [invoice.id], payment_method_id: api.data.paymentMethods[0].id, amount: { ...invoice.amount_due } };
}

/** What createPayment was called with, before the memory API's own deduplication. */
function spy(api: MemoryAccountApi): Array<{ key: string; bytes: string }> {
  const sent: Array<{ key: string; bytes: string }> = [];
  const original = api.createPayment.bind(api);
  api.createPayment = (payment, options) => {
    sent.push({ key: options.idempotencyKey, bytes: JSON.stringify(payment) });
    return original(payment, options);
  };
  return sent;
}

const charges = (api: MemoryAccountApi) => api.calls.filter((call) => call.operation === 'createPayment').length;

async function host(api: AccountApi, body: NewPayment, tag = 'test-write-intent-host'): Promise<WriteIntentHost> {
  const el = await fixture<WriteIntentHost>(html`<div></div>`);
  const created = document.createElement(tag) as WriteIntentHost;
  created.api = api;
  created.body = body;
  el.append(created);
  await created.updateComplete;
  return created;
}

const buttonOf = (el: WriteIntentHost) => el.shadowRoot!.querySelector('button')!;

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = performance.now();
  while (!condition()) {
    if (performance.now() - start > timeoutMs) throw new Error('until: timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('WriteIntent: one intent, one effect (R1)', () => {
  it('20 clicks + Enter + Space within 50 ms → one write, the button busy and disabled at once, one charge', async () => {
    const api = memory({ latencyMs: (operation) => (operation === 'createPayment' ? 500 : 0) });
    const sent = spy(api);
    const el = await host(api, bodyFor(api));
    const button = buttonOf(el);
    const start = performance.now();
    button.click();
    expect(button.getAttribute('aria-busy'), 'before any render').to.equal('true');
    expect(button.getAttribute('aria-disabled')).to.equal('true');
    expect(el.pay.state).to.equal('running');
    for (let i = 0; i < 19; i++) button.click();
    expect(performance.now() - start).to.be.below(50);
    button.focus();
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'Space' });
    await until(() => el.settled.length > 0);
    expect(sent, 'writes that reached the API').to.have.length(1);
    expect(charges(api)).to.equal(1);
    expect(el.settled).to.have.length(1);
    expect(el.settled[0].state).to.equal('done');
    expect(el.pay.state).to.equal('done');
    expect(button.getAttribute('aria-busy'), 'set back when it settled').to.equal('false');
    expect(button.getAttribute('aria-disabled')).to.equal('false');
  });

  it('start() while it runs returns undefined synchronously and sends nothing', async () => {
    const api = memory({ latencyMs: 100 });
    const sent = spy(api);
    const el = await host(api, bodyFor(api));
    const first = el.pay.start(el.body);
    expect(first).to.be.instanceOf(Promise);
    expect(el.pay.start(el.body)).to.equal(undefined);
    expect(el.pay.resend()).to.equal(undefined);
    await first;
    expect(sent).to.have.length(1);
  });

  it('the hold="disabled" option holds a native button with `disabled`, and sets it back', async () => {
    const intent = new WriteIntent<{ a: number }, number>(await host(memory(), bodyFor(memory())), {
      send: () => new Promise((resolve) => setTimeout(() => resolve(1), 20)),
      hold: 'disabled',
    });
    const button = document.createElement('button');
    const done = intent.start({ a: 1 }, button)!;
    expect(button.disabled).to.be.true;
    expect(button.getAttribute('aria-busy')).to.equal('true');
    expect(button.hasAttribute('aria-disabled')).to.be.false;
    await done;
    expect(button.disabled).to.be.false;
    expect(button.getAttribute('aria-busy')).to.equal('false');
  });
});

describe('WriteIntent: retries are safe (R2)', () => {
  it('the body is frozen: changing the caller’s object after start changes nothing that is sent again', async () => {
    const api = memory({ fail: (operation, index) => (operation === 'createPayment' && index === 0 ? new ApiError('network', 'lost') : undefined) });
    const sent = spy(api);
    const body = bodyFor(api);
    const el = await host(api, body);
    const first = await el.pay.start(body);
    expect(first?.state).to.equal('unknown');
    expect(Object.isFrozen(el.pay.body) && Object.isFrozen(el.pay.body!.amount) && Object.isFrozen(el.pay.body!.invoice_ids)).to.be.true;
    body.amount!.amount = 1;
    body.invoice_ids.push('in_other');
    expect((await el.pay.resend())?.state).to.equal('done');
    expect(sent).to.have.length(2);
    expect(sent[1].key).to.equal(sent[0].key);
    expect(sent[1].bytes).to.equal(sent[0].bytes);
    expect(charges(api), 'the lost first attempt and its resend reached the API').to.equal(2);
    expect(api.data.payments.filter((p) => p.created_at > new Date(Date.now() - 60_000).toISOString())).to.have.length(1);
  });

  it('outcome unknown: pressing again (start with the same bytes) is the same intent, with the same key', async () => {
    const api = memory({ fail: (operation, index) => (operation === 'createPayment' && index < 2 ? new ApiError('timeout', 'slow') : undefined) });
    const sent = spy(api);
    const el = await host(api, bodyFor(api));
    expect((await el.pay.start(bodyFor(api)))?.state).to.equal('unknown');
    expect(el.pay.open).to.be.true;
    expect((await el.pay.start(bodyFor(api)))?.state).to.equal('unknown');
    expect((await el.pay.start(bodyFor(api)))?.state).to.equal('done');
    expect(new Set(sent.map((s) => s.key)).size).to.equal(1);
    expect(new Set(sent.map((s) => s.bytes)).size).to.equal(1);
    expect(el.pay.open).to.be.false;
  });

  it('reset() keeps an open intent (only resending it is safe) unless forced', async () => {
    const api = memory({ fail: (operation) => (operation === 'createPayment' ? new ApiError('server', '500', { status: 500 }) : undefined) });
    const el = await host(api, bodyFor(api));
    await el.pay.start(el.body);
    const key = el.pay.key;
    el.pay.reset();
    expect(el.pay.state).to.equal('unknown');
    expect(el.pay.key).to.equal(key);
    el.pay.reset(true);
    expect(el.pay.state).to.equal('idle');
    expect(el.pay.key).to.equal(undefined);
  });

  it('a slow write becomes "checking" after checkingAfterMs, then done', async () => {
    const api = memory({ latencyMs: (operation) => (operation === 'createPayment' ? 400 : 0) });
    const el = await host(api, bodyFor(api), 'test-write-intent-quick');
    buttonOf(el).click();
    await until(() => el.pay.state === 'checking', 1000);
    await until(() => el.pay.state === 'done');
    expect(el.seen).to.deep.equal(['running', 'checking', 'done']);
  });

  const CREATED: Step = {
    status: 201,
    body: {
      id: 'py_1',
      created_at: new Date().toISOString(),
      amount: { amount: 1000, currency: 'USD' },
      status: 'succeeded',
      payment_method: { id: 'pm_1', type: 'card', label: 'Visa •••• 4242' },
      allocations: [],
      failure: null,
      settled_at: new Date().toISOString(),
    },
  };
  const HTTP_BODY: NewPayment = { invoice_ids: ['in_1', 'in_2'], payment_method_id: 'pm_1', amount: { amount: 1000, currency: 'USD' } };
  // Chromium may resend a request once, silently, when a reused keep-alive connection drops: close them.
  const close = (steps: Step[]) => steps.map((step) => ({ ...step, headers: { connection: 'close', ...step.headers } }));

  function expectOneIntent(log: LoggedRequest[], minimum = 2) {
    const posts = log.filter((request) => request.method === 'POST');
    expect(posts.length).to.be.at.least(minimum);
    for (const post of posts) {
      expect(post.headers['idempotency-key']).to.equal(posts[0].headers['idempotency-key']);
      expect(post.body).to.equal(posts[0].body);
    }
    expect(posts[0].headers['idempotency-key']).to.match(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(posts[0].body)).to.deep.equal(HTTP_BODY);
  }

  // `clientSees`: Chromium itself resends a request once when a reused keep-alive connection drops,
  // so a drop may never reach the API client (the resend carries the same bytes all the same).
  for (const [name, first, clientSees] of [
    ['two dropped connections', [{ drop: true }, { drop: true }], false],
    ['a 409 idempotency_key_in_use', [{ status: 409, body: { status: 409, title: 'In progress', code: 'idempotency_key_in_use' } }], true],
    ['a timeout', [{ delayMs: 600, ...CREATED }], true],
    ['a 503', [{ status: 503 }], true],
  ] as Array<[string, Step[], boolean]>) {
    it(`over HTTP, ${name} then 201: the same key and bytes, "checking" on the retry, done once`, async () => {
      const s = await scenario(close([...first, CREATED]));
      const el = await host(httpApi(s.base, { timeoutMs: 300 }), HTTP_BODY);
      buttonOf(el).click();
      await until(() => el.settled.length > 0);
      expect(el.settled).to.deep.equal([{ state: 'done', result: CREATED.body }]);
      expect(el.seen.filter((state) => state !== 'checking')).to.deep.equal(['running', 'done']);
      if (clientSees) expect(el.seen).to.deep.equal(['running', 'checking', 'done']);
      expectOneIntent(await s.log());
    });
  }

  it('over HTTP, 500 after every retry → unknown; resend() sends the same key and bytes and is done', async () => {
    const s = await scenario(close([{ status: 500 }, { status: 500 }, { status: 500 }, CREATED]));
    const el = await host(httpApi(s.base, { timeoutMs: 300 }), HTTP_BODY);
    buttonOf(el).click();
    await until(() => el.settled.length > 0);
    expect(el.settled[0].state).to.equal('unknown');
    expect(el.pay.open).to.be.true;
    expect((await s.log()).length).to.equal(3);
    buttonOf(el).click();
    await until(() => el.settled.length > 1);
    expect(el.settled[1].state).to.equal('done');
    expectOneIntent(await s.log(), 4);
  });
});

describe('WriteIntent: no blind retries (R3)', () => {
  it('a decline ends the intent: failed, and the corrected attempt gets a NEW key', async () => {
    const api = memory();
    const card = await api.addPaymentMethod(
      { type: 'card', card: { number: '4000000000000002', exp_month: 12, exp_year: new Date().getUTCFullYear() + 2, cvc: '123' } },
      { idempotencyKey: 'setup-declining-card' },
    );
    const sent = spy(api);
    const el = await host(api, bodyFor(api));
    const declined = await el.pay.start({ ...bodyFor(api), payment_method_id: card.id });
    expect(declined?.state).to.equal('failed');
    expect(el.pay.error?.kind).to.equal('declined');
    expect(el.pay.open).to.be.false;
    const corrected = await el.pay.start(bodyFor(api));
    expect(corrected?.state).to.equal('done');
    expect(sent).to.have.length(2);
    expect(sent[1].key).to.not.equal(sent[0].key);
  });

  it('the same bytes again after a decision are a new intent too (the server decided; a new try is a new key)', async () => {
    let calls = 0;
    const api = memory({
      fail: (operation) => (operation === 'createPayment' && calls++ === 0 ? new ApiError('validation', 'no', { status: 422 }) : undefined),
    });
    const sent = spy(api);
    const el = await host(api, bodyFor(api));
    expect((await el.pay.start(bodyFor(api)))?.state).to.equal('failed');
    expect((await el.pay.start(bodyFor(api)))?.state).to.equal('done');
    expect(sent[1].key).to.not.equal(sent[0].key);
  });

  for (const status of [400, 402, 422]) {
    it(`over HTTP, ${status} is sent once (never retried) and fails the intent`, async () => {
      const s = await scenario([{ status, body: { status, title: 'No', code: 'card_declined', errors: [{ field: 'amount', message: 'bad' }] } }, { status: 201 }]);
      const el = await host(httpApi(s.base), { invoice_ids: ['in_1'], payment_method_id: 'pm_1', amount: { amount: 1, currency: 'USD' } });
      buttonOf(el).click();
      await until(() => el.settled.length > 0);
      expect(el.settled[0].state).to.equal('failed');
      expect(await s.log()).to.have.length(1);
      expect(el.seen).to.not.include('checking');
    });
  }

  it('classifyWriteFailure: decisions fail; the rest is unknown; 401 is an expired session', () => {
    const of = (kind: ApiError['kind'], code?: string) => classifyWriteFailure(new ApiError(kind, kind, code ? { problem: { status: 409, code } } : {}));
    expect(['declined', 'validation', 'forbidden', 'not-found', 'config'].map((kind) => of(kind as ApiError['kind']))).to.deep.equal(Array(5).fill('failed'));
    expect(of('conflict', 'invoice_not_payable')).to.equal('failed');
    expect(of('conflict', 'idempotency_key_in_use')).to.equal('unknown');
    expect(of('conflict')).to.equal('unknown');
    expect(['network', 'timeout', 'server', 'rate-limited', 'invalid-response', 'aborted'].map((kind) => of(kind as ApiError['kind']))).to.deep.equal(
      Array(6).fill('unknown'),
    );
    expect(of('unauthorized')).to.equal('session-expired');
  });
});

describe('WriteIntent: token refresh (R7)', () => {
  it('401 after the refresh → session-expired, nothing applied; after a new token, resend() uses the same key and bytes once', async () => {
    const s = await scenario([{ status: 201, body: { ok: true } }], 'tok_new');
    let token = 'tok_old';
    let refreshes = 0;
    const http = new HttpAccountApi({
      baseUrl: s.base,
      token,
      getToken: () => {
        refreshes++;
        return token;
      },
      retry: { baseDelayMs: 5, maxDelayMs: 20 },
    });
    const intent = new WriteIntent<Record<string, unknown>, unknown>(await host(http, HTTP_BODY_R7 as unknown as NewPayment), {
      send: (body, options) => http.request({ method: 'POST', path: '/payments', body, schema: z.unknown(), ...options }),
    });
    const expired = await intent.start(HTTP_BODY_R7);
    expect(expired?.state).to.equal('session-expired');
    expect(intent.open, 'kept: it was never run').to.be.true;
    expect(refreshes, 'the API asked for a new token once').to.equal(1);
    const refused = await s.log();
    expect(refused.map((r) => r.headers.authorization)).to.deep.equal(['Bearer tok_old', 'Bearer tok_old']);
    token = 'tok_new';
    expect((await intent.resend())?.state).to.equal('done');
    const log = await s.log();
    const accepted = log.filter((r) => r.headers.authorization === 'Bearer tok_new');
    expect(accepted).to.have.length(1);
    expect(new Set(log.map((r) => r.headers['idempotency-key'])).size).to.equal(1);
    expect(new Set(log.map((r) => r.body)).size).to.equal(1);
  });

  it('5 intents at once get 401 → one token refresh, each sent once more, each done once', async () => {
    const s = await scenario([{ status: 201, body: { ok: true } }], 'tok_new');
    let refreshes = 0;
    const http = new HttpAccountApi({
      baseUrl: s.base,
      token: 'tok_old',
      getToken: async () => {
        refreshes++;
        await new Promise((r) => setTimeout(r, 20));
        return 'tok_new';
      },
      retry: { baseDelayMs: 5, maxDelayMs: 20 },
    });
    const el = await host(http, HTTP_BODY_R7 as unknown as NewPayment);
    const intents = Array.from({ length: 5 }, () =>
      new WriteIntent<Record<string, unknown>, unknown>(el, {
        send: (body, options) => http.request({ method: 'POST', path: '/payments', body, schema: z.unknown(), ...options }),
      }),
    );
    const outcomes = await Promise.all(intents.map((intent, i) => intent.start({ ...HTTP_BODY_R7, n: i })));
    expect(outcomes.map((o) => o?.state)).to.deep.equal(Array(5).fill('done'));
    expect(refreshes).to.equal(1);
    const log = await s.log();
    expect(log).to.have.length(10);
    for (const intent of intents) {
      const mine = log.filter((r) => r.headers['idempotency-key'] === intent.key);
      expect(mine.map((r) => r.headers.authorization)).to.deep.equal(['Bearer tok_old', 'Bearer tok_new']);
      expect(mine[1].body).to.equal(mine[0].body);
    }
  });
});

describe('WriteIntent: when its element is removed', () => {
  it('the running write is not aborted (it may be applied): its outcome still arrives, and no "checking" timer fires later', async () => {
    const api = memory({ latencyMs: (operation) => (operation === 'createPayment' ? 200 : 0) });
    const el = await host(api, bodyFor(api), 'test-write-intent-quick');
    const sending = el.pay.start(el.body)!;
    el.remove();
    const settled = await sending;
    expect(settled.state).to.equal('done');
    expect(charges(api)).to.equal(1);
    expect(el.seen, 'the 100 ms timer was cleared on removal').to.deep.equal(['running', 'done']);
  });
});

const HTTP_BODY_R7: Record<string, unknown> = { invoice_ids: ['in_1'], amount: { amount: 1234, currency: 'USD' }, note: 'Grüße' };

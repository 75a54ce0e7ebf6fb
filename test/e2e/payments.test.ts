// End to end: paying on the demo host page against the reference server (PGlite, test gateway),
// in headless Chromium. Each test uses its own demo account, so they do not share invoices.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page, type Request } from 'playwright-core';
import { buildDemo } from '../../scripts/demo-build.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.js';
import { startServer } from '../../server/index.js';
import { findCardNumberRuns } from '../../src/api/validators.js';
import { expectAccessible, fillAddress, fillHostedCard, focused, tabTo, waitForState } from './page-helpers.js';

/** Short, so "processing, then settled" fits in a test. */
const ACH_SETTLE_MS = 1500;

let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let outDir: string;

before(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'acct-demo-pay-'));
  await buildDemo(outDir);
  server = await startServer({ port: 0, staticDir: outDir, achSettleMs: ACH_SETTLE_MS, testFaults: true, demoTokens: true, rateLimits: false, hostedFieldsPort: 0 });
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  await server?.close();
  await rm(outDir, { recursive: true, force: true });
});

type DemoPage = Page & { errors: string[]; apiRequests: Request[] };

/** The demo as `account`'s admin, once the summary has loaded. */
async function openDemo(account: string): Promise<DemoPage> {
  // axe is injected as a script tag, which the demo page's Trusted Types policy refuses (as it
  // should); demo.test.ts runs the page under its policy and fails on any violation.
  const page = (await browser.newPage({ bypassCSP: true })) as DemoPage;
  page.errors = [];
  page.apiRequests = [];
  page.on('pageerror', (error) => page.errors.push(String(error)));
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/api/')) page.apiRequests.push(request);
  });
  await page.goto(`${server.url}/elements.html`);
  if (account !== 'typical') await page.selectOption('select[name="account"]', account);
  await page.waitForFunction(
    (id) => {
      const summary = document.querySelector('acct-account-summary');
      return !!summary?.shadowRoot?.querySelector('[part="amount"]') && !summary.matches(':state(loading)') && id !== '';
    },
    account,
  );
  return page;
}

const PAY = '#pay-dialog acct-pay-invoice';

async function ledger(page: Page, account: string) {
  const response = await page.request.get(`${server.url}/api/__test/ledger?account=${account}`);
  assert.equal(response.status(), 200);
  return (await response.json()) as { invoices: Array<{ invoice_id: string; payments: number; succeeded: number; processing: number; failed: number }> };
}

/** How many POST /api/payments the server has received so far (retries included). */
async function paymentPostsReceived(page: Page): Promise<number> {
  const response = await page.request.get(`${server.url}/api/__test/requests`);
  return ((await response.json()) as Record<string, number>)['POST /api/payments'] ?? 0;
}

/** Opens the pay flow from the invoice list: filter open, tick the first `count` rows, "Pay selected". */
async function payFromList(page: Page, count: number): Promise<string[]> {
  await page.locator('acct-invoice-list label:has-text("Open")').click();
  await page.waitForFunction(() => {
    const list = document.querySelector('acct-invoice-list');
    const badges = [...(list?.shadowRoot?.querySelectorAll('[part="status"]') ?? [])].map((b) => b.textContent?.trim());
    return badges.length > 0 && badges.every((b) => b === 'Open' || b === 'Overdue');
  });
  const rows = page.locator('acct-invoice-list .body [role="row"]');
  const numbers: string[] = [];
  for (let i = 0; i < count; i++) {
    await rows.nth(i).locator('input[type="checkbox"]').check();
    numbers.push((await rows.nth(i).locator('[role="cell"]').nth(1).innerText()).trim());
  }
  await page.locator('acct-invoice-list [part="pay-button"]').click();
  await waitForState(page, PAY, 'review');
  return numbers;
}

type LoggedRequest = { method: string; url: string; headers: Record<string, string>; body: string };

/** What the API received, as the server saw it (Chromium does not report streamed request bodies). */
async function requestLog(page: Page): Promise<LoggedRequest[]> {
  const response = await page.request.get(`${server.url}/api/__test/request-log`);
  return ((await response.json()) as LoggedRequest[]).filter((r) => !new URL(r.url).pathname.startsWith('/api/__test/'));
}

/** Every Luhn-valid card number in requests to the API (URLs, headers, bodies). */
function cardNumbersIn(requests: LoggedRequest[]): string[] {
  return requests.flatMap((request) => {
    const text = [decodeURIComponent(request.url), JSON.stringify(request.headers), request.body].join('\n');
    return [...findCardNumberRuns(text), ...findCardNumberRuns(text, { ignoreSeparators: true })];
  });
}

async function continueTo(page: Page, state: string) {
  await page.locator(`${PAY} [part~="continue-button"]`).click();
  await waitForState(page, PAY, state);
}

describe('paying on the demo page', () => {
  it('keyboard only: two invoices with the saved test card, axe on every step; list, summary and history follow (R13, R16)', async () => {
    const page = await openDemo('typical');
    const balanceBefore = await page.locator('acct-account-summary [part="amount"]').innerText();
    // From the top of the page to "Make a payment", with the keyboard only.
    await page.locator('body').focus();
    await tabTo(page, (f) => f.host === 'acct-account-summary' && f.part.includes('pay-button'), '"Make a payment"');
    await page.keyboard.press('Enter');
    await waitForState(page, PAY, 'select');
    const pay = page.locator(PAY);
    await expectAccessible(page, pay, 'select step');

    // All open invoices start selected: untick all but the first two.
    const boxes = await page.evaluate((sel) => document.querySelector(sel)!.shadowRoot!.querySelectorAll('[part="invoice-list"] input').length, PAY);
    assert.ok(boxes >= 4, `select all + at least 3 invoices (got ${boxes - 1})`);
    const first = await tabTo(page, (f) => f.type === 'checkbox' && !/select all/i.test(f.text), 'the first invoice');
    assert.equal(first.checked, true);
    await page.keyboard.press('Tab'); // the second stays ticked
    const chosen = [first.text.split(' ')[0], (await focused(page)).text.split(' ')[0]];
    for (let i = 2; i < boxes - 1; i++) {
      await page.keyboard.press('Tab');
      await page.keyboard.press('Space');
      assert.equal((await focused(page)).checked, false);
    }
    await tabTo(page, (f) => f.part.includes('continue-button'), 'Continue');
    await page.keyboard.press('Enter');
    await waitForState(page, PAY, 'review');
    await expectAccessible(page, pay, 'review step');
    const review = await pay.locator('[part="summary"]').innerText();
    for (const number of chosen) assert.ok(review.includes(number), `the review lists ${number}`);

    await tabTo(page, (f) => f.part.includes('continue-button'), 'Continue');
    await page.keyboard.press('Enter');
    await waitForState(page, PAY, 'method');
    await expectAccessible(page, pay, 'method step');
    await tabTo(page, (f) => f.part.includes('continue-button'), 'Continue');
    await page.keyboard.press('Enter');
    await waitForState(page, PAY, 'confirm');
    await expectAccessible(page, pay, 'confirm step');
    const facts = await pay.locator('[part="summary"]').innerText();
    assert.match(facts, /Visa/);
    assert.match(facts, /\$/);

    await tabTo(page, (f) => f.part.includes('pay-button'), 'Pay');
    await page.keyboard.press('Enter');
    await waitForState(page, PAY, 'succeeded');
    await expectAccessible(page, pay, 'result');
    const result = await pay.locator('[part="result"]').innerText();
    assert.ok(result.length > 0);

    // R13: within a second, the page shows the new state everywhere.
    const since = Date.now();
    await page.waitForFunction(
      (numbers) => {
        const history = document.querySelector('acct-payment-history')?.shadowRoot;
        const firstRow = history?.querySelector('[part="row"]')?.textContent ?? '';
        return numbers.every((n: string) => firstRow.includes(n));
      },
      chosen,
      { timeout: 1000 },
    );
    await page.waitForFunction((before) => document.querySelector('acct-account-summary')?.shadowRoot?.querySelector('[part="amount"]')?.textContent !== before, balanceBefore, {
      timeout: Math.max(1, 1000 - (Date.now() - since)),
    });
    await page.keyboard.press('Escape');
    const paid = (await ledger(page, 'typical')).invoices.filter((i) => i.succeeded > 0 && i.payments === 1);
    assert.ok(paid.length >= 2);
    const posts = page.apiRequests.filter((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/api/payments');
    assert.equal(posts.length, 1, 'one write request');
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  it('a bank account payment shows processing, then settles (R13)', async () => {
    const page = await openDemo('typical');
    const [number] = await payFromList(page, 1);
    await continueTo(page, 'method');
    await page.locator(`${PAY} [part~="method"]`, { hasText: 'Test Bank' }).click();
    await continueTo(page, 'confirm');
    await page.locator(`${PAY} [part~="pay-button"]`).click();
    await waitForState(page, PAY, 'processing');
    await expectAccessible(page, page.locator(PAY), 'processing result');
    // The history shows it as processing, then the element polls and sees it settle.
    const historyStatus = () =>
      page.evaluate((n) => {
        const rows = [...(document.querySelector('acct-payment-history')?.shadowRoot?.querySelectorAll('[part="row"]') ?? [])];
        return rows.find((row) => row.textContent?.includes(n))?.querySelector('[part="status"]')?.textContent?.trim();
      }, number);
    await page.waitForFunction(() => true);
    assert.equal(await historyStatus(), 'Processing');
    await waitForState(page, PAY, 'succeeded', ACH_SETTLE_MS + 15_000);
    await page.waitForFunction(
      (n) => {
        const rows = [...(document.querySelector('acct-payment-history')?.shadowRoot?.querySelectorAll('[part="row"]') ?? [])];
        return rows.find((row) => row.textContent?.includes(n))?.querySelector('[part="status"]')?.textContent?.trim() === 'Succeeded';
      },
      number,
      { timeout: 2000 },
    );
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  it('R2: the server commits and the connection drops, four times in a row: retried with the same key and body, one charge', async () => {
    const page = await openDemo('kwd');
    const before = await paymentPostsReceived(page);
    const armed = await page.request.post(`${server.url}/api/__test/faults`, {
      // Twice: Chromium itself re-sends a request once when a reused keep-alive socket dies before
      // any response (invisible to the page); the second drop reaches HttpAccountApi's own retry.
      data: { method: 'POST', path: '/api/payments', action: 'drop-after-commit', times: 4 },
    });
    assert.equal(armed.status(), 204);
    await payFromList(page, 1);
    await continueTo(page, 'method');
    await continueTo(page, 'confirm');
    await page.locator(`${PAY} [part~="pay-button"]`).click();
    await waitForState(page, PAY, 'succeeded', 20_000);
    const received = (await paymentPostsReceived(page)) - before;
    const posts = page.apiRequests.filter((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/api/payments');
    // Chromium re-sends these itself (a reused keep-alive socket died before any answer), so the page
    // may see one request while the server received five: every one with the same key and body.
    assert.equal(received, 5, 'four dropped attempts and the one that was answered');
    const keys = new Set(await Promise.all(posts.map((r) => r.headerValue('idempotency-key'))));
    assert.equal(keys.size, 1, 'one Idempotency-Key for every attempt');
    const bodies = (await requestLog(page)).filter((r) => r.method === 'POST' && new URL(r.url).pathname === '/api/payments').slice(-received);
    assert.equal(new Set(bodies.map((r) => r.body)).size, 1, 'byte-identical bodies');
    assert.equal(new Set(bodies.map((r) => r.headers['idempotency-key'])).size, 1, 'one key, as the server saw it');
    const charged = (await ledger(page, 'kwd')).invoices.filter((i) => i.payments > 0 && i.succeeded > 0);
    const fromToday = charged.filter((i) => i.payments !== 1);
    assert.deepEqual(fromToday, [], 'no invoice was charged twice');
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  it('R2: the connection dies in the middle of the answer: "could not confirm", Check again sends the same key and body, one charge', async () => {
    const page = await openDemo('large');
    await page.request.post(`${server.url}/api/__test/faults`, {
      data: { method: 'POST', path: '/api/payments', action: 'drop-mid-response', times: 1 },
    });
    await payFromList(page, 1);
    await continueTo(page, 'method');
    await continueTo(page, 'confirm');
    await page.locator(`${PAY} [part~="pay-button"]`).click();
    await waitForState(page, PAY, 'unconfirmed', 20_000);
    const step = await page.locator(`${PAY} [part="step"]`).innerText();
    assert.doesNotMatch(step, /pay again/i);
    assert.equal(await page.locator(`${PAY} [part~="pay-button"]`).count(), 0, 'no second Pay while the outcome is unknown');
    await expectAccessible(page, page.locator(PAY), 'unconfirmed');
    await page.locator(`${PAY} [part~="check-again-button"]`).click();
    await waitForState(page, PAY, 'succeeded');
    const posts = page.apiRequests.filter((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/api/payments');
    assert.equal(posts.length, 2, 'the first attempt and Check again');
    assert.equal(await posts[1].headerValue('idempotency-key'), await posts[0].headerValue('idempotency-key'));
    const [first, again] = (await requestLog(page)).filter((r) => r.method === 'POST' && new URL(r.url).pathname === '/api/payments').slice(-2);
    assert.ok(first.body.length > 20);
    assert.equal(again.body, first.body, 'byte-identical body');
    const twice = (await ledger(page, 'large')).invoices.filter((i) => i.payments > 1);
    assert.deepEqual(twice, []);
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  it('a declined card, then success with another method; the card is added in the flow (test gateway form)', async () => {
    const page = await openDemo('jpy');
    await page.selectOption('select[name="cards"]', 'raw');
    await payFromList(page, 1);
    await continueTo(page, 'method');
    await page.locator(`${PAY} [part~="add-method-button"]`).click();
    const form = page.locator(`${PAY} acct-payment-method-form`);
    await form.getByLabel('Card number').fill('4000 0000 0000 0002');
    await form.getByLabel('Expiry date').fill('12 / 34');
    await form.getByLabel('Security code').fill('123');
    await fillAddress(form);
    await expectAccessible(page, page.locator(PAY), 'add a card in the flow');
    await form.locator('[part~="submit-button"]').click();
    // The new card is chosen; on to confirm and pay.
    await page.waitForFunction((sel) => {
      const checked = document.querySelector(sel)?.shadowRoot?.querySelector<HTMLInputElement>('[part~="methods"] input:checked');
      return !!checked?.closest('label')?.textContent?.includes('0002');
    }, PAY);
    await continueTo(page, 'confirm');
    await page.locator(`${PAY} [part~="pay-button"]`).click();
    await waitForState(page, PAY, 'declined');
    assert.match(await page.locator(`${PAY} [part="result"]`).innerText(), /declined/i);
    await expectAccessible(page, page.locator(PAY), 'declined');
    await page.locator(`${PAY} [part~="continue-button"]`).click(); // Try another payment method
    await waitForState(page, PAY, 'method');
    await page.locator(`${PAY} [part~="method"]`, { hasText: '4242' }).click();
    await continueTo(page, 'confirm');
    await page.locator(`${PAY} [part~="pay-button"]`).click();
    await waitForState(page, PAY, 'succeeded');
    const posts = page.apiRequests.filter((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/api/payments');
    assert.equal(posts.length, 2);
    assert.notEqual(await posts[1].headerValue('idempotency-key'), await posts[0].headerValue('idempotency-key'), 'a new key after a decline (R3)');
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  it('payment methods: a card added through the hosted fields (second origin), made the default, the old one deleted; no card number reaches the API (R9)', async () => {
    const page = await openDemo('large');
    const logged = (await requestLog(page)).length;
    const methods = page.locator('acct-payment-methods');
    await methods.locator('[part~="add-card-button"]').click();
    await fillHostedCard(page, 'acct-payment-methods iframe', '5555 5555 5555 4444');
    const form = methods.locator('acct-payment-method-form');
    await fillAddress(form);
    await expectAccessible(page, methods, 'add card with hosted fields');
    await form.locator('[part~="submit-button"]').click();
    const added = methods.locator('[part~="method"]', { hasText: '4444' });
    await added.waitFor();
    await added.locator('[part~="default-button"]').click();
    await added.locator('[part~="badge"]', { hasText: 'Default' }).waitFor();
    const visa = methods.locator('[part~="method"]', { hasText: '4242' });
    await visa.locator('[part~="delete-button"]').click();
    await expectAccessible(page, methods, 'delete dialog');
    await methods.locator('[part~="confirm-button"]').click();
    await visa.waitFor({ state: 'detached' });
    await expectAccessible(page, methods, 'after delete');
    const received = (await requestLog(page)).slice(logged);
    assert.ok(received.length >= 5, 'the requests of this test were logged');
    assert.deepEqual(cardNumbersIn(received), [], 'no Luhn-valid digit run in any request to the API');
    const saves = received.filter((r) => r.method === 'POST' && new URL(r.url).pathname === '/api/payment-methods');
    assert.equal(saves.length, 1);
    assert.match(saves[0].body, /"token":"tok_/);
    // The scan can fail: the same body with the number instead of the token is caught.
    assert.deepEqual(cardNumbersIn([{ ...saves[0], body: saves[0].body.replace(/"token":"[^"]*"/, '"card":{"number":"5555 5555 5555 4444"}') }]), ['5555555555554444']);
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  it('payment methods: a bank account with its mandate, by keyboard', async () => {
    const page = await openDemo('large');
    await page.locator('body').focus();
    // Past the header, the overview and a page of invoices (three stops per row).
    await tabTo(page, (f) => f.host === 'acct-payment-methods' && f.part.includes('add-bank-account-button'), '"Add bank account"', { max: 400 });
    await page.keyboard.press('Enter');
    const form = page.locator('acct-payment-methods acct-payment-method-form');
    await form.getByLabel('Account holder name').waitFor();
    const type = async (label: string, text: string) => {
      await tabTo(page, (f) => f.tag === 'input' && f.text.startsWith(label), label, { fromCurrent: true });
      await page.keyboard.type(text);
    };
    await type('Account holder name', 'Globex Corporation');
    await type('Routing number', '110000000');
    await type('Account number', '000123456789');
    await tabTo(page, (f) => f.type === 'checkbox' && /debit authorisation/i.test(f.text), 'the mandate');
    await page.keyboard.press('Space');
    await type('Address line 1', '1 Globex Way');
    await type('City', 'Cypress Creek');
    await type('State or region', 'OR');
    await type('Postal code', '97477');
    await tabTo(page, (f) => f.tag === 'select' && f.text.startsWith('Country'), 'Country');
    await page.keyboard.type('United States');
    await tabTo(page, (f) => f.part.includes('submit-button'), 'Save');
    await page.keyboard.press('Enter');
    await page.locator('acct-payment-methods [part~="method"]', { hasText: '6789' }).waitFor();
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  it('autopay: on with the default card after confirming, then off', async () => {
    const page = await openDemo('jpy');
    const toggle = page.locator('acct-autopay-toggle [part="switch"]');
    await toggle.waitFor();
    assert.equal(await toggle.getAttribute('aria-checked'), 'false');
    await toggle.click();
    await page.locator('acct-autopay-toggle [part="confirm-button"]').click();
    await page.waitForFunction(() => document.querySelector('acct-autopay-toggle')?.shadowRoot?.querySelector('[part="switch"]')?.getAttribute('aria-checked') === 'true');
    await expectAccessible(page, page.locator('acct-autopay-toggle'), 'autopay on');
    const account = await page.evaluate(async () => {
      const provider = document.querySelector('acct-provider') as unknown as { resolvedApi: { getAccount(o: object): Promise<{ autopay: unknown }> } };
      return (await provider.resolvedApi.getAccount({ fresh: true })).autopay;
    });
    assert.deepEqual(account, { enabled: true, payment_method_id: 'pm_acct_jpy_visa' });
    await toggle.click();
    await page.waitForFunction(() => document.querySelector('acct-autopay-toggle')?.shadowRoot?.querySelector('[part="switch"]')?.getAttribute('aria-checked') === 'false');
    assert.deepEqual(page.errors, []);
    await page.close();
  });
});

// End to end: buying licenses on the demo host page against the reference server (PGlite, test
// gateway), in headless Chromium, keyboard only with axe per step; and the guards that make one
// order of one quote (two tabs; a committed order whose answer was lost).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildDemo } from '../../scripts/demo-build.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.js';
import { startServer } from '../../server/index.js';
import { expectAccessible, focused, tabTo, waitForState } from './page-helpers.js';

let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let outDir: string;

const PURCHASE = '#licenses-dialog acct-license-purchase';

before(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'acct-demo-licenses-'));
  await buildDemo(outDir);
  // Licenses appear two seconds after the order: the confirmation shows "being set up", then "ready".
  server = await startServer({ port: 0, staticDir: outDir, testFaults: true, demoTokens: true, rateLimits: false, hostedFieldsPort: 0, provisioningSeconds: 2 });
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  await server?.close();
  await rm(outDir, { recursive: true, force: true });
});

type DemoPage = Page & { errors: string[] };

async function openDemo(account: string): Promise<DemoPage> {
  const page = (await browser.newPage({ bypassCSP: true, acceptDownloads: true })) as DemoPage;
  page.errors = [];
  page.on('pageerror', (error) => page.errors.push(String(error)));
  await page.goto(`${server.url}/elements.html`);
  if (account !== 'typical') await page.selectOption('select[name="account"]', account);
  await page.waitForFunction(() => {
    const summary = document.querySelector('acct-license-summary');
    return !!summary?.matches(':state(populated)') && !summary.matches(':state(loading)');
  });
  return page;
}

/** The quantity in use of a license row of the summary (by product name). */
async function inUse(page: Page, product: string): Promise<number> {
  const row = page.locator('acct-license-summary [part~="license"]', { hasText: product }).first();
  const text = await row.locator('[part~="quantity"]').innerText();
  return Number(/\d+/.exec(text.replace(/[,.\s]/g, ''))![0]);
}

async function token(page: Page, account: string): Promise<string> {
  const response = await page.request.post(`${server.url}/api/demo/token`, { data: { account, role: 'admin' } });
  return ((await response.json()) as { token: string }).token;
}

async function ordersOf(page: Page, account: string): Promise<Array<{ id: string; number: string; quote_id: string }>> {
  const response = await page.request.get(`${server.url}/api/orders?limit=100`, { headers: { authorization: `Bearer ${await token(page, account)}` } });
  assert.equal(response.status(), 200);
  return ((await response.json()) as { data: Array<{ id: string; number: string; quote_id: string }> }).data;
}

/** "Buy more" on a product's row, by mouse: the dialog's purchase form with its first quote. */
async function openPurchase(page: Page, product: string): Promise<void> {
  await page.locator('acct-license-summary [part~="license"]', { hasText: product }).first().locator('[part~="buy-button"]').click();
  await waitForState(page, PURCHASE, 'form');
  await page.waitForFunction((sel) => !!document.querySelector(sel)?.shadowRoot?.querySelector('[part~="quote"]'), PURCHASE);
}

async function acknowledgeAndOrder(page: Page): Promise<void> {
  await page.locator(`${PURCHASE} #acknowledge`).check();
  await page.locator(`${PURCHASE} [part~="order-button"]`).click();
}

describe('buying licenses on the demo page', () => {
  it('keyboard only, axe on every step: Buy more → quantity → quote → acknowledgement → Place order → provisioned, and the sales order downloads', async () => {
    const page = await openDemo('typical');
    const before = await inUse(page, 'Workspace');
    await page.locator('body').focus();
    // Past the overview, the invoices, the detail, the methods and the payment history.
    await tabTo(page, (f) => f.host === 'acct-license-summary' && f.part.includes('buy-button'), '"Buy more"', { max: 400 });
    await expectAccessible(page, page.locator('acct-license-summary'), 'the license summary');
    await page.keyboard.press('Enter');
    await waitForState(page, PURCHASE, 'form');
    await page.waitForFunction((sel) => !!document.querySelector(sel)?.shadowRoot?.querySelector('[part~="quote"]'), PURCHASE);
    await tabTo(page, (f) => f.host === 'acct-license-purchase' && f.part.includes('quantity'), 'the quantity');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await page.waitForFunction((sel) => document.querySelector(sel)?.shadowRoot?.querySelector('[part~="quote"]')?.textContent?.includes('3 ×') ?? false, PURCHASE);
    await expectAccessible(page, page.locator(PURCHASE), 'the quote');
    await tabTo(page, (f) => f.host === 'acct-license-purchase' && f.type === 'checkbox', 'the acknowledgement');
    await page.keyboard.press('Space');
    await tabTo(page, (f) => f.host === 'acct-license-purchase' && f.part.includes('order-button'), 'Place order');
    await page.keyboard.press('Enter');
    await waitForState(page, PURCHASE, 'confirmation', 15_000);
    const heading = await focused(page);
    assert.ok(heading.part.includes('heading'), 'focus moves to the confirmation');
    await expectAccessible(page, page.locator(PURCHASE), 'the confirmation');
    const number = (await page.locator(`${PURCHASE} [part~="order-number"]`).innerText()).match(/SO-\d{6}/)![0];
    // The sales order, by keyboard: a real PDF naming the order.
    await tabTo(page, (f) => f.host === 'acct-license-purchase' && f.part.includes('sales-order-link'), 'Download sales order', { back: true });
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    assert.match(download.suggestedFilename(), /SO-\d{6}\.pdf$/);
    const pdf = await readFile((await download.path())!);
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.ok(pdf.toString('latin1').includes(number), 'the PDF names the order');
    // Provisioned by the server's sweep, shown without a reload; the summary follows.
    await waitForState(page, PURCHASE, 'provisioned', 15_000);
    await expectAccessible(page, page.locator(PURCHASE), 'provisioned');
    await page.keyboard.press('Escape');
    await page.waitForFunction(async (expected) => {
      const row = [...(document.querySelector('acct-license-summary')?.shadowRoot?.querySelectorAll('[part~="license"]') ?? [])][0];
      return row?.querySelector('[part~="quantity"]')?.textContent?.includes(String(expected)) ?? false;
    }, before + 3, { timeout: 10_000 });
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  it('added seats with the acknowledgement appear in the transaction history with their prorated months within 5 s', async () => {
    const page = await openDemo('jpy');
    await openPurchase(page, 'Workspace');
    await acknowledgeAndOrder(page);
    await waitForState(page, PURCHASE, 'confirmation', 15_000);
    const number = (await page.locator(`${PURCHASE} [part~="order-number"]`).innerText()).match(/SO-\d{6}/)![0];
    const started = Date.now();
    await page.waitForFunction(
      (n) => [...(document.querySelector('acct-transaction-history')?.shadowRoot?.querySelectorAll('.body [role="row"]') ?? [])].slice(0, 3).some((row) => row.textContent?.includes(n) && /Prorated: \d+ month/.test(row.textContent ?? '')),
      number,
      { timeout: 5000 },
    );
    assert.ok(Date.now() - started < 5000);
    await expectAccessible(page, page.locator('acct-transaction-history'), 'the transaction history');
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  it('R4: two tabs ordering on one quote make one order; the second tab shows the first one’s order', async () => {
    const [a, b] = [await openDemo('kwd'), await openDemo('kwd')];
    const before = (await ordersOf(a, 'kwd')).length;
    await openPurchase(a, 'Analytics');
    await openPurchase(b, 'Analytics');
    await acknowledgeAndOrder(a);
    await waitForState(a, PURCHASE, 'confirmation', 15_000);
    await acknowledgeAndOrder(b);
    await waitForState(b, PURCHASE, 'confirmation', 15_000);
    const numberOf = async (page: Page) => (await page.locator(`${PURCHASE} [part~="order-number"]`).innerText()).match(/SO-\d{6}/)![0];
    assert.equal(await numberOf(b), await numberOf(a));
    assert.match(await b.locator(`${PURCHASE} [part="base"]`).innerText(), /nothing was ordered twice/);
    const after = await ordersOf(a, 'kwd');
    assert.equal(after.length, before + 1, 'one order');
    await Promise.all([a.close(), b.close()]);
  });

  it('R2: the order commits and its answer is lost: retried with the same key, one order', async () => {
    const page = await openDemo('large');
    const before = (await ordersOf(page, 'large')).length;
    const armed = await page.request.post(`${server.url}/api/__test/faults`, {
      data: { method: 'POST', path: '/api/licenses/orders', action: 'drop-after-commit', times: 2 },
    });
    assert.equal(armed.status(), 204);
    await openPurchase(page, 'Workspace');
    await acknowledgeAndOrder(page);
    await waitForState(page, PURCHASE, 'confirmation', 20_000);
    assert.equal((await ordersOf(page, 'large')).length, before + 1, 'one order');
    assert.deepEqual(page.errors, []);
    await page.close();
  });
});

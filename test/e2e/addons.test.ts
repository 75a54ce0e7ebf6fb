// End to end: enabling and disabling add-ons on the demo host page against the reference server
// (PGlite), in headless Chromium, keyboard only with axe per step; and the guards that make one
// change of one confirmation (a burst of presses; a committed change whose answer was lost).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
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

const LIST = 'acct-addon-list';

before(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'acct-demo-addons-'));
  await buildDemo(outDir);
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
  const page = (await browser.newPage({ bypassCSP: true })) as DemoPage;
  page.errors = [];
  page.on('pageerror', (error) => page.errors.push(String(error)));
  await page.goto(`${server.url}/elements.html`);
  if (account !== 'typical') await page.selectOption('select[name="account"]', account);
  await page.waitForFunction((sel) => {
    const list = document.querySelector(sel);
    return !!list?.matches(':state(populated)') && !list.matches(':state(loading)');
  }, LIST);
  return page;
}

async function api<T>(page: Page, account: string, path: string): Promise<T> {
  const tokenResponse = await page.request.post(`${server.url}/api/demo/token`, { data: { account, role: 'admin' } });
  const { token } = (await tokenResponse.json()) as { token: string };
  const response = await page.request.get(`${server.url}/api${path}`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(response.status(), 200, path);
  return (await response.json()) as T;
}

type Ledger = { data: Array<{ type: string; description: string; amount: { amount: number } }> };
type Addons = { data: Array<{ id: string; name: string; state: string }> };

/** The account's add-on invoices (numbered `INV-<year>-A0001`, …). */
const addonInvoices = async (page: Page, account: string) =>
  (await api<{ data: Array<{ number: string }> }>(page, account, '/invoices?limit=100')).data.filter((i) => /-A\d{4}$/.test(i.number));
const stateOf = async (page: Page, account: string, name: string) => (await api<Addons>(page, account, '/addons')).data.find((a) => a.name === name)!.state;
const card = (page: Page, name: string) => page.locator(`${LIST} [part~="addon"]`, { hasText: name }).first();

/** The dialog is open with the server's preview. */
async function previewShown(page: Page): Promise<void> {
  await page.waitForFunction((sel) => !!document.querySelector(sel)?.shadowRoot?.querySelector('dialog[open] [part~="preview"]'), LIST);
}

describe('add-ons on the demo page', () => {
  it('keyboard only, axe on every step: Enable with its prorated invoice, then Disable with its credit', async () => {
    const page = await openDemo('typical');
    const invoicesBefore = (await api<{ data: unknown[] }>(page, 'typical', '/invoices?limit=100')).data.length;
    await page.locator('body').focus();
    await tabTo(page, (f) => f.host === 'acct-addon-list' && f.part.includes('enable-button') && f.text.includes('Enable'), '"Enable"', { max: 500 });
    await expectAccessible(page, page.locator(LIST), 'the add-on list');
    const name = (await page.evaluate(() => {
      const host = document.querySelector('acct-addon-list')!;
      return host.shadowRoot!.activeElement!.closest('[part~="addon"]')!.querySelector('[part~="name"]')!.textContent!.trim();
    })) as string;
    await page.keyboard.press('Enter');
    await previewShown(page);
    assert.ok((await focused(page)).part.includes('cancel-button'), 'focus starts on Cancel');
    await expectAccessible(page, page.locator(LIST), 'the enable confirmation');
    const invoiced = await page.locator(`${LIST} [part~="amount-now"]`).innerText();
    await page.keyboard.press('Shift+Tab');
    assert.ok((await focused(page)).part.includes('confirm-button'));
    await page.keyboard.press('Enter');
    await page.waitForFunction((sel) => !document.querySelector(sel)?.shadowRoot?.querySelector('dialog[open]'), LIST);
    await page.waitForFunction(([sel, n]) => {
      const row = [...(document.querySelector(sel)?.shadowRoot?.querySelectorAll('[part~="addon"]') ?? [])].find((r) => r.querySelector('[part~="name"]')?.textContent?.trim() === n);
      return row?.querySelector('[part~="state"]')?.textContent?.trim() === 'Enabled' || row?.querySelector('[part~="state"]')?.textContent?.trim() === 'Being enabled';
    }, [LIST, name] as const);
    assert.ok((await focused(page)).part.includes('disable-button'), 'focus comes back to the add-on, now Disable');
    assert.notEqual(await stateOf(page, 'typical', name), 'disabled');
    const invoices = (await api<{ data: Array<{ total: { amount: number } }> }>(page, 'typical', '/invoices?limit=100')).data;
    assert.equal(invoices.length, invoicesBefore + (invoiced === '$0.00' ? 0 : 1), 'one invoice for the change');
    // Disable it again, by keyboard: the credit is in the transaction history.
    await page.waitForFunction((sel) => document.querySelector(sel)?.shadowRoot?.activeElement?.getAttribute('part') === 'disable-button', LIST, { timeout: 15_000 });
    await page.keyboard.press('Enter');
    await previewShown(page);
    await expectAccessible(page, page.locator(LIST), 'the disable confirmation');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await page.waitForFunction((sel) => !document.querySelector(sel)?.shadowRoot?.querySelector('dialog[open]'), LIST);
    assert.equal(await stateOf(page, 'typical', name), 'disabled');
    const ledger = await api<Ledger>(page, 'typical', '/transactions?type=credit');
    assert.ok(ledger.data.some((t) => t.description.startsWith(name) && t.amount.amount < 0), 'the credit is in the ledger');
    await page.waitForFunction((n) => (document.querySelector('acct-transaction-history')?.shadowRoot?.textContent ?? '').includes(`${n} disabled`), name, { timeout: 10_000 });
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  it('R1: a burst of presses on the confirmation enables once', async () => {
    const page = await openDemo('jpy');
    await card(page, 'Audit log export').locator('[part~="enable-button"]').click();
    await previewShown(page);
    await page.evaluate((sel) => {
      const button = document.querySelector(sel)!.shadowRoot!.querySelector<HTMLButtonElement>('[part~="confirm-button"]')!;
      for (let i = 0; i < 10; i++) button.click();
    }, LIST);
    await page.waitForFunction((sel) => !document.querySelector(sel)?.shadowRoot?.querySelector('dialog[open]'), LIST);
    assert.equal((await addonInvoices(page, 'jpy')).length, 1, 'one invoice');
    assert.equal(await stateOf(page, 'jpy', 'Audit log export'), 'enabled');
    await page.close();
  });

  it('R2: the enable commits and its answer is lost: retried with the same key, one change', async () => {
    const page = await openDemo('large');
    const { data } = await api<Addons>(page, 'large', '/addons');
    const audit = data.find((a) => a.name === 'Audit log export')!;
    const armed = await page.request.post(`${server.url}/api/__test/faults`, {
      data: { method: 'POST', path: `/api/addons/${audit.id}/enable`, action: 'drop-after-commit', times: 2 },
    });
    assert.equal(armed.status(), 204);
    await card(page, 'Audit log export').locator('[part~="enable-button"]').click();
    await previewShown(page);
    await page.locator(`${LIST} [part~="confirm-button"]`).click();
    await page.waitForFunction((sel) => !document.querySelector(sel)?.shadowRoot?.querySelector('dialog[open]'), LIST, { timeout: 20_000 });
    assert.equal((await addonInvoices(page, 'large')).length, 1, 'one change, one invoice');
    assert.deepEqual(page.errors, []);
    await page.close();
  });
});

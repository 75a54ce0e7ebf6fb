// End to end on the real server, through the demo's portal: add an address and make it the
// shipping default; invite a user as billing viewer and, with that user's token, see the invoices
// without any payment action.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildDemo } from '../../scripts/demo-build.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.js';
import { startServer } from '../../server/index.js';

let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let outDir: string;

before(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'acct-demo-people-'));
  await buildDemo(outDir);
  server = await startServer({ port: 0, staticDir: outDir, demoTokens: true, rateLimits: false, hostedFieldsPort: 0 });
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  await server?.close();
  await rm(outDir, { recursive: true, force: true });
});

async function token(body: Record<string, string>): Promise<string> {
  const response = await fetch(`${server.url}/api/demo/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  assert.equal(response.status, 201, await response.clone().text());
  return ((await response.json()) as { token: string }).token;
}

async function api<T>(path: string, bearer: string): Promise<T> {
  const response = await fetch(`${server.url}/api${path}`, { headers: { Authorization: `Bearer ${bearer}` } });
  assert.equal(response.status, 200, path);
  return (await response.json()) as T;
}

async function openPortal(hash: string): Promise<Page & { errors: string[] }> {
  const page = (await browser.newPage({ viewport: { width: 1280, height: 900 } })) as Page & { errors: string[] };
  page.errors = [];
  page.on('pageerror', (error) => page.errors.push(String(error)));
  await page.goto(`${server.url}/${hash}`);
  await page.waitForFunction(() => !!document.querySelector('acct-portal')?.matches(':state(populated)'), undefined, { timeout: 20_000 });
  return page;
}

const shows = (page: Page, tag: string, state = 'populated') =>
  page.waitForFunction(([t, s]) => !!document.querySelector('acct-portal')!.shadowRoot!.querySelector(t)?.matches(`:state(${s})`), [tag, state] as const, { timeout: 20_000 });

interface Address {
  id: string;
  line1: string;
  uses: string[];
  default_for: string[];
}

describe('people and places on the demo portal (reference server)', () => {
  it('adds an address in Oregon and makes it the shipping default; the API agrees', async () => {
    const page = await openPortal('#/addresses');
    await shows(page, 'acct-address-book');
    const book = page.locator('acct-portal acct-address-book');
    await book.locator('[part~="add-button"]').click();
    await book.locator('input[name="name"]').fill('Northwind Warehouse');
    await book.locator('input[name="line1"]').fill('77 Dock Road');
    await book.locator('input[name="city"]').fill('Portland');
    await book.locator('input[name="region"]').fill('OR');
    await book.locator('input[name="postal"]').fill('97217');
    await book.locator('input[name="use-shipping"]').check();
    await book.locator('input[name="default-shipping"]').check();
    await book.locator('[part~="save-button"]').click();
    const entry = book.locator('li[part~="entry"]', { hasText: '77 Dock Road' });
    await entry.waitFor();
    await entry.locator('[part~="uses"]', { hasText: 'Default shipping address' }).waitFor();
    const admin = await token({ account: 'typical', role: 'admin' });
    const { data } = await api<{ data: Address[] }>('/addresses?use=shipping&limit=100', admin);
    const defaults = data.filter((a) => a.default_for.includes('shipping'));
    assert.deepEqual(defaults.map((a) => a.line1), ['77 Dock Road'], 'one shipping default: the new address');
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  it('invites a user as billing viewer; with that user’s token the portal shows the invoices and no payment action', async () => {
    const page = await openPortal('#/users');
    await shows(page, 'acct-users');
    const users = page.locator('acct-portal acct-users');
    await users.locator('[part~="invite-button"]').click();
    await users.locator('input[name="email"]').fill('ines.moreau@northwind.example');
    await users.locator('input[name="name"]').fill('Inès Moreau');
    await users.locator('select[name="role"]').selectOption('billing_viewer');
    // The role's capabilities are explained before anything is sent.
    assert.match(await users.locator('[part~="role-facts"]').first().innerText(), /invoice/i);
    await users.locator('[part~="submit-button"]').click();
    const row = users.locator('[part~="row"]', { hasText: 'ines.moreau@northwind.example' });
    await row.waitFor();
    assert.match(await row.innerText(), /Billing viewer/);
    assert.match(await row.innerText(), /pending/i);
    await page.close();

    // The invited user signs in (the demo token accepts the invitation): a billing viewer's portal.
    const viewer = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    viewer.on('pageerror', (error) => errors.push(String(error)));
    const bearer = await token({ account: 'typical', user: 'ines.moreau@northwind.example' });
    const account = await api<{ role: string; capabilities: string[] }>('/account', bearer);
    assert.equal(account.role, 'billing_viewer');
    assert.ok(!account.capabilities.includes('invoices:pay'));
    // The demo page, whose token source is then that user's (the provider starts a fresh connection).
    await viewer.goto(`${server.url}/`);
    await viewer.waitForFunction(() => !!document.querySelector('acct-portal')?.matches(':state(populated)'));
    await viewer.evaluate((t) => {
      const provider = document.querySelector('acct-provider') as unknown as { getToken?: () => Promise<string>; token?: string };
      provider.getToken = async () => t;
    }, bearer);
    await viewer.waitForFunction(
      () => {
        const links = [...document.querySelector('acct-portal')!.shadowRoot!.querySelectorAll('[part~="nav-link"]')].map((a) => a.textContent?.trim());
        return links.includes('Invoices') && !links.includes('Users');
      },
      undefined,
      { timeout: 20_000 },
    );
    await viewer.locator('acct-portal [part~="nav-link"]', { hasText: /^Invoices$/ }).click();
    await shows(viewer, 'acct-invoice-list');
    const list = viewer.locator('acct-portal acct-invoice-list');
    assert.ok((await list.locator('.body [role="row"]').count()) > 0, 'the invoices are shown');
    assert.equal(await list.locator('[part~="pay-button"], [part~="row-pay-button"]').count(), 0, 'no Pay in the list');
    await viewer.locator('acct-portal [part~="nav-link"]', { hasText: /^Payments$/ }).click();
    await shows(viewer, 'acct-payment-history');
    assert.equal(await viewer.locator('acct-portal [part~="pay-button"]').count(), 0, 'no "Make a payment"');
    assert.deepEqual(errors, []);
    await viewer.close();
  });
});

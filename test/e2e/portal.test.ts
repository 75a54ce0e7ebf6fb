// End to end: the demo host page — the portal — on the reference server (PGlite), in headless
// Chromium: every section walked by keyboard on a wide and on a narrow window, each one's elements
// showing data, and a reload on a deep link; under the page's strict CSP, without a page error.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildDemo } from '../../scripts/demo-build.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.js';
import { startServer } from '../../server/index.js';
import { expectAccessible } from './page-helpers.js';

let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let outDir: string;

before(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'acct-demo-portal-'));
  await buildDemo(outDir);
  server = await startServer({ port: 0, staticDir: outDir, demoTokens: true, rateLimits: false, hostedFieldsPort: 0 });
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  await server?.close();
  await rm(outDir, { recursive: true, force: true });
});

type PortalPage = Page & { problems: string[] };

async function openPortal(width: number, hash = '', bypassCSP = false): Promise<PortalPage> {
  const page = (await browser.newPage({ viewport: { width, height: 900 }, bypassCSP })) as PortalPage;
  page.problems = [];
  page.on('pageerror', (error) => page.problems.push(`page error: ${error}`));
  page.on('console', (message) => {
    if (message.type() === 'error') page.problems.push(`console error: ${message.text()}`);
  });
  await page.exposeFunction('reportCspViolation', (text: string) => page.problems.push(text));
  await page.addInitScript(() => {
    const report = (window as unknown as { reportCspViolation: (text: string) => void }).reportCspViolation;
    document.addEventListener('securitypolicyviolation', (e) => report(`CSP ${e.violatedDirective}: ${e.blockedURI} ${e.sample}`), true);
  });
  await page.goto(`${server.url}/${hash}`);
  await page.waitForFunction(() => !!document.querySelector('acct-portal')?.matches(':state(populated)'), undefined, { timeout: 20_000 });
  return page;
}

/** Waits until the portal's element `tag` is in `state`. */
const shows = (page: Page, tag: string, state = 'populated') =>
  page.waitForFunction(([t, s]) => !!document.querySelector('acct-portal')!.shadowRoot!.querySelector(t)?.matches(`:state(${s})`), [tag, state] as const, { timeout: 20_000 });

const focused = (page: Page) => page.evaluate(() => document.querySelector('acct-portal')!.shadowRoot!.activeElement?.textContent?.trim() ?? '');

/** Each link of the admin's navigation after Overview, the section's hash and an element that shows data there. */
const SECTIONS: Array<[label: string, hash: string, tag: string, state?: string]> = [
  ['Invoices', 'invoices', 'acct-invoice-list'],
  ['Payments', 'payments', 'acct-payment-history'],
  ['Payment methods', 'payment-methods', 'acct-payment-methods'],
  ['Licenses', 'licenses', 'acct-license-summary'],
  ['Add-ons', 'addons', 'acct-addon-list'],
  ['Usage', 'usage', 'acct-usage-table'],
  ['Credits', 'credits', 'acct-credit-list', 'empty'],
  ['Transactions', 'transactions', 'acct-transaction-history'],
  ['Addresses', 'addresses', 'acct-address-book'],
  ['Profile', 'profile', 'acct-profile'],
  ['Users', 'users', 'acct-users'],
];

/**
 * From the first link: Tab to the next, Enter shows it (its elements load then) and moves focus to
 * its heading; Shift+Tab goes back into the navigation (to its last link), and on to the next one.
 */
async function walkByKeyboard(page: PortalPage): Promise<void> {
  await shows(page, 'acct-account-summary');
  const links = await page.locator('acct-portal [part~="nav-link"]').allInnerTexts();
  assert.deepEqual(links, ['Overview', ...SECTIONS.map(([label]) => label)]);
  await page.locator('acct-portal [part~="nav-link"]').first().focus();
  await page.keyboard.press('Tab');
  for (const [index, [label, hash, tag, state]] of SECTIONS.entries()) {
    assert.equal(await focused(page), label);
    await page.keyboard.press('Enter');
    await shows(page, tag, state);
    assert.equal(new URL(page.url()).hash, `#/${hash}`);
    await page.waitForFunction(() => document.querySelector('acct-portal')!.shadowRoot!.activeElement?.getAttribute('part') === 'section-heading');
    assert.equal(await focused(page), label, 'focus on the section heading');
    const current = index + 1;
    for (let i = 0; i < SECTIONS.length - current; i++) await page.keyboard.press('Shift+Tab');
  }
}

describe('the portal on the demo page (reference server)', () => {
  it('wide: the navigation at the side; every section by keyboard, then Back and a reload on a deep link', async () => {
    const page = await openPortal(1280);
    const nav = await page.locator('acct-portal nav').boundingBox();
    const main = await page.locator('acct-portal .main').boundingBox();
    assert.ok(nav && main && nav.x + nav.width <= main.x + 1, `the navigation beside the section (${JSON.stringify({ nav, main })})`);
    await walkByKeyboard(page);
    // Back: the section before.
    await page.goBack();
    await shows(page, 'acct-profile');
    // A deep link to an invoice, reloaded: its detail, with its Pay leading to the payment flow.
    await page.goto(`${server.url}/#/invoices/in_1_000039`);
    await page.reload();
    await page.waitForFunction(() => !!document.querySelector('acct-portal')?.matches(':state(populated)'));
    await shows(page, 'acct-invoice-detail');
    assert.equal(await page.locator('acct-portal [part~="nav-link"][aria-current="page"]').innerText(), 'Invoices');
    await page.locator('acct-portal acct-invoice-detail [part~="pay-button"]').click();
    await shows(page, 'acct-pay-invoice', 'review');
    assert.equal(new URL(page.url()).hash, '#/payments/pay');
    assert.deepEqual(page.problems, []);
    await page.close();
  });

  it('narrow: the navigation at the bottom, every section by keyboard, no sideways scrolling of the page', async () => {
    const page = await openPortal(390, '#/overview');
    // Measured once the overview's elements show data (before, the section is shorter and the
    // navigation sits at its end), all three boxes at once.
    await shows(page, 'acct-account-summary');
    await shows(page, 'acct-invoice-list');
    // (No named function inside: tsx would wrap it in a __name() the page does not have.)
    const [nav, portal, main] = await page.evaluate(() => {
      const host = document.querySelector('acct-portal')!;
      return [host.shadowRoot!.querySelector('nav')!, host, host.shadowRoot!.querySelector('.main')!].map((element) => {
        const { y, height } = element.getBoundingClientRect();
        return { y, height };
      });
    });
    // After the section, kept at the window's bottom while the portal reaches below it (sticky).
    assert.ok(nav && portal && main && nav.y >= main.y + main.height - 1 - Math.max(0, portal.y + portal.height - 900), `the navigation below the section (${JSON.stringify({ nav, main })})`);
    assert.ok(nav && portal && Math.abs(nav.y + nav.height - Math.min(900, portal.y + portal.height)) <= 2, `at the bottom of the window or of the portal (${JSON.stringify({ nav, portal })})`);
    await walkByKeyboard(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `no sideways scrolling (${overflow}px)`);
    await page.reload();
    await page.waitForFunction(() => !!document.querySelector('acct-portal')?.matches(':state(populated)'));
    await shows(page, 'acct-users');
    assert.deepEqual(page.problems, []);
    await page.close();
  });

  it('axe on every section, wide and narrow (the axe script needs the CSP bypassed)', async () => {
    for (const width of [1280, 390]) {
      const page = await openPortal(width, '#/overview', true);
      await shows(page, 'acct-invoice-list');
      await expectAccessible(page, page.locator('acct-portal'), `overview at ${width}px`);
      for (const [label, hash, tag, state] of SECTIONS) {
        await page.locator('acct-portal [part~="nav-link"]', { hasText: new RegExp(`^${label}$`) }).click();
        await shows(page, tag, state);
        assert.equal(new URL(page.url()).hash, `#/${hash}`);
        await expectAccessible(page, page.locator('acct-portal'), `${label} at ${width}px`);
      }
      assert.deepEqual(page.problems, []);
      await page.close();
    }
  });

  it('a billing viewer: the sections it may see, no payment action', async () => {
    const page = (await browser.newPage()) as PortalPage;
    await page.goto(`${server.url}/#/payments`);
    await page.selectOption('select[name="role"]', 'billing_viewer');
    await page.waitForFunction(() => !!document.querySelector('acct-portal')?.matches(':state(populated)'));
    await shows(page, 'acct-payment-history');
    assert.equal(await page.locator('acct-portal [part~="pay-button"]').count(), 0);
    await page.close();
  });
});

// The server-rendered marketing page `/pricing.html` (server/marketing.ts) on the reference server,
// as `npm start` serves it: with JavaScript turned off in Chromium the prices are on the page
// (declarative shadow DOM) and the form reloads it with other choices; with JavaScript on, the
// page's script hydrates the same markup (no second render, no mismatch, no CSP violation) and the
// table then updates as you go, keyboard only, with no token.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildDemo } from '../../scripts/demo-build.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.js';
import { startServer } from '../../server/index.js';
import { focused, tabTo, waitForState } from './page-helpers.js';

let server: { url: string; close(): Promise<void> };
let browser: Browser;
let outDir: string;

before(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'acct-pricing-page-'));
  await buildDemo(outDir);
  // As `npm start` runs it (the demo page, where the calls to action lead, signs in with demo tokens).
  server = await startServer({ port: 0, staticDir: outDir, demoTokens: true });
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  await server?.close();
  await rm(outDir, { recursive: true, force: true });
});

const usd = (minor: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(minor / 100);

/** Each plan's name and big figure, read through the (declarative) shadow root. */
async function plans(page: Page): Promise<string[]> {
  const cards = page.locator('acct-pricing-table [part~="plan"]');
  const out: string[] = [];
  for (let i = 0; i < (await cards.count()); i++) {
    const card = cards.nth(i);
    const name = (await card.locator('h3').innerText()).trim();
    const figure = (await card.locator('.amount .num, .contact').first().innerText()).trim();
    out.push(`${name} ${figure}`);
  }
  return out;
}

/**
 * axe (WCAG 2.2 AA tags) on the table, evaluated over CDP: the page's Trusted Types policy refuses
 * the script tag page-helpers' expectAccessible would add, and this test keeps the page's policy.
 */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'));
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Element, options: object): Promise<{ violations: Array<{ id: string; nodes: unknown[] }> }> } }).axe;
    const { violations } = await axe.run(document.querySelector('acct-pricing-table')!, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] });
    return violations.map((v) => `${v.id} (${v.nodes.length})`);
  });
}

/** Everything a page reports that it should not: uncaught errors, console errors, CSP violations. */
function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' || /Refused to|violates the following|Trusted Type/i.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  return problems;
}

describe('the marketing page, rendered on the server', () => {
  it('with JavaScript off: the prices are on the page, and the form reloads it with the visitor\'s choices', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const problems = watch(page);
    try {
      const response = await page.goto(`${server.url}/pricing.html`);
      assert.equal(response?.status(), 200);
      assert.match(response?.headers()['content-security-policy'] ?? '', /style-src 'self' 'sha256-/);
      // The page's own scripts did not run: the element is not even defined.
      assert.equal(await page.evaluate(() => customElements.get('acct-pricing-table') === undefined), true, 'JavaScript is off');
      assert.deepEqual(await plans(page), [`Starter ${usd(2400)}`, `Team ${usd(4500)}`, `Business ${usd(25000)}`, 'Enterprise Price on request']);
      const starter = page.locator('acct-pricing-table [part~="plan"]').first();
      assert.match(await starter.innerText(), new RegExp(`Estimated for 3 seats\\s+From \\${usd(800)} per seat per month`));
      assert.equal(await page.locator('acct-pricing-table table[part="features"] tbody tr').count(), 5);
      // Yearly, 12 seats, then "Update prices": the server renders that.
      await page.locator('acct-pricing-table input[name="interval"][value="year"]').check();
      await page.locator('acct-pricing-table input[name="quantity"]').fill('12');
      await page.locator('acct-pricing-table [part="apply-button"]').click();
      await page.waitForURL(/interval=year/);
      const query = new URL(page.url()).searchParams;
      assert.deepEqual([query.get('interval'), query.get('quantity'), query.get('currency'), query.get('product')], ['year', '12', 'USD', 'prod_workspace']);
      // 12 × $80; 10 × $150 + 2 × $120; 12 × $250 — a year each.
      assert.deepEqual(await plans(page), [`Starter ${usd(96000)}`, `Team ${usd(174000)}`, `Business ${usd(300000)}`, 'Enterprise Price on request']);
      // Calls to action are links that work without script.
      const href = await page.locator('acct-pricing-table a[part="cta"]').first().getAttribute('href');
      assert.equal(href, './?plan=plan_starter&interval=year&quantity=12&currency=USD');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('with JavaScript on: the same markup is hydrated (its styles stay, no mismatch, no CSP violation) and then runs', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = watch(page);
    const apiRequests: Array<{ url: string; authorization?: string }> = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/')) apiRequests.push({ url: new URL(request.url()).pathname, authorization: request.headers().authorization });
    });
    try {
      await page.goto(`${server.url}/pricing.html`);
      await waitForState(page, 'acct-pricing-table', 'interactive');
      await waitForState(page, 'acct-pricing-table', 'populated');
      await page.waitForFunction(() => !document.querySelector('acct-pricing-table')!.matches(':state(loading)'));
      // Hydrated, not rendered again: the server's <style> is still in the shadow root (a fresh
      // render adopts its styles instead), and the element has no `defer-hydration` left.
      const hydrated = await page.evaluate(() => {
        const table = document.querySelector('acct-pricing-table')!;
        const styles = [...table.shadowRoot!.children].filter((child) => child.localName === 'style').length;
        return { styles, plans: table.shadowRoot!.querySelectorAll('[part~="plan"]').length, deferred: table.hasAttribute('defer-hydration') };
      });
      assert.deepEqual(hydrated, { styles: 1, plans: 4, deferred: false });
      assert.equal(await page.locator('acct-pricing-table [part="apply-button"]').isVisible(), false, '"Update prices" is not needed any more');
      // The element loaded the current catalogue itself, with no token.
      assert.deepEqual(apiRequests, [{ url: '/api/pricing', authorization: undefined }]);

      // Keyboard only: the interval switch, the quantity, a call to action.
      await page.locator('h1').click();
      await tabTo(page, (f) => f.host === 'acct-pricing-table' && f.type === 'radio', 'the interval switch');
      await page.keyboard.press('ArrowRight');
      assert.equal((await focused(page)).checked, true);
      await page.keyboard.press('Tab');
      assert.equal((await focused(page)).part, 'quantity');
      await page.keyboard.press('Backspace');
      await page.keyboard.type('12');
      await page.waitForFunction(() => document.querySelector('acct-pricing-table')!.shadowRoot!.textContent!.includes('Estimated for 12 seats'));
      assert.deepEqual(await plans(page), [`Starter ${usd(96000)}`, `Team ${usd(174000)}`, `Business ${usd(300000)}`, 'Enterprise Price on request']);
      assert.deepEqual(await axeViolations(page), [], 'axe on the hydrated table');
      const cta = await tabTo(page, (f) => f.part === 'cta', 'a call to action');
      assert.equal(cta.text, 'Choose Starter');
      assert.deepEqual(problems, []);
      await page.keyboard.press('Enter');
      await page.waitForURL(/plan=plan_starter/);
      assert.deepEqual(Object.fromEntries(new URL(page.url()).searchParams), { plan: 'plan_starter', interval: 'year', quantity: '12', currency: 'USD' });
    } finally {
      await context.close();
    }
  });
});

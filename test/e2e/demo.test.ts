// End to end: the demo host page on the reference server, in headless Chromium (playwright-core).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildDemo } from '../../scripts/demo-build.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.js';
import { startServer } from '../../server/index.js';
import { expectInvoicePdf, waitForState } from './page-helpers.js';

let server: { url: string; close(): Promise<void> };
let browser: Browser;
let outDir: string;

before(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'acct-demo-'));
  await buildDemo(outDir);
  server = await startServer({ port: 0, staticDir: outDir, demoTokens: true });
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  await server?.close();
  await rm(outDir, { recursive: true, force: true });
});

async function openDemo(query = '', options: Parameters<Browser['newPage']>[0] = {}, origin = server.url): Promise<Page> {
  const page = await browser.newPage(options);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  (page as Page & { errors: string[] }).errors = errors;
  // The page is served with a strict Content-Security-Policy (docs/security.md): a violation is an error.
  await page.exposeFunction('reportCspViolation', (text: string) => errors.push(text));
  await page.addInitScript(() => {
    const report = (window as unknown as { reportCspViolation: (text: string) => void }).reportCspViolation;
    document.addEventListener('securitypolicyviolation', (e) => report(`CSP ${e.violatedDirective}: ${e.blockedURI} ${e.sample}`), true);
  });
  await page.goto(`${origin}/elements.html${query}`);
  await page.locator('acct-invoice-list [role="row"][aria-rowindex="2"]').waitFor();
  return page;
}

const rows = (page: Page) => page.locator('acct-invoice-list .body [role="row"]');

describe('demo host page on the reference server', () => {
  it('shows the invoices, filters to open ones, opens a detail and downloads its PDF', async () => {
    const page = await openDemo();
    assert.ok((await rows(page).count()) >= 10, 'a page of invoices');
    await page.locator('acct-invoice-list label:has-text("Open")').click();
    await page.waitForFunction(() => {
      const list = document.querySelector('acct-invoice-list');
      const badges = [...(list?.shadowRoot?.querySelectorAll('[part="status"]') ?? [])].map((b) => b.textContent?.trim());
      return badges.length > 0 && badges.every((b) => b === 'Open' || b === 'Overdue');
    });
    const first = rows(page).first();
    const number = (await first.locator('[role="cell"]').nth(1).innerText()).trim();
    await first.locator('[part="view-button"]').click();
    const title = page.locator('acct-invoice-detail [part="title"]');
    await title.filter({ hasText: number }).waitFor();
    const href = await page.locator('acct-invoice-detail [part="pdf-link"]').getAttribute('href');
    assert.ok(href, 'a PDF link');
    await expectInvoicePdf(page, href!, number);
    assert.deepEqual((page as Page & { errors: string[] }).errors, []);
    await page.close();
  });

  it('a row\'s Pay opens the pay dialog at the review of that invoice alone; "View last invoice" shows the newest in the detail', async () => {
    const page = await openDemo();
    const unpaid = rows(page).filter({ has: page.locator('[part="row-pay-button"]') }).first();
    const number = (await unpaid.locator('[role="cell"]').nth(1).innerText()).trim();
    const due = (await unpaid.locator('[role="cell"]').nth(5).innerText()).replace(/^Amount due\s*/, '').trim();
    const pay = unpaid.locator('[part="row-pay-button"]');
    assert.equal(await pay.getAttribute('aria-label'), `Pay invoice ${number}`);
    await pay.focus();
    await page.keyboard.press('Enter');
    const dialog = page.locator('#pay-dialog');
    await waitForState(page, '#pay-dialog acct-pay-invoice', 'review');
    assert.equal(await dialog.evaluate((d) => (d as HTMLDialogElement).open), true);
    const flow = await page.evaluate(() => document.querySelector<HTMLElement & { invoices?: Array<{ number: string }> }>('#pay-dialog acct-pay-invoice')!.invoices?.map((i) => i.number));
    assert.deepEqual(flow, [number]);
    const review = await page.locator('#pay-dialog acct-pay-invoice [part="summary"]').innerText();
    assert.ok(review.includes(number) && review.includes(due), `the review shows ${number} and ${due}: ${review}`);
    await page.locator('#pay-dialog-close').click();

    // The list shows all invoices, newest first: the summary's last invoice is its first row.
    const newest = (await rows(page).first().locator('[role="cell"]').nth(1).innerText()).trim();
    await page.locator('acct-account-summary [part="view-invoice-button"]').click();
    await page.locator('acct-invoice-detail [part="title"]').filter({ hasText: newest }).waitFor();
    assert.deepEqual((page as Page & { errors: string[] }).errors, []);
    await page.close();
  });

  it('a billing viewer sees invoices but no Pay action', async () => {
    const page = await openDemo();
    await page.selectOption('select[name="role"]', 'billing_viewer');
    // Both elements reload for the new token (the old page stays on screen meanwhile): wait for
    // their permission-limited state, then check what they show.
    await page.waitForFunction(() =>
      ['acct-invoice-list', 'acct-invoice-detail'].every((tag) => document.querySelector(tag)?.matches(':state(readonly):not(:state(loading))')),
    );
    await page.locator('acct-invoice-detail [part="title"]').waitFor();
    assert.equal(await page.locator('acct-invoice-detail [part="pay-button"]').count(), 0);
    assert.equal(await page.locator('acct-invoice-list input[type="checkbox"]').count(), 0);
    assert.equal(await page.locator('acct-invoice-list [part="row-pay-button"]').count(), 0);
    assert.ok((await rows(page).count()) > 0);
    assert.deepEqual((page as Page & { errors: string[] }).errors, [], 'no page errors, no CSP violations');
    await page.close();
  });

  it('keeps working after the token expired (getToken refreshes it)', async () => {
    // A 2-second token lives 2-3 s (exp rounds up to a whole second): after 3.1 s it has expired,
    // and the refreshed one has 2 s left for the retried request even on a loaded machine.
    const page = await openDemo('?token_seconds=2');
    const tokenRequests: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/api/demo/token')) tokenRequests.push(request.url());
    });
    await page.waitForTimeout(3100);
    await page.locator('acct-invoice-list label:has-text("Paid")').click();
    await page.waitForFunction(() => {
      const badges = [...(document.querySelector('acct-invoice-list')?.shadowRoot?.querySelectorAll('[part="status"]') ?? [])];
      return badges.length > 0 && badges.every((b) => b.textContent?.trim() === 'Paid');
    });
    assert.ok(tokenRequests.length >= 1, 'a new token was fetched after the 401');
    assert.equal(await page.locator('acct-invoice-list [part="error"]').count(), 0);
    assert.deepEqual((page as Page & { errors: string[] }).errors, [], 'no page errors, no CSP violations');
    await page.close();
  });

  it('follows the chosen language: Arabic turns the page and the elements right to left', async () => {
    const page = await openDemo();
    const options = await page.locator('select[name="locale"] option').evaluateAll((list) => list.map((o) => (o as HTMLOptionElement).value));
    assert.deepEqual(options, ['en-US', 'de-DE', 'fr-FR', 'es-ES', 'ja-JP', 'ar']);
    await page.selectOption('select[name="locale"]', 'ar');
    // The list's rows under their Arabic name, loaded. (Its text holds "الفواتير" only while it
    // loads, "جارٍ تحميل الفواتير…": waiting for that text passed only when the poll caught the
    // reload, and timed out once the reload got quicker.)
    await page.waitForFunction(() => {
      const list = document.querySelector('acct-invoice-list');
      return list?.matches(':not(:state(loading))') && list.shadowRoot?.querySelector('[role="table"][aria-label="الفواتير"] [role="row"][aria-rowindex="2"]');
    });
    const state = await page.evaluate(() => {
      const list = document.querySelector('acct-invoice-list')!;
      const base = list.shadowRoot!.querySelector('[part="base"]')!;
      return {
        lang: document.documentElement.lang,
        dir: document.documentElement.dir,
        h1: document.querySelector('h1')!.textContent,
        close: document.getElementById('pay-dialog-close')!.textContent,
        title: document.title,
        direction: getComputedStyle(base).direction,
        overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      };
    });
    assert.deepEqual(state, { lang: 'ar', dir: 'rtl', h1: 'الفوترة', close: 'إغلاق', title: 'Tickr — الفوترة', direction: 'rtl', overflow: 0 });
    await page.selectOption('select[name="locale"]', 'ja-JP');
    await page.waitForFunction(() => document.documentElement.dir === 'ltr' && document.querySelector('h1')?.textContent === '請求');
    assert.deepEqual((page as Page & { errors: string[] }).errors, [], 'no page errors, no CSP violations');
    await page.close();
  });

  for (const [width, height] of [
    [390, 700],
    [1280, 800],
  ]) {
    it(`the pay dialog fits a ${width}×${height} viewport, the flow fills its width, Close looks like a button`, async () => {
      const page = await openDemo('', { viewport: { width, height } });
      await page.locator('acct-account-summary [part="pay-button"]').click();
      await page.locator('acct-pay-invoice [part~="heading"]').waitFor();
      const geometry = await page.evaluate(() => {
        const dialog = document.getElementById('pay-dialog')!;
        const style = getComputedStyle(dialog);
        const box = dialog.getBoundingClientRect();
        const pay = dialog.querySelector('acct-pay-invoice')!.shadowRoot!.querySelector('[part~="base"]')!.getBoundingClientRect();
        const close = getComputedStyle(document.getElementById('pay-dialog-close')!);
        return {
          inside: box.top >= 0 && box.left >= 0 && box.bottom <= innerHeight && box.right <= innerWidth,
          box: [box.left, box.top, box.right, box.bottom].map(Math.round).join(' '),
          contentWidth: Math.round(box.width - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)),
          payWidth: Math.round(pay.width),
          closeRadius: close.borderTopLeftRadius,
          closeHeight: parseFloat(close.minHeight),
        };
      });
      assert.ok(geometry.inside, `dialog ${geometry.box} inside ${width}×${height}`);
      assert.equal(geometry.payWidth, geometry.contentWidth, 'the flow fills the dialog');
      assert.equal(geometry.closeRadius, '6px');
      assert.ok(geometry.closeHeight >= 36, 'a button-sized Close');
      // Walk to the review: still inside on a phone, nothing wider than the dialog.
      await page.locator('acct-pay-invoice [part~="continue-button"]').click();
      await page.waitForFunction(() => document.querySelector('acct-pay-invoice')?.matches(':state(review)'));
      const review = await page.evaluate(() => {
        const dialog = document.getElementById('pay-dialog')!;
        const box = dialog.getBoundingClientRect();
        return { inside: box.bottom <= innerHeight && box.right <= innerWidth, overflow: dialog.scrollWidth - dialog.clientWidth };
      });
      assert.deepEqual(review, { inside: true, overflow: 0 });
      assert.deepEqual((page as Page & { errors: string[] }).errors, [], 'no page errors, no CSP violations');
      await page.close();
    });
  }

  it('dark, on a phone: the hosted card fields take the page\'s colour scheme and colours and line up with the address fields', async (t) => {
    // The demo's server with the gateway's hosted fields (a second origin) for this test only.
    const withFields = await startServer({ port: 0, staticDir: outDir, demoTokens: true, hostedFieldsPort: 0 });
    t.after(() => withFields.close());
    const page = await openDemo('', { viewport: { width: 390, height: 800 }, colorScheme: 'dark' }, withFields.url);
    await page.locator('acct-payment-methods [part="add-card-button"]').click();
    const iframe = page.locator('acct-payment-methods acct-payment-method-form iframe');
    await page.frameLocator('acct-payment-methods acct-payment-method-form iframe').getByLabel('Card number').waitFor();
    await page.waitForFunction(() => (document.querySelector('acct-payment-methods acct-payment-method-form iframe') as HTMLElement | null)?.offsetHeight! > 0);
    const frame = (await (await iframe.elementHandle())!.contentFrame())!;
    const inFrame = await frame.evaluate(() => {
      const input = document.getElementById('number')!;
      const label = document.querySelector('label[for="number"]')!;
      const s = getComputedStyle(input);
      const l = getComputedStyle(label);
      const box = input.getBoundingClientRect();
      return {
        scheme: getComputedStyle(document.documentElement).colorScheme,
        body: getComputedStyle(document.body).backgroundColor,
        input: { background: s.backgroundColor, border: s.borderTopColor, color: s.color, height: Math.round(box.height), left: box.left, width: box.width },
        label: { weight: l.fontWeight, size: l.fontSize },
      };
    });
    const outside = await page.evaluate(() => {
      const form = document.querySelector('acct-payment-methods acct-payment-method-form')!;
      const iframe = form.querySelector('iframe')!;
      const root = form.shadowRoot!;
      const input = root.querySelector('input[autocomplete="billing address-line1"]') as HTMLElement;
      const label = root.querySelector(`label[for="${input.id}"]`)!;
      const s = getComputedStyle(input);
      const l = getComputedStyle(label);
      const box = input.getBoundingClientRect();
      const frame = getComputedStyle(root.host.parentElement!.closest('acct-payment-methods')!.shadowRoot!.querySelector('[part~="form"]')!);
      return {
        frameScheme: iframe.style.colorScheme,
        frameLeft: iframe.getBoundingClientRect().left,
        input: { background: s.backgroundColor, border: s.borderTopColor, color: s.color, height: Math.round(box.height), left: box.left, width: box.width },
        label: { weight: l.fontWeight, size: l.fontSize },
        rowTops: ['address-level2', 'address-level1'].map((name) => root.querySelector(`[autocomplete="billing ${name}"]`)!.getBoundingClientRect().top),
        addFrame: frame.borderTopWidth,
      };
    });
    assert.equal(inFrame.scheme, 'dark');
    assert.equal(outside.frameScheme, 'dark', 'frame and page agree, so the frame is not painted opaque');
    assert.equal(inFrame.body, 'rgba(0, 0, 0, 0)');
    const { left: innerLeft, width: innerWidth, ...fieldLook } = inFrame.input;
    const { left, width, ...addressLook } = outside.input;
    assert.deepEqual(fieldLook, addressLook, 'card fields look like the address fields');
    assert.deepEqual(inFrame.label, outside.label, 'and so do their labels');
    assert.ok(Math.abs(outside.frameLeft + innerLeft - left) < 0.5, `card number starts where the address does (${outside.frameLeft + innerLeft} vs ${left})`);
    assert.ok(Math.abs(innerWidth - width) < 0.5, `and is as wide (${innerWidth} vs ${width})`);
    const [city, state] = outside.rowTops;
    assert.equal(state, city, 'a wrapped "State or region (optional)" does not push its input down');
    assert.equal(outside.addFrame, '1px', 'the add form has a frame');
    assert.deepEqual((page as Page & { errors: string[] }).errors, [], 'no page errors, no CSP violations');
    await page.close();
  });
});

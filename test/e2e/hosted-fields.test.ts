// The reference server's hosted card fields in Chromium: a page on the API's origin frames the
// fields page of the second origin and speaks the postMessage protocol by hand (docs/test-gateway.md),
// so the protocol is checked against the real page, whatever adapter a host uses.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.js';
import { startServer } from '../../server/index.js';

type Message = { origin: string; data: Record<string, unknown> };

let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;

before(async () => {
  server = await startServer({ port: 0, hostedFieldsPort: 0, demoTokens: true });
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** A page on the API's origin with the fields framed as a host's adapter would (`?origin=&locale=`). */
async function framedFields(locale: string, origin?: string): Promise<{ page: Page; frame: Frame; errors: string[] }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(`${server.url}/api/openapi.json`);
  await page.evaluate(
    ({ url, locale, origin }) => {
      const messages: Message[] = [];
      (window as unknown as { messages: Message[] }).messages = messages;
      window.addEventListener('message', (event) => messages.push({ origin: event.origin, data: event.data }));
      const iframe = document.createElement('iframe');
      iframe.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-forms');
      iframe.title = 'Card details';
      iframe.src = `${url}?origin=${encodeURIComponent(origin ?? location.origin)}&locale=${encodeURIComponent(locale)}`;
      document.body.append(iframe);
    },
    { url: server.hostedFieldsUrl!, locale, origin },
  );
  const handle = await page.waitForSelector('iframe');
  const frame = (await handle.contentFrame())!;
  await frame.waitForLoadState('load');
  return { page, frame, errors };
}

/** axe (WCAG 2.2 AA tags) inside the frame; evaluated over CDP, so the page's CSP does not stop it. */
async function axeViolations(frame: Frame): Promise<string[]> {
  const source = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await frame.evaluate(source);
  return frame.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Array<{ id: string; nodes: unknown[] }> }> } }).axe;
    const { violations } = await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] });
    return violations.map((v) => `${v.id} (${v.nodes.length})`);
  });
}

const messages = (page: Page) => page.evaluate(() => (window as unknown as { messages: Message[] }).messages);
const post = (page: Page, message: object) =>
  page.evaluate(([data, target]) => document.querySelector('iframe')!.contentWindow!.postMessage(data, target), [message, new URL(server.hostedFieldsUrl!).origin] as const);
async function waitFor(page: Page, type: string, id?: string): Promise<Record<string, unknown>> {
  const handle = await page.waitForFunction(
    ([type, id]) => (window as unknown as { messages: Message[] }).messages.find((m) => m.data?.type === type && (id === undefined || m.data.id === id))?.data,
    [type, id] as const,
  );
  return (await handle.jsonValue()) as Record<string, unknown>;
}

describe('hosted card fields in Chromium', () => {
  it('announces itself with its height, reports completeness and brand, and answers tokenize with a token the API accepts', async () => {
    const { page, frame, errors } = await framedFields('en-US');
    const ready = await waitFor(page, 'acct-hf:ready');
    assert.ok(Number(ready.height) > 100 && Number(ready.height) < 400, `height ${ready.height}`);
    assert.ok((await messages(page)).every((m) => m.origin === new URL(server.hostedFieldsUrl!).origin), 'from the fields origin only');
    await frame.getByLabel('Card number').fill('4242 4242 4242 4242');
    await frame.getByLabel('Expiry date (MM/YY)').fill('12/34');
    await frame.getByLabel('Security code (CVC)').fill('123');
    const changes = (await messages(page)).filter((m) => m.data.type === 'acct-hf:change').map((m) => m.data);
    assert.deepEqual(changes.at(-1), { type: 'acct-hf:change', complete: true, brand: 'visa' });
    assert.deepEqual(await axeViolations(frame), []);
    assert.ok(changes.some((c) => c.complete === false), 'incomplete before the last field');

    await post(page, { type: 'acct-hf:tokenize', id: 'first' });
    const result = await waitFor(page, 'acct-hf:result', 'first');
    assert.match(String(result.token), /^tok_/);
    const apiToken = await (await fetch(`${server.url}/api/demo/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"account":"empty"}' })).json();
    const saved = await fetch(`${server.url}/api/payment-methods`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${apiToken.token}`, 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
      body: JSON.stringify({ type: 'card', token: result.token }),
    });
    assert.equal(saved.status, 201);
    assert.deepEqual(((await saved.json()) as { card: unknown }).card, { brand: 'visa', last4: '4242', exp_month: 12, exp_year: 2034 });
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('refuses invalid fields in the page’s language, marks them, focuses the first, and reports them to the parent', async () => {
    const { page, frame } = await framedFields('de-DE');
    await waitFor(page, 'acct-hf:ready');
    assert.equal(await frame.evaluate(() => document.documentElement.lang), 'de-DE');
    await frame.getByLabel('Kartennummer').fill('4242 4242 4242 4241');
    await frame.getByLabel('Ablaufdatum (MM/JJ)').fill('01/20');
    await frame.getByLabel('Sicherheitscode (CVC)').fill('12');
    await post(page, { type: 'acct-hf:tokenize', id: 'second' });
    const error = await waitFor(page, 'acct-hf:error', 'second');
    assert.deepEqual(
      (error.errors as Array<{ field: string; code: string }>).map((e) => [e.field, e.code]),
      [
        ['number', 'checksum'],
        ['expiry', 'expired'],
        ['cvc', 'length'],
      ],
    );
    const number = frame.getByLabel('Kartennummer');
    assert.equal(await number.getAttribute('aria-invalid'), 'true');
    assert.equal(await frame.locator('#number-error').textContent(), 'Die Kartennummer ist ungültig.');
    assert.equal(await frame.evaluate(() => document.activeElement?.id), 'number');
    assert.deepEqual(await axeViolations(frame), [], 'accessible with its errors shown');
    // Correcting a field clears its error at once.
    await number.fill('4242 4242 4242 4242');
    assert.equal(await number.getAttribute('aria-invalid'), null);
    assert.equal(await frame.locator('#number-error').textContent(), '');
    await page.close();
  });

  it('takes focus on request, and ignores messages from other origins; a page framed for another origin hears nothing', async () => {
    const { page, frame } = await framedFields('en');
    await waitFor(page, 'acct-hf:ready');
    await post(page, { type: 'acct-hf:focus' });
    await frame.waitForFunction(() => document.activeElement?.id === 'number');
    // The frame itself (its own origin) is not the parent: a tokenize from it is ignored.
    await frame.evaluate(() => window.postMessage({ type: 'acct-hf:tokenize', id: 'forged' }, '*'));
    await page.waitForTimeout(200);
    assert.ok(!(await messages(page)).some((m) => m.data.id === 'forged'));
    await page.close();

    const other = await framedFields('en', 'https://other.example');
    await other.page.waitForTimeout(500);
    assert.deepEqual(await messages(other.page), [], 'it posts only to the origin it was given');
    await other.page.close();
  });
});

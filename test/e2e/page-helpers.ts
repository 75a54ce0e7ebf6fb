// What the end-to-end tests share: the element that has focus (through shadow roots), Tab until a
// control is reached (keyboard-only paths), and axe on one element in the real page.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import type { Locator, Page } from 'playwright-core';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export interface Focused {
  tag: string;
  part: string;
  type: string;
  /** The text of the control's label, or its own text. */
  text: string;
  /** The tag of the custom element whose shadow root holds it. */
  host: string;
  checked: boolean;
}

/** The deepest focused element, described. */
export function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    let host = '';
    while (el?.shadowRoot?.activeElement) {
      host = el.localName;
      el = el.shadowRoot.activeElement;
    }
    const input = el as HTMLInputElement | null;
    return {
      tag: el?.localName ?? '',
      part: el?.getAttribute('part') ?? '',
      type: el?.getAttribute('type') ?? '',
      text: ((input?.labels?.[0] ?? el?.closest('label') ?? el)?.textContent ?? '').replace(/\s+/g, ' ').trim(),
      host,
      checked: !!input?.checked,
    };
  });
}

/**
 * Presses Tab (Shift+Tab with `back`) until the focused element matches; fails after `max` presses.
 * With `fromCurrent`, an element that already has focus and matches counts.
 */
export async function tabTo(
  page: Page,
  matches: (f: Focused) => boolean,
  what: string,
  { max = 80, back = false, fromCurrent = false } = {},
): Promise<Focused> {
  if (fromCurrent) {
    const current = await focused(page);
    if (matches(current)) return current;
  }
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const f = await focused(page);
    if (matches(f)) return f;
  }
  assert.fail(`Tab never reached ${what}`);
}

/** axe-core (WCAG 2.2 A/AA rules) on one element and its shadow tree: no violations. */
export async function expectAccessible(page: Page, target: Locator, label: string): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axePath });
  const handle = await target.elementHandle();
  const violations = await page.evaluate(async (element) => {
    const axe = (window as unknown as { axe: { run: Function } }).axe;
    const result = await axe.run(element, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return result.violations.map((v: { id: string; nodes: Array<{ target: unknown }> }) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  }, handle);
  assert.deepEqual(violations, [], `axe, ${label}`);
}

/** Waits until the element matches a custom state (`:state(name)`). */
export async function waitForState(page: Page, selector: string, state: string, timeout = 10_000): Promise<void> {
  await page.waitForFunction(
    ([sel, name]) => document.querySelector(sel)?.matches(`:state(${name})`) ?? false,
    [selector, state] as const,
    { timeout },
  );
}

/** Card details into a hosted fields frame (the test gateway's page on its own origin, docs/test-gateway.md). */
export async function fillHostedCard(page: Page, iframe: string, number: string, cvc = '123'): Promise<void> {
  const fields = page.frameLocator(iframe);
  await fields.getByLabel('Card number').fill(number);
  await fields.getByLabel('Expiry date (MM/YY)').fill('12/34');
  await fields.getByLabel('Security code (CVC)').fill(cvc);
}

/** Fills the billing address of an `acct-payment-method-form`. */
export async function fillAddress(form: Locator): Promise<void> {
  await form.getByLabel('Address line 1').fill('12 Harbour Street');
  await form.getByLabel('City').fill('Springfield');
  await form.getByLabel('State or region').fill('OR');
  await form.getByLabel('Postal code').fill('97477');
  await form.getByLabel('Country').selectOption('US');
}

/** Downloads a PDF link: a PDF that names the invoice. */
export async function expectInvoicePdf(page: Page, href: string, number: string): Promise<void> {
  const pdf = await page.request.get(href);
  assert.equal(pdf.status(), 200);
  assert.equal(pdf.headers()['content-type'], 'application/pdf');
  const bytes = await pdf.body();
  assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
  assert.ok(bytes.toString('latin1').includes(number), `the PDF names invoice ${number}`);
}

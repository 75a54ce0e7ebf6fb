import { expect } from '@open-wc/testing';
import { deepElements } from './wait.js';

/** The shadow roots of every account element below `root` (the root included). */
function accountRoots(root: Element): ShadowRoot[] {
  return [root, ...deepElements(root)]
    .filter((el) => el.localName.startsWith('acct-') && el.shadowRoot)
    .map((el) => el.shadowRoot!);
}

function isRendered(el: Element): boolean {
  const box = el.getBoundingClientRect();
  return box.width > 1 && box.height > 1;
}

/** Text nodes of a shadow root (not of its slotted light DOM, which belongs to another element). */
function textNodes(root: ShadowRoot): Text[] {
  const out: Text[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node as Text;
    const parent = text.parentElement;
    if (!parent || parent.closest('style, .visually-hidden, [aria-hidden="true"]:not(bdi)')) continue;
    if (text.data.trim()) out.push(text);
  }
  return out;
}

/** The text is isolated from its neighbours: inside a <bdi> or an element with a `dir` attribute, below `limit` or at it. */
function isIsolated(text: Text, limit: Element): boolean {
  for (let el: Element | null = text.parentElement; el; el = el.parentElement) {
    if (el.localName === 'bdi' || el.hasAttribute('dir')) return true;
    if (el === limit) break;
  }
  return false;
}

const MASKED = /•{2,}/;
const DIGIT = /\p{Nd}/u;

/**
 * What a right-to-left page must look like in every element below `page`:
 * - the direction is inherited into each shadow root (`direction: rtl`);
 * - rows are mirrored: in a table row (ARIA or native) whose first and last cells sit on one line,
 *   the first cell is to the right of the last;
 * - values that keep their own direction are isolated: every amount or other figure of a `.num`
 *   element and every masked card or account number (`•••• 4242`) is inside a <bdi> (or an element
 *   with `dir`), and the numeric inputs (card number, expiry, security code, routing and account
 *   numbers, the amount) are `direction: ltr`;
 * - nothing sticks out sideways: no element is wider than its box (`scrollWidth`).
 * Returns how many rows and islands it checked, for the caller to assert that it saw some.
 */
export function expectRightToLeft(page: HTMLElement, label = ''): { rows: number; islands: number } {
  let rows = 0;
  let islands = 0;
  const roots = accountRoots(page);
  expect(roots.length, `${label}: account elements`).to.be.greaterThan(0);
  for (const root of roots) {
    const tag = root.host.localName;
    const first = [...root.children].find((el) => el.localName !== 'style' && el.localName !== 'link');
    if (first) expect(getComputedStyle(first).direction, `${label}: ${tag} direction`).to.equal('rtl');

    for (const row of root.querySelectorAll('[role="row"], tr')) {
      const cells = [...row.querySelectorAll(':scope > [role="cell"], :scope > [role="columnheader"], :scope > td, :scope > th')].filter(isRendered);
      if (cells.length < 2) continue;
      const start = cells[0].getBoundingClientRect();
      const sameLine = cells.filter((cell) => {
        const box = cell.getBoundingClientRect();
        return box.top < start.bottom && box.bottom > start.top;
      });
      if (sameLine.length < 2) continue;
      const end = sameLine.at(-1)!.getBoundingClientRect();
      expect(start.right, `${label}: ${tag} row starts at the right`).to.be.greaterThan(end.right);
      rows++;
    }

    for (const text of textNodes(root)) {
      const num = text.parentElement!.closest('.num');
      const masked = MASKED.test(text.data);
      if (!masked && !(num && DIGIT.test(text.data))) continue;
      expect(isIsolated(text, num ?? root.host), `${label}: ${tag} "${text.data.trim()}" is isolated (bdi or dir)`).to.equal(true);
      islands++;
    }

    for (const input of root.querySelectorAll<HTMLInputElement>('input[inputmode="numeric"], input[inputmode="decimal"]')) {
      expect(getComputedStyle(input).direction, `${label}: ${tag} input ${input.name || input.id} is left to right`).to.equal('ltr');
      islands++;
    }

    for (const el of [root.host, ...root.querySelectorAll('*')]) {
      if (!isRendered(el) || el.closest('.visually-hidden')) continue;
      const style = getComputedStyle(el);
      if (style.display.startsWith('inline') || style.display === 'contents' || style.display.startsWith('table')) continue;
      // A scroll container (a long table) scrolls sideways on purpose.
      if (style.overflowX === 'auto' || style.overflowX === 'scroll') continue;
      expect(el.scrollWidth, `${label}: ${tag} <${el.localName} class="${el.className}"> overflows sideways`).to.be.at.most(el.clientWidth + 1);
    }
  }
  return { rows, islands };
}

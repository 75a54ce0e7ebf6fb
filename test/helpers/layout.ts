// Geometry checks for narrow layouts (a phone is 390 px wide): what overflows its box, and on how
// many lines a piece of text is drawn.

/** A short name for an element in failure messages: tag, classes and the start of its text. */
function describe(el: Element): string {
  const classes = el.getAttribute('class') ? `.${el.getAttribute('class')!.trim().split(/\s+/).join('.')}` : '';
  return `${el.localName}${classes} "${(el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40)}"`;
}

/** The elements among `selector` under `root` whose content is wider than their box (1 px of rounding allowed). */
export function overflowing(root: ParentNode, selector: string): string[] {
  return Array.from(root.querySelectorAll<HTMLElement>(selector))
    .filter((el) => el.getClientRects().length > 0 && el.scrollWidth > el.clientWidth + 1)
    .map((el) => `${describe(el)}: ${el.scrollWidth} > ${el.clientWidth}`);
}

/** The elements among `selector` that stick out of `container`'s box, at the start or the end. */
export function outside(container: Element, root: ParentNode, selector: string): string[] {
  const box = container.getBoundingClientRect();
  return Array.from(root.querySelectorAll(selector))
    .filter((el) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1);
    })
    .map((el) => describe(el));
}

/** The number of lines an inline element's text takes (its boxes on distinct lines). */
export function lines(el: Element): number {
  const range = document.createRange();
  range.selectNodeContents(el);
  // Boxes on one line differ by a few pixels in their tops (nested inline elements); lines by a line height.
  const tops = Array.from(range.getClientRects(), (r) => r.top).sort((a, b) => a - b);
  return tops.filter((top, i) => i === 0 || top - tops[i - 1] > 8).length;
}

/** The elements among `selector` whose text takes more than one line. */
export function wrapped(root: ParentNode, selector: string): string[] {
  return Array.from(root.querySelectorAll(selector))
    .filter((el) => lines(el) > 1)
    .map((el) => `${describe(el)} takes ${lines(el)} lines`);
}

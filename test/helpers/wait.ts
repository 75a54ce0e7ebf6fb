/** Every element below `root`, through open shadow roots. */
export function deepElements(root: Element | ShadowRoot | Document): Element[] {
  const out: Element[] = [];
  const walk = (node: Element | ShadowRoot | Document) => {
    for (const child of Array.from(node.children)) {
      out.push(child);
      if (child.shadowRoot) walk(child.shadowRoot);
      walk(child);
    }
  };
  walk(root);
  return out;
}

function isLoading(el: Element): boolean {
  try {
    return el.matches(':state(loading)');
  } catch {
    return false;
  }
}

/**
 * Resolves when no account element inside `root` is loading any more (custom state `loading`)
 * and every Lit update has settled. Rejects after `timeoutMs`.
 */
export async function waitForIdle(root: Element, timeoutMs = 5000): Promise<void> {
  const start = performance.now();
  for (;;) {
    const elements = [root, ...deepElements(root)].filter((e) => e.localName.startsWith('acct-'));
    await Promise.all(elements.map((e) => (e as Partial<{ updateComplete: Promise<unknown> }>).updateComplete));
    if (!elements.some(isLoading)) {
      // One more frame, so tasks that just settled have rendered.
      await new Promise((r) => requestAnimationFrame(() => r(undefined)));
      if (![root, ...deepElements(root)].some(isLoading)) return;
    }
    if (performance.now() - start > timeoutMs) throw new Error('waitForIdle: still loading after timeout');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Finds the first element matching `selector` anywhere below root, through shadow roots. */
export function deepQuery<T extends Element = Element>(root: Element | ShadowRoot | Document, selector: string): T | null {
  return (deepElements(root).find((e) => e.matches(selector)) as T | undefined) ?? null;
}

export function deepQueryAll<T extends Element = Element>(root: Element | ShadowRoot | Document, selector: string): T[] {
  return deepElements(root).filter((e) => e.matches(selector)) as T[];
}

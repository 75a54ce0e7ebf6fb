import type { ChildPart, ReactiveController, ReactiveControllerHost } from 'lit';
import { insertPart, setChildPartValue } from 'lit/directive-helpers.js';
import { removeWithMarker, type KeyedRepeatOptions, type Reconcile } from './keyed-repeat.js';

/**
 * Windowing for long lists: only the items in and near the viewport are rendered, with gaps
 * standing in for the others so the scrollbar is right.
 *
 * - Item sizes are measured from rendered items (a ResizeObserver: border box plus vertical
 *   margins); items never rendered count as the average measured size.
 * - Offsets are prefix sums, recomputed lazily after a size changed; the first visible item is
 *   found by binary search.
 * - Scrolling schedules at most one update per animation frame (passive listener + rAF).
 * - Every update keeps the first item visible before it where it was on screen (scroll anchoring
 *   of our own: new sizes or a better average change the gap above it, items rendered above it
 *   may differ from their estimate). The browser's scroll anchoring is switched off on the
 *   scroller so that the two do not both correct.
 * - The focused item and its neighbours stay rendered, so focus is never dropped to `<body>`
 *   by scrolling, and Tab / Shift+Tab always find the next item in the DOM.
 * - `keyedRepeat` (`./keyed-repeat.js`) renders the segments: lit's `repeat` (lit-html 3.3) leaves
 *   one comment node behind for every item it removes (lit/lit#5010), and a window removes items on
 *   every frame. Gaps get their size through the CSSOM (`cssomStyle`), never a `style` attribute,
 *   which a strict CSP blocks.
 *
 * - `recycleRows` lets `keyedRepeat` give the DOM of rows that leave the window to rows that
 *   arrive, instead of removing the one and creating the other.
 *
 * This module is loaded lazily (`ListWindowing` in `./list-table.js`), only when a list first
 * passes its threshold: it imports only `./keyed-repeat.js` and lit's directive helpers, which
 * every list's first load has already, so it is one small chunk of its own.
 */

/** What to render, in order: an item, or a gap (in px) standing in for items not rendered. */
export type WindowSegment =
  | { readonly kind: 'item'; readonly index: number }
  | { readonly kind: 'gap'; readonly size: number; readonly key: object };

/** A window of item indices, `start` inclusive, `end` exclusive. */
export interface IndexRange {
  start: number;
  end: number;
}

/**
 * Sizes of `count` items along the scroll axis: measured ones, the rest estimated by the average
 * measured size (or `estimate` before anything was measured). Offsets are prefix sums.
 */
export class ItemSizes {
  /**
   * NaN: not measured. Only the first `#count` entries are items: the arrays grow by doubling, so a
   * list that grows a page at a time does not leave two arrays of its whole length behind for the
   * collector with every page (50 pages of 1,000 rows made 20 MB of them).
   */
  #sizes = new Float64Array(0);
  /** `#offsets[i]` is where item i starts; `#offsets[count]` is the total. */
  #offsets = new Float64Array(1);
  #count = 0;
  #offsetsValid = true;
  #measuredSum = 0;
  #measuredCount = 0;

  constructor(readonly estimate: number) {}

  get count(): number {
    return this.#count;
  }

  /** The size assumed for items not measured yet. */
  get average(): number {
    return this.#measuredCount ? this.#measuredSum / this.#measuredCount : this.estimate;
  }

  get total(): number {
    return this.#validOffsets()[this.#count];
  }

  /** Grows or shrinks to `count` items; measurements of the items that remain are kept. */
  setCount(count: number): void {
    const old = this.#count;
    if (count === old) return;
    const sizes = this.#sizes;
    for (let i = count; i < old; i++) this.#forget(sizes[i]);
    if (count > sizes.length) {
      const grown = new Float64Array(Math.max(count, sizes.length * 2)).fill(NaN);
      grown.set(sizes.subarray(0, old));
      this.#sizes = grown;
      this.#offsets = new Float64Array(grown.length + 1);
    } else if (count > old) {
      sizes.fill(NaN, old, count);
    }
    this.#count = count;
    this.#offsetsValid = false;
  }

  /** Records a measured size; returns whether anything changed. */
  set(index: number, size: number): boolean {
    if (!(index >= 0 && index < this.#count) || !(size >= 0)) return false;
    const old = this.#sizes[index];
    if (Math.abs(old - size) < 0.01) return false;
    this.#forget(old);
    this.#measuredSum += size;
    this.#measuredCount++;
    this.#sizes[index] = size;
    this.#offsetsValid = false;
    return true;
  }

  /** The measured size of an item, or the average when it was never measured. */
  get(index: number): number {
    const size = this.#sizes[index];
    return Number.isNaN(size) ? this.average : size;
  }

  /** Where item `index` starts (`count` gives the total). */
  offsetOf(index: number): number {
    return this.#validOffsets()[Math.max(0, Math.min(this.#count, index))];
  }

  /** The item at `offset`: the last one starting at or before it, clamped to the items (0 when there are none). */
  indexAt(offset: number): number {
    const offsets = this.#validOffsets();
    let low = 0;
    let high = this.#count - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (offsets[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return Math.max(0, low);
  }

  /** The items that intersect [top, top + height), widened by `overscan` items on each side. */
  rangeFor(top: number, height: number, overscan: number): IndexRange {
    if (this.#count === 0) return { start: 0, end: 0 };
    const first = this.indexAt(top);
    const last = this.indexAt(top + Math.max(0, height));
    return { start: Math.max(0, first - overscan), end: Math.min(this.#count, last + 1 + overscan) };
  }

  /** Forgets every measurement (the items changed entirely). */
  clear(): void {
    this.#sizes.fill(NaN);
    this.#measuredSum = 0;
    this.#measuredCount = 0;
    this.#offsetsValid = false;
  }

  #forget(size: number) {
    if (Number.isNaN(size)) return;
    this.#measuredSum -= size;
    this.#measuredCount--;
  }

  #validOffsets(): Float64Array {
    if (!this.#offsetsValid) {
      const sizes = this.#sizes;
      const offsets = this.#offsets;
      const average = this.average;
      for (let i = 0; i < this.#count; i++) {
        const size = sizes[i];
        offsets[i + 1] = offsets[i] + (Number.isNaN(size) ? average : size);
      }
      this.#offsetsValid = true;
    }
    return this.#offsets;
  }
}

export interface WindowingOptions {
  /** How many items there are; read before every host update. */
  count: () => number;
  /** The scrolling element (its client height is the viewport), or nothing while there is none. */
  scroller: () => HTMLElement | null | undefined;
  /**
   * The parent of the rendered items and gaps, inside the scroller, without padding; make it
   * `display: flow-root` when items have margins, so the last one's margin stays inside.
   */
  container: () => HTMLElement | null | undefined;
  /** The index of a child of the container that is an item, -1 for anything else (the gaps). */
  indexOf: (element: Element) => number;
  /** Size assumed (px) until the first item is measured. */
  estimatedSize: number;
  /** Items rendered beyond each edge of the viewport. */
  overscan?: number;
}

/** A rendered item in the viewport and where its border box starts on screen. */
interface Anchor {
  element: Element;
  index: number;
  top: number;
}

/** Keys for the gaps by role, so that they never change order relative to the items. */
const GAP_BEFORE = { gap: 'before' };
const GAP_BETWEEN = { gap: 'between' };
const GAP_AFTER = { gap: 'after' };

function sameSegments(a: readonly WindowSegment[], b: readonly WindowSegment[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x.kind !== y.kind) return false;
    if (x.kind === 'item' ? x.index !== (y as typeof x).index : x.size !== (y as typeof x).size) return false;
  }
  return true;
}

/**
 * Renders a window of a long list. The host renders `segments` into the container after every
 * update: each `item` as the element for that index (which `indexOf` recognizes), each `gap` as
 * an empty element of `size` px block size (keyed by `key`). The controller attaches to the
 * scroller and the container when they appear after an update, and detaches from them (every
 * listener, observer and frame) when the host is disconnected or they go away.
 */
export class WindowingController implements ReactiveController {
  readonly sizes: ItemSizes;
  /** What the host renders in its next update. */
  segments: readonly WindowSegment[] = [];

  #host: ReactiveControllerHost & HTMLElement;
  #options: WindowingOptions;
  #overscan: number;
  #scroller?: HTMLElement;
  #container?: HTMLElement;
  #observer?: ResizeObserver;
  /** The observed items and the index each showed when observed. */
  #observed = new Map<Element, number>();
  /** Sizes measured since the last frame, by index. */
  #pending = new Map<number, number>();
  #frame = 0;
  /** Where the viewport starts, in px from the first item's start (negative above it). */
  #viewTop = 0;
  /** The viewport's height; 0 until the scroller was measured. */
  #viewHeight = 0;
  /** The item to keep in place across the current update, and where it was (viewport px). */
  #anchor?: Anchor;
  #savedOverflowAnchor = '';

  constructor(host: ReactiveControllerHost & HTMLElement, options: WindowingOptions) {
    this.#host = host;
    this.#options = options;
    this.#overscan = options.overscan ?? 4;
    this.sizes = new ItemSizes(options.estimatedSize);
    host.addController(this);
  }

  hostConnected(): void {
    this.#attach();
  }

  hostDisconnected(): void {
    this.#detach();
  }

  hostUpdate(): void {
    this.sizes.setCount(Math.max(0, this.#options.count()));
    this.#anchor = this.#visibleItem();
    this.segments = this.#computeSegments();
  }

  hostUpdated(): void {
    const anchor = this.#anchor;
    this.#anchor = undefined;
    this.#attach();
    const scroller = this.#scroller;
    if (!scroller) return;
    this.#observeItems();
    // The element that shows the anchor's item now (a recycled one may show another item).
    const element = anchor && this.#elementOf(anchor.index);
    if (anchor && element) {
      const moved = element.getBoundingClientRect().top - anchor.top;
      if (Math.abs(moved) >= 1) scroller.scrollTop += moved;
    }
  }

  /**
   * Scrolls the least distance that brings item `index` into the viewport and renders it;
   * resolves after the host's update. Does nothing while not attached to a scroller.
   */
  async scrollToIndex(index: number): Promise<void> {
    const scroller = this.#scroller;
    if (!scroller || !(index >= 0 && index < this.sizes.count)) return;
    const viewTop = this.#measureViewTop();
    const height = scroller.clientHeight;
    const top = this.sizes.offsetOf(index);
    const bottom = this.sizes.offsetOf(index + 1);
    const target = top < viewTop ? top : bottom > viewTop + height ? bottom - height : viewTop;
    scroller.scrollTop += target - viewTop;
    this.#viewTop = target;
    this.#viewHeight = height;
    this.#host.requestUpdate();
    await this.#host.updateComplete;
  }

  // ---- attachment ----

  #attach() {
    const scroller = (this.#host.isConnected && this.#options.scroller()) || undefined;
    const container = (scroller && this.#options.container()) || undefined;
    if (scroller === this.#scroller && container === this.#container) return;
    this.#detach();
    if (!scroller || !container) return;
    this.#scroller = scroller;
    this.#container = container;
    scroller.addEventListener('scroll', this.#onScroll, { passive: true });
    container.addEventListener('focusin', this.#onFocusIn);
    this.#savedOverflowAnchor = scroller.style.overflowAnchor;
    scroller.style.overflowAnchor = 'none';
    this.#observer = new ResizeObserver(this.#onResize);
    this.#observer.observe(scroller);
    this.#observeItems();
    this.#schedule();
  }

  #detach() {
    const scroller = this.#scroller;
    if (scroller) {
      scroller.removeEventListener('scroll', this.#onScroll);
      scroller.style.overflowAnchor = this.#savedOverflowAnchor;
    }
    this.#container?.removeEventListener('focusin', this.#onFocusIn);
    this.#observer?.disconnect();
    this.#observer = undefined;
    this.#observed.clear();
    this.#pending.clear();
    if (this.#frame) cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    this.#scroller = undefined;
    this.#container = undefined;
  }

  /**
   * Observes items that appeared and stops observing those that left (an observer keeps its
   * targets alive). An element that now shows another item (a recycled row) is observed afresh:
   * an observation starts with a report of the size, which a row as high as the one before would
   * not otherwise give.
   */
  #observeItems() {
    const container = this.#container!;
    const observer = this.#observer!;
    for (const element of this.#observed.keys()) {
      if (element.parentElement !== container) {
        observer.unobserve(element);
        this.#observed.delete(element);
      }
    }
    for (let element = container.firstElementChild; element; element = element.nextElementSibling) {
      const index = this.#options.indexOf(element);
      const observed = this.#observed.get(element);
      if (index === observed) continue;
      if (observed !== undefined) observer.unobserve(element);
      if (index >= 0) {
        observer.observe(element);
        this.#observed.set(element, index);
      } else {
        this.#observed.delete(element);
      }
    }
  }

  // ---- events ----

  #onScroll = () => this.#schedule();

  /** A newly focused item needs its neighbours rendered before the next Tab. */
  #onFocusIn = () => {
    if (!sameSegments(this.#computeSegments(), this.segments)) this.#host.requestUpdate();
  };

  /** Records sizes only: changing the DOM here would start another round of observations. */
  #onResize = (entries: ResizeObserverEntry[]) => {
    for (const entry of entries) {
      const element = entry.target;
      if (element.parentElement !== this.#container) continue;
      const index = this.#options.indexOf(element);
      if (index < 0) continue;
      const style = getComputedStyle(element);
      const box = entry.borderBoxSize?.[0]?.blockSize ?? element.getBoundingClientRect().height;
      this.#pending.set(index, box + parseFloat(style.marginTop) + parseFloat(style.marginBottom));
    }
    this.#schedule();
  };

  #schedule() {
    if (!this.#frame && this.#scroller) this.#frame = requestAnimationFrame(this.#onFrame);
  }

  #onFrame = () => {
    this.#frame = 0;
    const scroller = this.#scroller;
    if (!scroller) return;
    for (const [index, size] of this.#pending) this.sizes.set(index, size);
    this.#pending.clear();
    this.#viewTop = this.#measureViewTop();
    this.#viewHeight = scroller.clientHeight;
    if (!sameSegments(this.#computeSegments(), this.segments)) this.#host.requestUpdate();
  };

  // ---- geometry ----

  /**
   * Where the viewport starts in the model (px from the first item). Measured from an item in
   * view when there is one: sizes that changed above it (or the average) move the model, and the
   * window must be placed where that item will be, not where the DOM has it now.
   */
  #measureViewTop(): number {
    const scroller = this.#scroller!;
    const viewportTop = scroller.getBoundingClientRect().top + scroller.clientTop;
    const anchor = this.#visibleItem();
    if (anchor) {
      const marginTop = parseFloat(getComputedStyle(anchor.element).marginTop);
      return this.sizes.offsetOf(anchor.index) + marginTop + viewportTop - anchor.top;
    }
    const container = this.#container!;
    return viewportTop - container.getBoundingClientRect().top - container.clientTop;
  }

  /** The rendered element of item `index`, if any. */
  #elementOf(index: number): Element | undefined {
    for (let element = this.#container?.firstElementChild; element; element = element.nextElementSibling) {
      if (this.#options.indexOf(element) === index) return element;
    }
    return undefined;
  }

  /** The first rendered item in the viewport. */
  #visibleItem(): Anchor | undefined {
    const scroller = this.#scroller;
    const container = this.#container;
    if (!scroller || !container) return undefined;
    const viewportTop = scroller.getBoundingClientRect().top + scroller.clientTop;
    const viewportBottom = viewportTop + scroller.clientHeight;
    for (let element = container.firstElementChild; element; element = element.nextElementSibling) {
      const index = this.#options.indexOf(element);
      if (index < 0) continue;
      const rect = element.getBoundingClientRect();
      if (rect.top >= viewportBottom) return undefined;
      if (rect.bottom > viewportTop) return { element, index, top: rect.top };
    }
    return undefined;
  }

  /** The focused item's index, or -1 when focus is not inside an item. */
  #focusedIndex(): number {
    const container = this.#container;
    if (!container) return -1;
    let element = (container.getRootNode() as Document | ShadowRoot).activeElement;
    if (!element || element === container || !container.contains(element)) return -1;
    while (element.parentElement !== container) element = element.parentElement!;
    return this.#options.indexOf(element);
  }

  #computeSegments(): WindowSegment[] {
    const sizes = this.sizes;
    const count = sizes.count;
    if (!count) return [];
    // Before the scroller was measured, the window's height is a safe guess for the viewport.
    const height = this.#viewHeight || window.innerHeight;
    const { start, end } = sizes.rangeFor(this.#viewTop, height, this.#overscan);
    const runs: Array<[number, number]> = [[start, end]];
    const focused = this.#focusedIndex();
    if (focused >= 0 && focused < count) {
      const from = Math.max(0, focused - 1);
      const to = Math.min(count, focused + 2);
      if (to < start) runs.unshift([from, to]);
      else if (from > end) runs.push([from, to]);
      else runs[0] = [Math.min(from, start), Math.max(to, end)];
    }
    const segments: WindowSegment[] = [];
    let reached = 0;
    const gap = (size: number, key: object) => {
      if (size > 0) segments.push({ kind: 'gap', size, key });
    };
    runs.forEach(([from, to], run) => {
      gap(sizes.offsetOf(from) - reached, run ? GAP_BETWEEN : GAP_BEFORE);
      for (let index = from; index < to; index++) segments.push({ kind: 'item', index });
      reached = sizes.offsetOf(to);
    });
    gap(sizes.total - reached, GAP_AFTER);
    return segments;
  }
}

/** Whether a reconciled item is a window's gap (the reconcilers' items are a window's segments). */
const isGap = (item: unknown): boolean => (item as WindowSegment | undefined)?.kind === 'gap';

/** The one of `parts` that holds the focus of the container's root, if any. */
function focusedPart(container: ChildPart, parts: Iterable<ChildPart>): ChildPart | undefined {
  const parent = container.parentNode as Node | null;
  const active = parent && (parent.getRootNode() as Document | ShadowRoot).activeElement;
  if (!active || !parent.contains(active)) return undefined;
  for (const part of parts) {
    for (let node = part.startNode?.nextSibling; node && node !== part.endNode; node = node.nextSibling) {
      if (node.contains(active)) return part;
    }
  }
  return undefined;
}

/**
 * `keyedRepeat`'s `reconcile` for a window: a row that leaves gives its DOM to a row that arrives
 * in the same render (lit then updates only its texts and attributes). Scrolling a screenful per
 * frame otherwise makes some 15 new rows on every frame, all of them garbage a frame later. An
 * element may then show another row, so this is only for rows nothing outside holds on to: the
 * part that has the focus is never given away, and the controller observes a recycled row afresh.
 *
 * Moving a row in the DOM costs Blink more than showing other text in it (it lays the moved row
 * out from scratch: about twice the collector's garbage, docs/usage-table.md). So when at least
 * half of the rows leave (a fast scroll), every row shows the row at its place (`reassignInPlace`)
 * and nothing moves; otherwise rows that stay keep their DOM and each arriving row takes the DOM
 * of a leaving one, moved to where it goes.
 */
export const recycleRows: Reconcile = (container, last, items, keys, template) => {
  const wanted = new Set(keys);
  let leavingCount = 0;
  for (const key of last.keys()) if (!wanted.has(key)) leavingCount++;
  let rowCount = last.size;
  items.forEach((item, i) => {
    if (isGap(item) && last.has(keys[i])) rowCount--;
  });
  if (rowCount > 0 && leavingCount * 2 >= rowCount) return reassignInPlace(container, last, items, keys, template);
  /** The last render's parts in DOM order; `next` is the first not placed yet (new and moved parts go before it). */
  const order = [...last.values()];
  /** Parts whose rows left: given to arriving rows; those left over are removed. */
  const leaving = new Set<ChildPart>();
  for (const [key, part] of last) if (!wanted.has(key)) leaving.add(part);
  const focused = focusedPart(container, leaving);
  if (focused) {
    leaving.delete(focused);
    order.splice(order.indexOf(focused), 1);
    removeWithMarker(focused);
  }
  const placed = new Set<ChildPart>();
  const parts = new Map<unknown, ChildPart>();
  let next = 0;
  items.forEach((item, i) => {
    while (next < order.length && placed.has(order[next])) next++;
    const at = order[next] as ChildPart | undefined;
    const key = keys[i];
    // A duplicate key gets a part of its own, never the existing one.
    let part = parts.has(key) ? undefined : last.get(key);
    if (part) {
      // In place when only leaving parts lie before it: they are recycled by a move, or removed.
      let k = next;
      while (k < order.length && order[k] !== part && (placed.has(order[k]) || leaving.has(order[k]))) k++;
      if (order[k] === part) next = k + 1;
      else insertPart(container, at, part);
    } else if (isGap(item)) {
      // A new gap gets a part of its own: a row's DOM would only be replaced by it (another template).
      part = insertPart(container, at);
    } else if (at && leaving.has(at)) {
      // A leaving part right where the row goes: it shows the new row, nothing moves.
      part = at;
      leaving.delete(at);
      next++;
    } else if (leaving.size) {
      part = leaving.values().next().value!;
      leaving.delete(part);
      insertPart(container, at, part);
    } else {
      part = insertPart(container, at);
    }
    placed.add(part);
    setChildPartValue(part, template(item));
    parts.set(parts.has(key) ? Symbol() : key, part);
  });
  for (const part of leaving) removeWithMarker(part);
  return parts;
};

/**
 * `recycleRows` after a fast scroll: the rows' DOM stays where it is and shows, in order, the rows
 * of this render. Kept for their own key: the gaps (another template) and the focused row. Rows
 * left over between two of those go to where rows are missing, or are removed at the end.
 */
const reassignInPlace: Reconcile = (container, last, items, keys, template) => {
  const order = [...last.values()];
  const keepsKey = new Set<ChildPart>();
  items.forEach((item, i) => {
    const part = last.get(keys[i]);
    if (part && isGap(item)) keepsKey.add(part);
  });
  const focused = focusedPart(container, order);
  if (focused) {
    const focusedKey = [...last].find(([, part]) => part === focused)![0];
    if (keys.includes(focusedKey)) {
      keepsKey.add(focused);
    } else {
      // Never given to another row (focus would stay on what now shows something else).
      order.splice(order.indexOf(focused), 1);
      removeWithMarker(focused);
    }
  }
  const used = new Set<ChildPart>();
  /** Rows' parts passed over (before a part that keeps its key): moved to where rows are missing. */
  const spare: ChildPart[] = [];
  const parts = new Map<unknown, ChildPart>();
  let next = 0;
  items.forEach((item, i) => {
    const key = keys[i];
    const own = parts.has(key) ? undefined : last.get(key);
    let part: ChildPart;
    while (next < order.length && used.has(order[next])) next++;
    const at = order[next] as ChildPart | undefined;
    if (own && keepsKey.has(own) && !used.has(own)) {
      const found = order.indexOf(own, next);
      if (found >= 0) {
        for (let k = next; k < found; k++) if (!used.has(order[k]) && !keepsKey.has(order[k])) spare.push(order[k]);
        next = found + 1;
      } else {
        insertPart(container, at, own);
      }
      part = own;
    } else if (isGap(item)) {
      // A new gap gets a part of its own: a row's DOM would only be replaced by it (another template).
      part = insertPart(container, at);
    } else if (at && !keepsKey.has(at)) {
      part = at;
      next++;
    } else {
      const moved = spare.shift();
      part = moved ? insertPart(container, at, moved) : insertPart(container, at);
    }
    used.add(part);
    setChildPartValue(part, template(item));
    parts.set(parts.has(key) ? Symbol() : key, part);
  });
  for (const part of order) if (!used.has(part)) removeWithMarker(part);
  return parts;
};

/** `keyedRepeat`'s options for a window's rows (one object, not one per render). */
export const recycling: KeyedRepeatOptions = { reconcile: recycleRows };

import { noChange, type ChildPart } from 'lit';
import { directive, Directive, PartType, type DirectiveResult, type PartInfo } from 'lit/directive.js';
import { insertPart, removePart, setChildPartValue, setCommittedValue } from 'lit/directive-helpers.js';

/** Options of `keyedRepeat`. */
export interface KeyedRepeatOptions {
  /**
   * Give the DOM of items that leave to items that arrive in the same render (lit then updates
   * only their bindings) instead of removing the one and creating the other. For the window of a
   * long list, where a scroll replaces most rows on every frame and each new row was a few dozen
   * nodes for the collector. An element may then show another item, so only for items nothing
   * outside holds on to; the part that has the focus is never given away.
   */
  recycle?: boolean;
}

/** Removes a part with its end marker. */
function remove(part: ChildPart): void {
  const end = part.endNode as ChildNode | null;
  removePart(part);
  end?.remove();
}

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
 * Like lit's `repeat` with a key function, for lists whose items come and go all the time: a
 * removed item takes its end marker with it (lit 3.3's `repeat` leaves it, lit/lit#5010), and
 * items that stay keep their DOM (and focus) unless their order changed. Keys must be unique.
 *
 * Every list renders its rows with it, plain or windowed (a window removes rows on every frame),
 * so it is in every list's first load; the windowing itself (`./windowing.js`) is not.
 */
class KeyedRepeatDirective extends Directive {
  /** The parts of the last render by key, in DOM order. */
  #parts = new Map<unknown, ChildPart>();

  constructor(info: PartInfo) {
    super(info);
    if (info.type !== PartType.CHILD) throw new Error('keyedRepeat() can only be used in child expressions');
  }

  render<T>(items: readonly T[], _keyOf: (item: T) => unknown, template: (item: T) => unknown, _options?: KeyedRepeatOptions): unknown[] {
    return items.map(template);
  }

  override update<T>(
    container: ChildPart,
    [items, keyOf, template, options]: [readonly T[], (item: T) => unknown, (item: T) => unknown, KeyedRepeatOptions?],
  ): unknown {
    const recycle = !!options?.recycle;
    const keys = items.map(keyOf);
    const wanted = new Set(keys);
    /** The last render's parts still in the DOM, in DOM order. */
    const order: ChildPart[] = [];
    /** Parts whose items left: given to arriving items when recycling; those left over are removed. */
    const leaving = new Set<ChildPart>();
    for (const [key, part] of this.#parts) {
      if (wanted.has(key)) order.push(part);
      else if (recycle) leaving.add(part), order.push(part);
      else remove(part);
    }
    const focused = recycle ? focusedPart(container, leaving) : undefined;
    if (focused) {
      leaving.delete(focused);
      order.splice(order.indexOf(focused), 1);
      remove(focused);
    }
    const placed = new Set<ChildPart>();
    const parts = new Map<unknown, ChildPart>();
    /** Index in `order` of the first part not placed yet: new and moved parts go before it. */
    let next = 0;
    items.forEach((item, i) => {
      while (next < order.length && placed.has(order[next])) next++;
      const at = order[next] as ChildPart | undefined;
      const key = keys[i];
      // A duplicate key gets a part of its own, never the existing one.
      let part = parts.has(key) ? undefined : this.#parts.get(key);
      if (part) {
        // It stays in place when only leaving parts lie before it (they are recycled by a move, or removed).
        let k = next;
        while (k < order.length && order[k] !== part && (placed.has(order[k]) || leaving.has(order[k]))) k++;
        if (order[k] === part) next = k + 1;
        else insertPart(container, at, part);
      } else if (at && leaving.has(at)) {
        // A leaving part right where the item goes: it shows the new item, nothing moves.
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
    for (const part of leaving) remove(part);
    this.#parts = parts;
    setCommittedValue(container, [...parts.values()]);
    return noChange;
  }
}

/** `keyedRepeat(items, keyOf, template, options?)`: see KeyedRepeatDirective. */
export const keyedRepeat = directive(KeyedRepeatDirective) as <T>(
  items: readonly T[],
  keyOf: (item: T) => unknown,
  template: (item: T) => unknown,
  options?: KeyedRepeatOptions,
) => DirectiveResult<typeof KeyedRepeatDirective>;

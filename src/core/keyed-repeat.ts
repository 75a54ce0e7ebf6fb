import { noChange, type ChildPart } from 'lit';
import { directive, Directive, PartType, type DirectiveResult, type PartInfo } from 'lit/directive.js';
import { insertPart, removePart, setChildPartValue, setCommittedValue } from 'lit/directive-helpers.js';

/** Removes a part with its end marker (lit's `removePart` leaves the marker, lit/lit#5010). */
export function removeWithMarker(part: ChildPart): void {
  const end = part.endNode as ChildNode | null;
  removePart(part);
  end?.remove();
}

/**
 * Another way to turn the last render's parts (by key, in DOM order) into this render's: it places
 * every item's part in order, sets its value, and returns the parts by key. The windowing's
 * `recycleRows` (`./windowing.js`) is one: it loads with the windowing, not with every list.
 */
export type Reconcile = <T>(
  container: ChildPart,
  parts: ReadonlyMap<unknown, ChildPart>,
  items: readonly T[],
  keys: readonly unknown[],
  template: (item: T) => unknown,
) => Map<unknown, ChildPart>;

export interface KeyedRepeatOptions {
  reconcile?: Reconcile;
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
    const keys = items.map(keyOf);
    if (options?.reconcile) {
      this.#parts = options.reconcile(container, this.#parts, items, keys, template);
      setCommittedValue(container, [...this.#parts.values()]);
      return noChange;
    }
    const wanted = new Set(keys);
    const staying: ChildPart[] = [];
    for (const [key, part] of this.#parts) {
      if (wanted.has(key)) {
        staying.push(part);
      } else {
        removeWithMarker(part);
      }
    }
    const parts = new Map<unknown, ChildPart>();
    const moved = new Set<ChildPart>();
    let next = 0;
    items.forEach((item, i) => {
      while (moved.has(staying[next])) next++;
      const before = staying[next];
      let part = parts.has(keys[i]) ? undefined : this.#parts.get(keys[i]);
      if (!part) {
        part = insertPart(container, before);
      } else if (part === before) {
        next++;
      } else {
        insertPart(container, before, part);
        moved.add(part);
      }
      setChildPartValue(part, template(item));
      // A duplicate key gets a part of its own, never reused.
      parts.set(parts.has(keys[i]) ? Symbol() : keys[i], part);
    });
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

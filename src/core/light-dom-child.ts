import type { ReactiveControllerHost, ReactiveElement } from 'lit';

/**
 * One child element that an element keeps in its own light DOM, shown through a named slot of its
 * shadow root, for content that must live in the document rather than inside a shadow root: the
 * add form, where a host's `CardTokenizer` mounts its provider's card fields.
 *
 * The element calls `show(properties)` while rendering (and renders `<slot name=…>`); after that
 * render the child is created once with `create` (listeners, one-time settings), given the
 * properties, and appended to the element. A render that does not call `show` removes it.
 */
export class LightDomChild<T extends ReactiveElement> {
  /** The child while it is shown. */
  #element?: T;
  /** Set to focus the child after the next render, if that shows it (once the child has rendered too). */
  focusNext = false;
  #wanted?: Partial<T>;

  constructor(host: ReactiveControllerHost & HTMLElement, slot: string, create: () => T) {
    host.addController({
      hostUpdated: () => {
        const wanted = this.#wanted;
        const focus = this.focusNext;
        this.#wanted = undefined;
        this.focusNext = false;
        if (wanted) {
          const element = Object.assign((this.#element ??= create()), wanted, { slot });
          if (!element.isConnected) host.append(element);
          if (focus) void element.updateComplete.then(() => element.focus());
        } else {
          this.#element?.remove();
          this.#element = undefined;
        }
      },
    });
  }

  /** Asks for the child in this render, with these properties. */
  show(properties: Partial<T>): void {
    this.#wanted = properties;
  }
}

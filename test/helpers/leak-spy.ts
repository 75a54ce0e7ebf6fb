/**
 * Counts what code under test leaves behind: event listeners (added minus removed, by type),
 * ResizeObservers not disconnected, and animation frames requested and neither run nor cancelled.
 * Install before creating the element; `restore()` puts the originals back.
 */
export interface LeakSpy {
  /** Listeners of `type` added and not removed since install. */
  listeners(type: string): number;
  /** ResizeObservers created since install and not disconnected. */
  observers(): number;
  /** Frames requested since install that neither ran nor were cancelled. */
  pendingFrames(): Set<number>;
  restore(): void;
}

export function spyOnLeaks(): LeakSpy {
  const listeners = new Map<string, number>();
  const count = (type: string, delta: number) => listeners.set(type, (listeners.get(type) ?? 0) + delta);
  const add = EventTarget.prototype.addEventListener;
  const remove = EventTarget.prototype.removeEventListener;
  const OriginalResizeObserver = window.ResizeObserver;
  const raf = window.requestAnimationFrame;
  const cancel = window.cancelAnimationFrame;
  const observers = new Set<object>();
  const frames = new Set<number>();

  EventTarget.prototype.addEventListener = function (this: EventTarget, type: string, ...rest: unknown[]) {
    count(type, 1);
    return add.call(this, type, ...(rest as [EventListener]));
  } as typeof add;
  EventTarget.prototype.removeEventListener = function (this: EventTarget, type: string, ...rest: unknown[]) {
    count(type, -1);
    return remove.call(this, type, ...(rest as [EventListener]));
  } as typeof remove;
  window.ResizeObserver = class extends OriginalResizeObserver {
    constructor(callback: ResizeObserverCallback) {
      super(callback);
      observers.add(this);
    }
    override disconnect() {
      observers.delete(this);
      super.disconnect();
    }
  };
  window.requestAnimationFrame = (callback) => {
    const id = raf.call(window, (time) => {
      frames.delete(id);
      callback(time);
    });
    frames.add(id);
    return id;
  };
  window.cancelAnimationFrame = (id) => {
    frames.delete(id);
    cancel.call(window, id);
  };

  return {
    listeners: (type) => listeners.get(type) ?? 0,
    observers: () => observers.size,
    pendingFrames: () => new Set(frames),
    restore() {
      EventTarget.prototype.addEventListener = add;
      EventTarget.prototype.removeEventListener = remove;
      window.ResizeObserver = OriginalResizeObserver;
      window.requestAnimationFrame = raf;
      window.cancelAnimationFrame = cancel;
    },
  };
}

import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Asks again every `interval()` ms while something shown is still being carried out (licenses
 * being provisioned, an add-on change pending): `keep(wanted)` after each render schedules one
 * reload at a time, or cancels it; removing the element cancels it. An interval of 0 turns it off.
 */
export class ReloadPoll implements ReactiveController {
  #timer?: ReturnType<typeof setTimeout>;
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #interval: () => number;
  readonly #reload: () => void;

  constructor(host: ReactiveControllerHost & HTMLElement, interval: () => number, reload: () => void) {
    this.#host = host;
    this.#interval = interval;
    this.#reload = reload;
    host.addController(this);
  }

  /** Wanted: a reload comes after the interval (unless one is already due). Not wanted: none. */
  keep(wanted: boolean): void {
    const interval = this.#interval();
    if (!wanted) return this.hostDisconnected();
    if (!(interval > 0) || !this.#host.isConnected || this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#reload();
    }, interval);
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AccountApi } from '../../api/account-api.js';
import type { LicenseOrder } from '../../api/schemas/license.js';

/**
 * Asks for a placed order until its licenses are provisioned: every `intervalMs` (doubling after
 * each failed request, up to a minute), stopped when the element is removed and resumed when it
 * comes back. The element shows `order` (the latest answer).
 */
export class ProvisioningPoll implements ReactiveController {
  order?: LicenseOrder;
  #timer?: ReturnType<typeof setTimeout>;
  #abort?: AbortController;
  #failures = 0;
  #api?: AccountApi;
  readonly #host: ReactiveControllerHost;
  readonly #interval: () => number;
  readonly #onProvisioned: (order: LicenseOrder) => void;

  constructor(host: ReactiveControllerHost, interval: () => number, onProvisioned: (order: LicenseOrder) => void) {
    this.#host = host;
    this.#interval = interval;
    this.#onProvisioned = onProvisioned;
    host.addController(this);
  }

  /** Follows this order (as placed) until it is provisioned. */
  follow(api: AccountApi, order: LicenseOrder): void {
    this.stop();
    this.#api = api;
    this.order = order;
    this.#failures = 0;
    if (order.status === 'provisioned') this.#onProvisioned(order);
    else this.#schedule();
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#abort?.abort();
    this.#abort = undefined;
  }

  #schedule(): void {
    const base = Math.max(250, this.#interval());
    const wait = Math.min(60_000, base * 2 ** this.#failures);
    this.#timer = setTimeout(() => void this.#ask(), wait);
  }

  async #ask(): Promise<void> {
    this.#timer = undefined;
    const { order } = this;
    const api = this.#api;
    if (!order || !api) return;
    const abort = new AbortController();
    this.#abort = abort;
    try {
      const latest = await api.getOrder(order.id, { fresh: true, signal: abort.signal });
      if (this.#abort !== abort) return;
      this.#failures = 0;
      this.order = latest;
      this.#host.requestUpdate();
      if (latest.status === 'provisioned') this.#onProvisioned(latest);
      else this.#schedule();
    } catch {
      if (this.#abort !== abort) return;
      this.#failures++;
      this.#schedule();
    } finally {
      if (this.#abort === abort) this.#abort = undefined;
    }
  }

  hostConnected(): void {
    if (this.order && this.order.status !== 'provisioned' && !this.#timer && !this.#abort) this.#schedule();
  }

  hostDisconnected(): void {
    this.stop();
  }
}

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AccountApi, ResourceName } from '../../api/account-api.js';
import type { Payment } from '../../api/schemas/payment.js';

/** The slowest status check of a bank payment that is still processing. */
const MAX_POLL_INTERVAL_MS = 60_000;

export interface SettlementPollConfig {
  /** First wait before asking again (ms); it doubles up to a minute. */
  firstDelayMs: () => number;
  /** The payment is no longer processing (succeeded or failed). */
  onSettled: (payment: Payment) => void;
  /** What a settled payment changed (the element's `PAYMENT_RESOURCES`). */
  invalidates: readonly ResourceName[];
}

/**
 * Asks again about a bank payment that is processing, less often each time, while its element is
 * connected: removing the element stops the timer and the request, putting it back starts again.
 * When the payment settles, every element showing invoices, balance or history is told to refresh.
 */
export class SettlementPoll implements ReactiveController {
  #watched?: Payment;
  #timer?: ReturnType<typeof setTimeout>;
  #controller?: AbortController;
  #delay = 0;
  readonly #host: ReactiveControllerHost & HTMLElement & { readonly resolvedApi: AccountApi | undefined };
  readonly #config: SettlementPollConfig;

  constructor(host: ReactiveControllerHost & HTMLElement & { readonly resolvedApi: AccountApi | undefined }, config: SettlementPollConfig) {
    this.#host = host;
    this.#config = config;
    host.addController(this);
  }

  /** Starts asking about this processing payment (instead of any other). */
  watch(payment: Payment): void {
    this.#watched = payment;
    this.#schedule(true);
  }

  /** Stops asking. */
  stop(): void {
    this.#watched = undefined;
    this.#clear();
  }

  hostConnected(): void {
    if (this.#watched) this.#schedule(true);
  }

  hostDisconnected(): void {
    this.#clear();
  }

  #schedule(reset: boolean): void {
    this.#clear();
    const payment = this.#watched;
    if (!payment || !this.#host.isConnected) return;
    if (reset) this.#delay = Math.max(100, this.#config.firstDelayMs());
    const delay = this.#delay;
    this.#delay = Math.min(delay * 2, MAX_POLL_INTERVAL_MS);
    this.#timer = setTimeout(() => void this.#poll(payment), delay);
  }

  #clear(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#controller?.abort();
    this.#controller = undefined;
  }

  async #poll(watched: Payment): Promise<void> {
    const api = this.#host.resolvedApi;
    const controller = (this.#controller = new AbortController());
    let payment: Payment;
    try {
      if (!api) throw new Error('No AccountApi');
      payment = await api.getPayment(watched.id, { fresh: true, signal: controller.signal });
    } catch {
      // A failed check says nothing about the payment: check again later.
      if (!controller.signal.aborted) this.#schedule(false);
      return;
    }
    if (controller.signal.aborted || this.#watched !== watched) return;
    if (payment.status === 'processing') {
      this.#schedule(false);
      return;
    }
    this.#controller = undefined;
    this.#watched = undefined;
    this.#config.onSettled(payment);
    api.invalidate(this.#config.invalidates);
  }
}

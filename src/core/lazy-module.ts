import { html, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';

/** Where a lazily loaded module stands: not asked for, loading, there, or failed (Retry). */
export type LazyStatus = 'idle' | 'loading' | 'ready' | 'failed';

/**
 * A part of an element that only some users reach (an add form, an export), loaded with a dynamic
 * `import()` the first time it is needed, so that it is not in the page's first download.
 *
 * Call `request()` when the part is wanted (from a handler or from `render`): the first call starts
 * the load and the host re-renders when it ends; `value` is the module's result once `ready`.
 * A failed load (offline, a new deployment removed the chunk) is `failed` until `retry()`.
 * `present` says whether the page already has what the module gives (a host that registered the
 * element itself): then it is `ready` at once, with no request and no render in between.
 */
export class LazyModule<T> {
  #status: LazyStatus = 'idle';
  #value?: T;
  #loading?: Promise<T | undefined>;
  readonly #host: ReactiveControllerHost;
  readonly #load: () => Promise<T>;

  readonly #present?: () => T | undefined;

  constructor(host: ReactiveControllerHost, load: () => Promise<T>, present?: () => T | undefined) {
    this.#host = host;
    this.#load = load;
    this.#present = present;
  }

  get status(): LazyStatus {
    this.#adoptPresent();
    return this.#status;
  }

  get value(): T | undefined {
    this.#adoptPresent();
    return this.#value;
  }

  /** Starts loading unless it is loading, loaded or failed; resolves with the value (undefined on failure). */
  request(): Promise<T | undefined> {
    this.#adoptPresent();
    if (this.#status === 'ready') return Promise.resolve(this.#value);
    if (this.#status === 'failed') return Promise.resolve(undefined);
    return (this.#loading ??= this.#start());
  }

  /** Loads again after a failure. */
  retry(): Promise<T | undefined> {
    if (this.#status === 'failed') this.#status = 'idle';
    return this.request();
  }

  #adoptPresent(): void {
    if (this.#status === 'ready' || this.#loading) return;
    const present = this.#present?.();
    if (present === undefined) return;
    this.#value = present;
    this.#status = 'ready';
  }

  async #start(): Promise<T | undefined> {
    this.#status = 'loading';
    // Not in the middle of the host's render that asked for it: the next render shows "loading".
    queueMicrotask(() => this.#host.requestUpdate());
    try {
      this.#value = await this.#load();
      this.#status = 'ready';
      return this.#value;
    } catch (error) {
      console.error(error);
      this.#status = 'failed';
      return undefined;
    } finally {
      this.#loading = undefined;
      this.#host.requestUpdate();
    }
  }
}

/** What a part shows while its code loads (busy) or after its load failed (an error with Retry). */
export function renderLazyStatus(status: LazyStatus, onRetry: () => void): TemplateResult {
  if (status === 'failed') {
    return html`<div class="message error" role="alert" part="error">
      <p>${msg('This part of the page could not be loaded. Check your connection and try again.')}</p>
      <button type="button" class="button" part="retry-button" @click=${onRetry}>${msg('Retry')}</button>
    </div>`;
  }
  return html`<div class="loading" aria-busy="true">
    <span class="skeleton"></span><span class="skeleton"></span>
    <span class="visually-hidden" role="status">${msg('Loading…')}</span>
  </div>`;
}

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { WriteOptions } from '../api/account-api.js';
import { toApiError, type ApiError } from '../api/errors.js';
import { REQUEST_IN_PROGRESS_CODE } from '../api/vocabulary.js';
import { newIdempotencyKey } from '../api/idempotency.js';

/**
 * Where a user's confirmed action stands:
 * - `idle`: nothing confirmed yet (or the last intent was forgotten);
 * - `running`: the request is on its way;
 * - `checking`: it runs long, or the API is retrying it (same key, same bytes): "checking the status";
 * - `unknown`: it ended without an answer the server stands by (network, timeout, 5xx after retries,
 *   409 still in progress): it may have been applied, so only the same intent may be sent again;
 * - `session-expired`: refused with 401 even after the token was refreshed: not applied, kept, and
 *   sent again with the same key once the host has a new token;
 * - `done`: the server applied it; `result` holds its answer;
 * - `failed`: the server decided it is not applied (declined, 4xx): the intent is over, and the
 *   next attempt is a new intent with a new key.
 */
export type WriteIntentState = 'idle' | 'running' | 'checking' | 'unknown' | 'session-expired' | 'done' | 'failed';

/** How a failed write ended, as far as the intent is concerned. */
export type WriteFailure = Extract<WriteIntentState, 'unknown' | 'session-expired' | 'failed'>;

export type WriteSettled<R> =
  | { state: 'done'; result: R }
  | { state: WriteFailure; error: ApiError };

export interface WriteIntentConfig<B, R> {
  /**
   * The write itself. It gets the frozen body and the intent's options (key, `onRetry`); pass both
   * on to the AccountApi unchanged. Called again, with the same body and key, for every resend.
   */
  send: (body: Readonly<B>, options: WriteOptions) => Promise<R>;
  /** After how long without an answer `running` becomes `checking` (default 3 s). */
  checkingAfterMs?: number;
  /** How a failure ends the intent; by default {@link classifyWriteFailure}. */
  classify?: (error: ApiError) => WriteFailure;
  /**
   * How a pressed control is held while the intent runs: `aria-disabled` (default: it keeps focus,
   * for buttons that change their label) or the native `disabled` (form submit buttons).
   */
  hold?: 'aria-disabled' | 'disabled';
}

/**
 * The default reading of a failed write: 401 (after the API's own token refresh) is a session that
 * expired before anything ran; a decline, a validation error, forbidden, not found, a missing
 * configuration and a conflict the server explains (other than "still in progress") are decisions;
 * everything else (network, timeout, 5xx, 429, an unreadable answer, an abort) leaves the outcome unknown.
 */
export function classifyWriteFailure(error: ApiError): WriteFailure {
  if (error.kind === 'unauthorized') return 'session-expired';
  const code = error.problem?.code;
  const decided =
    error.kind === 'declined' ||
    error.kind === 'validation' ||
    error.kind === 'forbidden' ||
    error.kind === 'not-found' ||
    error.kind === 'config' ||
    (error.kind === 'conflict' && code !== undefined && code !== REQUEST_IN_PROGRESS_CODE);
  return decided ? 'failed' : 'unknown';
}

const CHECKING_AFTER_MS = 3000;

/** A deep-frozen copy: nothing the page does to its own objects changes what is sent again. */
function frozenCopy<T>(value: T): Readonly<T> {
  const copy = structuredClone(value);
  const freeze = (node: unknown): void => {
    if (!node || typeof node !== 'object' || Object.isFrozen(node)) return;
    Object.freeze(node);
    for (const child of Object.values(node)) freeze(child);
  };
  freeze(copy);
  return copy;
}

/**
 * The one way an element turns a user's confirmed action (Pay, Save, Delete, a switch) into
 * exactly one effect on the server.
 *
 * - **One intent, one key.** `start(body)` makes an Idempotency-Key and freezes a copy of the body;
 *   every send of that intent — the API's automatic retries, "Check again", the resend after a
 *   renewed session — carries that key and serialises to the same bytes (R2).
 * - **Bursts start one request (R1).** The first press marks itself busy synchronously, before Lit
 *   renders: the clicks, Enter and Space that follow in the same frame find the intent running and
 *   do nothing; the pressed control is `aria-busy` and disabled at once, and set back when the
 *   write settles (Lit may not have rendered in between, so its own bindings would not).
 * - **No blind retries (R3).** A decided failure (decline, 4xx) ends the intent: the next `start`
 *   gets a new key. An unknown outcome keeps it: `resend()` (or `start` with the same bytes) sends
 *   the same key and body, and the server replays its first answer or runs it once.
 * - **Expired sessions (R7).** A 401 that survived the API's token refresh keeps the intent (it was
 *   not run); the host keeps its form input, and `resend()` after the new token uses the same key.
 *
 * The host renders from `state` (the controller asks it to update on every change). A running write
 * is not aborted when the host is removed: the server may already have applied it, and its answer
 * is still what the host shows when it comes back.
 */
export class WriteIntent<B, R = unknown> implements ReactiveController {
  #state: WriteIntentState = 'idle';
  #key?: string;
  #body?: Readonly<B>;
  #bytes?: string;
  #result?: R;
  #error?: ApiError;
  #timer?: ReturnType<typeof setTimeout>;
  readonly #host: ReactiveControllerHost;
  readonly #config: WriteIntentConfig<B, R>;

  constructor(host: ReactiveControllerHost, config: WriteIntentConfig<B, R>) {
    this.#host = host;
    this.#config = config;
    host.addController(this);
  }

  get state(): WriteIntentState {
    return this.#state;
  }

  /** A request of this intent is on its way (`running` or `checking`): presses do nothing now. */
  get busy(): boolean {
    return this.#state === 'running' || this.#state === 'checking';
  }

  /**
   * The intent is confirmed and not decided (running, checking, unknown, session expired): what it
   * sends must not change, and the host should keep showing it.
   */
  get open(): boolean {
    return this.busy || this.#state === 'unknown' || this.#state === 'session-expired';
  }

  /** The intent's Idempotency-Key while it is open (or was last sent). */
  get key(): string | undefined {
    return this.#key;
  }

  /** The frozen body of the open intent. */
  get body(): Readonly<B> | undefined {
    return this.#body;
  }

  /** The server's answer once `done`. */
  get result(): R | undefined {
    return this.#result;
  }

  /** Why the last send failed (`unknown`, `session-expired`, `failed`). */
  get error(): ApiError | undefined {
    return this.#error;
  }

  /**
   * Starts the intent for `body`, and sends it. When an intent is open with the same bytes (its
   * outcome unknown, or its session expired), that intent is sent again instead, with its key: the
   * customer pressing Save again on an unchanged form is the same intent. Different bytes after an
   * unknown outcome start a new intent; an element that must not allow that keeps its input locked
   * while `open` (as the pay flow does) and offers only `resend()`.
   *
   * Returns undefined, synchronously and without sending, while a request of this controller runs.
   * `pressed` (the control that was activated) is held busy at once.
   */
  start(body: B, pressed?: Element | null): Promise<WriteSettled<R>> | undefined {
    if (this.busy) return undefined;
    const bytes = JSON.stringify(body);
    if (!(this.open && bytes === this.#bytes)) {
      this.#key = newIdempotencyKey();
      this.#body = frozenCopy(body);
      this.#bytes = bytes;
    }
    return this.#send(pressed);
  }

  /**
   * Sends the open intent again: same key, same bytes ("Check again", or Pay after a new token).
   * Undefined when nothing is open or a request runs.
   */
  resend(pressed?: Element | null): Promise<WriteSettled<R>> | undefined {
    if (this.busy || !this.open) return undefined;
    return this.#send(pressed);
  }

  /**
   * Forgets a settled intent (done or failed) or an unsent one, back to `idle`. An open intent is
   * not forgotten unless `force` (the user chose to leave it, e.g. closed the dialog it belongs to):
   * its outcome is unknown, and only resending it is safe.
   */
  reset(force = false): void {
    if (this.busy || (this.open && !force)) return;
    this.#key = undefined;
    this.#body = undefined;
    this.#bytes = undefined;
    this.#result = undefined;
    this.#error = undefined;
    this.#set('idle');
  }

  hostDisconnected(): void {
    // The write goes on (it cannot be taken back); only the "checking" timer would be left behind.
    clearTimeout(this.#timer);
  }

  async #send(pressed?: Element | null): Promise<WriteSettled<R>> {
    const release = this.#holdControl(pressed);
    this.#error = undefined;
    this.#result = undefined;
    this.#set('running');
    const checking = () => {
      if (this.#state === 'running') this.#set('checking');
    };
    clearTimeout(this.#timer);
    this.#timer = setTimeout(checking, this.#config.checkingAfterMs ?? CHECKING_AFTER_MS);
    let settled: WriteSettled<R>;
    try {
      const result = await this.#config.send(this.#body as Readonly<B>, { idempotencyKey: this.#key!, onRetry: checking });
      this.#result = result;
      this.#set('done');
      settled = { state: 'done', result };
    } catch (thrown) {
      const error = toApiError(thrown);
      const state = (this.#config.classify ?? classifyWriteFailure)(error);
      this.#error = error;
      this.#set(state);
      settled = { state, error };
    } finally {
      clearTimeout(this.#timer);
      release();
    }
    return settled;
  }

  #set(state: WriteIntentState): void {
    this.#state = state;
    this.#host.requestUpdate();
  }

  /**
   * Marks the pressed control busy and disabled now; returns what enables it again. It was enabled
   * when it was pressed, and the host's next render sets whatever it wants from there.
   */
  #holdControl(control?: Element | null): () => void {
    if (!control) return () => {};
    const native = this.#config.hold === 'disabled' && control instanceof HTMLButtonElement;
    const hold = (busy: boolean) => {
      control.setAttribute('aria-busy', String(busy));
      if (native) control.disabled = busy;
      else control.setAttribute('aria-disabled', String(busy));
    };
    hold(true);
    return () => hold(false);
  }
}

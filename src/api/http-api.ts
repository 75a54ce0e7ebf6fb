// zod before ky: the chunk that holds the client (the CDN's) then puts zod's code first, which gzip
// compresses better (every CDN page with `api-base` −0.2 kB).
import * as z from 'zod/mini';
import ky, { isHTTPError, isTimeoutError, type Options as KyOptions } from 'ky';
import type { AccountApi, InvalidationListener, RequestOptions, ResourceName, WriteOptions } from './account-api.js';
import { pathParamNames, type AccountApiMethods, type HttpMethod, type Operation } from './operations/index.js';
import { billingOperations, lazyOperationGroups } from './operations/groups.js';
import { REQUEST_IN_PROGRESS_CODE } from './vocabulary.js';
import { SharedCache } from './shared-cache.js';
import { ApiError } from './errors.js';
import { errorFromResponse, parseBody, readErrorData, retryAfterMs, type ResponseSchema } from './http/response.js';

export type { ResponseSchema } from './http/response.js';

/** Returns the current bearer token; called again after a 401. */
export type TokenSource = () => string | Promise<string>;

export interface HttpRetryOptions {
  /** Retries after the first attempt (default 2, so 3 attempts). */
  limit?: number;
  /** First backoff delay; doubles per retry, each delay drawn uniformly below it (default 300). */
  baseDelayMs?: number;
  /** Cap of one backoff delay (default 5000). */
  maxDelayMs?: number;
  /** The longest `Retry-After` we wait for; beyond it we give up at once (default 10 000). */
  maxRetryAfterMs?: number;
}

export interface HttpAccountApiOptions {
  /** Base URL of the host API, e.g. `https://billing.example.com/api/v1`. */
  baseUrl: string;
  /** The first token; when absent, `getToken()` is asked before the first request. */
  token?: string;
  /** Called for a new token after a 401, once for all requests that got it. */
  getToken?: TokenSource;
  /** Called once when the token is refused even after refreshing. */
  onAuthExpired?: () => void;
  retry?: HttpRetryOptions;
  /** Time for one attempt (default 10 000 ms). */
  timeoutMs?: number;
  /** Time for the whole call, retries and token refresh included (default 30 000 ms). */
  totalTimeoutMs?: number;
  /** How long a read is reused by later callers (default 30 000 ms). */
  cacheTtlMs?: number;
  /** A cache to share (LazyHttpAccountApi keeps its own so invalidation works before loading). */
  cache?: SharedCache;
  /** A `fetch` to use instead of the global one (tests, instrumentation). */
  fetch?: typeof fetch;
}

export type { HttpMethod };

export interface HttpRequest<T> {
  method: HttpMethod;
  /** Relative to `baseUrl` (`/invoices/in_1/payments`). */
  path: string;
  /** Null and undefined values are left out. */
  query?: Record<string, string | number | boolean | null | undefined>;
  /** Sent as JSON, serialised once so every retry carries the same bytes. */
  body?: unknown;
  /** Validates the 2xx body; an empty body is validated as `undefined`. */
  schema: ResponseSchema<T>;
  /**
   * Makes a write retryable: retries carry the same `Idempotency-Key`, so the server applies it
   * once. A write without a key is never retried (except once after a 401, which it never ran).
   */
  idempotencyKey?: string;
  /** Called before each automatic retry of a write with a key. */
  onRetry?: () => void;
  /** Resources a successful write changed; every element showing them refreshes. */
  invalidates?: readonly ResourceName[];
  /** GET only: the resources the response shows, so invalidation drops it from the cache. */
  resources?: readonly ResourceName[];
  /** GET only: skip a stored response. */
  fresh?: boolean;
  /**
   * A public operation (`auth: 'none'`, the pricing catalogue): sent without a token, and never
   * asks `getToken()`, so a marketing page with `api-base` alone can call it.
   */
  public?: boolean;
  signal?: AbortSignal;
}

const READ_RETRY_STATUSES = [408, 429, 500, 502, 503, 504];
// 409: the first request with this key is still running; asking again returns its outcome.
const WRITE_RETRY_STATUSES = [408, 409, 429, 500, 502, 503, 504];

function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * ky 1's HTTPError has no `data` (ky 2 read the failed response's body into it before deciding on
 * a retry). We read it ourselves, once per response, whichever asks first: shouldRetry (a write's
 * 409) or the final catch; the same promise serves both, so no clone and no second read. Bounded
 * like ky 2's read by the attempt timeout (then no data), and by the call's signal (then it rejects
 * with the call's ApiError).
 */
const errorBodies = new WeakMap<Response, Promise<unknown>>();

function errorData(response: Response, timeoutMs: number, signal: AbortSignal): Promise<unknown> {
  let data = errorBodies.get(response);
  if (!data) errorBodies.set(response, (data = readErrorData(response, timeoutMs)));
  return abortable(data, signal);
}

interface Refresh {
  promise: Promise<string>;
  /** Set when it settled. */
  endedEpoch?: number;
}

/**
 * A 409 that means "the request with this key is still running": ours says so in its `code`; a
 * bare 409 (no problem code, as in the IETF Idempotency-Key draft) is taken to mean the same.
 */
function isInProgressConflict(data: unknown): boolean {
  const code = data !== null && typeof data === 'object' ? (data as { code?: unknown }).code : undefined;
  return code === undefined || code === REQUEST_IN_PROGRESS_CODE;
}

function is401(error: unknown): boolean {
  return isHTTPError(error) && error.response.status === 401;
}

// The methods of AccountApi, one per operation declaration, are installed on the prototype below.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface HttpAccountApi extends AccountApiMethods {}

/**
 * AccountApi over the host's REST API (see `openapi.json`), on ky. Its methods are derived from the
 * operation declarations (`src/api/operations/`): method, path, query, body, response schema, the
 * resources a read shows and a write changes.
 *
 * - Every call rejects only with `ApiError`, within `totalTimeoutMs`.
 * - GETs (and writes with an idempotency key) retry network errors, timeouts and 408/429/5xx with
 *   exponential backoff and full jitter, honouring `Retry-After` up to `maxRetryAfterMs`.
 * - A 401 refreshes the token once for all requests that got it; each is then retried once.
 * - Identical concurrent reads share one request; writes invalidate what they changed.
 * - The token goes only to the API's origin and never into a URL, message or error.
 */
export class HttpAccountApi implements AccountApi {
  readonly #options: HttpAccountApiOptions;
  readonly #cache: SharedCache;
  readonly #ky: typeof ky;
  readonly #base?: URL;
  #token?: string;
  #refresh?: Refresh;
  /** Counts ended token refreshes; tells which requests a refresh's outcome applies to. */
  #epoch = 0;
  /** The refresh already reported as expired, so onAuthExpired runs once per expiry. */
  #expired?: Refresh;

  constructor(options: HttpAccountApiOptions) {
    this.#options = options;
    this.#token = options.token || undefined;
    this.#cache = options.cache ?? new SharedCache({ ttlMs: options.cacheTtlMs });
    this.#ky = ky.create({ timeout: options.timeoutMs ?? 10_000, fetch: options.fetch });
    try {
      this.#base = new URL(options.baseUrl, globalThis.document?.baseURI);
    } catch {
      // Reported by each request as a `config` error; constructing must not break rendering.
    }
  }

  invalidate(resources: Iterable<ResourceName>): void {
    this.#cache.invalidate(resources);
  }

  onInvalidate(listener: InvalidationListener): () => void {
    return this.#cache.subscribe(listener);
  }

  /**
   * One call to the host API. GETs go through the shared cache; a successful write invalidates
   * `invalidates`. Rejects only with ApiError.
   */
  async request<T>(request: HttpRequest<T>): Promise<T> {
    const url = this.#url(request);
    if (request.method === 'GET') {
      return this.#cache.load(`GET ${url.href}`, request.resources ?? [], (signal) => this.#call(request, url, signal), {
        signal: request.signal,
        fresh: request.fresh,
      });
    }
    const value = await this.#call(request, url, request.signal);
    if (request.invalidates?.length) this.#cache.invalidate(request.invalidates);
    return value;
  }

  #url({ path, query = {} }: HttpRequest<unknown>): URL {
    const base = this.#base;
    if (!base) throw new ApiError('config', 'HttpAccountApi: baseUrl is not a valid URL.');
    // Absolute and protocol-relative paths are taken as they are (and get no token elsewhere).
    const absolute = /^([a-z][a-z\d+.-]*:|\/\/)/i.test(path);
    let url: URL;
    try {
      url = new URL(absolute ? path : `${base.href.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`, base);
    } catch {
      throw new ApiError('config', `HttpAccountApi: invalid request path ${path}`);
    }
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== null) url.searchParams.append(key, String(value));
    }
    return url;
  }

  /** One logical call: token, attempts, retries, parsing, all within the total time budget. */
  async #call<T>(request: HttpRequest<T>, url: URL, signal: AbortSignal | undefined): Promise<T> {
    const label = `${request.method} ${request.path}`;
    if (signal?.aborted) throw new ApiError('aborted', `${label} was aborted.`);
    const totalMs = this.#options.totalTimeoutMs ?? 30_000;
    const deadline = Date.now() + totalMs;
    // Aborted with the ApiError to throw: fetch, ky's backoff waits and body reads reject with it.
    const operation = new AbortController();
    const budget = setTimeout(
      () => operation.abort(new ApiError('timeout', `${label} did not finish within ${totalMs} ms.`)),
      totalMs,
    );
    const onAbort = () => operation.abort(new ApiError('aborted', `${label} was aborted.`));
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const response = await this.#authorized(request, url, deadline, operation.signal);
      // The attempt timeout covers headers (ky); the body gets its own bound.
      const bodyTimer = setTimeout(
        () => operation.abort(new ApiError('timeout', `${label}: the response body did not arrive in time.`)),
        this.#options.timeoutMs ?? 10_000,
      );
      try {
        const text = await abortable(response.text(), operation.signal);
        return parseBody(text, response, request.schema, label);
      } finally {
        clearTimeout(bodyTimer);
      }
    } catch (error) {
      // Never pass ky's errors on: their `request` carries the Authorization header.
      if (operation.signal.aborted) throw operation.signal.reason;
      if (error instanceof ApiError) throw error;
      if (isHTTPError(error)) {
        const data = await errorData(error.response, this.#options.timeoutMs ?? 10_000, operation.signal);
        throw errorFromResponse(error.response, data, label);
      }
      if (isTimeoutError(error)) throw new ApiError('timeout', `${label} timed out.`);
      throw new ApiError('network', `${label}: the server could not be reached.`);
    } finally {
      clearTimeout(budget);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Sends with the current token; after a 401, once more with a refreshed one. */
  async #authorized(request: HttpRequest<unknown>, url: URL, deadline: number, signal: AbortSignal): Promise<Response> {
    const body = request.body === undefined ? undefined : JSON.stringify(request.body);
    const send = (token?: string) => this.#send(request, url, body, token, deadline, signal);
    // Other origins (an absolute URL from a response) never see the token; public reads need none.
    if (request.public || url.origin !== this.#base?.origin) return send();

    const token = this.#token ?? (await abortable(this.#newToken(this.#epoch).promise, signal));
    const sentInEpoch = this.#epoch;
    try {
      return await send(token);
    } catch (error) {
      if (!is401(error)) throw error;
    }
    const refresh = this.#newToken(sentInEpoch);
    const fresh = await abortable(refresh.promise, signal);
    try {
      return await send(fresh);
    } catch (error) {
      if (is401(error)) this.#reportExpired(refresh);
      throw error;
    }
  }

  #send(
    request: HttpRequest<unknown>,
    url: URL,
    body: string | undefined,
    token: string | undefined,
    deadline: number,
    signal: AbortSignal,
  ): Promise<Response> {
    const { method, idempotencyKey, onRetry } = request;
    const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
    const options: KyOptions = { method, headers, body, signal, retry: 0 };
    const timeoutMs = this.#options.timeoutMs ?? 10_000;
    if (method === 'GET' || idempotencyKey) {
      const { limit = 2, baseDelayMs = 300, maxDelayMs = 5000, maxRetryAfterMs = 10_000 } = this.#options.retry ?? {};
      const statusCodes = method === 'GET' ? READ_RETRY_STATUSES : WRITE_RETRY_STATUSES;
      // ky 1.14.3 reads these as ky 2 did: `delay` gets the retry number from 1, jitter is drawn
      // before `backoffLimit` caps it, a Retry-After (on `afterStatusCodes`) is waited for as given.
      options.retry = {
        limit,
        methods: [method.toLowerCase()],
        statusCodes,
        afterStatusCodes: statusCodes,
        retryOnTimeout: true,
        delay: (attempt) => baseDelayMs * 2 ** (attempt - 1),
        jitter: true,
        backoffLimit: maxDelayMs,
        shouldRetry: async ({ error }) => {
          // ky 1 retries any error; ky 2 only timeouts and network errors. fetch rejects with a
          // TypeError for a network error (else with the abort reason); anything else (a host's
          // fetch wrapper failing) is not retried, as with ky 2.
          if (!isHTTPError(error)) return isTimeoutError(error) || error instanceof TypeError ? undefined : false;
          const { status, headers } = error.response;
          // A write's 409 is retried only while its first request is still running; a conflict with
          // the resource's state ("already paid") will not change by asking again.
          if (status === 409 && method !== 'GET' && !isInProgressConflict(await errorData(error.response, timeoutMs, signal))) {
            return false;
          }
          // A Retry-After longer than we may wait: give up now, and tell the caller how long.
          const wait = retryAfterMs(headers);
          if (wait !== undefined && wait > Math.min(maxRetryAfterMs, deadline - Date.now())) return false;
          // ky 1 turns a Retry-After it cannot read ("soon") into a wait of ~25 days (maxSafeTimeout)
          // and takes "-3" or "1.5" literally; ky 2 used its backoff, as our retryAfterMs intends.
          // `true` makes ky 1 back off, skipping its status check, so that check is made here.
          if (wait === undefined && headers.has('retry-after')) return statusCodes.includes(status) ? true : undefined;
          return undefined;
        },
      };
      // The caller's listener must not be able to stop a retry of a write whose outcome is unknown.
      if (idempotencyKey && onRetry) options.hooks = { beforeRetry: [() => void Promise.resolve().then(onRetry).catch(() => undefined)] };
    }
    return this.#ky(url, options);
  }

  /**
   * The first token, or a new one after a 401: one `getToken()` for every request that was sent
   * before the last refresh ended, which share its outcome (success or failure). A request sent
   * after it ended starts a new one, so a later Retry asks the host again.
   */
  #newToken(sentInEpoch: number): Refresh {
    const last = this.#refresh;
    if (last && (last.endedEpoch === undefined || last.endedEpoch > sentInEpoch)) return last;
    const refresh: Refresh = { promise: Promise.resolve('') };
    refresh.promise = (async () => {
      let token: string | undefined;
      let timer: ReturnType<typeof setTimeout> | undefined;
      try {
        // A getToken() that never settles must not hold every later request hostage: after the
        // time budget this refresh fails and the next request asks the host again.
        const budget = new Promise<undefined>((resolve) => {
          timer = setTimeout(resolve, this.#options.totalTimeoutMs ?? 30_000, undefined);
        });
        token = (await Promise.race([Promise.resolve().then(() => this.#options.getToken?.()), budget])) || undefined;
      } catch {
        // The host's error may say anything (even include a token): not passed on.
      } finally {
        clearTimeout(timer);
      }
      if (!token) {
        this.#reportExpired(refresh);
        throw new ApiError('unauthorized', 'No valid token: getToken() failed or returned nothing.', { status: 401 });
      }
      this.#token = token;
      return token;
    })();
    const end = () => {
      refresh.endedEpoch = ++this.#epoch;
    };
    refresh.promise.then(end, end);
    this.#refresh = refresh;
    return refresh;
  }

  #reportExpired(refresh: Refresh): void {
    if (this.#expired === refresh) return;
    this.#expired = refresh;
    try {
      this.#options.onAuthExpired?.();
    } catch (error) {
      console.error(error);
    }
  }
}

/** How a declaration becomes a call: its arguments are path ids, then the query or body, then options. */
function operationMethod(op: Operation): (this: HttpAccountApi, ...args: unknown[]) => Promise<unknown> {
  const idCount = pathParamNames(op.path).length;
  const query = op.query ? Object.entries(op.query) : undefined;
  const schema: ResponseSchema<unknown> = op.response ?? z.undefined();
  return function (this: HttpAccountApi, ...args: unknown[]) {
    let index = 0;
    const path = op.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(String(args[index++])));
    const request: HttpRequest<unknown> = { method: op.method, path, schema, resources: op.reads, invalidates: op.invalidates };
    if (op.auth === 'none') request.public = true;
    if (query) {
      const given = (args[idCount] ?? {}) as Record<string, string | number | boolean | null | undefined>;
      // A value equal to the parameter's default is left out: the same request, one cache entry.
      request.query = Object.fromEntries(query.map(([name, param]) => [name, given[name] === param.default ? undefined : given[name]]));
    }
    if (op.body) request.body = args[idCount];
    const options = args[idCount + (query || op.body ? 1 : 0)] as (RequestOptions & Partial<WriteOptions>) | undefined;
    return this.request({ ...request, ...options });
  };
}

for (const [name, op] of Object.entries(billingOperations)) {
  Object.defineProperty(HttpAccountApi.prototype, name, { value: operationMethod(op), writable: true, configurable: true });
}

// The licensing operations load their declarations (and schemas) with the first call of one of their group.
for (const group of lazyOperationGroups) {
  let methods: Promise<Record<string, ReturnType<typeof operationMethod>>> | undefined;
  for (const name of group.ids) {
    const method = async function (this: HttpAccountApi, ...args: unknown[]) {
      methods ??= group.load().then(
        (ops) => Object.fromEntries(Object.entries(ops).map(([id, op]) => [id, operationMethod(op)])),
        (error) => {
          // A failed chunk load (offline, a deployment) is tried again by the next call.
          methods = undefined;
          throw new ApiError('network', `The client could not load the ${name} operation: ${String(error)}`);
        },
      );
      return (await methods)[name].apply(this, args);
    };
    Object.defineProperty(HttpAccountApi.prototype, name, { value: method, writable: true, configurable: true });
  }
}

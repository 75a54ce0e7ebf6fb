import type { AccountApi, InvalidationListener, ResourceName } from './account-api.js';
import type { AccountApiMethods } from './operations/index.js';
import type { HttpAccountApiOptions, HttpRequest, TokenSource } from './http-api.js';
import { SharedCache } from './shared-cache.js';
import { ApiError } from './errors.js';
import { AcctAuthExpiredEvent } from '../events/index.js';

// The AccountApi methods are delegated by the Proxy the constructor returns.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface LazyHttpAccountApi extends AccountApiMethods {}

/**
 * The client's module once loaded. A fresh connection (another user signed in) reuses it: a second
 * `import()` of a loaded module still resolves a task later, which a busy page (the elements
 * re-rendering for that user) delays by tens of milliseconds before the first request.
 */
let clientModule: typeof import('./http-api.js') | undefined;
const loadClient = async () => (clientModule ??= await import('./http-api.js'));

/** What the lazy API delegates to once loaded: HttpAccountApi, or the public client. */
interface LoadedClient {
  request<T>(request: HttpRequest<T>): Promise<T>;
}

type Connect = (options: HttpAccountApiOptions & { cache: SharedCache }) => Promise<LoadedClient>;

const connectHttp: Connect = async (options) => new (await loadClient()).HttpAccountApi(options);

let publicModule: typeof import('./public-http.js') | undefined;
/** The public operations only, over fetch (no ky, no other schema): a marketing page's connection. */
const connectPublic: Connect = async (options) => new (publicModule ??= await import('./public-http.js')).PublicHttpClient(options);

/** Names a Proxy must not answer for: a thenable api would be awaited, `toJSON` serialised. */
const NOT_METHODS = new Set(['then', 'catch', 'finally', 'toJSON', 'constructor']);
/**
 * What an operation's name looks like (`listInvoices`). Anything else (`_$litDirective$`, which lit
 * reads on every value bound in a template, `$$typeof`, …) is not delegated: answered with a
 * function, such a probe would take the api for something it is not (lit: a directive).
 */
const OPERATION_NAME = /^[a-z][A-Za-z0-9]*$/;

/**
 * The HTTP AccountApi, with its client (ky, the response schemas) loaded on first use. A host
 * that gives the elements its own `api` never downloads the HTTP client; one that sets `api-base`
 * starts loading it as soon as the element asks for its api, in parallel with the first render.
 * Invalidation works before the client has loaded: the shared cache lives here.
 *
 * Every AccountApi method is delegated, by name, to the loaded HttpAccountApi, whose methods come
 * from the operation declarations: this file names no operation, so a new endpoint needs nothing
 * here (and the declarations, with their zod schemas, stay out of the first load).
 */
export class LazyHttpAccountApi implements AccountApi {
  readonly #cache: SharedCache;
  readonly #client: Promise<LoadedClient>;
  readonly #delegates = new Map<string, (...args: unknown[]) => Promise<unknown>>();

  /** `connect` loads and makes the client (default: HttpAccountApi); @internal */
  constructor(options: HttpAccountApiOptions, connect: Connect = connectHttp) {
    this.#cache = new SharedCache({ ttlMs: options.cacheTtlMs });
    this.#client = connect({ ...options, cache: this.#cache });
    // A failed chunk load is reported by each call; keep the shared promise's rejection handled.
    this.#client.catch(() => undefined);
    // Own members are answered by the instance itself (bound, since private fields do not work
    // through a Proxy); any other name is an operation of the loaded client.
    return new Proxy(this, {
      get: (target, name, receiver) => {
        if (typeof name !== 'string' || name in target || NOT_METHODS.has(name) || !OPERATION_NAME.test(name)) {
          const value = Reflect.get(target, name, receiver);
          return typeof value === 'function' && name in LazyHttpAccountApi.prototype ? value.bind(target) : value;
        }
        return this.#delegate(name);
      },
    });
  }

  /** The generic request of HttpAccountApi (writes with idempotency keys). */
  request<T>(request: HttpRequest<T>): Promise<T> {
    return this.#call((api) => api.request(request));
  }

  invalidate(resources: Iterable<ResourceName>): void {
    this.#cache.invalidate(resources);
  }

  onInvalidate(listener: InvalidationListener): () => void {
    return this.#cache.subscribe(listener);
  }

  /** One stable function per method name (`api.listInvoices === api.listInvoices`). */
  #delegate(name: string): (...args: unknown[]) => Promise<unknown> {
    let delegate = this.#delegates.get(name);
    if (!delegate) {
      delegate = (...args: unknown[]) =>
        this.#call((api) => {
          const method = (api as unknown as Record<string, unknown>)[name];
          if (typeof method !== 'function') throw new ApiError('config', `The HTTP client has no operation ${name}.`);
          return method.apply(api, args) as Promise<unknown>;
        });
      this.#delegates.set(name, delegate);
    }
    return delegate;
  }

  async #call<T>(run: (api: LoadedClient) => Promise<T>): Promise<T> {
    let api: LoadedClient;
    try {
      api = await this.#client;
    } catch (error) {
      throw new ApiError('network', 'The HTTP client could not be loaded.', { cause: error });
    }
    return run(api);
  }
}

/** An element or provider that may talk HTTP itself (`api-base` + `token` / `getToken`). */
export interface HttpConnectionOwner extends EventTarget {
  apiBase?: string;
  token?: string;
  getToken?: TokenSource;
}

/**
 * Reads a `token` attribute into the owner's `token` property and removes it from the DOM, so the
 * token does not stay in the page's markup. Returns whether the attribute was the token.
 */
export function consumeTokenAttribute(owner: HttpConnectionOwner & Element, name: string, value: string | null): boolean {
  if (name !== 'token') return false;
  if (value !== null) {
    owner.token = value;
    owner.removeAttribute('token');
  }
  return true;
}

/**
 * One HTTP AccountApi per (base URL, token, getToken) for its owner: its cache and in-flight requests are
 * shared by everything that asks, and a new token for the same base keeps nothing of the old user's
 * data. `api` is undefined without a base URL or without credentials (every request would be a 401).
 */
export class HttpConnection {
  readonly #owner: HttpConnectionOwner;
  #key?: string;
  #getToken?: TokenSource;
  #api?: LazyHttpAccountApi;

  constructor(owner: HttpConnectionOwner) {
    this.#owner = owner;
  }

  get api(): AccountApi | undefined {
    const owner = this.#owner;
    const { apiBase, token } = owner;
    if (!apiBase || (!token && !owner.getToken)) return undefined;
    const key = `${apiBase}\u0000${token ?? ''}`;
    // A new token or a new getToken (another user signed in) gets a new connection and cache.
    if (!this.#api || this.#key !== key || this.#getToken !== owner.getToken) {
      this.#key = key;
      this.#getToken = owner.getToken;
      this.#api = new LazyHttpAccountApi({
        baseUrl: apiBase,
        token,
        // Read at call time, so a getToken set after the first render is still used.
        getToken: () => (owner.getToken ? owner.getToken() : Promise.reject(new Error('no getToken'))),
        onAuthExpired: () => owner.dispatchEvent(new AcctAuthExpiredEvent()),
      });
    }
    return this.#api;
  }
}

/**
 * Public reads of `api-base` without credentials (the pricing catalogue on a marketing page): one
 * AccountApi per base URL over the public client (public-http.ts), which sends no token, knows
 * only the operations declared `auth: 'none'` and is a fraction of the HTTP client's size. Any
 * other operation rejects (the client has no such method), and nobody gets `acct-auth-expired`.
 */
export class PublicHttpConnection {
  readonly #owner: Pick<HttpConnectionOwner, 'apiBase'>;
  #apiBase?: string;
  #api?: LazyHttpAccountApi;

  constructor(owner: Pick<HttpConnectionOwner, 'apiBase'>) {
    this.#owner = owner;
  }

  get api(): AccountApi | undefined {
    const { apiBase } = this.#owner;
    if (!apiBase) return undefined;
    if (!this.#api || this.#apiBase !== apiBase) {
      this.#apiBase = apiBase;
      this.#api = new LazyHttpAccountApi({ baseUrl: apiBase }, connectPublic);
    }
    return this.#api;
  }
}

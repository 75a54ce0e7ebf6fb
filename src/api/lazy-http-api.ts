import type {
  AccountApi,
  InvalidationListener,
  InvoiceQuery,
  PageQuery,
  RequestOptions,
  ResourceName,
  WriteOptions,
} from './account-api.js';
import type { Account } from './schemas/account.js';
import type { InvoiceDetail, InvoicePage } from './schemas/invoice.js';
import type { NewPayment, Payment, PaymentPage } from './schemas/payment.js';
import type {
  AutopayUpdate,
  NewPaymentMethod,
  PaymentMethod,
  PaymentMethodList,
  PaymentMethodPatch,
} from './schemas/payment-method.js';
import type { HttpAccountApi, HttpAccountApiOptions, HttpRequest, TokenSource } from './http-api.js';
import { SharedCache } from '../core/shared-cache.js';
import { ApiError } from './errors.js';
import { AcctAuthExpiredEvent } from '../events/index.js';

/**
 * The HTTP AccountApi, with its client (ky, the response schemas) loaded on first use. A host
 * that gives the elements its own `api` never downloads the HTTP client; one that sets `api-base`
 * starts loading it as soon as the element asks for its api, in parallel with the first render.
 * Invalidation works before the client has loaded: the shared cache lives here.
 */
export class LazyHttpAccountApi implements AccountApi {
  readonly #cache: SharedCache;
  readonly #client: Promise<HttpAccountApi>;

  constructor(options: HttpAccountApiOptions) {
    this.#cache = new SharedCache({ ttlMs: options.cacheTtlMs });
    this.#client = import('./http-api.js').then(({ HttpAccountApi }) => new HttpAccountApi({ ...options, cache: this.#cache }));
    // A failed chunk load is reported by each call; keep the shared promise's rejection handled.
    this.#client.catch(() => undefined);
  }

  getAccount(options?: RequestOptions): Promise<Account> {
    return this.#call((api) => api.getAccount(options));
  }

  listInvoices(query?: InvoiceQuery, options?: RequestOptions): Promise<InvoicePage> {
    return this.#call((api) => api.listInvoices(query, options));
  }

  getInvoice(id: string, options?: RequestOptions): Promise<InvoiceDetail> {
    return this.#call((api) => api.getInvoice(id, options));
  }

  listPayments(query?: PageQuery, options?: RequestOptions): Promise<PaymentPage> {
    return this.#call((api) => api.listPayments(query, options));
  }

  getPayment(id: string, options?: RequestOptions): Promise<Payment> {
    return this.#call((api) => api.getPayment(id, options));
  }

  createPayment(payment: NewPayment, options: WriteOptions): Promise<Payment> {
    return this.#call((api) => api.createPayment(payment, options));
  }

  listPaymentMethods(options?: RequestOptions): Promise<PaymentMethodList> {
    return this.#call((api) => api.listPaymentMethods(options));
  }

  addPaymentMethod(method: NewPaymentMethod, options: WriteOptions): Promise<PaymentMethod> {
    return this.#call((api) => api.addPaymentMethod(method, options));
  }

  updatePaymentMethod(id: string, patch: PaymentMethodPatch, options: WriteOptions): Promise<PaymentMethod> {
    return this.#call((api) => api.updatePaymentMethod(id, patch, options));
  }

  deletePaymentMethod(id: string, options: WriteOptions): Promise<void> {
    return this.#call((api) => api.deletePaymentMethod(id, options));
  }

  setAutopay(update: AutopayUpdate, options: WriteOptions): Promise<Account> {
    return this.#call((api) => api.setAutopay(update, options));
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

  async #call<T>(run: (api: HttpAccountApi) => Promise<T>): Promise<T> {
    let api: HttpAccountApi;
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

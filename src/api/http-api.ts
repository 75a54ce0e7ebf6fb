import type { AccountApi, InvalidationListener, InvoiceQuery, RequestOptions, ResourceName } from './account-api.js';
import type { Account } from './schemas/account.js';
import type { InvoiceDetail, InvoicePage } from './schemas/invoice.js';
import { SharedCache } from '../core/shared-cache.js';
import { ApiError } from './errors.js';

/** Returns the current bearer token; called again after a 401. */
export type TokenSource = () => string | Promise<string>;

export interface HttpAccountApiOptions {
  /** Base URL of the host API, e.g. `https://billing.example.com/api/v1`. */
  baseUrl: string;
  /** The first token; when absent, `getToken()` is asked before the first request. */
  token?: string;
  /** Called for a new token after a 401, once for all requests that got it. */
  getToken?: TokenSource;
  /** Called once when the token is refused even after refreshing. */
  onAuthExpired?: () => void;
}

// Placeholder until the HTTP layer lands in this same change.
export class HttpAccountApi implements AccountApi {
  readonly #cache = new SharedCache();
  constructor(readonly options: HttpAccountApiOptions) {}
  getAccount(_o?: RequestOptions): Promise<Account> {
    return Promise.reject(new ApiError('network', 'not implemented'));
  }
  listInvoices(_q?: InvoiceQuery, _o?: RequestOptions): Promise<InvoicePage> {
    return Promise.reject(new ApiError('network', 'not implemented'));
  }
  getInvoice(_id: string, _o?: RequestOptions): Promise<InvoiceDetail> {
    return Promise.reject(new ApiError('network', 'not implemented'));
  }
  invalidate(resources: Iterable<ResourceName>): void {
    this.#cache.invalidate(resources);
  }
  onInvalidate(listener: InvalidationListener): () => void {
    return this.#cache.subscribe(listener);
  }
}

import type { AccountApi } from '../../api/account-api.js';
import type { Account } from '../../api/schemas/account.js';
import { ApiError } from '../../api/errors.js';

/** Reads by name (`getAccount`, `listInvoices`, …) and the usage export, which writes nothing. */
const READS = /^(get|list)[A-Z]|^createUsageExport$/;
const OWN = new Set(['invalidate', 'onInvalidate']);

const wrapped = new WeakMap<AccountApi, AccountApi>();

/**
 * `api` for a read-only portal: the account's capabilities without the write ones, so that every
 * element leaves its write actions out, and every write refused with a 403 before it is sent (a
 * host's own element inside still cannot change anything).
 */
export function readOnlyApi(api: AccountApi): AccountApi {
  let readOnly = wrapped.get(api);
  if (!readOnly) {
    readOnly = new Proxy(api, {
      get(target, name) {
        const value = Reflect.get(target, name, target) as unknown;
        if (typeof name !== 'string' || typeof value !== 'function') return value;
        const method = (value as (...args: unknown[]) => unknown).bind(target);
        if (name === 'getAccount') {
          return async (...args: unknown[]) => {
            const account = (await method(...args)) as Account;
            return { ...account, capabilities: account.capabilities.filter((capability) => capability.endsWith(':read')) };
          };
        }
        if (READS.test(name) || OWN.has(name)) return method;
        return () => Promise.reject(new ApiError('forbidden', 'This account portal is read only.', { status: 403 }));
      },
    });
    wrapped.set(api, readOnly);
  }
  return readOnly;
}

import type { ReactiveControllerHost } from 'lit';
import { ApiTask } from '../../core/api-task.js';
import { toApiError, type ApiError } from '../../api/errors.js';
import type { AccountApi } from '../../api/account-api.js';
import type { Account } from '../../api/schemas/account.js';
import type { InvoiceSummary } from '../../api/schemas/invoice.js';
import type { GatewayInfo, PaymentMethod, PaymentMethodList } from '../../api/schemas/payment-method.js';
import { canPay, flowData, MAX_INVOICES, summaryOf, type FlowData } from './flow.js';

export interface FlowLoadsConfig {
  /** Where the invoices come from: the given ones (`invoices`, or these ids), or the open ones. */
  source: () => { kind: 'given' | 'open'; invoices?: InvoiceSummary[]; ids: readonly string[] };
}

/** Loaded value of a task, the error it failed with, or neither while it first loads. */
function settled<T>(task: ApiTask<T | undefined, readonly unknown[]>): { value?: T; error?: unknown } {
  if (task.failed) return { error: task.error };
  const value = task.value;
  return value === undefined ? {} : { value };
}

/**
 * What the pay flow reads from the server: the account first, then — only when it says the user
 * may pay (a billing viewer asks for nothing more) — the payment methods and the invoices (the
 * given ones, or the open ones to select from). One `ApiTask` each.
 */
export class FlowLoads {
  readonly #config: FlowLoadsConfig;
  #reported = new Map<object, unknown>();

  readonly #account: ApiTask<Account>;
  readonly #methods: ApiTask<PaymentMethodList | undefined, [boolean]>;
  /** The given invoices: the `invoices` property as it is, or each of `invoice-ids` from the server. */
  readonly #given: ApiTask<InvoiceSummary[] | undefined, [boolean, InvoiceSummary[] | undefined, string]>;
  /** The open invoices, when the user selects among them. */
  readonly #open: ApiTask<InvoiceSummary[] | undefined, [boolean]>;

  constructor(host: ReactiveControllerHost & { readonly resolvedApi: AccountApi | undefined }, config: FlowLoadsConfig) {
    this.#config = config;
    this.#account = new ApiTask<Account>(host, { load: (api, options) => api.getAccount(options) });
    this.#methods = new ApiTask(host, {
      args: () => [this.mayPay] as [boolean],
      load: async (api, options, [mayPay]) => (mayPay ? api.listPaymentMethods(options) : undefined),
    });
    this.#given = new ApiTask(host, {
      args: () => {
        const source = config.source();
        return [this.mayPay, source.invoices, source.ids.slice(0, MAX_INVOICES).join(' ')] as [boolean, InvoiceSummary[] | undefined, string];
      },
      load: async (api, options, [mayPay, invoices, ids]) => {
        if (invoices) return invoices;
        if (!mayPay || !ids) return undefined;
        const details = await Promise.all(ids.split(' ').map((id) => api.getInvoice(id, options)));
        return details.map(summaryOf);
      },
    });
    this.#open = new ApiTask(host, {
      args: () => [this.mayPay && config.source().kind === 'open'] as [boolean],
      load: async (api, options, [wanted]) =>
        wanted ? (await api.listInvoices({ status: 'open', limit: MAX_INVOICES }, options)).data : undefined,
    });
  }

  get #tasks() {
    return [this.#account, this.#methods, this.#given, this.#open];
  }

  /** The account is loaded and lets the user pay. */
  get mayPay(): boolean {
    const account = this.#account.value;
    return !!account && canPay(account);
  }

  /** The account is loaded and does not let the user pay. */
  get readonly(): boolean {
    const account = settled(this.#account).value;
    return !!account && !canPay(account);
  }

  /** Something is (re)loading. */
  get pending(): boolean {
    return this.#tasks.some((task) => task.pending);
  }

  get gateway(): GatewayInfo | undefined {
    return this.#methods.value?.gateway;
  }

  /** Everything the steps need once loaded, the first load error, or undefined while loading. */
  data(selectedIds: ReadonlySet<string> | undefined, addedMethods: readonly PaymentMethod[]): FlowData | { error: unknown } | undefined {
    const account = settled(this.#account);
    if (account.error) return { error: account.error };
    const given = this.#config.source().kind === 'given';
    const source = settled(given ? this.#given : this.#open);
    const methods = settled(this.#methods);
    const error = source.error ?? methods.error;
    if (error) return { error };
    if (!account.value || !source.value || !methods.value) return undefined;
    return flowData(account.value, { invoices: source.value, given }, methods.value.data, selectedIds, addedMethods);
  }

  /** Asks the server again for everything, past the shared cache. */
  reload(): void {
    for (const task of this.#tasks) task.reload();
  }

  /** Asks again for what failed (Retry). */
  retryFailed(): void {
    for (const task of this.#tasks) if (task.failed) task.reload();
  }

  /** Each new load error, once. */
  newErrors(): ApiError[] {
    const errors: ApiError[] = [];
    for (const task of this.#tasks) {
      if (!task.failed) this.#reported.delete(task);
      else if (this.#reported.get(task) !== task.error) {
        this.#reported.set(task, task.error);
        errors.push(toApiError(task.error));
      }
    }
    return errors;
  }
}

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
import type { AccountProfile } from './schemas/account-profile.js';
import type { InvoiceDetail, InvoicePage } from './schemas/invoice.js';
import type { Payment, PaymentPage } from './schemas/payment.js';
import type { NewPayment } from './schemas/billing-input.js';
import type { PaymentMethod, PaymentMethodList } from './schemas/payment-method.js';
import type { AutopayUpdate, NewPaymentMethod, PaymentMethodPatch } from './schemas/billing-input.js';
import type { FieldError } from './schemas/problem.js';
import type { Pricing } from './schemas/pricing.js';
import type { LicenseOrder, LicenseOrderPage, LicenseOverview, LicenseQuote, NewLicenseOrder, NewLicenseQuote } from './schemas/license.js';
import type { TransactionPage } from './schemas/transaction.js';
import type { CreditPage } from './schemas/credit.js';
import { CREDIT_FILTERS } from './credit-vocabulary.js';
import type { AddonChange, AddonChangeRequest, AddonList, AddonPreview, NewAddonPreview } from './schemas/addon.js';
import type { NewSavedAddress, SavedAddress, SavedAddressPage, SavedAddressPatch } from './schemas/address.js';
import { ADDRESS_USES } from './address-vocabulary.js';
import type { ClientQuery, AccountApiOperations } from './operations/index.js';
import { CATALOGUE } from './fixtures/catalogue.js';
import { MemoryAddons } from './memory-addons.js';
import { MemoryAddresses } from './memory-addresses.js';
import { MemoryCredits } from './memory-credits.js';
import { MemoryLicensing } from './memory-licensing.js';
import { MemoryUsage, type UsageQuery, type UsageSeriesQuery } from './memory-usage.js';
import type { NewUsageExport, UsageCatalogue, UsageExportLink, UsagePage, UsageSeries } from './schemas/usage.js';
import type { NewUser, RoleList, User, UserPage, UserPatch } from './schemas/user.js';
import type { FixtureUser } from './fixtures/users.js';
import type { MemoryUsers } from './memory-users.js';
import { INVOICE_FILTERS, PAYABLE_STATUSES } from './vocabulary.js';
import { ApiError, kindForStatus } from './errors.js';
import { pathIdProblem } from './operations/path-id.js';
import { SharedCache } from './shared-cache.js';
import { abaRoutingValid, detectCardBrand, luhnValid } from './validators.js';
import { createFixture, toSummary, type AccountFixture, type FixtureName } from './fixtures/generate.js';
import { DECLINE_DETAILS, methodSnapshot, testBankOutcome, testCardOutcome, type TestCardOutcome } from './fixtures/test-gateway.js';

export type MemoryReadOperation =
  | 'getAccount'
  | 'getAccountProfile'
  | 'listInvoices'
  | 'getInvoice'
  | 'listPayments'
  | 'getPayment'
  | 'listPaymentMethods'
  | 'getPricing'
  | 'listLicenses'
  | 'listOrders'
  | 'getOrder'
  | 'listTransactions'
  | 'listAddons'
  | 'listCredits'
  | 'getUsageCatalogue'
  | 'listUsage'
  | 'getUsageSeries'
  | 'listRoles'
  | 'listUsers'
  | 'listAddresses';
export type MemoryWriteOperation =
  | 'createPayment'
  | 'addPaymentMethod'
  | 'updatePaymentMethod'
  | 'deletePaymentMethod'
  | 'setAutopay'
  | 'createLicenseQuote'
  | 'createLicenseOrder'
  | 'previewAddonChange'
  | 'enableAddon'
  | 'disableAddon'
  | 'createUsageExport'
  | 'inviteUser'
  | 'resendInvitation'
  | 'updateUser'
  | 'removeUser'
  | 'createAddress'
  | 'updateAddress'
  | 'deleteAddress';
export type MemoryOperation = MemoryReadOperation | MemoryWriteOperation;

export interface MemoryAccountApiOptions {
  /** A named demo account, or your own data. Default `typical`. */
  fixture?: FixtureName | AccountFixture;
  /** Simulated latency per call in ms (default 0), or a function of the operation. */
  latencyMs?: number | ((operation: MemoryOperation) => number);
  /**
   * Failure injection: return an ApiError to fail that call (it is thrown after the latency).
   * `callIndex` counts calls of that operation from 0.
   */
  fail?: (operation: MemoryOperation, callIndex: number) => ApiError | undefined;
  /** The date the fixtures are generated around (default: today). */
  today?: Date;
  /** How long a bank (ACH) payment stays `processing` before it settles or fails (default 5000 ms). */
  achSettleMs?: number;
  /** How long bought licenses stay `pending_provisioning`, and a provisioned add-on `pending` (default 5000 ms). */
  provisioningMs?: number;
  /** The public catalogue `getPricing` serves (default: the reference server's, fixtures/catalogue.ts). */
  pricing?: Pricing;
  /**
   * The account's users (default: the fixture's, fixtures/users.ts). The acting user is the demo
   * user of the account's role (`usr_typical_admin`): include it to keep `current` and the rules about
   * one's own user.
   */
  users?: FixtureUser[];
}

/** `listUsers`' query: `status`, `cursor`, `limit`. */
export type UserQuery = ClientQuery<AccountApiOperations['listUsers']['query']>;

/** `listTransactions`' query: `type`, `from`, `to` (`YYYY-MM-DD`), `cursor`, `limit`. */
export type TransactionQuery = ClientQuery<AccountApiOperations['listTransactions']['query']>;

/** `listCredits`' query: `status`, `cursor`, `limit`. */
export type CreditQuery = ClientQuery<AccountApiOperations['listCredits']['query']>;

/** `listAddresses`' query: `use`, `cursor`, `limit`. */
export type AddressQuery = ClientQuery<AccountApiOperations['listAddresses']['query']>;

/** `deleteAddress`' query: the `replacement` that takes over its defaults. */
export type AddressDeleteQuery = ClientQuery<AccountApiOperations['deleteAddress']['query']>;

/** What the test gateway will do with a saved method (kept out of the method the API returns). */
type GatewayBehaviour = { kind: 'card'; outcome: TestCardOutcome } | { kind: 'bank'; fails: boolean };

interface Processing {
  settlesAt: number;
  fails: boolean;
}

/** The capability each operation needs of the token's role, as the server's routes require them. */
const CAPABILITY: Partial<Record<MemoryOperation, string>> = {
  listPayments: 'invoices:read',
  getPayment: 'invoices:read',
  listPaymentMethods: 'invoices:read',
  createPayment: 'invoices:pay',
  addPaymentMethod: 'payment_methods:manage',
  updatePaymentMethod: 'payment_methods:manage',
  deletePaymentMethod: 'payment_methods:manage',
  setAutopay: 'autopay:manage',
  listOrders: 'invoices:read',
  getOrder: 'invoices:read',
  listTransactions: 'invoices:read',
  listCredits: 'invoices:read',
  createLicenseQuote: 'licenses:purchase',
  createLicenseOrder: 'licenses:purchase',
  previewAddonChange: 'addons:manage',
  enableAddon: 'addons:manage',
  disableAddon: 'addons:manage',
  getUsageCatalogue: 'usage:read',
  listUsage: 'usage:read',
  getUsageSeries: 'usage:read',
  createUsageExport: 'usage:read',
  listUsers: 'users:manage',
  inviteUser: 'users:manage',
  resendInvitation: 'users:manage',
  updateUser: 'users:manage',
  removeUser: 'users:manage',
  createAddress: 'addresses:manage',
  updateAddress: 'addresses:manage',
  deleteAddress: 'addresses:manage',
};

/** What a confirmed add-on change touches (as its declaration says). */
const ADDON_CHANGE_INVALIDATES: ResourceName[] = ['addons', 'invoices', 'credits', 'account', 'transactions'];

/** What an address write changes (as its declaration says). */
const ADDRESS_CHANGES: ResourceName[] = ['addresses'];

const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 100;

/**
 * AccountApi in memory, from fixtures: for stories, tests, documentation and offline demos.
 * Behaves like the HTTP API where elements can tell: cursor pages, filters, abort, latency,
 * errors, shared in-flight reads and invalidation.
 */
export class MemoryAccountApi implements AccountApi {
  /** Every call that reached the fake backend (after request sharing), in order. */
  readonly calls: Array<{ operation: MemoryOperation; args: unknown[] }> = [];
  readonly data: AccountFixture;
  readonly #cache = new SharedCache({ ttlMs: 0 });
  readonly #options: MemoryAccountApiOptions;
  readonly #callCounts = new Map<MemoryOperation, number>();
  /** Idempotency keys of writes: the first outcome is replayed for the same key and request. */
  readonly #keys = new Map<string, { fingerprint: string; outcome: Promise<unknown> }>();
  readonly #behaviours = new Map<string, GatewayBehaviour>();
  readonly #processing = new Map<string, Processing>();
  #nextId = 1;
  readonly #licensing: MemoryLicensing;
  readonly #addons: MemoryAddons;
  readonly #credits: MemoryCredits;
  readonly #usage: MemoryUsage;
  #users: Promise<MemoryUsers> | undefined;
  readonly #addresses: MemoryAddresses;

  constructor(options: MemoryAccountApiOptions = {}) {
    this.#options = options;
    const fixture = options.fixture ?? 'typical';
    this.data = typeof fixture === 'string' ? createFixture(fixture, options.today) : fixture;
    this.#credits = new MemoryCredits({ data: this.data, today: () => (options.today ?? new Date()).toISOString().slice(0, 10) });
    this.#usage = new MemoryUsage(this.data, options.today ?? new Date());
    this.#addresses = new MemoryAddresses({ data: this.data, nextId: () => this.#nextId++ });
    this.#addons = new MemoryAddons({
      data: this.data,
      today: () => (options.today ?? new Date()).toISOString().slice(0, 10),
      nextId: () => this.#nextId++,
      provisioningMs: options.provisioningMs ?? 5000,
    });
    this.#licensing = new MemoryLicensing({
      data: this.data,
      today: () => (options.today ?? new Date()).toISOString().slice(0, 10),
      nextId: () => this.#nextId++,
      provisioningMs: options.provisioningMs ?? 5000,
      method: (id) => this.#method(id, 'field'),
      outcome: (method) => {
        const behaviour = this.#behaviour(method);
        return behaviour.kind === 'bank' ? 'bank' : behaviour.outcome;
      },
      settleLater: (paymentId) => {
        const method = this.data.payments.find((p) => p.id === paymentId)?.payment_method;
        const behaviour = method?.id ? this.#behaviours.get(method.id) : undefined;
        this.#processing.set(paymentId, { settlesAt: Date.now() + (this.#options.achSettleMs ?? 5000), fails: behaviour?.kind === 'bank' && behaviour.fails });
      },
    });
  }

  getUsageCatalogue(options?: RequestOptions): Promise<UsageCatalogue> {
    return this.#read('getUsageCatalogue', [], ['usage'], options, () => this.#usage.catalogue());
  }

  listUsage(query: UsageQuery = {}, options?: RequestOptions): Promise<UsagePage> {
    return this.#read('listUsage', [query], ['usage'], options, () => this.#usage.list(query));
  }

  getUsageSeries(query: UsageSeriesQuery = {}, options?: RequestOptions): Promise<UsageSeries> {
    return this.#read('getUsageSeries', [query], ['usage'], options, () => this.#usage.series(query));
  }

  /** The CSV as a `blob:` URL (revoke it when done); XLSX answers 501 here, the server writes it. */
  createUsageExport(request: NewUsageExport, options: WriteOptions): Promise<UsageExportLink> {
    return this.#write('createUsageExport', [request], options, [], () => this.#usage.createExport(request));
  }

  /** The users twin, loaded (with the users fixture) on the first users call. */
  #memoryUsers(): Promise<MemoryUsers> {
    const options = this.#options;
    this.#users ??= import('./memory-users.js').then(
      ({ MemoryUsers }) =>
        new MemoryUsers({ accountId: this.data.account.id, role: this.data.account.role, today: options.today ?? new Date(), nextId: () => this.#nextId++, users: options.users }),
    );
    return this.#users;
  }

  listRoles(options?: RequestOptions): Promise<RoleList> {
    return this.#read('listRoles', [], ['roles'], options, async () => (await this.#memoryUsers()).roles());
  }

  listUsers(query: UserQuery = {}, options?: RequestOptions): Promise<UserPage> {
    return this.#read('listUsers', [query], ['users'], options, async () => {
      const users = (await this.#memoryUsers()).matching(query.status);
      return cursorPage(users, `users${query.status ?? ''}`, query.cursor, pageSize(query.limit));
    });
  }

  inviteUser(request: NewUser, options: WriteOptions): Promise<User> {
    return this.#write('inviteUser', [request], options, ['users'], async () => (await this.#memoryUsers()).invite(request));
  }

  resendInvitation(id: string, options: WriteOptions): Promise<User> {
    return this.#write('resendInvitation', [id], options, ['users'], async () => {
      checkPathId(id);
      return (await this.#memoryUsers()).resend(id);
    });
  }

  updateUser(id: string, patch: UserPatch, options: WriteOptions): Promise<User> {
    return this.#write('updateUser', [id, patch], options, ['users'], async () => {
      checkPathId(id);
      return (await this.#memoryUsers()).update(id, patch);
    });
  }

  removeUser(id: string, options: WriteOptions): Promise<void> {
    return this.#write('removeUser', [id], options, ['users'], async () => {
      checkPathId(id);
      (await this.#memoryUsers()).remove(id);
    });
  }

  /** The address book, oldest first, cursor-paginated; `use` keeps the addresses with that use. */
  listAddresses(query: AddressQuery = {}, options?: RequestOptions): Promise<SavedAddressPage> {
    return this.#read('listAddresses', [query], ['addresses', 'payment-methods'], options, () => {
      const use = query.use ?? undefined;
      if (use !== undefined && !ADDRESS_USES.includes(use)) throw badField('use', `expected one of ${ADDRESS_USES.join(', ')}`, 'invalid_value');
      return cursorPage(this.#addresses.matching(use), `addresses${use ?? ''}`, query.cursor, pageSize(query.limit));
    });
  }

  /** Adds an address; the first of a use becomes its default, `default_for` makes it the default now. */
  createAddress(address: NewSavedAddress, options: WriteOptions): Promise<SavedAddress> {
    return this.#write('createAddress', [address], options, ADDRESS_CHANGES, async () => this.#addresses.create(address, await addressFieldErrors()));
  }

  /** Changes an address's fields or uses, or makes it a default; `replacement` takes over the defaults it gives up. */
  updateAddress(id: string, patch: SavedAddressPatch, options: WriteOptions): Promise<SavedAddress> {
    return this.#write('updateAddress', [id, patch], options, ADDRESS_CHANGES, async () => {
      checkPathId(id);
      return this.#addresses.update(id, patch, await addressFieldErrors());
    });
  }

  /** Removes an address; the default of a use other addresses have goes only with a `replacement`. */
  deleteAddress(id: string, query: AddressDeleteQuery | undefined, options: WriteOptions): Promise<void> {
    const replacement = query?.replacement ?? undefined;
    // As the client sends it: an absent or null replacement is no query parameter.
    return this.#write('deleteAddress', [id, replacement === undefined ? {} : { replacement }], options, ADDRESS_CHANGES, () => {
      checkPathId(id);
      const problem = replacement === undefined ? undefined : pathIdProblem(replacement);
      if (problem) throw badField('replacement', problem.message, problem.code);
      this.#addresses.remove(id, replacement);
    });
  }

  listAddons(options?: RequestOptions): Promise<AddonList> {
    return this.#read('listAddons', [], ['addons'], options, () => this.#addons.list());
  }

  /** The price change of enabling or disabling an add-on, kept for 30 minutes; the same open request gives the same preview. */
  previewAddonChange(id: string, request: NewAddonPreview, options: WriteOptions): Promise<AddonPreview> {
    return this.#write('previewAddonChange', [id, request], options, [], () => {
      checkPathId(id);
      return this.#addons.preview(id, request);
    });
  }

  enableAddon(id: string, request: AddonChangeRequest, options: WriteOptions): Promise<AddonChange> {
    return this.#write('enableAddon', [id, request], options, ADDON_CHANGE_INVALIDATES, () => {
      checkPathId(id);
      const change = this.#addons.change(id, 'enable', request);
      this.#credits.apply();
      return change;
    });
  }

  disableAddon(id: string, request: AddonChangeRequest, options: WriteOptions): Promise<AddonChange> {
    return this.#write('disableAddon', [id, request], options, ADDON_CHANGE_INVALIDATES, () => {
      checkPathId(id);
      const change = this.#addons.change(id, 'disable', request);
      this.#credits.apply();
      return change;
    });
  }

  /** Ages an add-on preview past its expiry: confirming it is a 409 `preview_expired` with a fresh preview. */
  expireAddonPreview(previewId: string): void {
    this.#addons.expirePreview(previewId);
  }

  /** The product has carried out this add-on's pending change: the next read sees it done. */
  provisionAddonNow(addonId: string): void {
    this.#addons.provisionNow(addonId);
  }

  getPricing(options?: RequestOptions): Promise<Pricing> {
    return this.#read('getPricing', [], ['pricing'], options, () => structuredClone(this.#options.pricing ?? CATALOGUE));
  }

  listLicenses(options?: RequestOptions): Promise<LicenseOverview> {
    return this.#read('listLicenses', [], ['licenses'], options, () => this.#licensing.overview());
  }

  /** A binding price for more licenses, kept for 30 minutes; the same open request gives the same quote. */
  createLicenseQuote(request: NewLicenseQuote, options: WriteOptions): Promise<LicenseQuote> {
    return this.#write('createLicenseQuote', [request], options, [], () => this.#licensing.quote(request));
  }

  createLicenseOrder(request: NewLicenseOrder, options: WriteOptions): Promise<LicenseOrder> {
    return this.#write('createLicenseOrder', [request], options, ['licenses', 'orders', 'invoices', 'account', 'payments', 'transactions'], () =>
{
      const order = this.#licensing.order(request);
      // An "invoice me" order's open invoice is paid first from any credit, as on the server.
      this.#credits.apply();
      return order;
    });
  }

  listOrders(query: PageQuery = {}, options?: RequestOptions): Promise<LicenseOrderPage> {
    return this.#read('listOrders', [query], ['orders'], options, () =>
      structuredClone(cursorPage(this.data.licensing.orders, 'orders', query.cursor, pageSize(query.limit))),
    );
  }

  getOrder(id: string, options?: RequestOptions): Promise<LicenseOrder> {
    return this.#read('getOrder', [id], ['orders'], options, () => {
      checkPathId(id);
      const order = this.#licensing.getOrder(id);
      if (!order) throw notFound('No such order.');
      return order;
    });
  }

  listTransactions(query: TransactionQuery = {}, options?: RequestOptions): Promise<TransactionPage> {
    return this.#read('listTransactions', [query], ['transactions'], options, () => this.#licensing.transactions(query, pageSize(query.limit)));
  }

  /** Ages a quote past its expiry: the next order of it is a 409 `quote_expired` with a fresh quote. */
  expireQuote(quoteId: string): void {
    this.#licensing.expireQuote(quoteId);
  }

  /** The product has set up this order's licenses: the next read sees it `provisioned`. */
  provisionNow(orderId: string): void {
    this.#licensing.provisionNow(orderId);
  }

  getAccount(options?: RequestOptions): Promise<Account> {
    return this.#read('getAccount', [], ['account'], options, () => this.#account());
  }

  getAccountProfile(options?: RequestOptions): Promise<AccountProfile> {
    return this.#read('getAccountProfile', [], ['account'], options, () => structuredClone(this.data.profile));
  }

  /** The account as the server answers it: with the available credit it derives. */
  #account(): Account {
    return { ...structuredClone(this.data.account), available_credit: this.#credits.available() };
  }

  listCredits(query: CreditQuery = {}, options?: RequestOptions): Promise<CreditPage> {
    return this.#read('listCredits', [query], ['credits'], options, () => {
      const status = query.status ?? 'all';
      if (!CREDIT_FILTERS.includes(status)) throw badField('status', `expected one of ${CREDIT_FILTERS.join(', ')}`, 'invalid_value');
      return structuredClone(cursorPage(this.#credits.matching(status), `credits${status}`, query.cursor, pageSize(query.limit)));
    });
  }

  /** Applies the account's available credit to its open invoices, as the server does after it makes a credit or an invoice. */
  applyCredit(): number {
    return this.#credits.apply();
  }

  listInvoices(query: InvoiceQuery = {}, options?: RequestOptions): Promise<InvoicePage> {
    return this.#read('listInvoices', [query], ['invoices'], options, () => {
      const status = query.status ?? 'all';
      if (!INVOICE_FILTERS.includes(status)) throw badField('status', `expected one of ${INVOICE_FILTERS.join(', ')}`, 'invalid_value');
      const limit = pageSize(query.limit);
      const matching = this.data.invoices.filter((inv) =>
        status === 'all' ? true : status === 'open' ? PAYABLE_STATUSES.includes(inv.status) : inv.status === status,
      );
      const { data, next_cursor, total_count } = cursorPage(matching, status, query.cursor, limit);
      return { data: data.map(toSummary), next_cursor, total_count };
    });
  }

  getInvoice(id: string, options?: RequestOptions): Promise<InvoiceDetail> {
    return this.#read('getInvoice', [id], ['invoices'], options, () => {
      checkPathId(id);
      const invoice = this.data.invoices.find((inv) => inv.id === id);
      if (!invoice) throw notFound('No such invoice.');
      return { ...structuredClone(invoice), ...this.#paidBy(invoice) };
    });
  }

  listPayments(query: PageQuery = {}, options?: RequestOptions): Promise<PaymentPage> {
    return this.#read('listPayments', [query], ['payments'], options, () => {
      const page = cursorPage(this.data.payments, 'payments', query.cursor, pageSize(query.limit));
      return structuredClone(page);
    });
  }

  getPayment(id: string, options?: RequestOptions): Promise<Payment> {
    return this.#read('getPayment', [id], ['payments'], options, () => {
      checkPathId(id);
      const payment = this.data.payments.find((p) => p.id === id);
      if (!payment) throw notFound('No such payment.');
      return structuredClone(payment);
    });
  }

  createPayment(payment: NewPayment, options: WriteOptions): Promise<Payment> {
    return this.#write('createPayment', [payment], options, ['invoices', 'account', 'payments', 'transactions'], () => this.#pay(payment));
  }

  listPaymentMethods(options?: RequestOptions): Promise<PaymentMethodList> {
    return this.#read('listPaymentMethods', [], ['payment-methods'], options, () =>
      structuredClone({ data: this.data.paymentMethods, gateway: this.data.gateway }),
    );
  }

  addPaymentMethod(method: NewPaymentMethod, options: WriteOptions): Promise<PaymentMethod> {
    return this.#write('addPaymentMethod', [method], options, ['payment-methods', 'account'], () => this.#addMethod(method));
  }

  updatePaymentMethod(id: string, patch: PaymentMethodPatch, options: WriteOptions): Promise<PaymentMethod> {
    return this.#write('updatePaymentMethod', [id, patch], options, ['payment-methods', 'account'], () => {
      const method = this.#method(id, 'not-found');
      if (patch.is_default) for (const m of this.data.paymentMethods) m.is_default = m === method;
      if (patch.billing_address !== undefined) method.billing_address = patch.billing_address;
      if (method.card && patch.exp_month !== undefined) method.card.exp_month = patch.exp_month;
      if (method.card && patch.exp_year !== undefined) method.card.exp_year = patch.exp_year;
      return structuredClone(method);
    });
  }

  deletePaymentMethod(id: string, options: WriteOptions): Promise<void> {
    return this.#write('deletePaymentMethod', [id], options, ['payment-methods', 'account'], () => {
      const method = this.#method(id, 'not-found');
      const { autopay } = this.data.account;
      if (autopay.enabled && autopay.payment_method_id === id) {
        throw problem(409, 'payment_method_in_use', 'Autopay uses this payment method. Choose another one for autopay or turn autopay off first.');
      }
      if (method.is_default && this.data.paymentMethods.length > 1) {
        throw problem(409, 'default_payment_method_required', 'This is the default payment method. Make another method the default first.');
      }
      this.data.paymentMethods = this.data.paymentMethods.filter((m) => m !== method);
    });
  }

  setAutopay(update: AutopayUpdate, options: WriteOptions): Promise<Account> {
    return this.#write('setAutopay', [update], options, ['account', 'payment-methods'], () => {
      const { account } = this.data;
      if (!update.enabled) {
        account.autopay = { enabled: false, payment_method_id: null };
      } else {
        const method = update.payment_method_id
          ? this.#method(update.payment_method_id, 'field')
          : this.data.paymentMethods.find((m) => m.is_default);
        if (!method) {
          throw problem(422, 'default_payment_method_required', 'Autopay needs a payment method. Add one first.', [
            { field: 'payment_method_id', message: 'required', code: 'default_payment_method_required' },
          ]);
        }
        account.autopay = { enabled: true, payment_method_id: method.id };
      }
      return this.#account();
    });
  }

  /**
   * A card number for the test gateway's token endpoint, as a host's tokenizer would make it:
   * the token stands for the card, and `addPaymentMethod({type: 'card', token})` saves it.
   */
  createCardToken(card: { number: string; exp_month: number; exp_year: number }): string {
    const token = `tok_memory_${this.#nextId++}`;
    this.#tokens.set(token, card);
    return token;
  }

  readonly #tokens = new Map<string, { number: string; exp_month: number; exp_year: number }>();

  /**
   * The test bank answers now (the server's `POST /__test/settle`): the next call settles or
   * returns this processing bank payment.
   */
  settleNow(paymentId: string): void {
    const processing = this.#processing.get(paymentId);
    if (processing) processing.settlesAt = 0;
  }

  invalidate(resources: Iterable<ResourceName>): void {
    this.#cache.invalidate(resources);
  }

  onInvalidate(listener: InvalidationListener): () => void {
    return this.#cache.subscribe(listener);
  }

  /** Runs a write once per idempotency key; the same key and arguments get the first outcome. */
  async #write<T>(
    operation: MemoryWriteOperation,
    args: unknown[],
    options: WriteOptions,
    invalidates: ResourceName[],
    run: () => T | Promise<T>,
  ): Promise<T> {
    const fingerprint = `${operation}:${JSON.stringify(args)}`;
    const known = this.#keys.get(options.idempotencyKey);
    if (known) {
      if (known.fingerprint !== fingerprint) {
        throw problem(422, 'idempotency_key_reused', 'This Idempotency-Key was used for a different request.', [
          { field: 'Idempotency-Key', message: 'already used for a different request', code: 'reused' },
        ]);
      }
      return known.outcome as Promise<T>;
    }
    const index = this.#callCounts.get(operation) ?? 0;
    this.#callCounts.set(operation, index + 1);
    this.calls.push({ operation, args });
    const outcome = (async () => {
      const latency = typeof this.#options.latencyMs === 'function' ? this.#options.latencyMs(operation) : this.#options.latencyMs ?? 0;
      if (latency > 0) await sleep(latency, options.signal ?? new AbortController().signal);
      const failure = this.#options.fail?.(operation, index);
      if (failure) throw failure;
      this.#authorize(operation);
      await validateBody(operation, args);
      await checkAddress(operation, args);
      this.#settle();
      this.#licensing.provision();
      this.#addons.settle();
      return run();
    })();
    this.#keys.set(options.idempotencyKey, { fingerprint, outcome });
    try {
      const value = await outcome;
      this.#cache.invalidate(invalidates);
      return value;
    } catch (error) {
      // Like the server: only an applied outcome (a result or a decline) is kept for the key.
      if (!(error instanceof ApiError && error.kind === 'declined')) this.#keys.delete(options.idempotencyKey);
      if (error instanceof ApiError && error.kind === 'declined') this.#cache.invalidate(['payments']);
      throw error;
    }
  }

  #pay(request: NewPayment): Payment {
    const ids = request.invoice_ids;
    if (new Set(ids).size !== ids.length) {
      throw problem(422, 'validation_failed', 'An invoice is listed twice.', [{ field: 'invoice_ids', message: 'duplicate', code: 'duplicate' }]);
    }
    const invoices = ids.map((id) => {
      const invoice = this.data.invoices.find((inv) => inv.id === id);
      if (!invoice) throw problem(422, 'validation_failed', `No invoice ${id}.`, [{ field: 'invoice_ids', message: 'unknown invoice', code: 'not_found' }]);
      return invoice;
    });
    const notPayable = invoices.find((inv) => !PAYABLE_STATUSES.includes(inv.status) || inv.amount_due.amount <= 0);
    if (notPayable) {
      throw problem(409, 'invoice_not_payable', `Invoice ${notPayable.number} is already paid or being paid.`);
    }
    const { currency } = this.data.account;
    if (invoices.some((inv) => inv.amount_due.currency !== currency) || (request.amount && request.amount.currency !== currency)) {
      throw problem(422, 'currency_mismatch', `Payments on this account are in ${currency}.`, [{ field: 'amount', message: 'currency mismatch', code: 'currency_mismatch' }]);
    }
    const method = this.#method(request.payment_method_id, 'field');
    const due = invoices.reduce((sum, inv) => sum + inv.amount_due.amount, 0);
    const amount = request.amount?.amount ?? due;
    const terms = this.data.account.payment_terms;
    const minimum = terms?.minimum_payment?.amount ?? 1;
    if (!Number.isSafeInteger(amount) || amount > due) {
      throw problem(422, 'amount_too_large', 'The amount is more than the amount due.', [{ field: 'amount', message: 'above the amount due', code: 'amount_too_large' }]);
    }
    if (amount < due && !terms?.partial_payments) {
      throw problem(422, 'partial_payment_not_allowed', 'This account pays invoices in full.', [{ field: 'amount', message: 'partial payments are not allowed', code: 'partial_payment_not_allowed' }]);
    }
    if (amount < due && amount < minimum) {
      throw problem(422, 'amount_too_small', 'The amount is below the minimum payment.', [{ field: 'amount', message: 'below the minimum', code: 'amount_too_small' }]);
    }
    const behaviour = this.#behaviour(method);
    const now = new Date();
    const payment: Payment = {
      id: `py_memory_${this.#nextId++}`,
      created_at: now.toISOString(),
      amount: { amount, currency },
      status: 'succeeded',
      payment_method: methodSnapshot(method),
      allocations: [],
      failure: null,
      settled_at: null,
    };
    // Oldest due first; each invoice gets what is left, up to its amount due.
    let left = amount;
    for (const invoice of [...invoices].sort((a, b) => (a.due_on ?? a.issued_on).localeCompare(b.due_on ?? b.issued_on))) {
      const share = Math.min(left, invoice.amount_due.amount);
      if (share <= 0) continue;
      left -= share;
      payment.allocations.push({ invoice_id: invoice.id, invoice_number: invoice.number, amount: { amount: share, currency } });
    }
    if (behaviour.kind === 'card' && behaviour.outcome !== 'succeeded') {
      // A decline keeps what it was to pay (the history traces it to its invoices); nothing changes hands.
      const detail = DECLINE_DETAILS[behaviour.outcome];
      this.data.payments.unshift({ ...payment, status: 'failed', failure: { code: behaviour.outcome, message: detail } });
      throw new ApiError('declined', detail, { status: 402, problem: { status: 402, code: behaviour.outcome, title: 'Payment declined', detail } });
    }
    const bank = behaviour.kind === 'bank';
    for (const allocation of payment.allocations) {
      const invoice = invoices.find((inv) => inv.id === allocation.invoice_id)!;
      invoice.amount_due = { amount: invoice.amount_due.amount - allocation.amount.amount, currency };
      if (invoice.amount_due.amount === 0) invoice.status = bank ? 'processing' : 'paid';
    }
    const { account } = this.data;
    account.balance = { amount: account.balance.amount - amount, currency };
    if (bank) {
      payment.status = 'processing';
      this.#processing.set(payment.id, { settlesAt: now.getTime() + (this.#options.achSettleMs ?? 5000), fails: behaviour.fails });
    } else {
      payment.settled_at = payment.created_at;
      account.last_payment = { amount: payment.amount, paid_at: payment.created_at, method_label: payment.payment_method?.label };
    }
    this.data.payments.unshift(payment);
    return structuredClone(payment);
  }

  /**
   * A paid invoice's payment reference and paid date, as the server derives them: the last
   * succeeded payment allocated to it, and when it settled. Otherwise what the data says (null).
   */
  #paidBy(invoice: InvoiceDetail): Pick<InvoiceDetail, 'paid_at' | 'payment_id'> {
    let last: Payment | undefined;
    if (invoice.status === 'paid') {
      for (const payment of this.data.payments) {
        if (payment.status !== 'succeeded' || !payment.allocations.some((a) => a.invoice_id === invoice.id)) continue;
        const at = Date.parse(payment.settled_at ?? payment.created_at);
        const lastAt = last ? Date.parse(last.settled_at ?? last.created_at) : -Infinity;
        if (at > lastAt || (at === lastAt && last && payment.id > last.id)) last = payment;
      }
    }
    // A credit applied after the last payment is what paid it off (the server's rule).
    const credited = this.data.addons.credits.flatMap((c) => c.applications ?? []).filter((a) => a.invoice_id === invoice.id).map((a) => a.applied_at).sort().at(-1);
    if (last && !(credited && Date.parse(credited) > Date.parse(last.settled_at ?? last.created_at))) return { paid_at: last.settled_at ?? last.created_at, payment_id: last.id };
    if (credited && invoice.status === 'paid') return { paid_at: credited, payment_id: null };
    return invoice.status === 'paid' ? { paid_at: invoice.paid_at ?? null, payment_id: invoice.payment_id ?? null } : { paid_at: null, payment_id: null };
  }

  /** Bank payments whose time has come settle (or fail and give the invoices their amount back). */
  #settle(): void {
    const now = Date.now();
    for (const [id, processing] of this.#processing) {
      if (processing.settlesAt > now) continue;
      this.#processing.delete(id);
      const payment = this.data.payments.find((p) => p.id === id);
      if (!payment) continue;
      const { account } = this.data;
      if (processing.fails) {
        payment.status = 'failed';
        payment.failure = { code: 'insufficient_funds', message: 'The bank returned the debit: insufficient funds.' };
        for (const allocation of payment.allocations) {
          const invoice = this.data.invoices.find((inv) => inv.id === allocation.invoice_id);
          if (!invoice) continue;
          invoice.amount_due = { amount: invoice.amount_due.amount + allocation.amount.amount, currency: invoice.amount_due.currency };
          invoice.status = invoice.due_on && Date.parse(`${invoice.due_on}T23:59:59Z`) < now ? 'overdue' : 'open';
        }
        account.balance = { amount: account.balance.amount + payment.amount.amount, currency: account.balance.currency };
      } else {
        payment.status = 'succeeded';
        payment.settled_at = new Date(now).toISOString();
        for (const allocation of payment.allocations) {
          const invoice = this.data.invoices.find((inv) => inv.id === allocation.invoice_id);
          if (invoice?.status === 'processing') invoice.status = 'paid';
        }
        account.last_payment = { amount: payment.amount, paid_at: payment.settled_at, method_label: payment.payment_method?.label };
      }
    }
  }

  #addMethod(request: NewPaymentMethod): PaymentMethod {
    const { gateway } = this.data;
    if (!gateway.supported_types.includes(request.type)) {
      throw problem(422, 'validation_failed', `This account cannot add a ${request.type}.`, [{ field: 'type', message: 'not supported', code: 'not_supported' }]);
    }
    const id = `pm_memory_${this.#nextId++}`;
    const makeDefault = request.set_default === true || this.data.paymentMethods.length === 0;
    const base = { id, label: null, is_default: makeDefault, billing_address: request.billing_address ?? null, created_at: new Date().toISOString() };
    let method: PaymentMethod;
    if (request.type === 'card') {
      if (request.card && !gateway.accepts_raw_card_data) {
        throw problem(422, 'raw_card_data_not_allowed', 'This gateway accepts card tokens only.', [{ field: 'card', message: 'not allowed', code: 'raw_card_data_not_allowed' }]);
      }
      const card = request.card ?? (request.token ? this.#tokens.get(request.token) : undefined);
      // Single use, as the gateway's tokens are.
      if (request.token) this.#tokens.delete(request.token);
      if (!card) {
        throw problem(422, 'validation_failed', 'A card token is required.', [{ field: 'token', message: request.token ? 'unknown token' : 'required', code: request.token ? 'invalid' : 'required' }]);
      }
      if (!luhnValid(card.number)) {
        throw problem(422, 'validation_failed', 'The card number is not valid.', [{ field: 'card.number', message: 'invalid card number', code: 'incorrect_number' }]);
      }
      const now = new Date();
      if (card.exp_year < now.getUTCFullYear() || (card.exp_year === now.getUTCFullYear() && card.exp_month < now.getUTCMonth() + 1)) {
        throw problem(422, 'validation_failed', 'The card has expired.', [{ field: 'card.exp_month', message: 'expired', code: 'expired' }]);
      }
      method = { ...base, type: 'card', card: { brand: detectCardBrand(card.number), last4: card.number.slice(-4), exp_month: card.exp_month, exp_year: card.exp_year }, bank_account: null };
      this.#behaviours.set(id, { kind: 'card', outcome: testCardOutcome(card.number) });
    } else {
      const bank = request.bank_account;
      const errors: FieldError[] = [];
      if (!bank) errors.push({ field: 'bank_account', message: 'required', code: 'required' });
      else if (!abaRoutingValid(bank.routing_number)) errors.push({ field: 'bank_account.routing_number', message: 'invalid routing number', code: 'checksum' });
      if (request.mandate_accepted !== true) errors.push({ field: 'mandate_accepted', message: 'the mandate must be accepted', code: 'required' });
      if (!bank || errors.length) throw problem(422, 'validation_failed', 'The bank account was not accepted.', errors);
      method = {
        ...base,
        type: 'bank_account',
        card: null,
        bank_account: { bank_name: 'Test Bank', last4: bank.account_number.slice(-4), account_type: bank.account_type, account_holder_name: bank.account_holder_name },
      };
      this.#behaviours.set(id, { kind: 'bank', fails: testBankOutcome(bank.account_number) === 'fails' });
    }
    if (makeDefault) for (const m of this.data.paymentMethods) m.is_default = false;
    this.data.paymentMethods.push(method);
    return structuredClone(method);
  }

  /** 403 `forbidden` unless the account's role has the operation's capability. */
  #authorize(operation: MemoryOperation): void {
    const needed = CAPABILITY[operation];
    const { role, capabilities } = this.data.account;
    if (needed && !capabilities.includes(needed)) throw problem(403, 'forbidden', `The role ${role} may not do this (it needs ${needed}).`);
  }

  /** The test gateway's behaviour for a method; fixture methods succeed unless their card expired. */
  #behaviour(method: PaymentMethod): GatewayBehaviour {
    const known = this.#behaviours.get(method.id);
    if (known) return known;
    if (method.bank_account) return { kind: 'bank', fails: false };
    const now = new Date();
    const expired = method.card && (method.card.exp_year < now.getUTCFullYear() || (method.card.exp_year === now.getUTCFullYear() && method.card.exp_month < now.getUTCMonth() + 1));
    return { kind: 'card', outcome: expired ? 'expired_card' : 'succeeded' };
  }

  /** A saved method; unknown ids are a 404 (path) or a field error (body). */
  #method(id: string, unknown: 'not-found' | 'field'): PaymentMethod {
    if (unknown === 'not-found') checkPathId(id);
    const method = this.data.paymentMethods.find((m) => m.id === id);
    if (method) return method;
    if (unknown === 'not-found') throw notFound('No such payment method.');
    throw problem(422, 'payment_method_not_found', 'This payment method does not exist (any more).', [
      { field: 'payment_method_id', message: 'unknown payment method', code: 'payment_method_not_found' },
    ]);
  }

  /**
   * As the server does: an open invoice is overdue once its due date has passed, relative to the
   * fixture's `today` when one was given (a fixed world), else to the system clock.
   */
  #markOverdue(): void {
    const today = (this.#options.today ?? new Date()).toISOString().slice(0, 10);
    for (const invoice of this.data.invoices) {
      if (invoice.status === 'open' && invoice.due_on && invoice.due_on < today) invoice.status = 'overdue';
    }
  }

  #read<T>(
    operation: MemoryOperation,
    args: unknown[],
    resources: ResourceName[],
    options: RequestOptions | undefined,
    produce: () => T | Promise<T>,
  ): Promise<T> {
    const key = `${operation}:${JSON.stringify(args)}`;
    return this.#cache.load(
      key,
      resources,
      async (signal) => {
        const index = this.#callCounts.get(operation) ?? 0;
        this.#callCounts.set(operation, index + 1);
        this.calls.push({ operation, args });
        const latency = typeof this.#options.latencyMs === 'function' ? this.#options.latencyMs(operation) : this.#options.latencyMs ?? 0;
        if (latency > 0) await sleep(latency, signal);
        if (signal.aborted) throw new ApiError('aborted', 'The request was aborted.');
        const failure = this.#options.fail?.(operation, index);
        if (failure) throw failure;
        this.#authorize(operation);
        this.#settle();
        this.#licensing.provision();
        this.#addons.settle();
        this.#markOverdue();
        return produce();
      },
      { signal: options?.signal, fresh: options?.fresh },
    );
  }
}

/**
 * As the server: a billing address its country's rules refuse is a 422 naming the fields, before
 * anything else of the write. The rules and region lists load on first use.
 */
async function checkAddress(operation: MemoryWriteOperation, args: unknown[]): Promise<void> {
  const address =
    operation === 'addPaymentMethod'
      ? (args[0] as NewPaymentMethod).billing_address
      : operation === 'updatePaymentMethod'
        ? (args[1] as PaymentMethodPatch).billing_address
        : undefined;
  if (!address) return;
  const errors = (await addressFieldErrors())(address, 'billing_address');
  if (errors.length) throw problem(422, 'validation_failed', 'The billing address is not complete for its country.', errors);
}

/** The country rules of addresses, loaded with the first write that needs them (with the region lists: address-check.ts). */
async function addressFieldErrors() {
  return (await import('./address-check.js')).addressFieldErrors;
}

/** An ApiError as the HTTP API would make it from the server's problem+json. */
function problem(status: number, code: string, detail: string, errors?: FieldError[]): ApiError {
  return new ApiError(kindForStatus(status), detail, { status, problem: { status, code, detail, ...(errors ? { errors } : {}) } });
}

/**
 * Checks a write's body against the contract's schema, as the server does before anything else:
 * a 400 `validation_failed` naming each field. The schemas (and zod) load with the first write, so
 * they stay out of the first load of a page on the memory API.
 */
const NO_USER_SCHEMAS = { NewUser: undefined, UserPatch: undefined };

async function validateBody(operation: MemoryWriteOperation, args: unknown[]): Promise<void> {
  // One destructuring `await import()` each: the bundler then sees which exports are used, and the
  // CDN's HTTP client chunk (which holds the schemas) keeps no namespace objects of them (−0.2 kB
  // gzip on every CDN page with `api-base`). The schemas are one chunk in the CDN build (the HTTP
  // client's), field-errors a small one of its own: two loads on the first write, not three.
  const { NewPayment, NewPaymentMethod, PaymentMethodPatch, AutopayUpdate } = await import('./schemas/billing-input.js');
  const { NewLicenseQuote, NewLicenseOrder } = await import('./schemas/license.js');
  const { NewAddonPreview, AddonChangeRequest } = await import('./schemas/addon.js');
  // The users' schemas for their own writes only: another page's first write (a quote) does not load them.
  const { NewUser, UserPatch } = operation === 'inviteUser' || operation === 'updateUser' ? await import('./schemas/user.js') : NO_USER_SCHEMAS;
  const { NewSavedAddress, SavedAddressPatch } = await import('./schemas/address.js');
  const { fieldErrorsOf } = await import('./schemas/field-errors.js');
  const [schema, body] =
    operation === 'createPayment' ? [NewPayment, args[0]]
    : operation === 'addPaymentMethod' ? [NewPaymentMethod, args[0]]
    : operation === 'updatePaymentMethod' ? [PaymentMethodPatch, args[1]]
    : operation === 'setAutopay' ? [AutopayUpdate, args[0]]
    : operation === 'createLicenseQuote' ? [NewLicenseQuote, args[0]]
    : operation === 'createLicenseOrder' ? [NewLicenseOrder, args[0]]
    : operation === 'previewAddonChange' ? [NewAddonPreview, args[1]]
    : operation === 'enableAddon' || operation === 'disableAddon' ? [AddonChangeRequest, args[1]]
    : operation === 'inviteUser' ? [NewUser, args[0]]
    : operation === 'updateUser' ? [UserPatch, args[1]]
    : operation === 'createAddress' ? [NewSavedAddress, args[0]]
    : operation === 'updateAddress' ? [SavedAddressPatch, args[1]]
    : [undefined, undefined];
  const parsed = schema?.safeParse(body);
  if (!parsed || parsed.success) return;
  const errors = fieldErrorsOf(parsed.error);
  throw problem(400, 'validation_failed', `Invalid request: ${errors.map((e) => e.field).join(', ')}`, errors);
}

/** An id in a path, as the server checks it: 1-200 characters without U+0000, else a 400 naming `id`. */
function checkPathId(id: string): void {
  const problem = pathIdProblem(id);
  if (problem) throw badField('id', problem.message, problem.code);
}

/** 404 `not_found`, as the server answers an unknown (or another account's) id. */
function notFound(detail: string): ApiError {
  return problem(404, 'not_found', detail);
}

/** 400 `validation_failed` naming one field, as the server answers a bad `limit`, `cursor` or path id. */
function badField(field: string, message: string, code: string): ApiError {
  return problem(400, 'validation_failed', `Invalid ${field}: ${message}`, [{ field, message, code }]);
}

/** The page size a query asks for: a whole number from 1 to 100 (the contract's range), else a 400 naming `limit`. */
function pageSize(limit: number | null | undefined): number {
  if (limit === undefined || limit === null) return DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 0 || limit > 999) throw badField('limit', `expected an integer from 1 to ${MAX_LIMIT}`, 'invalid_format');
  if (limit < 1 || limit > MAX_LIMIT) throw badField('limit', `expected an integer from 1 to ${MAX_LIMIT}`, 'out_of_range');
  return limit;
}

/**
 * One page of `rows` after `cursor`. A cursor holds the offset and the query it was issued for
 * (`scope`: the invoice filter, or `payments`), so, as on the server, a cursor from another query
 * or one this API did not issue is the caller's error (400 naming `cursor`), not a crash. As on the
 * server, the total is counted on the first page only (later pages say null).
 */
function cursorPage<T>(rows: T[], scope: string, cursor: string | null | undefined, limit: number) {
  let start = 0;
  if (cursor) {
    let decoded = '';
    try {
      decoded = atob(cursor);
    } catch {
      // Not base64: not ours.
    }
    const match = /^([a-z]+):(\d{1,9})$/.exec(decoded);
    start = match?.[1] === scope ? Number(match[2]) : Number.NaN;
    if (!(start <= rows.length)) throw badField('cursor', 'not a cursor this server issued for this query', 'invalid_cursor');
  }
  return {
    data: rows.slice(start, start + limit),
    next_cursor: start + limit < rows.length ? btoa(`${scope}:${start + limit}`) : null,
    total_count: cursor ? null : rows.length,
  };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!Number.isFinite(ms)) {
      // "Never answers": only an abort ends it (loading-state stories).
      signal.addEventListener('abort', () => reject(new ApiError('aborted', 'The request was aborted.')), { once: true });
      return;
    }
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(new ApiError('aborted', 'The request was aborted.'));
      },
      { once: true },
    );
  });
}

import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { localized, msg, str } from '@lit/localize';
import { initialState, Task, TaskStatus } from '@lit/task';
import { AcctElement } from '../../core/base-element.js';
import { baseStyles } from '../../core/styles.js';
import { renderConfigError, renderError } from '../../core/error-view.js';
import { sumMoney } from '../../core/money.js';
import { plural } from '../../core/plural.js';
import { isAbortError, toApiError } from '../../api/errors.js';
import type { AccountApi, ResourceName } from '../../api/account-api.js';
import type { Account } from '../../api/schemas/account.js';
import type { Money } from '../../api/schemas/common.js';
import type { InvoicePage, InvoiceSummary } from '../../api/schemas/invoice.js';
import { INVOICE_FILTERS, PAYABLE_STATUSES, type InvoiceFilter } from '../../api/vocabulary.js';
import {
  AcctErrorEvent,
  AcctInvoiceViewEvent,
  AcctPayRequestEvent,
  AcctSelectionChangeEvent,
} from '../../events/index.js';
import { INVOICE_CARDS_BELOW, invoiceListStyles } from './invoice-list.styles.js';
import { detailElementLoader } from './detail-loader.js';
import { renderInvoiceRow, renderSelectionSummary, type RowContext } from './invoice-row.js';
import {
  checkPage,
  classes,
  listTableStyles,
  listWindowing,
  MorePages,
  renderListBody,
  renderListFooter,
  renderSkeletonTable,
  WINDOW_ABOVE_ROWS,
} from '../../core/list-table.js';

const DEFAULT_PAGE_SIZE = 25;

type Phase = 'loading' | 'ready' | 'error';

type View = 'unconfigured' | 'loading' | 'error' | 'empty' | 'populated';

/**
 * The account's invoices: number, dates, totals, amount due and status, a filter, row actions
 * (view, PDF) and, for users who may pay, a Pay button on each unpaid row and selection of open
 * invoices to pay together.
 *
 * Long lists (more than 200 loaded rows, e.g. a host-supplied `invoices` array) are virtualized in
 * a scroll container; the markup is the same ARIA table either way. The windowing code loads then,
 * as a small chunk of its own (shorter lists never download it); meanwhile the container shows
 * the first rows, and if it cannot load, every row is rendered. The element has no slots.
 *
 * @summary Lists invoices with filter, selection and "Pay selected".
 *
 * @csspart base - The element's root container.
 * @csspart filter - The All / Open / Paid segmented control (a fieldset of radios).
 * @csspart table - The table (role=table).
 * @csspart header - The header row group.
 * @csspart row - Each invoice row (and skeleton row while loading).
 * @csspart cell - Each cell of an invoice row.
 * @csspart status - The status badge.
 * @csspart checkbox - The row and select-all checkboxes.
 * @csspart summary - The selection summary bar.
 * @csspart pay-button - The "Pay selected" button.
 * @csspart row-pay-button - The "Pay" button of an unpaid row (users who may pay).
 * @csspart view-button - The "View" button of a row.
 * @csspart pdf-link - The "PDF" link of a row.
 * @csspart load-more - The "Load more" button.
 * @csspart empty - The message shown when there are no invoices.
 * @csspart error - The error message (load failure or missing configuration).
 * @csspart retry-button - The Retry button inside an error.
 *
 * @cssprop [--acct-invoice-list-row-height=3rem] - Minimum height of a row.
 * @cssprop [--acct-invoice-list-header-background=#f6f8fa / #1d2127] - Background of the header row.
 * @cssprop [--acct-invoice-list-max-height=32rem] - Height of the scroll container of a long (virtualized) list.
 * @cssprop [--acct-invoice-list-stripe=transparent] - Background of every second row.
 * @cssprop [--acct-invoice-list-selected-background=#eef4ff / #1b2740] - Background of a selected row.
 *
 * @cssstate loading - Invoices or the account are loading (skeleton rows are shown).
 * @cssstate populated - Invoices are shown.
 * @cssstate empty - There are no invoices for the current filter.
 * @cssstate error - A load failed; an error with Retry is shown.
 * @cssstate readonly - The user may not pay invoices (no checkboxes, no "Pay selected").
 * @cssstate unconfigured - The element has no API connection.
 * @cssstate virtualized - The rows are virtualized in a scroll container.
 *
 * @fires acct-pay-request - "Pay selected", or a row's "Pay" (that invoice alone, in full), was pressed: `{invoices, total}`.
 * @fires acct-invoice-view - "View" was pressed: `{invoiceId, invoice}`. Cancelable: prevents the inline detail.
 * @fires acct-selection-change - The selected invoices changed: `{invoices, total}` (`total` null when none or mixed currencies).
 * @fires acct-error - A load failed: `{error}`.
 */
@localized()
export class AcctInvoiceList extends AcctElement {
  static override styles = [baseStyles, listTableStyles(INVOICE_CARDS_BELOW), invoiceListStyles];
  protected static override resources: readonly ResourceName[] = ['invoices', 'account'];

  // ---- controllers ----

  /** Renders only the rows near the viewport of a long list (see renderListBody). */
  #windowing = listWindowing(this, () => this.#rows.length);

  // ---- public properties ----

  /** Which invoices to show: `all`, `open` (including overdue) or `paid`. */
  @property({ reflect: true }) filter: InvoiceFilter = 'all';

  /** Invoices per request, 1-100. */
  @property({ attribute: 'page-size', type: Number }) pageSize = DEFAULT_PAGE_SIZE;

  /**
   * "View" expands the invoice below its row (`acct-invoice-detail`; the list's registration file
   * loads it on first use; a host registering the classes itself registers the detail too).
   */
  @property({ attribute: 'inline-detail', type: Boolean }) inlineDetail = false;

  /** Hides the All / Open / Paid filter. */
  @property({ attribute: 'hide-filter', type: Boolean }) hideFilter = false;

  /**
   * Host-supplied invoices: when set, exactly these are shown and no list request is made (the
   * account is still loaded for capabilities when there is an API; without one the list is
   * read-only).
   */
  @property({ attribute: false }) invoices?: InvoiceSummary[];

  // ---- internal state ----

  /** @internal */
  @state() private _selected: ReadonlySet<string> = new Set();
  /** @internal */
  @state() private _expanded: ReadonlySet<string> = new Set();

  /** The pages "Load more" appended after the first. @internal */
  #more = new MorePages<InvoiceSummary>(this);
  /** @internal */
  private _detailFailed = false;
  /** Keep showing the current rows while a refresh loads (no flash of skeletons). @internal */
  private _refreshing = false;

  #freshList = false;
  #freshAccount = false;
  #selectionChanged = false;
  #reported = new WeakSet<object>();
  #detailModule?: Promise<unknown>;
  #view: View = 'loading';
  /** Long lists re-render on every scrolled frame: these O(rows) results are kept until their inputs change. */
  #payableCache?: { rows: InvoiceSummary[]; canPay: boolean; payable: InvoiceSummary[] };
  #selectedCache?: { payable: InvoiceSummary[]; selected: ReadonlySet<string>; invoices: InvoiceSummary[] };

  // ---- tasks ----

  #accountTask = new Task(this, {
    args: () => [this.resolvedApi] as const,
    task: async ([api], { signal }): Promise<Account | typeof initialState> => {
      if (!api) return initialState;
      const fresh = this.#freshAccount;
      this.#freshAccount = false;
      return api.getAccount({ signal, fresh });
    },
    onComplete: (account) => {
      // Runs before the task stores its value, so the new account is read from the argument.
      if (!account.capabilities.includes('invoices:pay')) this.#setSelection(new Set());
    },
  });

  #listTask = new Task(this, {
    args: () => [this.resolvedApi, this.filter, this.pageSize, this.invoices !== undefined] as const,
    task: async ([api, filter, pageSize, controlled], { signal }): Promise<InvoicePage | typeof initialState> => {
      // A new filter (or a refresh) starts from the first page: a pending "Load more" is stale.
      this.#more.abort();
      if (!api || controlled) return initialState;
      const fresh = this.#freshList;
      this.#freshList = false;
      return checkPage(await api.listInvoices({ status: filter, limit: pageSize }, { signal, fresh }), 'listInvoices');
    },
    onComplete: (page) => {
      this.#more.reset();
      this._refreshing = false;
      this.#pruneSelection(page.data);
    },
    onError: () => {
      this.#more.reset();
      this._refreshing = false;
    },
  });

  // ---- lifecycle ----

  override connectedCallback(): void {
    super.connectedCallback();
    // Loads aborted by a disconnect start again when the element comes back.
    if (isAbortError(this.#listTask.error)) void this.#listTask.run();
    if (isAbortError(this.#accountTask.error)) void this.#accountTask.run();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#listTask.abort();
    this.#accountTask.abort();
  }

  /** Host-supplied rows need no connection: no "not configured" message for them. */
  protected override get configError(): string | undefined {
    return this.invoices !== undefined ? undefined : super.configError;
  }

  /**
   * Also waits, when the rows just passed the windowing threshold, for the windowing code (loaded
   * then, lazily) and the windowed render that follows it.
   * @internal
   */
  protected override async getUpdateComplete(): Promise<boolean> {
    const result = await super.getUpdateComplete();
    return (await this.#windowing.settled()) ? super.getUpdateComplete() : result;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('filter') && !(INVOICE_FILTERS as readonly string[]).includes(this.filter)) {
      this.warnInvalid('filter', this.filter, INVOICE_FILTERS.join(' | '));
      const previous = changed.get('filter');
      this.filter = previous && (INVOICE_FILTERS as readonly string[]).includes(previous) ? previous : 'all';
    }
    if (changed.has('pageSize') && !(Number.isInteger(this.pageSize) && this.pageSize >= 1 && this.pageSize <= 100)) {
      this.warnInvalid('page-size', this.pageSize, 'an integer from 1 to 100');
      const previous = changed.get('pageSize');
      this.pageSize = typeof previous === 'number' && Number.isInteger(previous) ? previous : DEFAULT_PAGE_SIZE;
    }
    if (changed.has('invoices') && this.invoices) this.#pruneSelection(this.invoices);
    super.willUpdate(changed);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const view = this.#view;
    for (const name of ['unconfigured', 'loading', 'error', 'empty', 'populated'] as const) {
      this.setCustomState(name, view === name);
    }
    this.setCustomState('readonly', (view === 'populated' || view === 'empty') && !this.#canPay);
    this.setCustomState('virtualized', view === 'populated' && this.#virtualized);
    this.#reportErrors();
    if (this.#selectionChanged) {
      this.#selectionChanged = false;
      this.dispatchEvent(new AcctSelectionChangeEvent({ invoices: this.selectedInvoices, total: this.#selectionTotal() }));
    }
  }

  // ---- public methods ----

  /** The selected invoices, in list order. */
  get selectedInvoices(): InvoiceSummary[] {
    const selected = this._selected;
    if (selected.size === 0) return [];
    const payable = this.#payableRows;
    const cache = this.#selectedCache;
    if (cache && cache.payable === payable && cache.selected === selected) return [...cache.invoices];
    const invoices = payable.filter((invoice) => selected.has(invoice.id));
    this.#selectedCache = { payable, selected, invoices };
    return [...invoices];
  }

  /** Unselects every invoice. */
  clearSelection(): void {
    this.#setSelection(new Set());
  }

  /** Reloads the account and the first page, keeping the selection of invoices still payable. */
  refresh(): void {
    this._refreshing = this.#view === 'populated' && this.invoices === undefined;
    this.#freshAccount = true;
    this.#freshList = true;
    void this.#accountTask.run();
    void this.#listTask.run();
  }

  // ---- handlers ----

  #onFilterChange(event: Event) {
    this.filter = (event.target as HTMLInputElement).value as InvoiceFilter;
  }

  #onRetry = () => {
    this._refreshing = false;
    if (this.#accountTask.status === TaskStatus.ERROR) {
      this.#freshAccount = true;
      void this.#accountTask.run();
    }
    if (this.#listTask.status === TaskStatus.ERROR) {
      this.#freshList = true;
      void this.#listTask.run();
    }
  };

  #onToggle(invoice: InvoiceSummary, event: Event) {
    const next = new Set(this._selected);
    if ((event.target as HTMLInputElement).checked) next.add(invoice.id);
    else next.delete(invoice.id);
    this.#setSelection(next);
  }

  #onToggleAll(event: Event) {
    const checked = (event.target as HTMLInputElement).checked;
    this.#setSelection(new Set(checked ? this.#payableRows.map((invoice) => invoice.id) : []));
  }

  #onPay = () => {
    const invoices = this.selectedInvoices;
    const total = this.#selectionTotal();
    if (invoices.length === 0 || !total) return;
    this.dispatchEvent(new AcctPayRequestEvent({ invoices, total }));
  };

  /** A row's Pay: that invoice alone, in full. */
  #onPayOne = (invoice: InvoiceSummary) => {
    this.dispatchEvent(new AcctPayRequestEvent({ invoices: [invoice], total: { ...invoice.amount_due } }));
  };

  #onView(invoice: InvoiceSummary) {
    const event = new AcctInvoiceViewEvent({ invoiceId: invoice.id, invoice });
    this.dispatchEvent(event);
    if (!this.inlineDetail || event.defaultPrevented) return;
    const next = new Set(this._expanded);
    if (next.has(invoice.id)) {
      next.delete(invoice.id);
    } else {
      next.add(invoice.id);
      this.#loadDetailElement();
    }
    this._expanded = next;
  }

  #onLoadMore = async () => {
    const api = this.resolvedApi;
    if (!api) return;
    const firstNewRow = this.#rows.length;
    const hadFocus = this.shadowRoot?.activeElement?.getAttribute('part') === 'load-more';
    const filter = this.filter;
    const loaded = await this.#more.load(this.#listTask.value, async (cursor, signal) =>
      checkPage(await api.listInvoices({ status: filter, cursor, limit: this.pageSize }, { signal }), 'listInvoices'),
    );
    // The last page removes the button: keep keyboard focus in the list, on the first new row.
    if (!hadFocus || !loaded?.last || !loaded.added) return;
    await this.updateComplete;
    // A long list renders only the rows near its viewport: bring the first new row into it first.
    await this.#windowing.scrollToIndex(firstNewRow);
    this.renderRoot.querySelector<HTMLElement>(`[aria-rowindex="${firstNewRow + 2}"] [part='view-button']`)?.focus();
  };

  // ---- internals ----

  #loadDetailElement() {
    // Loaded on first use only, so pages without inline details never download the detail element.
    if (customElements.get('acct-invoice-detail')) return;
    const load = detailElementLoader.load;
    if (!load) {
      console.warn(`<${this.localName}>: inline-detail needs <acct-invoice-detail>: register it, or import account-elements/acct-invoice-detail.js.`);
      return;
    }
    this.#detailModule ??= load().then(
      () => {
        // Rows that said "could not be loaded" show their details now.
        if (this._detailFailed) this.requestUpdate();
        this._detailFailed = false;
      },
      () => {
        this.#detailModule = undefined;
        this._detailFailed = true;
        this.requestUpdate();
      },
    );
  }

  #setSelection(next: ReadonlySet<string>) {
    const same = next.size === this._selected.size && [...next].every((id) => this._selected.has(id));
    if (same) return;
    this._selected = next;
    this.#selectionChanged = true;
  }

  /** Keeps only selected ids that are still shown and still payable. */
  #pruneSelection(rows: readonly InvoiceSummary[]) {
    if (this._selected.size === 0) return;
    const payable = new Set(rows.filter((invoice) => this.#isPayable(invoice)).map((invoice) => invoice.id));
    this.#setSelection(new Set([...this._selected].filter((id) => payable.has(id))));
  }

  #reportErrors() {
    for (const error of [this.#listTask.error, this.#accountTask.error, this.#more.error]) {
      if (!error || typeof error !== 'object' || isAbortError(error) || this.#reported.has(error)) continue;
      // A host-supplied list does not depend on a list request; only its account can fail.
      if (error === this.#listTask.error && this.#listTask.status !== TaskStatus.ERROR) continue;
      if (error === this.#accountTask.error && this.#accountTask.status !== TaskStatus.ERROR) continue;
      this.#reported.add(error);
      this.dispatchEvent(new AcctErrorEvent({ error: toApiError(error) }));
    }
  }

  get #canPay(): boolean {
    return !!this.#accountTask.value?.capabilities.includes('invoices:pay');
  }

  #isPayable(invoice: InvoiceSummary): boolean {
    return this.#canPay && PAYABLE_STATUSES.includes(invoice.status) && invoice.amount_due.amount > 0;
  }

  /** The loaded rows; the same array until they change, so derived lists are computed once. */
  get #rows(): InvoiceSummary[] {
    if (this.invoices) return this.invoices;
    return this.#more.all(this.#listTask.value?.data);
  }

  get #payableRows(): InvoiceSummary[] {
    const rows = this.#rows;
    const canPay = this.#canPay;
    const cache = this.#payableCache;
    if (cache && cache.rows === rows && cache.canPay === canPay) return cache.payable;
    const payable = canPay ? rows.filter((invoice) => this.#isPayable(invoice)) : [];
    this.#payableCache = { rows, canPay, payable };
    return payable;
  }

  get #nextCursor(): string | null | undefined {
    return this.#more.nextCursor(this.#listTask.value);
  }

  get #totalCount(): number | undefined {
    if (this.invoices) return this.invoices.length;
    return this.#listTask.value?.total_count ?? undefined;
  }

  get #virtualized(): boolean {
    return this.#rows.length > WINDOW_ABOVE_ROWS;
  }

  #selectionTotal(): Money | null {
    const invoices = this.selectedInvoices;
    const currencies = new Set(invoices.map((invoice) => invoice.amount_due.currency));
    if (currencies.size !== 1) return null;
    return sumMoney(
      invoices.map((invoice) => invoice.amount_due),
      [...currencies][0],
    );
  }

  /** Where a task stands for rendering; an aborted load (element removed) counts as loading. */
  #phase(task: Task<readonly unknown[], unknown>, keepStale: boolean): Phase {
    switch (task.status) {
      case TaskStatus.COMPLETE:
        return 'ready';
      case TaskStatus.ERROR:
        return isAbortError(task.error) ? 'loading' : 'error';
      case TaskStatus.PENDING:
        return keepStale && task.value !== undefined ? 'ready' : 'loading';
      default:
        return 'loading';
    }
  }

  #currentView(api: AccountApi | undefined): { view: View; error?: unknown } {
    const controlled = this.invoices !== undefined;
    if (this.configError) return { view: 'unconfigured' };
    // Without an API a host-supplied list is simply read-only; an uncontrolled one waits for its provider.
    const account: Phase = api ? this.#phase(this.#accountTask, true) : controlled ? 'ready' : 'loading';
    const list: Phase = controlled ? 'ready' : api ? this.#phase(this.#listTask, this._refreshing) : 'loading';
    if (list === 'error') return { view: 'error', error: this.#listTask.error };
    // A host-supplied list stays usable when the account fails: it is shown read-only.
    if (account === 'error' && !controlled) return { view: 'error', error: this.#accountTask.error };
    if (list === 'loading' || account === 'loading') return { view: 'loading' };
    return { view: this.#rows.length ? 'populated' : 'empty' };
  }

  // ---- render ----

  protected override render(): TemplateResult {
    const { view, error } = this.#currentView(this.resolvedApi);
    this.#view = view;
    const body =
      view === 'unconfigured'
        ? renderConfigError(this.configError ?? '')
        : view === 'error'
          ? renderError(error, this.#onRetry)
          : view === 'loading'
            ? renderSkeletonTable(msg('Invoices'), this.#renderColumnHeaders(false), 7)
            : view === 'empty'
              ? html`<p class="message muted" part="empty">${this.#emptyMessage()}</p>`
              : this.#renderTable();
    return html`<div part="base">
      ${view === 'unconfigured' || this.hideFilter ? nothing : this.#renderFilter()}
      ${body} ${view === 'populated' ? this.#renderFooter() : nothing}
      ${view === 'populated' && this.#canPay && this.#payableRows.length
        ? renderSelectionSummary(this.selectedInvoices, this.#selectionTotal(), this.resolvedLocale, this.#onPay)
        : nothing}
      <div role="status" class="visually-hidden">${this.#announcement(view)}</div>
    </div>`;
  }

  #renderFilter() {
    const options: Array<[InvoiceFilter, string]> = [
      ['all', msg('All')],
      ['open', msg('Open')],
      ['paid', msg('Paid')],
    ];
    return html`<fieldset part="filter">
      <legend>${msg('Show')}</legend>
      <div class="segments">
        ${options.map(
          ([value, label]) =>
            html`<label class="segment"
              ><input
                type="radio"
                name="filter"
                .value=${value}
                .checked=${live(this.filter === value)}
                @change=${this.#onFilterChange}
              />${label}</label
            >`,
        )}
      </div>
    </fieldset>`;
  }

  #renderColumnHeaders(selectable: boolean) {
    return html`${selectable ? this.#renderSelectAll() : nothing}
      <div role="columnheader">${msg('Number')}</div>
      <div role="columnheader">${msg('Date')}</div>
      <div role="columnheader">${msg('Due date')}</div>
      <div role="columnheader" class="num">${msg('Total')}</div>
      <div role="columnheader" class="num">${msg('Amount due')}</div>
      <div role="columnheader">${msg('Status')}</div>
      <div role="columnheader"><span class="visually-hidden">${msg('Actions')}</span></div>`;
  }

  #renderSelectAll() {
    const payable = this.#payableRows;
    const selected = payable.filter((invoice) => this._selected.has(invoice.id)).length;
    return html`<div role="columnheader" class="select-cell">
      <label class="select-all">
        <input
          type="checkbox"
          part="checkbox"
          aria-label=${msg('Select all open invoices')}
          ?disabled=${payable.length === 0}
          .checked=${live(payable.length > 0 && selected === payable.length)}
          .indeterminate=${selected > 0 && selected < payable.length}
          @change=${this.#onToggleAll}
        /><span class="cell-label" aria-hidden="true">${msg('Select all')}</span>
      </label>
    </div>`;
  }

  #renderTable() {
    const rows = this.#rows;
    const selectable = this.#canPay;
    const virtual = this.#virtualized;
    const context = this.#rowContext();
    const total = this.#totalCount;
    const rowCount = total !== undefined ? total + 1 : this.#nextCursor ? -1 : rows.length + 1;
    return html`<div
      role="table"
      part="table"
      class=${classes({ virtual, selectable })}
      aria-label=${msg('Invoices')}
      aria-rowcount=${rowCount}
      aria-busy=${this._refreshing ? 'true' : 'false'}
    >
      <div role="rowgroup" class="head" part="header">
        <div role="row" aria-rowindex="1">${this.#renderColumnHeaders(selectable)}</div>
      </div>
      ${renderListBody(
        rows,
        (invoice, index) => renderInvoiceRow(invoice, index, context),
        virtual ? this.#windowing.segments : undefined,
      )}
    </div>`;
  }

  #rowContext(): RowContext {
    return {
      locale: this.resolvedLocale,
      selectable: this.#canPay,
      api: this.resolvedApi,
      inlineDetail: this.inlineDetail,
      detailFailed: this._detailFailed,
      isPayable: (invoice) => this.#isPayable(invoice),
      isSelected: (invoice) => this._selected.has(invoice.id),
      isExpanded: (invoice) => this._expanded.has(invoice.id),
      onToggle: (invoice, event) => this.#onToggle(invoice, event),
      onView: (invoice) => this.#onView(invoice),
      onPay: this.#onPayOne,
      labels: {
        number: msg('Number'),
        date: msg('Date'),
        due: msg('Due date'),
        total: msg('Total'),
        amountDue: msg('Amount due'),
        status: msg('Status'),
      },
    };
  }

  #renderFooter() {
    return renderListFooter({
      shown: this.#rows.length,
      total: this.invoices ? undefined : this.#totalCount,
      hasMore: !this.invoices && !!this.#nextCursor,
      more: this.#more,
      onLoadMore: this.#onLoadMore,
      locale: this.resolvedLocale,
    });
  }

  #emptyMessage(): string {
    switch (this.filter) {
      case 'open':
        return msg("No open invoices. You're all paid up.");
      case 'paid':
        return msg('No paid invoices yet.');
      default:
        return msg('No invoices yet.');
    }
  }

  #announcement(view: View): string {
    if (view === 'loading') return msg('Loading invoices…');
    if (view === 'empty') return this.#emptyMessage();
    if (view !== 'populated') return '';
    const shown = this.#rows.length;
    const total = this.#totalCount ?? shown;
    return shown === total
      ? plural(total, {
          zero: () => msg(str`${total} invoices`, { id: 'invoice-list.count.zero' }),
          one: () => msg(str`${total} invoice`, { id: 'invoice-list.count.one' }),
          two: () => msg(str`${total} invoices`, { id: 'invoice-list.count.two' }),
          few: () => msg(str`${total} invoices`, { id: 'invoice-list.count.few' }),
          many: () => msg(str`${total} invoices`, { id: 'invoice-list.count.many' }),
          other: () => msg(str`${total} invoices`, { id: 'invoice-list.count.other' }),
        })
      : plural(total, {
          zero: () => msg(str`Showing ${shown} of ${total} invoices`, { id: 'invoice-list.showing.zero' }),
          one: () => msg(str`Showing ${shown} of ${total} invoice`, { id: 'invoice-list.showing.one' }),
          two: () => msg(str`Showing ${shown} of ${total} invoices`, { id: 'invoice-list.showing.two' }),
          few: () => msg(str`Showing ${shown} of ${total} invoices`, { id: 'invoice-list.showing.few' }),
          many: () => msg(str`Showing ${shown} of ${total} invoices`, { id: 'invoice-list.showing.many' }),
          other: () => msg(str`Showing ${shown} of ${total} invoices`, { id: 'invoice-list.showing.other' }),
        });
  }

}

import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { localized, msg, str } from '@lit/localize';
import { AcctElement } from '../../core/base-element.js';
import { baseStyles } from '../../core/styles.js';
import { formStyles } from '../../core/form-styles.js';
import { messageForError, renderConfigError, renderError } from '../../core/error-view.js';
import { formatTimestamp } from '../../core/dates.js';
import { monthsAndDaysText } from '../../core/duration.js';
import { safeLinkUrl } from '../../core/safe-url.js';
import {
  cellLabel,
  cellMoney,
  checkPage,
  classes,
  listTableStyles,
  renderListBody,
  renderSkeletonTable,
} from '../../core/list-table.js';
import { CursorList, type CursorListView } from '../../core/cursor-list.js';
import { toApiError, type ApiError } from '../../api/errors.js';
import type { ResourceName } from '../../api/account-api.js';
import type { Transaction, TransactionPage } from '../../api/schemas/transaction.js';
import { TRANSACTION_FILTERS, type TransactionFilter } from '../../api/licensing-vocabulary.js';
import { AcctErrorEvent } from '../../events/index.js';
import { transactionHistoryStyles, TRANSACTION_CARDS_BELOW } from './transaction-history.styles.js';

const COLUMNS = 5;
const DEFAULT_PAGE_SIZE = 25;
/** Export asks for the largest pages the contract allows. */
const EXPORT_PAGE_SIZE = 100;


interface Filters {
  type: TransactionFilter;
  from: string;
  to: string;
}

interface Labels {
  date: string;
  type: string;
  description: string;
  amount: string;
  balance: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The account's ledger, newest first: invoices, payments, credits, refunds and license purchases,
 * each with its amount (what it added to or took from the balance) and the running balance after
 * it, as the server computes them (the newest balance is the account's). A license purchase shows
 * its order and the prorated part of the term it paid for; rows link to their invoice's or sales
 * order's PDF. Filters: the type and a date range (the server filters; the running balance stays
 * that of the whole ledger). "Export CSV" downloads the filtered rows — every page of them, with a
 * progress count and Cancel — as RFC 4180 CSV with a byte-order mark, server text guarded against
 * spreadsheet formulas; its code loads when it is first used.
 *
 * Long ledgers stay fast: beyond 200 loaded rows they are windowed inside a scroller of
 * `--acct-transaction-history-max-height`, as in `acct-payment-history`. Below 46rem of width every
 * row becomes a card. The markup is an ARIA table either way. The element has no slots.
 *
 * @summary The ledger: every money movement with the running balance, type and date filters, document links and CSV export.
 *
 * @csspart base - The element's root container.
 * @csspart filters - The filter controls.
 * @csspart type-filter - The type select.
 * @csspart from-filter - The first-day date input.
 * @csspart to-filter - The last-day date input.
 * @csspart export-button - "Export CSV".
 * @csspart export-status - The export's progress or error line.
 * @csspart table - The table (role=table).
 * @csspart header - The header row group.
 * @csspart row - Each transaction row (and skeleton row while loading).
 * @csspart cell - Each cell of a transaction row.
 * @csspart document-link - The link to a row's invoice or sales order PDF.
 * @csspart load-more - The "Load more" button.
 * @csspart empty - The message shown when no transaction matches.
 * @csspart error - The error message (load failure or missing configuration).
 * @csspart retry-button - The Retry button inside an error.
 *
 * @cssprop [--acct-transaction-history-row-height=3rem] - Minimum height of a row.
 * @cssprop [--acct-transaction-history-header-background=light-dark(#f6f8fa, #1d2127)] - Background of the header row.
 * @cssprop [--acct-transaction-history-max-height=32rem] - Height of the scroll container of a long (windowed) list.
 * @cssprop [--acct-transaction-history-stripe=transparent] - Background of every second row.
 *
 * @cssstate loading - Transactions are loading (skeleton rows), or reloading with the rows kept.
 * @cssstate populated - Transactions are shown.
 * @cssstate empty - No transaction matches the filters (or there are none).
 * @cssstate exporting - The CSV export is fetching rows.
 * @cssstate error - The first page failed; an error with Retry is shown.
 * @cssstate unconfigured - The element has no API connection.
 * @cssstate virtualized - The rows are windowed in a scroll container.
 *
 * @fires {AcctErrorEvent} acct-error - A load, "Load more" or the export failed: `{error}`.
 */
@localized()
export class AcctTransactionHistory extends AcctElement {
  static override styles = [baseStyles, formStyles, listTableStyles(TRANSACTION_CARDS_BELOW), transactionHistoryStyles];
  protected static override resources: readonly ResourceName[] = ['transactions'];

  /** Transactions per request, 1-100. */
  @property({ attribute: 'page-size', type: Number }) pageSize = DEFAULT_PAGE_SIZE;

  /** The type shown (`all`, `invoice`, `payment`, `credit`, `refund`, `license_purchase`); the filter control sets it too. */
  @property({ reflect: true }) type: TransactionFilter = 'all';

  /** The first day shown (`YYYY-MM-DD`, inclusive); empty for no bound. */
  @property({ reflect: true }) from = '';

  /** The last day shown (`YYYY-MM-DD`, inclusive); empty for no bound. */
  @property({ reflect: true }) to = '';

  /** Export progress: rows fetched so far, and of how many. @internal */
  @state() private _export?: { fetched: number; total?: number };
  @state() private _exportError?: ApiError;
  @state() private _exportDone = '';

  #reported = new WeakSet<object>();
  #view: CursorListView = 'loading';
  #exportAbort?: AbortController;

  /** The first page, the pages "Load more" appended, and the windowing. @internal */
  #list = new CursorList<Transaction, readonly [number, TransactionFilter, string, string]>(this, {
    args: () => [this.pageSize, this.#filters().type, this.#filters().from, this.#filters().to],
    fetch: (api, [limit, type, from, to], page, options) =>
      api.listTransactions({ ...page, limit, type, from: from || null, to: to || null }, options),
    method: 'listTransactions',
    configError: () => this.configError,
  });

  protected override async getUpdateComplete(): Promise<boolean> {
    const result = await super.getUpdateComplete();
    return (await this.#list.settled()) ? super.getUpdateComplete() : result;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('pageSize') && !(Number.isInteger(this.pageSize) && this.pageSize >= 1 && this.pageSize <= 100)) {
      this.warnInvalid('page-size', this.pageSize, 'an integer from 1 to 100');
      this.pageSize = DEFAULT_PAGE_SIZE;
    }
    if (changed.has('type') && !(TRANSACTION_FILTERS as readonly string[]).includes(this.type)) {
      this.warnInvalid('type', this.type, TRANSACTION_FILTERS.join(', '));
      this.type = 'all';
    }
    super.willUpdate(changed);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const view = this.#view;
    for (const name of ['unconfigured', 'error', 'empty', 'populated'] as const) this.setCustomState(name, view === name);
    this.setCustomState('loading', view === 'loading' || this.#refreshing);
    this.setCustomState('virtualized', view === 'populated' && this.#list.virtualized);
    this.setCustomState('exporting', !!this._export);
    // The list reports its own load errors.
    for (const error of [this._exportError]) {
      if (!error || typeof error !== 'object' || this.#reported.has(error)) continue;
      this.#reported.add(error);
      this.dispatchEvent(new AcctErrorEvent({ error: toApiError(error) }));
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#exportAbort?.abort();
  }

  /** Reloads the first page (Retry, and after any payment or order). */
  refresh(): void {
    this.#list.reload();
  }

  // ---- handlers ----

  #onTypeChange = (event: Event): void => {
    this.type = (event.target as HTMLSelectElement).value as TransactionFilter;
  };

  #onDateChange = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    const value = DATE.test(input.value) ? input.value : '';
    if (input.name === 'from') this.from = value;
    else this.to = value;
  };

  #onExport = async (): Promise<void> => {
    const api = this.resolvedApi;
    if (!api || this._export) return;
    const abort = new AbortController();
    this.#exportAbort = abort;
    this._exportError = undefined;
    this._exportDone = '';
    const { type, from, to } = this.#filters();
    const rows: Transaction[] = [];
    this._export = { fetched: 0 };
    try {
      const csv = import('./transaction-csv.js');
      let cursor: string | null | undefined;
      do {
        const page: TransactionPage = checkPage(
          await api.listTransactions({ cursor, limit: EXPORT_PAGE_SIZE, type, from: from || null, to: to || null }, { signal: abort.signal }),
          'listTransactions',
        );
        rows.push(...page.data);
        cursor = page.next_cursor;
        this._export = { fetched: rows.length, total: page.total_count ?? this._export?.total };
      } while (cursor);
      const { transactionsCsv } = await csv;
      const labels = this.#labels();
      const text = transactionsCsv(
        rows,
        { ...labels, reference: msg('Reference'), currency: msg('Currency'), period: msg('Prorated period') },
        (t) => this.#typeLabel(t),
      );
      this.#download(text, `transactions-${new Date().toISOString().slice(0, 10)}.csv`);
      this._exportDone = msg(str`Exported ${rows.length} transactions.`);
    } catch (error) {
      if (!abort.signal.aborted) this._exportError = toApiError(error);
    } finally {
      this._export = undefined;
      this.#exportAbort = undefined;
    }
  };

  #onCancelExport = (): void => {
    this.#exportAbort?.abort();
  };

  // ---- internals ----

  #download(text: string, name: string): void {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.hidden = true;
    // In this shadow root: the host page's click handlers and styles never see it.
    this.renderRoot.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  #filters(): Filters {
    return { type: this.type, from: DATE.test(this.from) ? this.from : '', to: DATE.test(this.to) ? this.to : '' };
  }

  get #refreshing(): boolean {
    return this.#list.refreshing;
  }

  #typeLabel(type: string): string {
    switch (type) {
      case 'invoice':
        return msg('Invoice');
      case 'payment':
        return msg('Payment');
      case 'credit':
        return msg('Credit');
      case 'refund':
        return msg('Refund');
      case 'license_purchase':
        return msg('License purchase');
      default:
        return type;
    }
  }

  #filterLabel(filter: TransactionFilter): string {
    switch (filter) {
      case 'all':
        return msg('All types');
      case 'invoice':
        return msg('Invoices');
      case 'payment':
        return msg('Payments');
      case 'credit':
        return msg('Credits');
      case 'refund':
        return msg('Refunds');
      case 'license_purchase':
        return msg('License purchases');
    }
  }

  #labels(): Labels {
    return { date: msg('Date'), type: msg('Type'), description: msg('Description'), amount: msg('Amount'), balance: msg('Balance') };
  }

  // ---- render ----

  protected override render(): TemplateResult {
    const { view, error } = this.#list.view;
    this.#view = view;
    const labels = this.#labels();
    const body =
      view === 'unconfigured'
        ? renderConfigError(this.configError ?? '')
        : view === 'error'
          ? renderError(error, () => this.refresh())
          : view === 'loading'
            ? renderSkeletonTable(msg('Transactions'), this.#renderColumnHeaders(labels), COLUMNS)
            : view === 'empty'
              ? html`<p class="message muted" part="empty">${this.#hasFilter() ? msg('No transactions match these filters.') : msg('No transactions yet.')}</p>`
              : this.#renderTable(labels);
    return html`<div part="base">
      ${view === 'unconfigured' ? nothing : this.#renderFilters()}
      ${body}
      ${view === 'populated'
        ? this.#list.renderFooter(this.resolvedLocale)
        : nothing}
      <div role="status" class="visually-hidden">${this.#announcement(view)}</div>
    </div>`;
  }

  #hasFilter(): boolean {
    const f = this.#filters();
    return f.type !== 'all' || !!f.from || !!f.to;
  }

  #renderFilters(): TemplateResult {
    const f = this.#filters();
    const exporting = this._export;
    return html`<div part="filters" class="filters" role="group" aria-label=${msg('Filter transactions')}>
      <div class="field">
        <label for="type">${msg('Type')}</label>
        <select id="type" part="type-filter" @change=${this.#onTypeChange}>
          ${TRANSACTION_FILTERS.map((filter) => html`<option value=${filter} ?selected=${filter === f.type}>${this.#filterLabel(filter)}</option>`)}
        </select>
      </div>
      <div class="field">
        <label for="from">${msg('From')}</label>
        <input id="from" name="from" type="date" part="from-filter" .value=${live(f.from)} max=${f.to || nothing} @change=${this.#onDateChange} />
      </div>
      <div class="field">
        <label for="to">${msg('To')}</label>
        <input id="to" name="to" type="date" part="to-filter" .value=${live(f.to)} min=${f.from || nothing} @change=${this.#onDateChange} />
      </div>
      <div class="export">
        <button type="button" class="button" part="export-button" aria-disabled=${exporting ? 'true' : 'false'} aria-busy=${exporting ? 'true' : 'false'}
          @click=${this.#onExport}>
          ${exporting ? msg('Exporting…') : msg('Export CSV')}
        </button>
        ${exporting ? html`<button type="button" class="button" @click=${this.#onCancelExport}>${msg('Cancel')}</button>` : nothing}
        <span part="export-status" class=${this._exportError ? 'field-error' : 'muted'} role=${this._exportError ? 'alert' : nothing}>
          ${exporting
            ? exporting.total !== undefined
              ? msg(str`${exporting.fetched.toLocaleString(this.resolvedLocale)} of ${exporting.total.toLocaleString(this.resolvedLocale)} rows`)
              : msg(str`${exporting.fetched.toLocaleString(this.resolvedLocale)} rows`)
            : this._exportError
              ? msg(str`The export failed: ${messageForError(this._exportError)}`)
              : this._exportDone}
        </span>
      </div>
    </div>`;
  }

  #renderColumnHeaders(labels: Labels) {
    return html`<div role="columnheader">${labels.date}</div>
      <div role="columnheader">${labels.type}</div>
      <div role="columnheader">${labels.description}</div>
      <div role="columnheader" class="num">${labels.amount}</div>
      <div role="columnheader" class="num">${labels.balance}</div>`;
  }

  #renderTable(labels: Labels) {
    const rows = this.#list.rows;
    const virtual = this.#list.virtualized;
    const locale = this.resolvedLocale;
    return html`<div role="table" part="table" class=${classes({ virtual })} aria-label=${msg('Transactions')} aria-rowcount=${this.#list.ariaRowCount}
      aria-busy=${this.#refreshing ? 'true' : 'false'}>
      <div role="rowgroup" class="head" part="header">
        <div role="row" aria-rowindex="1">${this.#renderColumnHeaders(labels)}</div>
      </div>
      ${renderListBody(rows, (row, index) => this.#renderRow(row, index, labels, locale), virtual ? this.#list.windowing.segments : undefined)}
    </div>`;
  }

  #renderRow(row: Transaction, index: number, labels: Labels, locale: string) {
    const documentUrl = safeLinkUrl(row.document_url);
    const reference = row.order_number ?? row.invoice_number;
    return html`<div role="row" part="row" tabindex="-1" aria-rowindex=${index + 2} class=${classes({ stripe: index % 2 === 1 })}>
      <div role="cell" part="cell">${cellLabel(labels.date)}<bdi>${formatTimestamp(row.occurred_at, locale)}</bdi></div>
      <div role="cell" part="cell">${cellLabel(labels.type)}<bdi>${this.#typeLabel(row.type)}</bdi></div>
      <div role="cell" part="cell" class="description">
        ${cellLabel(labels.description)}<bdi>${row.description}</bdi>
        ${reference
          ? documentUrl
            ? html`<a class="link reference" part="document-link" href=${documentUrl} download
                >${row.order_number ? msg(str`Sales order ${row.order_number}`) : msg(str`Invoice ${row.invoice_number}`)}</a
              >`
            : html`<bdi class="reference">${reference}</bdi>`
          : nothing}
        ${row.period
          ? html`<span class="period"
              >${msg(str`Prorated: ${monthsAndDaysText(row.period.months, row.period.days, locale)}`)}</span
            >`
          : nothing}
      </div>
      <div role="cell" part="cell" class=${row.amount.amount < 0 ? 'num negative' : 'num'}>
        ${cellLabel(labels.amount)}<bdi>${cellMoney(row.amount, locale)}</bdi>
      </div>
      <div role="cell" part="cell" class="num">${cellLabel(labels.balance)}<bdi>${cellMoney(row.balance_after, locale)}</bdi></div>
    </div>`;
  }

  #announcement(view: CursorListView): string {
    if (view === 'loading') return msg('Loading transactions…');
    if (view === 'empty') return this.#hasFilter() ? msg('No transactions match these filters.') : msg('No transactions yet.');
    if (view !== 'populated') return '';
    const shown = this.#list.rows.length;
    const total = this.#list.totalCount ?? shown;
    return msg(str`Transactions shown: ${shown.toLocaleString(this.resolvedLocale)} of ${total.toLocaleString(this.resolvedLocale)}.`);
  }
}

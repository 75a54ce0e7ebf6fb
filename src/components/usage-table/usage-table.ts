import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { localized, msg, str } from '@lit/localize';
import { AcctElement } from '../../core/base-element.js';
import { ApiTask } from '../../core/api-task.js';
import { baseStyles } from '../../core/styles.js';
import { formStyles } from '../../core/form-styles.js';
import { cssomStyle } from '../../core/cssom-style.js';
import { formatTimestamp, parseCalendarDate } from '../../core/dates.js';
import { messageForError, renderConfigError, renderError } from '../../core/error-view.js';
import { plural } from '../../core/plural.js';
import { WriteIntent } from '../../core/write-intent.js';
import { cellLabel, classes, listTableStyles, renderListBody, renderSkeletonTable, type CursorPage } from '../../core/list-table.js';
import { CursorList, type CursorListView } from '../../core/cursor-list.js';
import { ApiError, toApiError } from '../../api/errors.js';
import type { ResourceName } from '../../api/account-api.js';
import type { NewUsageExport, UsageCatalogue, UsageExportLink, UsageRecord } from '../../api/schemas/usage.js';
import {
  MAX_USAGE_PAGE_SIZE,
  USAGE_FIXED_COLUMNS,
  USAGE_INVOICED_FILTERS,
  USAGE_SORTS,
  type UsageExportFormat,
  type UsageInvoicedFilter,
  type UsageSort,
} from '../../api/usage-vocabulary.js';
import { AcctErrorEvent } from '../../events/index.js';
import { AcctUsageColumnsChangeEvent, AcctUsageQueryChangeEvent, type UsageQueryDetail } from '../../events/usage-events.js';
import { COLUMN_SHARES, usageTableStyles, USAGE_CARDS_BELOW } from './usage-table.styles.js';

/** Where `persist-columns` keeps the customer's columns: a JSON array of column keys, in order. */
export const USAGE_COLUMNS_STORAGE_KEY = 'acct-usage-table.columns';

const DEFAULT_PAGE_SIZE = 500;
/** Typing in the search waits this long for the next key before it asks the server. */
const SEARCH_DELAY_MS = 350;
/** A windowed list asks for the next page when its window comes this close to the last loaded row. */
const LOAD_AHEAD_ROWS = 100;

type ColumnKind = (typeof USAGE_FIXED_COLUMNS)[number] | 'string' | 'number';

/** A column as the table shows it: its key (the export's too), its header and how its cells read. */
interface Column {
  key: string;
  label: string;
  kind: ColumnKind;
  numeric: boolean;
  /** The grid track (the loading skeleton's rows; the table's rows are flex lines of the same shares, `col-<kind>`). */
  track: string;
}

/** The filters the list, the chart and the export share: absent when not set. */
interface Filters {
  from?: string;
  to?: string;
  metric?: string;
  invoiced?: UsageInvoicedFilter;
  q?: string;
}

type ListArgs = readonly [filters: Filters, sort: UsageSort, pageSize: number];

interface ExportProgress {
  format: UsageExportFormat;
  phase: 'link' | 'download';
  bytes: number;
  rows?: number;
  /** Rows matching the filters (the list's total), for a CSV's progress bar. */
  total?: number;
}

type DownloadModule = typeof import('./usage-download.js');

/** A dash that reads as "None". */
const none = () => html`<span aria-hidden="true">—</span><span class="visually-hidden">${msg('None')}</span>`;

/** Same keys, same order. */
const sameKeys = (a: readonly string[] | undefined, b: readonly string[] | undefined) =>
  a === b || (!!a && !!b && a.length === b.length && a.every((key, i) => key === b[i]));

/**
 * The account's usage records: when, what, which metric, how much, in which unit, whether it is on
 * an invoice yet (and which), and the optional columns the server declares (project, region, …).
 *
 * **Filters** — from, to, metric, invoiced and a text search — are attributes the host sets as the
 * defaults and controls the customer changes; every change the customer makes fires
 * `acct-usage-query-change` with the same names `acct-usage-chart` takes, so a page can show the
 * chart of the table's period. **Sorting**: the Date and Quantity headers are buttons (newest or
 * largest first, pressed again: the other way), reflected in `sort`.
 *
 * **Columns**: "Columns" opens a chooser to show, hide and move them. `columns` (comma-separated
 * keys) is the host's default set and order; the customer's choice fires
 * `acct-usage-columns-change`, and with `persist-columns` it is kept in `localStorage` under
 * `acct-usage-table.columns` (nothing is stored without it).
 *
 * **Long lists**: pages of `page-size` records (up to 1,000) from the server's cursor; past 200
 * rows the list is windowed in a scroller of `--acct-usage-table-max-height`, and the next page
 * loads as the window nears the end (or with "Load more"). **Export** writes every matching record
 * (no row limit) as CSV or XLSX with the columns shown, through a short-lived signed link, with a
 * progress bar, Cancel, and a clear error; a download cut short saves nothing.
 *
 * Server strings are shown as text in `<bdi>`, never as markup. Below 40rem every row is a card.
 *
 * @summary Usage records with filters, a column chooser, sorting, windowed rows and CSV/XLSX export.
 *
 * @csspart base - The element's root container.
 * @csspart toolbar - The filters, the column chooser's button and the export buttons.
 * @csspart from-filter - The "From" date input.
 * @csspart to-filter - The "To" date input.
 * @csspart metric-filter - The metric select.
 * @csspart invoiced-filter - The invoiced select.
 * @csspart search - The search input.
 * @csspart clear-filters - The "Clear filters" button.
 * @csspart columns-button - The button that opens the column chooser.
 * @csspart column-chooser - The column chooser.
 * @csspart export-button - Each export button (CSV, XLSX).
 * @csspart export-progress - The export's progress bar with its text and Cancel.
 * @csspart export-status - The export's outcome: done, or its error.
 * @csspart table - The table (role=table).
 * @csspart header - The header row group.
 * @csspart sort-button - The Date and Quantity headers' sort buttons.
 * @csspart row - Each record's row (and skeleton row while loading).
 * @csspart cell - Each cell of a record's row.
 * @csspart load-more - The "Load more" button.
 * @csspart empty - The message shown when no record matches.
 * @csspart error - The error message (load failure or missing configuration).
 * @csspart retry-button - The Retry button inside an error.
 *
 * @cssprop [--acct-usage-table-row-height=3rem] - Minimum height of a row.
 * @cssprop [--acct-usage-table-header-background=light-dark(#f6f8fa, #1d2127)] - Background of the header row.
 * @cssprop [--acct-usage-table-max-height=32rem] - Height of the scroll container of a long (windowed) list.
 * @cssprop [--acct-usage-table-stripe=transparent] - Background of every second row.
 * @cssprop [--acct-usage-table-progress=var(--acct-color-accent)] - Colour of the export's progress bar.
 *
 * @cssstate loading - Records are loading (skeleton rows), or reloading with the rows kept.
 * @cssstate populated - Records are shown.
 * @cssstate empty - No record matches.
 * @cssstate error - The first page failed; an error with Retry is shown.
 * @cssstate unconfigured - The element has no API connection.
 * @cssstate virtualized - The rows are windowed in a scroll container.
 * @cssstate exporting - An export is being prepared or downloaded.
 *
 * @fires {AcctUsageQueryChangeEvent} acct-usage-query-change - The customer changed a filter or the order: `detail.from`, `to`, `metric`, `invoiced`, `q`, `sort`.
 * @fires {AcctUsageColumnsChangeEvent} acct-usage-columns-change - The customer showed, hid or moved a column: `detail.columns`.
 * @fires {AcctErrorEvent} acct-error - A load, "Load more" or an export failed: `{error}`.
 */
@localized()
export class AcctUsageTable extends AcctElement {
  static override styles = [baseStyles, formStyles, listTableStyles(USAGE_CARDS_BELOW), usageTableStyles];
  protected static override resources: readonly ResourceName[] = ['usage'];

  // ---- public properties ----

  /** The first day shown (`YYYY-MM-DD`, inclusive, UTC); absent: no bound. */
  @property({ reflect: true }) from?: string;

  /** The last day shown (`YYYY-MM-DD`, inclusive, UTC); absent: no bound. */
  @property({ reflect: true }) to?: string;

  /** A metric id of the catalogue; absent: every metric. */
  @property({ reflect: true }) metric?: string;

  /** `all` (default), `yes` (on an invoice) or `no` (not invoiced yet). */
  @property({ reflect: true }) invoiced?: UsageInvoicedFilter;

  /** Text the description, the metric's name or a text column contains. */
  @property({ reflect: true }) q?: string;

  /** `-date` (default: newest first), `date`, `-quantity` (largest first) or `quantity`. */
  @property({ reflect: true }) sort: UsageSort = '-date';

  /**
   * The columns shown by default, in order: keys of `date`, `description`, `metric`, `quantity`,
   * `unit`, `invoiced`, `invoice` and the server's optional columns. As an attribute, comma-separated
   * (and as that text set as the property, which React, Vue and Svelte do with a `columns="…"` prop).
   * Absent: every column. Setting it replaces the customer's choice.
   */
  @property({
    converter: {
      fromAttribute: (value: string | null) => (value === null ? undefined : value.split(',').map((key) => key.trim()).filter(Boolean)),
      toAttribute: (value: string[] | string | undefined) => (Array.isArray(value) ? value.join(',') : value),
    },
  })
  columns?: string[] | string;

  /** Keep the customer's columns in `localStorage` (`acct-usage-table.columns`) and start from them. */
  @property({ attribute: 'persist-columns', type: Boolean }) persistColumns = false;

  /** Records per request, 1-1,000. */
  @property({ attribute: 'page-size', type: Number }) pageSize = DEFAULT_PAGE_SIZE;

  // ---- internal state ----

  /** The customer's columns (chooser, or `localStorage`); undefined: the host's or every column. @internal */
  @state() private _chosen?: string[];
  @state() private _chooserOpen = false;
  /** The search text as typed, before its delay has passed. @internal */
  @state() private _search?: string;
  @state() private _export?: ExportProgress;
  @state() private _exportError?: ApiError;
  @state() private _exportDone = '';

  #view: CursorListView = 'loading';
  #warned = new Set<string>();
  #reported = new WeakSet<object>();
  #lastValid: Filters = {};
  #searchTimer?: ReturnType<typeof setTimeout>;
  #exportAbort?: AbortController;
  #download?: DownloadModule;
  /** Focus goes back to this control after the next render (the chooser moved or closed). */
  #refocus?: string;

  #catalogue = new ApiTask<UsageCatalogue>(this, {
    load: (api, options) => api.getUsageCatalogue(options),
  });

  /** The first page, the pages after it, and the windowing. @internal */
  #list = new CursorList<UsageRecord, ListArgs>(this, {
    args: () => [this.#filters(), this.#sort(), this.#pageSize()],
    // `fields` is checked by the client to hold text, numbers or null: the page's type says so.
    fetch: (api, [filters, sort, limit], page, options) =>
      api.listUsage({ ...filters, sort, limit, ...page }, options) as Promise<CursorPage<UsageRecord>>,
    method: 'listUsage',
    configError: () => this.configError,
  });

  /** The export link: one request per press, however often it is pressed. */
  #exportLink = new WriteIntent<NewUsageExport, UsageExportLink>(this, {
    send: (body, options) => {
      const api = this.resolvedApi;
      if (!api) return Promise.reject(new ApiError('config', 'No AccountApi'));
      return api.createUsageExport(body, options);
    },
    // Asking for a link changes nothing on the server: every failure ends the attempt.
    classify: () => 'failed',
  });

  // ---- lifecycle ----

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.persistColumns && !this._chosen) this._chosen = this.#stored();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#searchTimer);
    this.#exportAbort?.abort();
  }

  /** Also waits for the windowing code when the rows just passed its threshold. @internal */
  protected override async getUpdateComplete(): Promise<boolean> {
    const result = await super.getUpdateComplete();
    return (await this.#list.settled()) ? super.getUpdateComplete() : result;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('pageSize') && !(Number.isInteger(this.pageSize) && this.pageSize >= 1 && this.pageSize <= MAX_USAGE_PAGE_SIZE)) {
      this.#warnOnce('page-size', this.pageSize, `an integer from 1 to ${MAX_USAGE_PAGE_SIZE}`);
    }
    // The host's columns replace the customer's choice; `persist-columns` turned on reads the stored one.
    if (changed.has('columns') && changed.get('columns') !== undefined) this._chosen = undefined;
    if (changed.has('persistColumns') && this.persistColumns && !this._chosen) this._chosen = this.#stored();
    if (changed.has('q')) this._search = undefined;
    super.willUpdate(changed);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const view = this.#view;
    for (const name of ['unconfigured', 'error', 'empty', 'populated'] as const) this.setCustomState(name, view === name);
    this.setCustomState('loading', view === 'loading' || this.#list.refreshing);
    this.setCustomState('virtualized', view === 'populated' && this.#list.virtualized);
    this.setCustomState('exporting', !!this._export);
    for (const error of [this.#catalogue.failed ? this.#catalogue.error : undefined, this._exportError]) {
      if (!error || typeof error !== 'object' || this.#reported.has(error)) continue;
      this.#reported.add(error);
      this.dispatchEvent(new AcctErrorEvent({ error: toApiError(error) }));
    }
    if (this.#refocus) {
      this.renderRoot.querySelector<HTMLElement>(this.#refocus)?.focus();
      this.#refocus = undefined;
    }
    this.#loadAhead();
  }

  // ---- public methods ----

  /** Loads the catalogue and the first page again. */
  refresh(): void {
    if (this.#catalogue.failed) this.#catalogue.reload();
    this.#list.reload();
  }

  // ---- handlers ----

  #onRetry = (): void => this.refresh();

  #onDate = (event: Event): void => {
    const input = event.currentTarget as HTMLInputElement;
    const value = parseCalendarDate(input.value) ? input.value : undefined;
    if (input.name === 'from') this.from = value;
    else this.to = value;
    this.#queryChanged();
  };

  #onMetric = (event: Event): void => {
    this.metric = (event.currentTarget as HTMLSelectElement).value || undefined;
    this.#queryChanged();
  };

  #onInvoiced = (event: Event): void => {
    const value = (event.currentTarget as HTMLSelectElement).value as UsageInvoicedFilter;
    this.invoiced = value === 'all' ? undefined : value;
    this.#queryChanged();
  };

  #onSearchInput = (event: Event): void => {
    this._search = (event.currentTarget as HTMLInputElement).value;
    clearTimeout(this.#searchTimer);
    this.#searchTimer = setTimeout(this.#commitSearch, SEARCH_DELAY_MS);
  };

  #onSearchKey = (event: KeyboardEvent): void => {
    if (event.key === 'Enter') this.#commitSearch();
  };

  #commitSearch = (): void => {
    clearTimeout(this.#searchTimer);
    if (this._search === undefined) return;
    const q = this._search.trim() || undefined;
    this._search = undefined;
    if (q === (this.q?.trim() || undefined)) return;
    this.q = q;
    this.#queryChanged();
  };

  #onClearFilters = (): void => {
    clearTimeout(this.#searchTimer);
    this._search = undefined;
    this.from = this.to = this.metric = this.invoiced = this.q = undefined;
    this.#queryChanged();
    this.#refocus = '[part~="from-filter"]';
  };

  #onSort = (key: 'date' | 'quantity'): void => {
    const current = this.#sort();
    this.sort = current === `-${key}` ? key : `-${key}`;
    this.#queryChanged();
  };

  #onToggleChooser = (): void => {
    this._chooserOpen = !this._chooserOpen;
    if (this._chooserOpen) this.#refocus = '[part~="column-chooser"] input';
  };

  #onChooserKey = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    this._chooserOpen = false;
    this.#refocus = '[part~="columns-button"]';
  };

  #onToggleColumn = (key: string, event: Event): void => {
    const shown = this.#shownKeys();
    const on = (event.currentTarget as HTMLInputElement).checked;
    this.#choose(on ? [...shown, key] : shown.filter((k) => k !== key));
  };

  #onMoveColumn = (key: string, by: -1 | 1): void => {
    const shown = [...this.#shownKeys()];
    const from = shown.indexOf(key);
    const to = from + by;
    if (from < 0 || to < 0 || to >= shown.length) return;
    [shown[from], shown[to]] = [shown[to], shown[from]];
    this.#choose(shown);
    // The item moved in the DOM: keep focus on its button, or its other one at the end of the list.
    const edge = to === 0 || to === shown.length - 1;
    this.#refocus = `[data-column="${key}"] [data-move="${edge ? -by : by}"]`;
  };

  #onResetColumns = (): void => {
    this._chosen = undefined;
    if (this.persistColumns) this.#store(undefined);
    this.dispatchEvent(new AcctUsageColumnsChangeEvent({ columns: this.#shownKeys() }));
  };

  #onExport = async (format: UsageExportFormat, event: Event): Promise<void> => {
    if (this._export) return;
    const body: NewUsageExport = { format, ...this.#filters(), columns: this.#shownKeys() };
    const started = this.#exportLink.start(body, event.currentTarget as Element);
    if (!started) return;
    const abort = new AbortController();
    this.#exportAbort = abort;
    this._exportError = undefined;
    this._exportDone = '';
    const total = this.#list.totalCount;
    this._export = { format, phase: 'link', bytes: 0, total };
    try {
      const [settled, code] = await Promise.all([started, (this.#download ??= await import('./usage-download.js'))]);
      if (settled.state !== 'done') throw settled.error;
      if (abort.signal.aborted) return;
      this._export = { format, phase: 'download', bytes: 0, total };
      const blob = await code.downloadExport(settled.result.url, format, {
        signal: abort.signal,
        onProgress: (progress) => {
          this._export = { format, phase: 'download', total, ...progress };
        },
      });
      if (abort.signal.aborted) return;
      code.saveBlob(blob, settled.result.filename, this.renderRoot);
      const name = settled.result.filename;
      const rows = this._export?.rows;
      this._exportDone =
        rows !== undefined
          ? msg(str`Exported ${rows.toLocaleString(this.resolvedLocale)} records to ${name}.`)
          : msg(str`Exported ${name}.`);
    } catch (error) {
      if (!abort.signal.aborted) this._exportError = toApiError(error);
    } finally {
      if (this.#exportAbort === abort) {
        this._export = undefined;
        this.#exportAbort = undefined;
      }
      this.#exportLink.reset(true);
    }
  };

  #onCancelExport = (): void => {
    this.#exportAbort?.abort();
    this.#exportAbort = undefined;
    this._export = undefined;
    this._exportDone = msg('Export cancelled.');
    this.#refocus = '[part~="export-button"]';
  };

  // ---- internals ----

  #warnOnce(attribute: string, value: unknown, allowed: string): void {
    const key = `${attribute}=${String(value)}`;
    if (this.#warned.has(key)) return;
    this.#warned.add(key);
    this.warnInvalid(attribute, value, allowed);
  }

  #date(attribute: 'from' | 'to'): string | undefined {
    const value = this[attribute];
    if (!value) return undefined;
    if (parseCalendarDate(value)) return value;
    this.#warnOnce(attribute, value, 'a date as YYYY-MM-DD');
    return undefined;
  }

  /** The filters as the server takes them; with "from" after "to", the last valid ones (the inputs keep what was typed). */
  #filters(): Filters {
    const from = this.#date('from');
    const to = this.#date('to');
    if (from && to && from > to) return this.#lastValid;
    let invoiced: UsageInvoicedFilter | undefined;
    if (this.invoiced && this.invoiced !== 'all') {
      if ((USAGE_INVOICED_FILTERS as readonly string[]).includes(this.invoiced)) invoiced = this.invoiced;
      else this.#warnOnce('invoiced', this.invoiced, USAGE_INVOICED_FILTERS.join(', '));
    }
    const q = this.q?.trim() ? this.q.trim().slice(0, 100) : undefined;
    const filters: Filters = {};
    if (from) filters.from = from;
    if (to) filters.to = to;
    if (this.metric) filters.metric = this.metric;
    if (invoiced) filters.invoiced = invoiced;
    if (q) filters.q = q;
    // The same object while nothing changed: the list's task compares its arguments by identity.
    const last = this.#lastValid;
    const same = (Object.keys(filters) as (keyof Filters)[]).every((k) => filters[k] === last[k]) && Object.keys(filters).length === Object.keys(last).length;
    return same ? last : (this.#lastValid = filters);
  }

  get #rangeInvalid(): boolean {
    const from = this.#date('from');
    const to = this.#date('to');
    return !!from && !!to && from > to;
  }

  #sort(): UsageSort {
    if ((USAGE_SORTS as readonly string[]).includes(this.sort)) return this.sort;
    this.#warnOnce('sort', this.sort, USAGE_SORTS.join(', '));
    return '-date';
  }

  #pageSize(): number {
    const size = this.pageSize;
    return Number.isInteger(size) && size >= 1 && size <= MAX_USAGE_PAGE_SIZE ? size : DEFAULT_PAGE_SIZE;
  }

  #hasFilter(): boolean {
    return Object.keys(this.#filters()).length > 0;
  }

  #queryChanged(): void {
    const detail: UsageQueryDetail = { ...this.#filters(), sort: this.#sort() };
    this.dispatchEvent(new AcctUsageQueryChangeEvent(detail));
  }

  /** Every column the account has, fixed ones first, in their default order. */
  #allColumns(catalogue: UsageCatalogue | undefined): Column[] {
    const labels: Record<(typeof USAGE_FIXED_COLUMNS)[number], string> = {
      date: msg('Date'),
      description: msg('Description'),
      metric: msg('Metric'),
      quantity: msg('Quantity'),
      unit: msg('Unit'),
      invoiced: msg('Invoiced'),
      invoice: msg('Invoice'),
    };
    const column = (key: string, label: string, kind: ColumnKind): Column => {
      return { key, label, kind, numeric: kind === 'quantity' || kind === 'number', track: `minmax(3rem, ${COLUMN_SHARES[kind]}fr)` };
    };
    return [
      ...USAGE_FIXED_COLUMNS.map((key) => column(key, labels[key], key)),
      ...(catalogue?.columns ?? []).map((c) => column(c.key, c.label, c.type === 'number' ? 'number' : 'string')),
    ];
  }

  /** The keys shown, in order: the customer's, else the host's, else all; unknown keys left out, never none. */
  #shownKeys(): string[] {
    const all = this.#allColumns(this.#catalogue.value).map((c) => c.key);
    const host = typeof this.columns === 'string' ? this.columns.split(',').map((key) => key.trim()) : this.columns;
    for (const keys of [this._chosen, host]) {
      if (!keys) continue;
      const known = [...new Set(keys)].filter((key) => all.includes(key));
      if (known.length) return known;
    }
    return all;
  }

  #shownColumns(): Column[] {
    const all = this.#allColumns(this.#catalogue.value);
    return this.#shownKeys().map((key) => all.find((c) => c.key === key)!);
  }

  #choose(keys: string[]): void {
    if (!keys.length || sameKeys(keys, this.#shownKeys())) return;
    this._chosen = keys;
    if (this.persistColumns) this.#store(keys);
    this.dispatchEvent(new AcctUsageColumnsChangeEvent({ columns: [...keys] }));
  }

  #stored(): string[] | undefined {
    try {
      const value: unknown = JSON.parse(localStorage.getItem(USAGE_COLUMNS_STORAGE_KEY) ?? 'null');
      return Array.isArray(value) && value.every((key) => typeof key === 'string') ? value : undefined;
    } catch {
      // No storage (private mode, sandboxed frame) or not ours: start from the host's columns.
      return undefined;
    }
  }

  #store(keys: string[] | undefined): void {
    try {
      if (keys) localStorage.setItem(USAGE_COLUMNS_STORAGE_KEY, JSON.stringify(keys));
      else localStorage.removeItem(USAGE_COLUMNS_STORAGE_KEY);
    } catch {
      // Storage full or refused: the choice still holds for this page.
    }
  }

  /** A windowed list whose window nears the last loaded row asks for the next page by itself. */
  #loadAhead(): void {
    if (this.#view !== 'populated' || !this.#list.virtualized || !this.#list.nextCursor || this.#list.more.loading || this.#list.moreError) return;
    const segments = this.#list.windowing.segments;
    if (!segments) return;
    let last = -1;
    for (let i = segments.length - 1; i >= 0; i--) {
      const segment = segments[i];
      if (segment.kind === 'item') {
        last = segment.index;
        break;
      }
    }
    if (last >= this.#list.rows.length - LOAD_AHEAD_ROWS) queueMicrotask(() => void this.#list.loadMore());
  }

  // ---- render ----

  protected override render(): TemplateResult {
    let { view, error } = this.#list.view;
    if (view !== 'unconfigured' && this.#catalogue.failed) ({ view, error } = { view: 'error', error: this.#catalogue.error });
    else if (view === 'populated' || view === 'empty') {
      if (this.#catalogue.value === undefined) view = 'loading';
    }
    this.#view = view;
    const columns = this.#shownColumns();
    const body =
      view === 'unconfigured'
        ? renderConfigError(this.configError ?? '')
        : view === 'error'
          ? renderError(error, this.#onRetry)
          : view === 'loading'
            ? renderSkeletonTable(msg('Usage records'), html`${this.#renderColumnHeaders(columns)}`, columns.length)
            : view === 'empty'
              ? this.#renderEmpty()
              : this.#renderTable(columns);
    return html`<div part="base" ${cssomStyle(this.#gridStyles(columns))}>
      ${view === 'unconfigured' ? nothing : this.#renderToolbar()} ${this._chooserOpen && view !== 'unconfigured' ? this.#renderChooser() : nothing}
      ${this.#renderExportStatus()} ${body}
      ${view === 'populated'
        ? this.#list.renderFooter(this.resolvedLocale)
        : nothing}
      <div role="status" class="visually-hidden">${this.#announcement(view)}</div>
    </div>`;
  }

  #gridStyles(columns: readonly Column[]): Record<string, string> {
    return { '--_columns': columns.map((c) => c.track).join(' ') };
  }

  #renderToolbar(): TemplateResult {
    const catalogue = this.#catalogue.value;
    const from = this.from ?? '';
    const to = this.to ?? '';
    const invalid = this.#rangeInvalid;
    const exporting = this._export;
    const filtered = this.#hasFilter() || !!this.from || !!this.to;
    return html`<div part="toolbar" class="toolbar" role="group" aria-label=${msg('Filter usage')}>
      <div class="field">
        <label for="from">${msg('From')}</label>
        <input id="from" name="from" type="date" part="from-filter" .value=${live(from)} min=${catalogue?.first_on ?? nothing}
          max=${catalogue?.last_on ?? nothing} aria-invalid=${invalid ? 'true' : 'false'} aria-describedby=${invalid ? 'range-error' : nothing}
          @change=${this.#onDate} />
      </div>
      <div class="field">
        <label for="to">${msg('To')}</label>
        <input id="to" name="to" type="date" part="to-filter" .value=${live(to)} min=${catalogue?.first_on ?? nothing}
          max=${catalogue?.last_on ?? nothing} aria-invalid=${invalid ? 'true' : 'false'} aria-describedby=${invalid ? 'range-error' : nothing}
          @change=${this.#onDate} />
      </div>
      ${catalogue && catalogue.metrics.length > 1
        ? html`<div class="field">
            <label for="metric">${msg('Metric')}</label>
            <select id="metric" part="metric-filter" @change=${this.#onMetric}>
              <option value="" ?selected=${!this.metric}>${msg('All metrics')}</option>
              ${catalogue.metrics.map((m) => html`<option value=${m.id} ?selected=${m.id === this.metric}>${m.name}</option>`)}
            </select>
          </div>`
        : nothing}
      <div class="field">
        <label for="invoiced">${msg('Invoiced')}</label>
        <select id="invoiced" part="invoiced-filter" @change=${this.#onInvoiced}>
          <option value="all" ?selected=${!this.invoiced || this.invoiced === 'all'}>${msg('All records')}</option>
          <option value="yes" ?selected=${this.invoiced === 'yes'}>${msg('Invoiced')}</option>
          <option value="no" ?selected=${this.invoiced === 'no'}>${msg('Not invoiced yet')}</option>
        </select>
      </div>
      <div class="field">
        <label for="search">${msg('Search')}</label>
        <input id="search" type="search" part="search" maxlength="100" .value=${live(this._search ?? this.q ?? '')}
          @input=${this.#onSearchInput} @keydown=${this.#onSearchKey} @change=${this.#commitSearch} />
      </div>
      ${filtered ? html`<button type="button" class="button" part="clear-filters" @click=${this.#onClearFilters}>${msg('Clear filters')}</button>` : nothing}
      <div class="actions">
        <button type="button" class="button" part="columns-button" aria-expanded=${this._chooserOpen ? 'true' : 'false'} aria-controls="column-chooser"
          @click=${this.#onToggleChooser}>${msg('Columns')}</button>
        ${(['csv', 'xlsx'] as const).map(
          (format) => html`<button type="button" class="button" part="export-button" data-format=${format}
            aria-disabled=${exporting ? 'true' : 'false'} @click=${(event: Event) => this.#onExport(format, event)}>
            ${format === 'csv' ? msg('Export CSV') : msg('Export XLSX')}
          </button>`,
        )}
      </div>
      ${invalid
        ? html`<p id="range-error" class="field-error" role="alert">${msg('The start date must be on or before the end date.')}</p>`
        : nothing}
    </div>`;
  }

  #renderChooser(): TemplateResult {
    const all = this.#allColumns(this.#catalogue.value);
    const shownKeys = this.#shownKeys();
    const shown = shownKeys.map((key) => all.find((c) => c.key === key)!);
    const hidden = all.filter((c) => !shownKeys.includes(c.key));
    const last = shown.length - 1;
    return html`<div id="column-chooser" part="column-chooser" role="group" aria-label=${msg('Columns')} @keydown=${this.#onChooserKey}>
      <ul>
        ${[...shown, ...hidden].map((column, index) => {
          const visible = index <= last;
          return html`<li data-column=${column.key}>
            <label>
              <input type="checkbox" .checked=${live(visible)} ?disabled=${visible && shown.length === 1}
                @change=${(event: Event) => this.#onToggleColumn(column.key, event)} />
              <bdi>${column.label}</bdi>
            </label>
            ${visible
              ? html`<button type="button" class="button move" data-move="-1" aria-label=${msg(str`Move ${column.label} up`)}
                    ?disabled=${index === 0} @click=${() => this.#onMoveColumn(column.key, -1)}><span aria-hidden="true">↑</span></button>
                  <button type="button" class="button move" data-move="1" aria-label=${msg(str`Move ${column.label} down`)}
                    ?disabled=${index === last} @click=${() => this.#onMoveColumn(column.key, 1)}><span aria-hidden="true">↓</span></button>`
              : nothing}
          </li>`;
        })}
      </ul>
      <div class="actions">
        <button type="button" class="button" @click=${this.#onResetColumns}>${msg('Reset columns')}</button>
        <button type="button" class="button" @click=${() => this.#onChooserKey(new KeyboardEvent('keydown', { key: 'Escape' }))}>${msg('Done')}</button>
      </div>
    </div>`;
  }

  #renderExportStatus(): TemplateResult | typeof nothing {
    const exporting = this._export;
    const locale = this.resolvedLocale;
    if (exporting) {
      const { rows, total, bytes, phase } = exporting;
      const determinate = phase === 'download' && rows !== undefined && total !== undefined && total > 0;
      const text =
        phase === 'link'
          ? msg('Preparing the export…')
          : determinate
            ? msg(str`${rows!.toLocaleString(locale)} of ${total!.toLocaleString(locale)} records`)
            : msg(str`${formatBytes(bytes, locale)} downloaded`);
      return html`<div part="export-progress" class="export-progress">
        ${determinate
          ? html`<progress max=${total!} .value=${Math.min(rows!, total!)} aria-label=${msg('Export progress')}></progress>`
          : html`<progress aria-label=${msg('Export progress')}></progress>`}
        <span class="muted">${text}</span>
        <button type="button" class="button" @click=${this.#onCancelExport}>${msg('Cancel')}</button>
      </div>`;
    }
    if (this._exportError) {
      return html`<p part="export-status" class="field-error" role="alert">${this.#exportErrorText(this._exportError)}</p>`;
    }
    if (this._exportDone) return html`<p part="export-status" class="muted">${this._exportDone}</p>`;
    return nothing;
  }

  #exportErrorText(error: ApiError): string {
    if (error.problem?.code === 'format_unavailable') return msg('This server cannot write this format. Export CSV instead.');
    if (this.#download && error instanceof this.#download.DownloadCutShortError) {
      return msg('The download was cut short, so nothing was saved. Try the export again.');
    }
    if (error.problem?.code === 'invalid_signature') {
      return msg('The download link expired. Try the export again.');
    }
    return msg(str`The export failed: ${messageForError(error)}`);
  }

  #renderEmpty(): TemplateResult {
    return this.#hasFilter()
      ? html`<div class="message" part="empty">
          <p class="muted">${msg('No usage matches these filters.')}</p>
          <button type="button" class="button" @click=${this.#onClearFilters}>${msg('Clear filters')}</button>
        </div>`
      : html`<p class="message muted" part="empty">${msg('No usage yet.')}</p>`;
  }

  #renderColumnHeaders(columns: readonly Column[], sortable = false) {
    const sort = this.#sort();
    return columns.map((column) => {
      const headerClass = column.numeric ? `col-${column.kind} num` : `col-${column.kind}`;
      const key = column.key === 'date' || column.key === 'quantity' ? column.key : undefined;
      if (!key || !sortable) return html`<div role="columnheader" class=${headerClass}><bdi>${column.label}</bdi></div>`;
      const direction = sort === key ? 'ascending' : sort === `-${key}` ? 'descending' : undefined;
      return html`<div role="columnheader" class=${headerClass} aria-sort=${direction ?? nothing}>
        <button type="button" class="sort" part="sort-button" data-sort=${key} @click=${() => this.#onSort(key)}>
          ${column.label}<span class="sort-mark" aria-hidden="true">${direction === 'ascending' ? '▲' : direction === 'descending' ? '▼' : '↕'}</span>
        </button>
      </div>`;
    });
  }

  #renderTable(columns: readonly Column[]) {
    const rows = this.#list.rows;
    const virtual = this.#list.virtualized;
    const locale = this.resolvedLocale;
    const { names, numbers } = this.#cellFormats(locale);
    const cells = { yes: msg('Invoiced'), no: msg('Not invoiced') };
    return html`<div role="table" part="table" class=${classes({ virtual })} aria-label=${msg('Usage records')}
      aria-rowcount=${this.#list.ariaRowCount} aria-colcount=${columns.length} aria-busy=${this.#list.refreshing ? 'true' : 'false'}>
      <div role="rowgroup" class="head" part="header">
        <div role="row" aria-rowindex="1">${this.#renderColumnHeaders(columns, true)}</div>
      </div>
      ${renderListBody(
        rows,
        (record, index) => html`<div role="row" part="row" tabindex="-1" aria-rowindex=${index + 2} class=${classes({ stripe: index % 2 === 1 })}>
          ${columns.map((column) => this.#renderCell(record, column, names, numbers, cells, locale))}
        </div>`,
        virtual ? this.#list.windowing.segments : undefined,
      )}
    </div>`;
  }

  #formats?: { locale: string; catalogue: UsageCatalogue | undefined; names: ReadonlyMap<string, string>; numbers: Intl.NumberFormat };

  // Made once per locale and catalogue, not on every render: a windowed table renders once per
  // scrolled frame.
  #cellFormats(locale: string) {
    const catalogue = this.#catalogue.value;
    if (this.#formats?.locale !== locale || this.#formats.catalogue !== catalogue) {
      this.#formats = {
        locale,
        catalogue,
        names: new Map((catalogue?.metrics ?? []).map((m) => [m.id, m.name])),
        numbers: new Intl.NumberFormat(locale, { maximumFractionDigits: 3 }),
      };
    }
    return this.#formats;
  }

  // Server strings (descriptions, units, fields) are bound as text, inside <bdi>. Rows from a custom
  // AccountApi are not validated: a wrong type shows a dash rather than breaking the list.
  #renderCell(record: UsageRecord, column: Column, names: ReadonlyMap<string, string>, numbers: Intl.NumberFormat, cells: { yes: string; no: string }, locale: string) {
    const number = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? numbers.format(value) : undefined);
    const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : undefined);
    let content: string | undefined;
    switch (column.kind) {
      case 'date':
        content = typeof record.occurred_at === 'string' ? formatTimestamp(record.occurred_at, locale) : undefined;
        break;
      case 'description':
        content = text(record.description);
        break;
      case 'metric':
        content = names.get(record.metric) ?? text(record.metric);
        break;
      case 'quantity':
        content = number(record.quantity);
        break;
      case 'unit':
        content = text(record.unit);
        break;
      case 'invoiced':
        content = typeof record.invoiced === 'boolean' ? (record.invoiced ? cells.yes : cells.no) : undefined;
        break;
      case 'invoice':
        content = text(record.invoice?.number);
        break;
      case 'number':
        content = number(record.fields?.[column.key]);
        break;
      default:
        content = text(record.fields?.[column.key]);
    }
    const kind = column.kind === 'description' ? '' : column.numeric ? ' num' : column.kind === 'invoiced' && record.invoiced === false ? ' muted-cell' : '';
    return html`<div role="cell" part="cell" class=${`col-${column.kind}${kind}`}>${cellLabel(column.label)}${content === undefined ? none() : html`<bdi>${content}</bdi>`}</div>`;
  }

  #announcement(view: CursorListView): string {
    if (this._export?.phase === 'link') return msg('Preparing the export…');
    if (this._exportDone) return this._exportDone;
    if (view === 'loading') return msg('Loading usage…');
    if (view === 'empty') return this.#hasFilter() ? msg('No usage matches these filters.') : msg('No usage yet.');
    if (view !== 'populated') return '';
    const total = this.#list.totalCount ?? this.#list.rows.length;
    const count = total.toLocaleString(this.resolvedLocale);
    return plural(total, {
      zero: () => msg(str`${count} usage records`, { id: 'usage-table.count.zero' }),
      one: () => msg(str`${count} usage record`, { id: 'usage-table.count.one' }),
      two: () => msg(str`${count} usage records`, { id: 'usage-table.count.two' }),
      few: () => msg(str`${count} usage records`, { id: 'usage-table.count.few' }),
      many: () => msg(str`${count} usage records`, { id: 'usage-table.count.many' }),
      other: () => msg(str`${count} usage records`, { id: 'usage-table.count.other' }),
    });
  }
}

/** A size in kB or MB, in the page's language. */
function formatBytes(bytes: number, locale: string): string {
  const mega = bytes >= 1e6;
  return new Intl.NumberFormat(locale, { style: 'unit', unit: mega ? 'megabyte' : 'kilobyte', maximumFractionDigits: mega ? 1 : 0 }).format(
    mega ? bytes / 1e6 : bytes / 1e3,
  );
}

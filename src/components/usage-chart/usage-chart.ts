import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';
import { AcctElement } from '../../core/base-element.js';
import { ApiTask } from '../../core/api-task.js';
import { baseStyles } from '../../core/styles.js';
import { parseCalendarDate } from '../../core/dates.js';
import { renderConfigError, renderError } from '../../core/error-view.js';
import { LazyModule, renderLazyStatus } from '../../core/lazy-module.js';
import { toApiError } from '../../api/errors.js';
import type { ResourceName } from '../../api/account-api.js';
import type { UsageCatalogue, UsageSeries } from '../../api/schemas/usage.js';
import { MAX_USAGE_DAYS_PER_SERIES, USAGE_INTERVALS, USAGE_INVOICED_FILTERS, type UsageInterval, type UsageInvoicedFilter } from '../../api/usage-vocabulary.js';
import { AcctErrorEvent } from '../../events/index.js';
import { usageChartLoader, type UsageChartDrawModule } from './usage-chart-loader.js';
import type { ChartData } from './usage-chart-draw.js';
import { usageChartStyles } from './usage-chart.styles.js';

const DAY_MS = 86_400_000;

/** The interval a range of `days` is drawn in when none is set: per day up to 62 days, per week up to 370, else per month. */
export function autoInterval(days: number): UsageInterval {
  if (days <= 62) return 'day';
  if (days <= 370) return 'week';
  return 'month';
}

/** Days from `from` to `to`, both included; undefined when either is not a calendar date. */
export function rangeDays(from: string | null | undefined, to: string | null | undefined): number | undefined {
  const start = from ? parseCalendarDate(from) : null;
  const end = to ? parseCalendarDate(to) : null;
  if (!start || !end) return undefined;
  return Math.round((end.getTime() - start.getTime()) / DAY_MS) + 1;
}

/** What one load gives: the catalogue, the series, and the metric and interval they were asked for. */
interface Loaded {
  catalogue: UsageCatalogue;
  series: UsageSeries;
  metric: string | undefined;
  interval: UsageInterval;
  days: number | undefined;
}

type Filters = readonly [metric: string | undefined, from: string | undefined, to: string | undefined, interval: UsageInterval | undefined, invoiced: UsageInvoicedFilter | undefined, q: string | undefined];

type View =
  | { kind: 'unconfigured'; problem: string }
  | { kind: 'loading' }
  | { kind: 'error'; error: unknown }
  | { kind: 'no-metrics' }
  | { kind: 'loaded'; loaded: Loaded; data: ChartData | undefined; refreshing: boolean };

const STATES = ['unconfigured', 'loading', 'error', 'empty', 'populated', 'table'] as const;

/**
 * Usage over time: one metric summed per day, week or month, drawn as SVG bars with a y axis of
 * round figures (compact for large numbers, with the unit) and dates along the x axis (thinned so
 * they never overlap), as wide as the element. Each bar is focusable, one tab stop for the whole
 * chart (arrow keys move between bars, mirrored right to left, Home and End go to the first and
 * last), and names its day and quantity; a tooltip shows the point under focus or the pointer
 * (Escape hides it). "Show as table" shows the same points as a data table.
 *
 * The filters are the usage table's: `from`, `to`, `metric`, `invoiced`, `q`. Without `metric` the
 * chart shows the catalogue's first metric, with a picker when there are several; without
 * `interval` it chooses one from the range's length (≤ 62 days: per day, ≤ 370: per week, else per
 * month), and an interval picker lets the customer change it.
 *
 * The drawing code is a chunk of its own, loaded when the chart first comes into view.
 *
 * @summary Usage per day, week or month as an accessible SVG bar chart, with a table alternative.
 *
 * @csspart base - The element's root container.
 * @csspart heading - The heading (the metric's name).
 * @csspart controls - The row of pickers and the table toggle.
 * @csspart metric-select - The metric picker (several metrics, no `metric` set).
 * @csspart interval-select - The interval picker.
 * @csspart table-toggle - The "Show as table" toggle button.
 * @csspart chart - The SVG chart (a group of bars).
 * @csspart bar - One bucket's bar (focusable).
 * @csspart tooltip - The tooltip over the focused or pointed bar.
 * @csspart table - The data-table alternative.
 * @csspart empty - The message shown when there is no usage in the period.
 * @csspart error - A load error, or the missing-configuration message.
 * @csspart retry-button - The Retry button inside an error.
 *
 * @cssprop [--acct-usage-chart-bar=var(--acct-color-accent)] - Fill of the bars.
 * @cssprop [--acct-usage-chart-bar-active=light-dark(#0f2f8a, #c7d6ff)] - Fill of the focused or pointed bar.
 * @cssprop [--acct-usage-chart-grid=var(--acct-color-border)] - The horizontal grid lines.
 * @cssprop [--acct-usage-chart-axis-text=var(--acct-color-text-muted)] - The axis labels and the base line.
 * @cssprop [--acct-usage-chart-tooltip-background=var(--acct-color-text)] - Background of the tooltip.
 * @cssprop [--acct-usage-chart-tooltip-text=var(--acct-color-surface)] - Text of the tooltip.
 *
 * @cssstate loading - The usage is loading (or reloading with the chart kept), or the chart's code is.
 * @cssstate populated - The chart (or its table) is shown.
 * @cssstate empty - No usage in the period, or the account has no metrics.
 * @cssstate table - The table alternative is shown instead of the chart.
 * @cssstate error - Loading failed.
 * @cssstate unconfigured - The element has no API connection.
 *
 * @fires {AcctErrorEvent} acct-error - Loading failed.
 */
@localized()
export class AcctUsageChart extends AcctElement {
  static override styles = [baseStyles, usageChartStyles];
  protected static override resources: readonly ResourceName[] = ['usage'];

  /** The metric id to show; absent: the catalogue's first, with a picker when there are several. */
  @property({ reflect: true }) metric?: string;

  /** The first day, inclusive (`YYYY-MM-DD`); absent: the account's first day with usage. */
  @property({ reflect: true }) from?: string;

  /** The last day, inclusive (`YYYY-MM-DD`); absent: the account's last day with usage. */
  @property({ reflect: true }) to?: string;

  /** `day`, `week` or `month`; absent: chosen from the range's length. The interval picker changes what is shown. */
  @property({ reflect: true }) interval?: UsageInterval;

  /** `all` (default), `yes` (invoiced records only) or `no` (not invoiced yet). */
  @property({ reflect: true }) invoiced?: UsageInvoicedFilter;

  /** Text the records' description, metric name or a text column contains. */
  @property({ reflect: true }) q?: string;

  /** Level of the heading (1-6). */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;

  /** The metric the customer picked. @internal */
  @state() private _metric?: string;
  /** The interval the customer picked. @internal */
  @state() private _interval?: UsageInterval;
  /** The table alternative is shown. @internal */
  @state() private _table = false;
  /** The element's width in CSS pixels (0 until measured). @internal */
  @state() private _width = 0;
  /** The chart has been in view: its code may load. @internal */
  @state() private _seen = false;
  /** The bar with the tab stop. @internal */
  @state() private _active = -1;
  /** The bar whose tooltip shows (-1: none). @internal */
  @state() private _tooltip = -1;

  #reported = new WeakSet<object>();
  #warned = new Set<string>();
  #visibility?: IntersectionObserver;
  #resize?: ResizeObserver;
  /** Focus follows the tab stop after the next render (a key moved it). */
  #focusActive = false;
  /** The last drawn series, to reset the tab stop when another one arrives. */
  #drawn?: ChartData;

  #usage = new ApiTask<Loaded, Filters>(this, {
    args: () => this.#filters(),
    load: async (api, options, [metric, from, to, interval, invoiced, q]) => {
      const catalogue = await api.getUsageCatalogue(options);
      const chosen = metric ?? catalogue.metrics[0]?.id;
      const days = rangeDays(from ?? catalogue.first_on, to ?? catalogue.last_on);
      const bucket = interval ?? autoInterval(days ?? 1);
      const query = {
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
        ...(chosen ? { metric: chosen } : {}),
        ...(invoiced ? { invoiced } : {}),
        ...(q ? { q } : {}),
        interval: bucket,
      };
      const series = chosen ? await api.getUsageSeries(query, options) : { interval: bucket, from: from ?? '', to: to ?? '', series: [] };
      return { catalogue, series, metric: chosen, interval: bucket, days };
    },
  });

  #drawing = new LazyModule<UsageChartDrawModule>(this, () => usageChartLoader.load(), () => usageChartLoader.loaded);

  override connectedCallback(): void {
    super.connectedCallback();
    if (typeof IntersectionObserver !== 'undefined' && !this._seen) {
      this.#visibility = new IntersectionObserver((entries) => {
        if (!entries.some((entry) => entry.isIntersecting)) return;
        this._seen = true;
        this.#visibility?.disconnect();
        this.#visibility = undefined;
      });
      this.#visibility.observe(this);
    } else if (typeof IntersectionObserver === 'undefined') {
      this._seen = true;
    }
    if (typeof ResizeObserver !== 'undefined') {
      this.#resize = new ResizeObserver((entries) => {
        const width = Math.floor(entries[entries.length - 1].contentRect.width);
        if (Math.abs(width - this._width) >= 1) this._width = width;
      });
      this.#resize.observe(this);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#visibility?.disconnect();
    this.#visibility = undefined;
    this.#resize?.disconnect();
    this.#resize = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // The host's filters win over the customer's picks when they change.
    if (changed.has('metric')) this._metric = undefined;
    if (changed.has('interval') || changed.has('from') || changed.has('to')) this._interval = undefined;
    const view = this.#view();
    const data = view.kind === 'loaded' ? view.data : undefined;
    if (data?.points !== this.#drawn?.points) {
      // Another series: the tab stop goes to the newest bar, and no tooltip shows.
      this._active = data ? data.points.length - 1 : -1;
      this._tooltip = -1;
    }
    this.#drawn = data;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const view = this.#view();
    const on = new Set<string>();
    if (view.kind === 'loaded') {
      const status = this.#drawing.status;
      if (view.data) on.add('populated');
      else on.add('empty');
      if (view.refreshing || (view.data && this._seen && (status === 'idle' || status === 'loading'))) on.add('loading');
      if (view.data && this._table) on.add('table');
    } else if (view.kind === 'no-metrics') on.add('empty');
    else on.add(view.kind);
    for (const name of STATES) this.setCustomState(name, on.has(name));
    if (view.kind === 'loaded' && view.data && this._seen && this.#drawing.status === 'idle') void this.#drawing.request();
    if (this.#focusActive) {
      this.#focusActive = false;
      this.renderRoot.querySelector<SVGElement>(`[part~="bar"][data-index="${this._active}"]`)?.focus();
    }
    const error = this.#usage.failed ? this.#usage.error : undefined;
    if (error && typeof error === 'object' && !this.#reported.has(error)) {
      this.#reported.add(error);
      this.dispatchEvent(new AcctErrorEvent({ error: toApiError(error) }));
    }
  }

  /** Loads the usage again. */
  refresh(): void {
    this.#usage.reload();
  }

  // ---- handlers ----

  #onRetry = (): void => this.#usage.reload();

  #onMetric = (event: Event): void => {
    this._metric = (event.currentTarget as HTMLSelectElement).value;
    this._tooltip = -1;
  };

  #onInterval = (event: Event): void => {
    const value = (event.currentTarget as HTMLSelectElement).value;
    if ((USAGE_INTERVALS as readonly string[]).includes(value)) this._interval = value as UsageInterval;
    this._tooltip = -1;
  };

  #onToggleTable = (): void => {
    this._table = !this._table;
    this._tooltip = -1;
  };

  #onKeyDown = (event: KeyboardEvent, index: number): void => {
    const data = this.#drawn;
    const code = this.#drawing.value;
    if (!data || !code) return;
    if (event.key === 'Escape') {
      if (this._tooltip >= 0) {
        this._tooltip = -1;
        event.preventDefault();
        event.stopPropagation();
      }
      return;
    }
    const target = code.keyTarget(event.key, index, data.points.length, this.#rtl());
    if (target === undefined) return;
    event.preventDefault();
    this._active = target;
    this._tooltip = target;
    this.#focusActive = true;
  };

  #onFocus = (index: number): void => {
    this._active = index;
    this._tooltip = index;
  };

  #onFocusOut = (event: FocusEvent): void => {
    const next = event.relatedTarget as Element | null;
    if (next && (event.currentTarget as Element).contains(next)) return;
    this._tooltip = -1;
  };

  #onPointerEnter = (index: number): void => {
    this._tooltip = index;
  };

  #onPointerLeave = (): void => {
    const focused = this.renderRoot.querySelector<SVGElement>('[part~="bar"]:focus');
    this._tooltip = focused ? Number(focused.dataset.index) : -1;
  };

  // ---- state ----

  #filters(): Filters {
    const metric = this.metric || this._metric || undefined;
    const from = this.#date('from', this.from);
    const to = this.#date('to', this.to);
    const interval = this._interval ?? this.#choice('interval', this.interval, USAGE_INTERVALS);
    const invoiced = this.#choice('invoiced', this.invoiced, USAGE_INVOICED_FILTERS);
    const q = this.q?.trim() ? this.q.trim().slice(0, 100) : undefined;
    return [metric, from, to, interval, invoiced, q];
  }

  #date(attribute: string, value: string | undefined): string | undefined {
    if (!value) return undefined;
    if (parseCalendarDate(value)) return value;
    this.#warnOnce(attribute, value, 'a date as YYYY-MM-DD');
    return undefined;
  }

  #choice<T extends string>(attribute: string, value: string | undefined, allowed: readonly T[]): T | undefined {
    if (!value) return undefined;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    this.#warnOnce(attribute, value, allowed.join(', '));
    return undefined;
  }

  #warnOnce(attribute: string, value: string, allowed: string): void {
    const key = `${attribute}=${value}`;
    if (this.#warned.has(key)) return;
    this.#warned.add(key);
    this.warnInvalid(attribute, value, allowed);
  }

  #rtl(): boolean {
    try {
      return this.matches(':dir(rtl)');
    } catch {
      return getComputedStyle(this).direction === 'rtl';
    }
  }

  #view(): View {
    const problem = this.configError;
    if (problem) return { kind: 'unconfigured', problem };
    if (!this.resolvedApi) return { kind: 'loading' };
    if (this.#usage.failed) return { kind: 'error', error: this.#usage.error };
    const loaded = this.#usage.value;
    if (!loaded) return { kind: 'loading' };
    if (loaded.catalogue.metrics.length === 0) return { kind: 'no-metrics' };
    const series = loaded.series.series.find((s) => s.metric === loaded.metric) ?? loaded.series.series[0];
    const metric = loaded.catalogue.metrics.find((m) => m.id === loaded.metric);
    const hasUsage = !!series && series.points.some((p) => p.quantity !== 0);
    const data: ChartData | undefined = hasUsage
      ? {
          interval: loaded.series.interval,
          from: loaded.series.from,
          to: loaded.series.to,
          name: series.name || metric?.name || series.metric,
          unit: series.unit,
          points: series.points,
        }
      : undefined;
    return { kind: 'loaded', loaded, data, refreshing: this.#usage.pending };
  }

  #level(): number {
    const level = this.headingLevel;
    return Number.isInteger(level) && level >= 1 && level <= 6 ? level : 2;
  }

  // ---- render ----

  protected override render(): TemplateResult {
    const view = this.#view();
    switch (view.kind) {
      case 'unconfigured':
        return renderConfigError(view.problem);
      case 'error':
        return renderError(view.error, this.#onRetry);
      case 'loading':
        return html`<div part="base" aria-busy="true">
          <p class="visually-hidden" role="status">${msg('Loading usage…')}</p>
          <span class="skeleton skeleton-chart" aria-hidden="true"></span>
        </div>`;
      case 'no-metrics':
        return html`<div part="base">
          <div role="heading" aria-level=${this.#level()} class="heading" part="heading">${msg('Usage')}</div>
          <p class="message muted" part="empty">${msg('This account has no metered usage.')}</p>
        </div>`;
      case 'loaded':
        return this.#renderLoaded(view);
    }
  }

  #renderLoaded(view: Extract<View, { kind: 'loaded' }>): TemplateResult {
    const { loaded, data } = view;
    const metric = loaded.catalogue.metrics.find((m) => m.id === loaded.metric);
    const title = data?.name ?? metric?.name ?? msg('Usage');
    return html`<div part="base" aria-busy=${view.refreshing ? 'true' : 'false'}>
      <div role="heading" aria-level=${this.#level()} class="heading" part="heading"><bdi>${title}</bdi></div>
      ${this.#renderControls(loaded, !!data)}
      ${data ? this.#renderData(data, title) : html`<p class="message muted" part="empty" role="status">${msg('No usage in this period.')}</p>`}
    </div>`;
  }

  /** The pickers and the table toggle. @parts metric-select interval-select table-toggle */
  #renderControls(loaded: Loaded, hasData: boolean): TemplateResult {
    const metrics = loaded.catalogue.metrics;
    const tooLongForDays = (loaded.days ?? 0) > MAX_USAGE_DAYS_PER_SERIES;
    const names: Record<UsageInterval, string> = { day: msg('Per day'), week: msg('Per week'), month: msg('Per month') };
    return html`<div class="controls" part="controls">
      ${!this.metric && metrics.length > 1
        ? html`<label class="control"
            >${msg('Metric')}
            <select part="metric-select" @change=${this.#onMetric}>
              ${metrics.map((m) => html`<option value=${m.id} ?selected=${m.id === loaded.metric}>${m.name}</option>`)}
            </select></label
          >`
        : nothing}
      <label class="control"
        >${msg('Interval')}
        <select part="interval-select" @change=${this.#onInterval}>
          ${USAGE_INTERVALS.map(
            (i) => html`<option value=${i} ?selected=${i === loaded.interval} ?disabled=${i === 'day' && tooLongForDays}>${names[i]}</option>`,
          )}
        </select></label
      >
      ${hasData
        ? html`<button type="button" class="button" part="table-toggle" aria-pressed=${this._table ? 'true' : 'false'} @click=${this.#onToggleTable}>
            ${msg('Show as table')}
          </button>`
        : nothing}
    </div>`;
  }

  #renderData(data: ChartData, title: string): TemplateResult {
    const code = this.#drawing.value;
    if (this.#drawing.status === 'failed') return renderLazyStatus('failed', () => void this.#drawing.retry());
    if (!code) {
      return html`<span class="skeleton skeleton-chart" aria-hidden="true"></span>
        ${this._seen ? html`<p class="visually-hidden" role="status">${msg('Loading the chart…')}</p>` : nothing}`;
    }
    const locale = this.resolvedLocale;
    if (this._table) return code.renderTable(data, locale, title);
    return code.renderChart(
      data,
      { locale, width: this._width || this.clientWidth || 600, rtl: this.#rtl(), active: this._active, tooltip: this._tooltip },
      {
        onKeyDown: this.#onKeyDown,
        onFocus: this.#onFocus,
        onFocusOut: this.#onFocusOut,
        onPointerEnter: this.#onPointerEnter,
        onPointerLeave: this.#onPointerLeave,
      },
    );
  }
}

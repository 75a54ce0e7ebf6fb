/**
 * MemoryAccountApi's usage (issue 11): the fixture account's records (fixtures/usage.ts, generated
 * on first use), filtered, sorted and paged as the reference server does (server/usage.ts), the
 * chart's sums, and the CSV export as a `blob:` URL.
 */
import { ApiError, kindForStatus } from './errors.js';
import type { AccountFixture } from './fixtures/generate.js';
import { usageFixture, type UsageFixture } from './fixtures/usage.js';
import type { ClientQuery, AccountApiOperations } from './operations/index.js';
import type { FieldError } from './schemas/problem.js';
import type { NewUsageExport, UsageCatalogue, UsageExportLink, UsagePage, UsageRecord, UsageSeries } from './schemas/usage.js';
import { csvHeader, csvRow, exportColumns, metricNameMap, usageExportFilename, USAGE_EXPORT_TTL_SECONDS } from './usage-export.js';
import {
  MAX_USAGE_DAYS_PER_SERIES,
  MAX_USAGE_PAGE_SIZE,
  USAGE_INTERVALS,
  USAGE_INVOICED_FILTERS,
  USAGE_SORTS,
  type UsageInterval,
  type UsageSort,
} from './usage-vocabulary.js';

export type UsageQuery = ClientQuery<AccountApiOperations['listUsage']['query']>;
export type UsageSeriesQuery = ClientQuery<AccountApiOperations['getUsageSeries']['query']>;
type UsageFilters = Pick<UsageQuery, 'from' | 'to' | 'metric' | 'invoiced' | 'q'>;

const DEFAULT_USAGE_LIMIT = 100;
const DAY_MS = 86_400_000;

export class MemoryUsage {
  readonly #data: AccountFixture;
  readonly #today: Date;
  #usage: UsageFixture | undefined;

  constructor(data: AccountFixture, today: Date) {
    this.#data = data;
    this.#today = today;
  }

  /** Generated on first use: the large account's 100,000 records cost nothing until asked for. */
  get usage(): UsageFixture {
    this.#usage ??= usageFixture(this.#data.account.id, this.#data.invoices, this.#today);
    return this.#usage;
  }

  catalogue(): UsageCatalogue {
    const { metrics, columns, records } = this.usage;
    return structuredClone({
      metrics,
      columns,
      first_on: records.length ? records[0].occurred_at.slice(0, 10) : null,
      last_on: records.length ? records[records.length - 1].occurred_at.slice(0, 10) : null,
    });
  }

  list(query: UsageQuery): UsagePage {
    const sort = (query.sort ?? '-date') as UsageSort;
    if (!USAGE_SORTS.includes(sort)) throw badField('sort', `expected one of ${USAGE_SORTS.join(', ')}`, 'invalid_value');
    const limit = query.limit ?? DEFAULT_USAGE_LIMIT;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_USAGE_PAGE_SIZE) {
      throw badField('limit', `expected an integer from 1 to ${MAX_USAGE_PAGE_SIZE}`, 'out_of_range');
    }
    const matching = this.#matching(query);
    const ordered = sortRecords(matching, sort);
    const key = queryKey(query, sort);
    let start = 0;
    if (query.cursor) {
      let decoded: unknown;
      try {
        decoded = JSON.parse(atob(query.cursor));
      } catch {
        // Not ours.
      }
      const after = Array.isArray(decoded) && decoded[0] === key && typeof decoded[1] === 'string' ? decoded[1] : null;
      const index = after === null ? -1 : ordered.findIndex((r) => r.id === after);
      if (index < 0) throw badField('cursor', 'not a cursor this server issued for this query', 'invalid_cursor');
      start = index + 1;
    }
    const data = ordered.slice(start, start + limit);
    const more = start + limit < ordered.length;
    return structuredClone({
      data,
      next_cursor: more ? btoa(JSON.stringify([key, data[data.length - 1].id])) : null,
      total_count: ordered.length,
    });
  }

  series(query: UsageSeriesQuery): UsageSeries {
    const interval = (query.interval ?? 'day') as UsageInterval;
    if (!USAGE_INTERVALS.includes(interval)) throw badField('interval', `expected one of ${USAGE_INTERVALS.join(', ')}`, 'invalid_value');
    const catalogue = this.catalogue();
    const today = this.#today.toISOString().slice(0, 10);
    const from = query.from ?? catalogue.first_on ?? today;
    const to = query.to ?? catalogue.last_on ?? today;
    if (from > to) throw badField('to', 'expected a day on or after from', 'out_of_range');
    const days = (Date.parse(to) - Date.parse(from)) / DAY_MS + 1;
    if (interval === 'day' && days > MAX_USAGE_DAYS_PER_SERIES) {
      throw problem(400, 'range_too_long', `A per-day series spans at most ${MAX_USAGE_DAYS_PER_SERIES} days; ask per week or month.`);
    }
    const starts = bucketStarts(from, to, interval);
    const index = new Map(starts.map((s, i) => [s, i]));
    const metrics = query.metric ? catalogue.metrics.filter((m) => m.id === query.metric) : catalogue.metrics;
    const sums = new Map(metrics.map((m) => [m.id, new Array<number>(starts.length).fill(0)]));
    for (const record of this.#matching({ ...query, from, to })) {
      const i = index.get(bucketStart(record.occurred_at.slice(0, 10), interval));
      const row = sums.get(record.metric);
      if (row && i !== undefined) row[i] += record.quantity;
    }
    return {
      interval,
      from,
      to,
      series: metrics.map((m) => ({
        metric: m.id,
        name: m.name,
        unit: m.unit,
        points: starts.map((start, i) => ({ start, quantity: roundSum(sums.get(m.id)![i]) })),
      })),
    };
  }

  /** The same CSV the server streams, as a `blob:` URL; XLSX needs the server (exceljs stays out of the browser). */
  createExport(request: NewUsageExport): UsageExportLink {
    const { columns: declared, metrics } = this.usage;
    if (request.metric !== undefined && !metrics.some((m) => m.id === request.metric)) {
      throw problem(422, 'unknown_metric', `This account has no metric ${request.metric}.`, [{ field: 'metric', message: 'unknown metric', code: 'unknown_metric' }]);
    }
    const columns = exportColumns(declared, request.columns);
    if ('unknown' in columns) {
      throw problem(422, 'unknown_column', `There is no column ${columns.unknown}.`, [{ field: 'columns', message: `unknown column ${columns.unknown}`, code: 'unknown_column' }]);
    }
    if (request.format !== 'csv') {
      throw problem(501, 'format_unavailable', 'The in-memory API exports CSV only; XLSX is written by the server.');
    }
    const names = metricNameMap(metrics);
    const parts = [csvHeader(columns)];
    for (const record of sortRecords(this.#matching(request), 'date')) parts.push(csvRow(record, columns, names));
    const url = URL.createObjectURL(new Blob(parts, { type: 'text/csv;charset=utf-8' }));
    return {
      url,
      expires_at: new Date(Date.now() + USAGE_EXPORT_TTL_SECONDS * 1000).toISOString(),
      filename: usageExportFilename(request.from ?? this.catalogue().first_on, request.to ?? this.catalogue().last_on, 'csv'),
    };
  }

  #matching(filters: UsageFilters): UsageRecord[] {
    const invoiced = filters.invoiced ?? 'all';
    if (!USAGE_INVOICED_FILTERS.includes(invoiced)) throw badField('invoiced', `expected one of ${USAGE_INVOICED_FILTERS.join(', ')}`, 'invalid_value');
    const { from, to, metric } = filters;
    const q = filters.q?.toLowerCase();
    const names = metricNameMap(this.usage.metrics);
    return this.usage.records.filter((r) => {
      const day = r.occurred_at.slice(0, 10);
      if (from && day < from) return false;
      if (to && day > to) return false;
      if (metric && r.metric !== metric) return false;
      if (invoiced !== 'all' && r.invoiced !== (invoiced === 'yes')) return false;
      if (q) {
        const text = [r.description, names.get(r.metric) ?? '', ...Object.values(r.fields).filter((v) => typeof v === 'string')];
        if (!text.some((t) => (t as string).toLowerCase().includes(q))) return false;
      }
      return true;
    });
  }
}

/** The records in a list order, ties by id (the fixture's records are oldest first already). */
export function sortRecords(records: UsageRecord[], sort: UsageSort): UsageRecord[] {
  const sorted = [...records];
  const byId = (a: UsageRecord, b: UsageRecord) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const byDate = (a: UsageRecord, b: UsageRecord) => (a.occurred_at < b.occurred_at ? -1 : a.occurred_at > b.occurred_at ? 1 : 0) || byId(a, b);
  switch (sort) {
    case 'date':
      return sorted.sort(byDate);
    case '-date':
      return sorted.sort((a, b) => byDate(b, a));
    case 'quantity':
      return sorted.sort((a, b) => a.quantity - b.quantity || byDate(a, b));
    case '-quantity':
      return sorted.sort((a, b) => b.quantity - a.quantity || byDate(b, a));
  }
}

/** What a cursor is bound to: the filters and the order. */
function queryKey(query: UsageQuery, sort: UsageSort): string {
  return [query.from ?? '', query.to ?? '', query.metric ?? '', query.invoiced ?? 'all', query.q ?? '', sort].join('|');
}

/** The day a bucket starts: the day, the Monday of its ISO week, or the first of its month. */
export function bucketStart(day: string, interval: UsageInterval): string {
  if (interval === 'day') return day;
  if (interval === 'month') return `${day.slice(0, 7)}-01`;
  const ms = Date.parse(day);
  const weekday = (new Date(ms).getUTCDay() + 6) % 7; // Monday 0
  return new Date(ms - weekday * DAY_MS).toISOString().slice(0, 10);
}

/** Every bucket's first day from the one `from` is in to the one `to` is in. */
export function bucketStarts(from: string, to: string, interval: UsageInterval): string[] {
  const starts: string[] = [];
  let current = bucketStart(from, interval);
  while (current <= to) {
    starts.push(current);
    if (interval === 'month') {
      const d = new Date(Date.parse(current));
      d.setUTCMonth(d.getUTCMonth() + 1);
      current = d.toISOString().slice(0, 10);
    } else {
      current = new Date(Date.parse(current) + (interval === 'week' ? 7 : 1) * DAY_MS).toISOString().slice(0, 10);
    }
  }
  return starts;
}

/** Sums to six decimals, as the server rounds them (no 0.30000000000000004). */
export function roundSum(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

function problem(status: number, code: string, detail: string, errors?: FieldError[]): ApiError {
  return new ApiError(kindForStatus(status), detail, { status, problem: { status, code, detail, ...(errors ? { errors } : {}) } });
}

function badField(field: string, message: string, code: string): ApiError {
  return problem(400, 'validation_failed', `Invalid ${field}: ${message}`, [{ field, message, code }]);
}

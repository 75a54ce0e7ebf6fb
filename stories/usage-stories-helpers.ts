import type { AccountApi, InvalidationListener, RequestOptions, ResourceName } from '../src/api/account-api.js';
import { ApiError } from '../src/api/errors.js';
import type { UsageCatalogue, UsageMetric, UsagePoint, UsageSeries } from '../src/api/schemas/usage.js';
import type { UsageInterval } from '../src/api/usage-vocabulary.js';

/**
 * A small stand-in AccountApi with only the usage chart's two reads (the catalogue and the series),
 * for the chart's stories and tests until the memory API has the usage operations. Quantities are
 * made up from the day (the same figures every run); every bucket from `from` to `to` is there.
 */

export const USAGE_METRICS: UsageMetric[] = [
  { id: 'api_requests', name: 'API requests', unit: 'requests' },
  { id: 'storage', name: 'Storage', unit: 'GB' },
  { id: 'build_minutes', name: 'Build minutes', unit: 'minutes' },
];

export interface FakeUsageOptions {
  metrics?: UsageMetric[];
  /** The catalogue's first and last days with usage (the range when the chart sets none). */
  firstOn?: string | null;
  lastOn?: string | null;
  /** Every bucket is 0 (no usage in any range). */
  empty?: boolean;
  /** Answers after this many ms. */
  delayMs?: number;
  /** Never answers (the loading state). */
  never?: boolean;
  /** The series requests' outcomes in turn: an error, or undefined for an answer; the last one repeats. */
  seriesErrors?: Array<ApiError | undefined>;
  /** Multiplies every quantity (large numbers: compact ticks). */
  scale?: number;
}

export interface UsageCall {
  operation: 'getUsageCatalogue' | 'getUsageSeries';
  query?: Record<string, unknown>;
  fresh?: boolean;
}

export type FakeUsageApi = AccountApi & { calls: UsageCall[] };

const DAY_MS = 86_400_000;

function parse(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

function iso(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/** The day a bucket starts on: the day, its week's Monday, its month's first. */
function bucketStart(time: number, interval: UsageInterval): number {
  const date = new Date(time);
  if (interval === 'month') return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
  if (interval === 'week') return time - ((date.getUTCDay() + 6) % 7) * DAY_MS;
  return time;
}

/** A made-up daily quantity: a weekly rhythm over a slow rise, the same every run. */
function dailyQuantity(time: number, metric: string): number {
  const day = Math.floor(time / DAY_MS);
  const weekday = new Date(time).getUTCDay();
  const base = metric === 'storage' ? 40 : metric === 'build_minutes' ? 90 : 1200;
  const weekend = weekday === 0 || weekday === 6 ? 0.35 : 1;
  const wave = 1 + 0.3 * Math.sin(day / 3.1) + 0.15 * Math.cos(day / 1.7);
  return Math.round(base * weekend * wave * (1 + (day % 90) / 180));
}

/** The series of one metric over [from, to] per interval. */
export function makeSeries(metric: UsageMetric, from: string, to: string, interval: UsageInterval, options: FakeUsageOptions = {}): UsageSeries['series'][number] {
  const points: UsagePoint[] = [];
  const end = parse(to);
  const scale = options.scale ?? 1;
  for (let time = parse(from); time <= end; time += DAY_MS) {
    const start = iso(bucketStart(time, interval));
    const quantity = options.empty ? 0 : dailyQuantity(time, metric.id) * scale;
    const last = points[points.length - 1];
    if (last && last.start === start) last.quantity += quantity;
    else points.push({ start, quantity });
  }
  return { metric: metric.id, name: metric.name, unit: metric.unit, points };
}

export function fakeUsageApi(options: FakeUsageOptions = {}): FakeUsageApi {
  const metrics = options.metrics ?? USAGE_METRICS;
  const listeners = new Set<InvalidationListener>();
  const calls: UsageCall[] = [];
  const errors = [...(options.seriesErrors ?? [])];
  const catalogue: UsageCatalogue = {
    metrics,
    columns: [],
    first_on: options.firstOn === undefined ? '2026-01-01' : options.firstOn,
    last_on: options.lastOn === undefined ? '2026-03-31' : options.lastOn,
  };

  function answer<T>(value: () => T, requestOptions?: RequestOptions): Promise<T> {
    const signal = requestOptions?.signal;
    return new Promise<T>((resolve, reject) => {
      if (signal?.aborted) return reject(new ApiError('aborted', 'Aborted'));
      signal?.addEventListener('abort', () => reject(new ApiError('aborted', 'Aborted')), { once: true });
      if (options.never) return;
      const run = () => {
        try {
          resolve(value());
        } catch (error) {
          reject(error);
        }
      };
      if (options.delayMs) setTimeout(run, options.delayMs);
      else queueMicrotask(run);
    });
  }

  const api = {
    calls,
    getUsageCatalogue(requestOptions?: RequestOptions) {
      calls.push({ operation: 'getUsageCatalogue', fresh: requestOptions?.fresh });
      return answer(() => structuredClone(catalogue), requestOptions);
    },
    getUsageSeries(query: Record<string, unknown> = {}, requestOptions?: RequestOptions) {
      calls.push({ operation: 'getUsageSeries', query, fresh: requestOptions?.fresh });
      return answer(() => {
        const error = errors.length > 1 ? errors.shift() : errors[0];
        if (error) throw error;
        const interval = (query.interval as UsageInterval | undefined) ?? 'day';
        const from = (query.from as string | undefined) ?? catalogue.first_on ?? '2026-01-01';
        const to = (query.to as string | undefined) ?? catalogue.last_on ?? from;
        const chosen = metrics.filter((m) => !query.metric || m.id === query.metric);
        const series: UsageSeries = { interval, from, to, series: chosen.map((m) => makeSeries(m, from, to, interval, options)) };
        return series;
      }, requestOptions);
    },
    invalidate(resources: Iterable<ResourceName>) {
      const set = new Set(resources);
      for (const listener of listeners) listener(set);
    },
    onInvalidate(listener: InvalidationListener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  // Only the chart's reads: an element that calls anything else fails loudly.
  return api as unknown as FakeUsageApi;
}

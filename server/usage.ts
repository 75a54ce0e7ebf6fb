/**
 * Usage (issue 11) on the database: the catalogue, the records by keyset (sealed cursors), the
 * chart's sums, and the export streamed in keyset batches, so memory stays the same whatever the
 * row count. MemoryAccountApi (src/api/memory-usage.ts) follows the same rules.
 */
import * as z from 'zod/mini';
import { bucketStart, bucketStarts, roundSum } from '../src/api/memory-usage.js';
import type { UsageCatalogue, UsageColumn, UsageMetric, UsagePage, UsageRecord, UsageSeries } from '../src/api/schemas/usage.js';
import { csvHeader, csvRow, metricNameMap, type ExportColumn } from '../src/api/usage-export.js';
import { MAX_USAGE_DAYS_PER_SERIES, type UsageInterval, type UsageInvoicedFilter, type UsageSort } from '../src/api/usage-vocabulary.js';
import type { Queryable } from './db.js';
import { HttpProblem, invalid } from './problem.js';
import { seal, unseal } from './tokens.js';

export interface UsageFilters {
  from?: string;
  to?: string;
  metric?: string;
  invoiced?: UsageInvoicedFilter;
  q?: string;
}

const DAY_MS = 86_400_000;
const DEFAULT_USAGE_LIMIT = 100;
/** Rows per batch of the export. */
export const EXPORT_BATCH = 2_000;

const ISO = `to_char(u.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const RECORD_COLUMNS = `u.id, ${ISO} AS occurred_at, u.quantity::float8 AS quantity, u.quantity::text AS quantity_text, u.unit, u.metric,
  u.description, u.invoice_id, i.number AS invoice_number, u.fields`;
const FROM = 'usage_records u LEFT JOIN invoices i ON i.id = u.invoice_id';

interface RecordRow {
  id: string;
  occurred_at: string;
  quantity: number;
  quantity_text: string;
  unit: string;
  metric: string;
  description: string;
  invoice_id: string | null;
  invoice_number: string | null;
  fields: Record<string, string | number | null>;
}

function toRecord(row: RecordRow): UsageRecord {
  return {
    id: row.id,
    description: row.description,
    occurred_at: row.occurred_at,
    quantity: row.quantity,
    unit: row.unit,
    metric: row.metric,
    invoiced: row.invoice_id !== null,
    invoice: row.invoice_id === null ? null : { id: row.invoice_id, number: row.invoice_number ?? '' },
    fields: row.fields,
  };
}

export async function usageCatalogue(db: Queryable, accountId: string): Promise<UsageCatalogue> {
  const [metrics, columns, [span]] = await Promise.all([
    db.query<UsageMetric>('SELECT id, name, unit FROM usage_metrics WHERE account_id = $1 ORDER BY position', [accountId]),
    db.query<UsageColumn>('SELECT key, label, type FROM usage_columns WHERE account_id = $1 ORDER BY position', [accountId]),
    db.query<{ first_on: string | null; last_on: string | null }>(
      `SELECT to_char(min(occurred_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS first_on, to_char(max(occurred_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS last_on
       FROM usage_records WHERE account_id = $1`,
      [accountId],
    ),
  ]);
  return { metrics, columns, first_on: span?.first_on ?? null, last_on: span?.last_on ?? null };
}

/** The WHERE clause of the filters (alias `u`), its parameters starting with the account's. */
function filterSql(accountId: string, f: UsageFilters): { where: string[]; params: unknown[] } {
  const where = ['u.account_id = $1'];
  const params: unknown[] = [accountId];
  if (f.from) where.push(`u.occurred_at >= ($${params.push(f.from)}::date::timestamp AT TIME ZONE 'UTC')`);
  if (f.to) where.push(`u.occurred_at < (($${params.push(f.to)}::date + 1)::timestamp AT TIME ZONE 'UTC')`);
  if (f.metric) where.push(`u.metric = $${params.push(f.metric)}`);
  if (f.invoiced === 'yes') where.push('u.invoice_id IS NOT NULL');
  if (f.invoiced === 'no') where.push('u.invoice_id IS NULL');
  if (f.q) {
    const n = params.push(`%${f.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`);
    where.push(`(u.description ILIKE $${n}
      OR u.metric IN (SELECT id FROM usage_metrics WHERE account_id = $1 AND name ILIKE $${n})
      OR EXISTS (SELECT 1 FROM jsonb_each(u.fields) f WHERE jsonb_typeof(f.value) = 'string' AND f.value #>> '{}' ILIKE $${n}))`);
  }
  return { where, params };
}

/** ORDER BY and the keyset comparison of each order; ties by date, then id. */
const ORDERS: Record<UsageSort, { order: string; after: (p: (i: number) => number) => string }> = {
  '-date': { order: 'u.occurred_at DESC, u.id DESC', after: (p) => `(u.occurred_at, u.id) < ($${p(1)}::timestamptz, $${p(2)})` },
  date: { order: 'u.occurred_at, u.id', after: (p) => `(u.occurred_at, u.id) > ($${p(1)}::timestamptz, $${p(2)})` },
  '-quantity': {
    order: 'u.quantity DESC, u.occurred_at DESC, u.id DESC',
    after: (p) => `(u.quantity, u.occurred_at, u.id) < ($${p(0)}::numeric, $${p(1)}::timestamptz, $${p(2)})`,
  },
  quantity: {
    order: 'u.quantity, u.occurred_at, u.id',
    after: (p) => `(u.quantity, u.occurred_at, u.id) > ($${p(0)}::numeric, $${p(1)}::timestamptz, $${p(2)})`,
  },
};

/** Records after `key` ([quantity text, occurred_at, id]) in `sort` order, at most `limit`. */
async function recordsAfter(db: Queryable, accountId: string, f: UsageFilters, sort: UsageSort, key: [string, string, string] | undefined, limit: number): Promise<RecordRow[]> {
  const { where, params } = filterSql(accountId, f);
  if (key) {
    const at: number[] = [];
    where.push(ORDERS[sort].after((i) => (at[i] ??= params.push(key[i]))));
  }
  return db.query<RecordRow>(`SELECT ${RECORD_COLUMNS} FROM ${FROM} WHERE ${where.join(' AND ')} ORDER BY ${ORDERS[sort].order} LIMIT $${params.push(limit)}`, params);
}

const CursorPayload = z.object({ a: z.string(), f: z.string(), k: z.tuple([z.string(), z.string(), z.string()]) });

function filterKey(f: UsageFilters, sort: UsageSort): string {
  return JSON.stringify([f.from ?? '', f.to ?? '', f.metric ?? '', f.invoiced ?? 'all', f.q ?? '', sort]);
}

export async function listUsage(
  db: Queryable,
  secret: string,
  accountId: string,
  query: UsageFilters & { sort?: UsageSort; cursor?: string; limit?: number },
): Promise<UsagePage> {
  const sort = query.sort ?? '-date';
  const limit = query.limit ?? DEFAULT_USAGE_LIMIT;
  const bound = filterKey(query, sort);
  let key: [string, string, string] | undefined;
  if (query.cursor !== undefined) {
    const cursor = CursorPayload.safeParse(unseal('cursor', secret, query.cursor));
    if (!cursor.success || cursor.data.a !== accountId || cursor.data.f !== bound) {
      throw invalid('cursor', 'not a cursor this server issued for this query', 'invalid_cursor');
    }
    key = cursor.data.k;
  }
  const { where, params } = filterSql(accountId, query);
  const [rows, [{ count }]] = await Promise.all([
    recordsAfter(db, accountId, query, sort, key, limit + 1),
    db.query<{ count: number }>(`SELECT count(*)::int AS count FROM usage_records u WHERE ${where.join(' AND ')}`, params),
  ]);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    data: page.map(toRecord),
    next_cursor: rows.length > limit && last ? seal('cursor', secret, { a: accountId, f: bound, k: [last.quantity_text, last.occurred_at, last.id] }) : null,
    total_count: count,
  };
}

export async function usageSeries(db: Queryable, accountId: string, query: UsageFilters & { interval?: UsageInterval }, today: string): Promise<UsageSeries> {
  const interval = query.interval ?? 'day';
  const catalogue = await usageCatalogue(db, accountId);
  const from = query.from ?? catalogue.first_on ?? today;
  const to = query.to ?? catalogue.last_on ?? today;
  if (from > to) throw invalid('to', 'expected a day on or after from', 'out_of_range');
  if (interval === 'day' && (Date.parse(to) - Date.parse(from)) / DAY_MS + 1 > MAX_USAGE_DAYS_PER_SERIES) {
    throw new HttpProblem(400, 'range_too_long', `A per-day series spans at most ${MAX_USAGE_DAYS_PER_SERIES} days; ask per week or month.`);
  }
  const { where, params } = filterSql(accountId, { ...query, from, to });
  const unit = params.push(interval);
  const sums = await db.query<{ metric: string; start: string; quantity: number }>(
    `SELECT u.metric, to_char(date_trunc($${unit}, u.occurred_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS start, round(sum(u.quantity), 6)::float8 AS quantity
     FROM usage_records u WHERE ${where.join(' AND ')} GROUP BY 1, 2`,
    params,
  );
  // Zero-filled here: every bucket from the one `from` is in to the one `to` is in (the memory API's buckets).
  const starts = bucketStarts(from, to, interval);
  const index = new Map(starts.map((s, i) => [s, i]));
  const metrics = query.metric ? catalogue.metrics.filter((m) => m.id === query.metric) : catalogue.metrics;
  const byMetric = new Map(metrics.map((m) => [m.id, new Array<number>(starts.length).fill(0)]));
  for (const row of sums) {
    const i = index.get(bucketStart(row.start, interval));
    const points = byMetric.get(row.metric);
    if (points && i !== undefined) points[i] = roundSum(points[i] + row.quantity);
  }
  return {
    interval,
    from,
    to,
    series: metrics.map((m) => ({ metric: m.id, name: m.name, unit: m.unit, points: starts.map((start, i) => ({ start, quantity: byMetric.get(m.id)![i] })) })),
  };
}

/**
 * Every matching record, oldest first, as CSV, in batches of EXPORT_BATCH rows by keyset: a pull
 * stream, so a batch is read only when the client has taken the one before (backpressure) and the
 * server holds one batch at a time.
 */
export function csvExportStream(db: Queryable, accountId: string, filters: UsageFilters, columns: readonly ExportColumn[], metrics: readonly UsageMetric[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const names = metricNameMap(metrics);
  let key: [string, string, string] | undefined;
  let headerSent = false;
  let done = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!headerSent) {
          headerSent = true;
          controller.enqueue(encoder.encode(csvHeader(columns)));
          return;
        }
        if (done) {
          controller.close();
          return;
        }
        const rows = await recordsAfter(db, accountId, filters, 'date', key, EXPORT_BATCH);
        if (rows.length < EXPORT_BATCH) done = true;
        const last = rows.at(-1);
        if (last) key = [last.quantity_text, last.occurred_at, last.id];
        let text = '';
        for (const row of rows) text += csvRow(toRecord(row), columns, names);
        if (text) controller.enqueue(encoder.encode(text));
        if (done) controller.close();
      },
    },
    { highWaterMark: 1 },
  );
}

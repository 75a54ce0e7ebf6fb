/**
 * Usage (issue 11) on the database: the catalogue, the records by keyset (sealed cursors), the
 * chart's sums, and the export streamed in keyset batches, so memory stays the same whatever the
 * row count. MemoryAccountApi (src/api/memory-usage.ts) follows the same rules.
 */
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import * as z from 'zod/mini';
import { bucketStart, bucketStarts, roundSum } from '../src/api/memory-usage.js';
import type { UsageCatalogue, UsageColumn, UsageMetric, UsagePage, UsageRecord, UsageSeries } from '../src/api/schemas/usage.js';
import { cellValue, csvHeader, csvRow, metricNameMap, type ExportColumn } from '../src/api/usage-export.js';
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

/** The date column's number format: the record's time in UTC, as stored (Excel has no time zones). */
export const XLSX_DATE_FORMAT = 'yyyy-mm-dd hh:mm:ss';

/** Half of a surrogate pair without its other half, U+FFFE, U+FFFF: not XML, so not in a sheet (U+FFFD instead, as the CSV's UTF-8 has). */
const NOT_XML = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|[\uFFFE\uFFFF]/g;

/**
 * A cell as exceljs writes it: a number as a numeric cell, a date as a date (its serial number), and
 * anything else as a plain string cell (`t="str"`, never `<f>`): exceljs writes a formula only for a
 * `{formula}` object, which this never passes, so `=1+1` stays the text `=1+1` (no `'` in front,
 * unlike the CSV: the cell's type says it is text). A line break is LF, as in a spreadsheet cell
 * (XML would turn a CR into LF anyway); control characters XML cannot hold are dropped by exceljs.
 */
export function xlsxCell(value: string | number | Date | null): string | number | Date | null {
  if (value === null || value instanceof Date) return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  return String(value).replace(NOT_XML, '\uFFFD').replace(/\r\n?/g, '\n');
}

/** Characters wide: the header's or the first batch's longest text, within 8..60; dates and numbers fixed. */
function columnWidth(column: ExportColumn, sample: ReadonlyArray<ReadonlyArray<string | number | Date | null>>, index: number): number {
  if (column.type === 'date') return 20;
  let longest = column.label.length;
  for (const row of sample) {
    const value = row[index];
    if (value === null || value instanceof Date) continue;
    for (const line of String(value).split('\n')) if (line.length > longest) longest = line.length;
  }
  return Math.min(60, Math.max(column.type === 'number' ? 10 : 8, longest + 2));
}

interface ZipSource extends NodeJS.EventEmitter {
  _readableState?: { length: number };
  _writableState?: { length: number };
}

/**
 * The zip's reading end of the sheet's XML, as exceljs 4.4.0 sets it up (the sheet's StreamBuf
 * piped into a PassThrough that archiver reads). The StreamBuf pushes every committed row into it
 * without waiting (it ignores backpressure), and the zip takes from it only as fast as the file goes
 * out, so what it holds is the backlog the next batch waits for. `taken` runs each time the zip
 * takes a chunk of it (deflate may turn the last of a batch into no output yet, so the file's own
 * bytes cannot tell). exceljs is pinned; this throws at the first export if its insides change,
 * rather than quietly buffering every row.
 */
function sheetBacklog(sheet: ExcelJS.Worksheet, taken: () => void): () => number {
  const source = (sheet as unknown as { stream?: { pipes?: ZipSource[] } }).stream?.pipes?.[0];
  const readable = source?._readableState;
  const writable = source?._writableState;
  if (!source || !readable || !writable) throw new Error('exceljs: the sheet stream is not piped into the zip as in 4.4.0');
  // EventEmitter's own `on`, not the stream's: that one would start the flow itself (before the zip
  // pipes it, the chunks would go to this listener alone and be lost). This one only sees the
  // chunks the zip's pipe reads.
  EventEmitter.prototype.on.call(source, 'data', taken);
  return () => readable.length + writable.length;
}

/**
 * Every matching record, oldest first, as an XLSX workbook (one sheet "Usage": a header row of the
 * column labels, frozen, then one row per record), with exceljs's streaming WorkbookWriter into a
 * PassThrough: the same keyset batches as the CSV, and the next one is read only when the client
 * has taken what the last one became (the PassThrough and the zip's input both empty), so the
 * server holds about one batch however many rows there are. A failure (the database, the zip)
 * errors the stream: the download breaks instead of ending as a valid-looking shorter file.
 */
export function xlsxExportStream(db: Queryable, accountId: string, filters: UsageFilters, columns: readonly ExportColumn[], metrics: readonly UsageMetric[]): ReadableStream<Uint8Array> {
  const names = metricNameMap(metrics);
  const styles: Array<Partial<ExcelJS.Style>> = columns.map((c) => (c.type === 'date' ? { numFmt: XLSX_DATE_FORMAT } : {}));
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  const sheet = workbook.addWorksheet('Usage', { views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }] });
  let key: [string, string, string] | undefined;
  let headerWritten = false;
  let lastBatch = false;
  let failure: { error: unknown } | undefined;
  let wake: (() => void) | undefined;
  const fail = (error: unknown) => {
    failure ??= { error };
    wake?.();
  };
  out.on('error', fail);
  // The zip (archiver) would throw an unhandled 'error' otherwise: exceljs listens only once the file is finishing.
  (workbook as unknown as { zip: NodeJS.EventEmitter }).zip.on('error', fail);
  for (const event of ['readable', 'end']) out.on(event, () => wake?.());
  const backlog = sheetBacklog(sheet, () => wake?.());

  async function writeBatch(): Promise<void> {
    const rows = await recordsAfter(db, accountId, filters, 'date', key, EXPORT_BATCH);
    if (rows.length < EXPORT_BATCH) lastBatch = true;
    const last = rows.at(-1);
    if (last) key = [last.quantity_text, last.occurred_at, last.id];
    const cells = rows.map((row) => {
      const record = toRecord(row);
      return columns.map((c) => xlsxCell(cellValue(record, c.key, names)));
    });
    if (!headerWritten) {
      headerWritten = true;
      sheet.columns = columns.map((c, i) => ({ key: c.key, width: columnWidth(c, cells, i), style: styles[i] }));
      const header = sheet.addRow(columns.map((c) => xlsxCell(c.label)));
      header.font = { bold: true };
      header.commit();
    }
    for (const values of cells) {
      const row = sheet.addRow(values);
      // One style object per column, not a copy per cell: exceljs then finds its id by identity
      // instead of writing and looking up its XML for every cell (a fifth of the time).
      for (let i = 0; i < styles.length; i++) row.getCell(i + 1).style = styles[i];
      row.commit();
    }
    if (lastBatch) {
      sheet.commit();
      // Not awaited here: it settles only once the client has read the file's end.
      workbook.commit().catch(fail);
    }
  }

  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          for (;;) {
            if (failure) throw failure.error;
            const chunk = out.read() as Buffer | null;
            if (chunk !== null) {
              controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
              return;
            }
            if (out.readableEnded) {
              controller.close();
              return;
            }
            if (!lastBatch && backlog() === 0) {
              await writeBatch();
              continue;
            }
            // The zip is still turning rows into bytes (or finishing the file): wait for them.
            await new Promise<void>((resolve) => (wake = resolve));
            wake = undefined;
          }
        } catch (error) {
          // Thrown from pull, it errors the stream: the response is cut off, not ended.
          lastBatch = true;
          out.destroy();
          throw error;
        }
      },
      cancel() {
        lastBatch = true;
        out.destroy();
      },
    },
    { highWaterMark: 1 },
  );
}

/**
 * The usage export's columns and CSV rows, shared by MemoryAccountApi and the reference server so
 * that both write the same file: RFC 4180 (fields with `"`, `,`, CR or LF quoted, quotes doubled,
 * CRLF line ends), a UTF-8 byte-order mark, a header of column labels, and a text cell starting
 * with `=`, `+`, `-`, `@`, a tab or CR prefixed with `'` so a spreadsheet shows it as text.
 */
import type { UsageColumn, UsageMetric, UsageRecord } from './schemas/usage.js';
import { USAGE_FIXED_COLUMNS, type UsageExportFormat } from './usage-vocabulary.js';

export const USAGE_FIXED_LABELS: Readonly<Record<(typeof USAGE_FIXED_COLUMNS)[number], string>> = {
  date: 'Date',
  description: 'Description',
  metric: 'Metric',
  quantity: 'Quantity',
  unit: 'Unit',
  invoiced: 'Invoiced',
  invoice: 'Invoice',
};

export interface ExportColumn {
  key: string;
  label: string;
  /** How a spreadsheet should hold it. */
  type: 'date' | 'string' | 'number' | 'boolean';
}

/** The columns asked for, in order, or the first key the account does not have. */
export function exportColumns(columns: readonly UsageColumn[], requested: readonly string[] | undefined): ExportColumn[] | { unknown: string } {
  const all: ExportColumn[] = [
    ...USAGE_FIXED_COLUMNS.map((key): ExportColumn => ({
      key,
      label: USAGE_FIXED_LABELS[key],
      type: key === 'date' ? 'date' : key === 'quantity' ? 'number' : key === 'invoiced' ? 'boolean' : 'string',
    })),
    ...columns.map((c): ExportColumn => ({ key: c.key, label: c.label, type: c.type })),
  ];
  if (!requested) return all;
  const chosen: ExportColumn[] = [];
  for (const key of requested) {
    const column = all.find((c) => c.key === key);
    if (!column) return { unknown: key };
    chosen.push(column);
  }
  return chosen;
}

/** A cell's value: text, a number, a date (the record's time) or null for an empty cell. */
export function cellValue(record: UsageRecord, key: string, metricNames: ReadonlyMap<string, string>): string | number | Date | null {
  switch (key) {
    case 'date':
      return new Date(record.occurred_at);
    case 'description':
      return record.description;
    case 'metric':
      return metricNames.get(record.metric) ?? record.metric;
    case 'quantity':
      return record.quantity;
    case 'unit':
      return record.unit;
    case 'invoiced':
      return record.invoiced ? 'yes' : 'no';
    case 'invoice':
      return record.invoice?.number ?? null;
    default:
      return record.fields[key] ?? null;
  }
}

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV field: a formula-looking text gets `'` in front, then RFC 4180 quoting. */
export function csvField(value: string | number | Date | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  let text = value instanceof Date ? value.toISOString() : value;
  if (!(value instanceof Date) && FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const CSV_BOM = '\uFEFF';

export function csvHeader(columns: readonly ExportColumn[]): string {
  return `${CSV_BOM}${columns.map((c) => csvField(c.label)).join(',')}\r\n`;
}

export function csvRow(record: UsageRecord, columns: readonly ExportColumn[], metricNames: ReadonlyMap<string, string>): string {
  return `${columns.map((c) => csvField(cellValue(record, c.key, metricNames))).join(',')}\r\n`;
}

export function metricNameMap(metrics: readonly UsageMetric[]): Map<string, string> {
  return new Map(metrics.map((m) => [m.id, m.name]));
}

/** `usage-2026-11-01-to-2026-11-30.csv`; the days are the filter's, or the records' when it has none. */
export function usageExportFilename(from: string | null, to: string | null, format: UsageExportFormat): string {
  return `usage-${from ?? 'start'}-to-${to ?? 'end'}.${format}`;
}

export const USAGE_EXPORT_CONTENT_TYPES: Readonly<Record<UsageExportFormat, string>> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** How long an export link works. */
export const USAGE_EXPORT_TTL_SECONDS = 300;

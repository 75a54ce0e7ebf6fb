import * as z from 'zod/mini';
import { CalendarDate, Id, page, Timestamp } from './common.js';
import { USAGE_COLUMN_TYPES, USAGE_EXPORT_FORMATS, USAGE_INTERVALS, USAGE_INVOICED_FILTERS } from '../usage-vocabulary.js';

/** A key of an optional column: a short identifier (it names a CSV column and a `localStorage` entry). */
export const UsageColumnKey = z.string().check(z.regex(/^[a-z][a-z0-9_]{0,39}$/, 'expected a lower-case identifier of up to 40 characters'));

const FIELD_KEY = /^[a-z][a-z0-9_]{0,39}$/;
const isFieldValue = (value: unknown) => value === null || typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));

/**
 * The optional columns' values by key: an object whose keys are column keys and whose values are
 * text, a number or null. A loose object with a check rather than `z.record` of a `z.union`: those
 * two would put their zod code in the HTTP client every page loads (0.9 kB gzip), for one field.
 */
export const UsageFields = z
  .looseObject({})
  .check(
    z.refine(
      (value) => Object.entries(value).every(([key, field]) => FIELD_KEY.test(key) && isFieldValue(field)),
      'expected column keys with text, a number or null',
    ),
  );

/** What is metered (API requests, storage, minutes), in which unit its quantities are. */
export const UsageMetric = z.object({
  id: Id,
  name: z.string(),
  /** The unit word as the server gives it (`requests`, `GB`, `minutes`). */
  unit: z.string(),
});
export type UsageMetric = z.infer<typeof UsageMetric>;

/** An extra field the server keeps on its records (project, region, user), shown as an optional column. */
export const UsageColumn = z.object({
  key: UsageColumnKey,
  label: z.string(),
  type: z.enum(USAGE_COLUMN_TYPES),
});
export type UsageColumn = z.infer<typeof UsageColumn>;

/** The account's metrics and optional columns, and the days its records span (null: no records). */
export const UsageCatalogue = z.object({
  metrics: z.array(UsageMetric),
  columns: z.array(UsageColumn),
  first_on: z.nullable(CalendarDate),
  last_on: z.nullable(CalendarDate),
});
export type UsageCatalogue = z.infer<typeof UsageCatalogue>;

/** One usage record: what was used, when, how much; and whether it is on an invoice yet. */
export const UsageRecord = z.object({
  id: Id,
  description: z.string(),
  occurred_at: Timestamp,
  /** Decimal quantities are allowed (GB, hours). */
  quantity: z.number(),
  unit: z.string(),
  /** A metric id of the catalogue. */
  metric: Id,
  invoiced: z.boolean(),
  /** The invoice it was billed on, when invoiced. */
  invoice: z.nullable(z.object({ id: Id, number: z.string() })),
  /** The optional columns' values by key (text, a number or null); a missing key is an empty cell. */
  fields: UsageFields,
});
/** `fields` typed as what the check allows. */
export type UsageRecord = Omit<z.infer<typeof UsageRecord>, 'fields'> & { fields: Record<string, string | number | null> };

export const UsagePage = page(UsageRecord);
export type UsagePage = z.infer<typeof UsagePage>;

/** The sum of one bucket: the day, the Monday of the week or the first of the month it starts on. */
export const UsagePoint = z.object({ start: CalendarDate, quantity: z.number() });
export type UsagePoint = z.infer<typeof UsagePoint>;

/**
 * Usage per metric over the filtered period, every bucket from `from` to `to` present (zero when
 * nothing was used), oldest first.
 */
export const UsageSeries = z.object({
  interval: z.enum(USAGE_INTERVALS),
  from: CalendarDate,
  to: CalendarDate,
  series: z.array(z.object({ metric: Id, name: z.string(), unit: z.string(), points: z.array(UsagePoint) })),
});
export type UsageSeries = z.infer<typeof UsageSeries>;

/** The filters of an export, as the list's, and its format. */
export const NewUsageExport = z.object({
  format: z.enum(USAGE_EXPORT_FORMATS),
  from: z.optional(CalendarDate),
  to: z.optional(CalendarDate),
  metric: z.optional(Id),
  invoiced: z.optional(z.enum(USAGE_INVOICED_FILTERS)),
  q: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
  /** The columns to write, in order (the table's chosen ones); absent: every column. */
  columns: z.optional(z.array(z.string().check(z.minLength(1), z.maxLength(40))).check(z.maxLength(50))),
});
export type NewUsageExport = z.infer<typeof NewUsageExport>;

/** A short-lived signed link that downloads the export: the link is the credential, no token in it. */
export const UsageExportLink = z.object({
  url: z.string(),
  expires_at: Timestamp,
  /** The file name the download is offered under. */
  filename: z.string(),
});
export type UsageExportLink = z.infer<typeof UsageExportLink>;

import { NewUsageExport, UsageCatalogue, UsageExportLink, UsagePage, UsageSeries } from '../schemas/usage.js';
import { MAX_USAGE_PAGE_SIZE, USAGE_INTERVALS, USAGE_INVOICED_FILTERS, USAGE_SORTS } from '../usage-vocabulary.js';
import { operation, type DocsFor } from './operation.js';
import { dateParam, enumParam, integerParam, pageParamDocs, stringParam } from './params.js';

/** The filters shared by the list, the chart and the export. */
const usageFilters = {
  from: dateParam(),
  to: dateParam(),
  metric: stringParam({ minLength: 1, maxLength: 200 }),
  invoiced: enumParam(USAGE_INVOICED_FILTERS, { default: 'all' }),
  q: stringParam({ minLength: 1, maxLength: 100 }),
};

const usageFilterDocs = {
  from: 'The first day, inclusive (UTC).',
  to: 'The last day, inclusive (UTC).',
  metric: 'One metric id of the catalogue.',
  invoiced: '`yes`: records on an invoice; `no`: not invoiced yet; `all` (default).',
  q: 'Text the description, the metric\'s name or a text column contains, case-insensitive.',
};

/** Metered usage: the records, their sums for the chart, and exports. */
export const usageOperations = {
  /** The account's metrics, the optional columns its records carry, and the days they span. */
  getUsageCatalogue: operation({
    method: 'GET',
    path: '/usage/catalogue',
    status: 200,
    response: UsageCatalogue,
    auth: 'bearer',
    capability: 'usage:read',
    idempotency: 'none',
    reads: ['usage'],
  }),

  /** Usage records matching the filters, in the chosen order, cursor-paginated. */
  listUsage: operation({
    method: 'GET',
    path: '/usage',
    query: {
      ...usageFilters,
      sort: enumParam(USAGE_SORTS, { default: '-date' }),
      cursor: stringParam({ minLength: 1, maxLength: 512 }),
      limit: integerParam({ minimum: 1, maximum: MAX_USAGE_PAGE_SIZE }),
    },
    status: 200,
    response: UsagePage,
    auth: 'bearer',
    capability: 'usage:read',
    idempotency: 'none',
    reads: ['usage'],
  }),

  /** The filtered usage summed per metric and day, week or month: what the chart draws. */
  getUsageSeries: operation({
    method: 'GET',
    path: '/usage/series',
    query: { ...usageFilters, interval: enumParam(USAGE_INTERVALS, { default: 'day' }) },
    status: 200,
    response: UsageSeries,
    auth: 'bearer',
    capability: 'usage:read',
    idempotency: 'none',
    reads: ['usage'],
  }),

  /** A short-lived signed link to the filtered records as CSV or XLSX. */
  createUsageExport: operation({
    method: 'POST',
    path: '/usage/exports',
    body: NewUsageExport,
    status: 201,
    response: UsageExportLink,
    auth: 'bearer',
    capability: 'usage:read',
    idempotency: 'none',
    invalidates: [],
  }),
};

export const usageDocs: DocsFor<typeof usageOperations> = {
  getUsageCatalogue: {
    summary: 'The account\'s usage metrics, the optional columns of its records, and the first and last day with usage.',
    description: 'Column labels are in the language of `Accept-Language` when the server has them.',
    tags: ['usage'],
  },
  listUsage: {
    summary: 'Usage records matching the filters, newest first by default, cursor-paginated (up to 1,000 a page).',
    description:
      '`total_count` is the number of records matching the filters. A cursor is bound to the filters and the order it was issued for.',
    tags: ['usage'],
    params: {
      ...usageFilterDocs,
      sort: '`-date` (default, newest first), `date`, `-quantity` (largest first) or `quantity`; ties by id.',
      ...pageParamDocs,
      limit: 'Page size (default 100, at most 1,000).',
    },
  },
  getUsageSeries: {
    summary: 'The filtered usage summed per metric and day, week (from Monday) or month, every bucket from `from` to `to`.',
    description:
      'Without `from` and `to` the series span the account\'s records (the catalogue\'s `first_on` and `last_on`). ' +
      'Per day, the range is at most 1,000 days; a longer one answers 400 (`code: range_too_long`).',
    tags: ['usage'],
    problems: { 400: { description: 'A per-day series over more than 1,000 days.', codes: ['range_too_long'] } },
    params: { ...usageFilterDocs, interval: '`day` (default), `week` or `month`.' },
  },
  createUsageExport: {
    summary: 'A signed link, valid for five minutes, that downloads the filtered records as CSV or XLSX.',
    description:
      'The link is the credential (no token in a URL) and carries the filters; the server streams every matching record, with no row limit. ' +
      'CSV is RFC 4180, UTF-8 with a byte-order mark; a cell starting with `=`, `+`, `-` or `@` is prefixed with `\'` so a spreadsheet shows it as text. ' +
      'XLSX is one sheet with a frozen header row of the column labels; quantities and number columns are numeric cells, the date a date cell ' +
      '(UTC, `yyyy-mm-dd hh:mm:ss`), everything else a string cell, never a formula, so it needs no `\'`.',
    tags: ['usage'],
    problems: { 422: { description: 'An unknown column, or a metric the account does not have.', codes: ['unknown_column', 'unknown_metric'] } },
  },
};

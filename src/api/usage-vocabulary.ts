/**
 * The usage contract's fixed words (issue 11), apart from vocabulary.ts so that the billing
 * elements' shared code does not carry them.
 */

/** The orders of the usage list: by when it was used or by quantity, `-` for descending. */
export const USAGE_SORTS = ['-date', 'date', '-quantity', 'quantity'] as const;
export type UsageSort = (typeof USAGE_SORTS)[number];

/** The invoiced filter: every record, the ones on an invoice, or the ones not invoiced yet. */
export const USAGE_INVOICED_FILTERS = ['all', 'yes', 'no'] as const;
export type UsageInvoicedFilter = (typeof USAGE_INVOICED_FILTERS)[number];

/** How the chart sums usage: per day, per week (ISO weeks, from Monday) or per month (UTC). */
export const USAGE_INTERVALS = ['day', 'week', 'month'] as const;
export type UsageInterval = (typeof USAGE_INTERVALS)[number];

export const USAGE_EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type UsageExportFormat = (typeof USAGE_EXPORT_FORMATS)[number];

/** What an optional column the server declares holds: text or a number. */
export const USAGE_COLUMN_TYPES = ['string', 'number'] as const;
export type UsageColumnType = (typeof USAGE_COLUMN_TYPES)[number];

/** The largest page of usage records: the table windows tens of thousands of rows, 100 a request would be hundreds of requests. */
export const MAX_USAGE_PAGE_SIZE = 1000;

/** The longest range the chart sums per day; longer ranges answer 400 and the chart asks per week or month. */
export const MAX_USAGE_DAYS_PER_SERIES = 1000;

/**
 * The columns every usage record has, in their default order; the table and the export name the
 * server's optional columns by their keys after these.
 */
export const USAGE_FIXED_COLUMNS = ['date', 'description', 'metric', 'quantity', 'unit', 'invoiced', 'invoice'] as const;
export type UsageFixedColumn = (typeof USAGE_FIXED_COLUMNS)[number];

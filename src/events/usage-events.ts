/**
 * The usage table's events, apart from index.ts so that the other elements' shared code does not
 * carry them (exported from the package root like every event).
 */
import type { UsageInvoicedFilter, UsageSort } from '../api/usage-vocabulary.js';

const init = { bubbles: true, composed: true } as const;

/** The usage table's filters and order; a filter not set is absent. */
export interface UsageQueryDetail {
  from?: string;
  to?: string;
  metric?: string;
  invoiced?: UsageInvoicedFilter;
  q?: string;
  sort: UsageSort;
}

/**
 * `acct-usage-query-change`: the customer changed a filter or the order of `acct-usage-table`.
 * A host hands the filters to `acct-usage-chart` (the same attribute names) or to its URL.
 */
export class AcctUsageQueryChangeEvent extends Event {
  static readonly type = 'acct-usage-query-change';
  constructor(readonly detail: UsageQueryDetail) {
    super(AcctUsageQueryChangeEvent.type, init);
  }
}

export interface UsageColumnsDetail {
  /** The keys of the columns shown, in order. */
  columns: string[];
}

/** `acct-usage-columns-change`: the customer showed, hid or moved a column of `acct-usage-table`. */
export class AcctUsageColumnsChangeEvent extends Event {
  static readonly type = 'acct-usage-columns-change';
  constructor(readonly detail: UsageColumnsDetail) {
    super(AcctUsageColumnsChangeEvent.type, init);
  }
}

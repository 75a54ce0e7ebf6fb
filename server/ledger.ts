/**
 * The transaction history (GET /transactions), derived in SQL from what moved money, by the memory
 * twin's rules (src/api/memory-licensing.ts `ledger()`):
 * - every invoice that is not void or draft adds its total: a `license_purchase` when an order made
 *   it (at the order's time, with the order and its prorated period, linked to the sales order),
 *   else an `invoice` on its issue day at 00:00 UTC (linked to the invoice PDF);
 * - every succeeded, processing or refunded payment takes its amount off (`payment`); a refunded
 *   one adds it back (`refund`, when it settled);
 * - every credit (what disabling an add-on leaves) takes its original amount off (`credit`, at the
 *   moment it was made, its reference as the description). An add-on's invoice is an `invoice`.
 * Entries are ordered by (occurred_at, rank: invoice 0, payment and credit 1, refund 2, id); `balance_after`
 * is the running sum over the account's whole ledger (a filter narrows the rows, not the sum), so
 * the newest entry's balance is the account's balance.
 */
import type { Transaction } from '../src/api/schemas/transaction.js';
import type { Queryable } from './db.js';
import { iso } from './payments.js';

export interface LedgerFilter {
  /** One TRANSACTION_TYPES word, or `all`. */
  type: string;
  /** First and last UTC day, inclusive. */
  from: string | null;
  to: string | null;
}

/** Where a page continues: the last row's (occurred_at, rank, id). */
export type LedgerPosition = [occurredAt: string, rank: number, id: string];

export interface LedgerLinks {
  invoicePdf(invoiceId: string): string;
  salesOrderPdf(orderId: string): string;
}

/**
 * The account's entries, with only what orders them and sums them (the text of a row is added for
 * the page alone: building it for every entry of a 20,000-entry ledger cost most of the query). Ids
 * compare in the C collation, so the order of ties is the same on every database, whatever its
 * default collation.
 */
const ENTRIES = `
  SELECT ('tx_' || i.id) COLLATE "C" AS id, CASE WHEN o.id IS NULL THEN 'invoice' ELSE 'license_purchase' END AS type,
    COALESCE(o.created_at, i.issued_on::timestamp AT TIME ZONE 'UTC') AS occurred_at, 0 AS rank, i.total_amount AS amount,
    i.id AS invoice_id, NULL::text AS payment_id, o.id AS order_id, NULL::text AS credit_id
  FROM invoices i LEFT JOIN license_orders o ON o.id = i.order_id
  WHERE i.account_id = $1 AND i.status NOT IN ('void', 'draft')
  UNION ALL
  SELECT ('tx_' || p.id) COLLATE "C", 'payment', p.created_at, 1, -p.amount, NULL, p.id, NULL, NULL
  FROM payments p
  WHERE p.account_id = $1 AND p.status IN ('succeeded', 'processing', 'refunded')
  UNION ALL
  SELECT ('tx_' || p.id || '_refund') COLLATE "C", 'refund', COALESCE(p.settled_at, p.created_at), 2, p.amount, NULL, p.id, NULL, NULL
  FROM payments p
  WHERE p.account_id = $1 AND p.status = 'refunded'
  UNION ALL
  SELECT ('tx_' || c.id) COLLATE "C", 'credit', c.created_at, 1, -c.original_amount, NULL, NULL, NULL, c.id
  FROM credits c
  WHERE c.account_id = $1`;

/** What a page's rows show, joined to the page only (aliases: the page `e`, its invoice, order and payment). */
const DETAILS = `e.id, e.type, ${iso('e.occurred_at')} AS occurred_at, e.rank, e.amount::float8 AS amount, e.balance::float8 AS balance_after,
  CASE e.type
    WHEN 'invoice' THEN 'Invoice ' || i.number
    WHEN 'license_purchase' THEN o.additional_quantity || ' × ' || o.product_name
    WHEN 'payment' THEN CASE WHEN p.payment_method_label IS NULL THEN 'Payment' ELSE 'Payment, ' || p.payment_method_label END
    WHEN 'credit' THEN c.reference
    ELSE 'Refund' END AS description,
  CASE WHEN e.type = 'payment' THEN first.invoice_id ELSE e.invoice_id END AS invoice_id,
  CASE WHEN e.type = 'payment' THEN first.invoice_number ELSE i.number END AS invoice_number,
  e.payment_id, o.id AS order_id, o.number AS order_number, o.period_start::text AS period_start, o.period_end::text AS period_end,
  o.period_months, o.period_days`;
const DETAIL_JOINS = `LEFT JOIN invoices i ON i.id = e.invoice_id
  LEFT JOIN license_orders o ON o.id = e.order_id
  LEFT JOIN payments p ON p.id = e.payment_id
  LEFT JOIN credits c ON c.id = e.credit_id
  LEFT JOIN LATERAL (
    SELECT a.invoice_id, a.invoice_number FROM payment_allocations a WHERE a.payment_id = e.payment_id AND e.type = 'payment' ORDER BY a.position LIMIT 1
  ) first ON true`;

interface EntryRow {
  id: string;
  type: string;
  occurred_at: string;
  rank: number;
  description: string;
  amount: number;
  balance_after: number;
  invoice_id: string | null;
  invoice_number: string | null;
  payment_id: string | null;
  order_id: string | null;
  order_number: string | null;
  period_start: string | null;
  period_end: string | null;
  period_months: number | null;
  period_days: number | null;
}

/** One entry as the API's Transaction, with the same members per type as the memory twin's. */
function toTransaction(row: EntryRow, currency: string, links: LedgerLinks): Transaction {
  const money = (amount: number) => ({ amount, currency });
  const base = { id: row.id, type: row.type, occurred_at: row.occurred_at, description: row.description, amount: money(row.amount) };
  const balance = { balance_after: money(row.balance_after) };
  if (row.type === 'payment') {
    return { ...base, invoice_id: row.invoice_id, invoice_number: row.invoice_number, payment_id: row.payment_id, ...balance };
  }
  if (row.type === 'refund') return { ...base, payment_id: row.payment_id, ...balance };
  if (row.type === 'credit') return { ...base, ...balance };
  const order = row.order_id !== null;
  return {
    ...base,
    invoice_id: row.invoice_id,
    invoice_number: row.invoice_number,
    order_id: row.order_id,
    order_number: row.order_number,
    period: order ? { start: row.period_start!, end: row.period_end!, months: row.period_months!, days: row.period_days! } : null,
    document_url: order ? links.salesOrderPdf(row.order_id!) : links.invoicePdf(row.invoice_id!),
    ...balance,
  };
}

/**
 * One page of the ledger, newest first, after `after`: the running balance over every entry, then
 * the filter, then the keyset. The total (of the filtered rows) comes with the first page only.
 */
export async function listTransactions(
  db: Queryable,
  accountId: string,
  filter: LedgerFilter,
  limit: number,
  after: LedgerPosition | undefined,
  links: LedgerLinks,
): Promise<{ transactions: Transaction[]; last: LedgerPosition | undefined; more: boolean; total: number | null }> {
  const params: unknown[] = [accountId];
  const filters: string[] = [];
  if (filter.type !== 'all') filters.push(`type = $${params.push(filter.type)}`);
  if (filter.from) filters.push(`occurred_at >= $${params.push(filter.from)}::date::timestamp AT TIME ZONE 'UTC'`);
  if (filter.to) filters.push(`occurred_at < ($${params.push(filter.to)}::date + 1)::timestamp AT TIME ZONE 'UTC'`);
  const pageConditions = [...filters];
  if (after) pageConditions.push(`(occurred_at, rank, id) < ($${params.push(after[0])}::timestamptz, $${params.push(after[1])}::int, $${params.push(after[2])} COLLATE "C")`);
  const where = (conditions: string[]) => (conditions.length ? `WHERE ${conditions.join(' AND ')}` : '');
  // The total of the filtered rows with the first page only (a cursor's page says null).
  const total = after ? 'NULL::int' : `(SELECT count(*)::int FROM ledger ${where(filters)})`;
  const rows = await db.query<EntryRow & { total: number | null }>(
    `WITH entries AS (${ENTRIES}),
     ledger AS (SELECT *, sum(amount) OVER (ORDER BY occurred_at, rank, id ROWS UNBOUNDED PRECEDING) AS balance FROM entries),
     page AS (SELECT * FROM ledger ${where(pageConditions)} ORDER BY occurred_at DESC, rank DESC, id DESC LIMIT $${params.push(limit + 1)})
     SELECT ${DETAILS}, ${total} AS total
     FROM page e ${DETAIL_JOINS}
     ORDER BY e.occurred_at DESC, e.rank DESC, e.id DESC`,
    params,
  );
  const [account] = await db.query<{ currency: string }>('SELECT currency FROM accounts WHERE id = $1', [accountId]);
  const currency = account?.currency ?? 'USD';
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    transactions: page.map((row) => toTransaction(row, currency, links)),
    last: last && [last.occurred_at, last.rank, last.id],
    more: rows.length > limit,
    total: after ? null : (rows[0]?.total ?? 0),
  };
}

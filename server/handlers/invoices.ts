import * as z from 'zod/mini';
import type { invoiceOperations } from '../../src/api/operations/invoices.js';
import type { linkOperations } from '../../src/api/operations/links.js';
import { DEFAULT_PAGE_SIZE } from '../../src/api/operations/params.js';
import type { InvoiceDetail, InvoicePage, InvoiceSummary } from '../../src/api/schemas/invoice.js';
import { PAYABLE_STATUSES } from '../../src/api/vocabulary.js';
import { renderInvoicePdf } from '../pdf.js';
import { HttpProblem, invalid } from '../problem.js';
import type { Handlers } from '../routes.js';
import { seal, unseal } from '../tokens.js';
import type { HandlerContext } from './context.js';

export { PDF_URL_STEP_MS, PDF_URL_TTL_MS } from '../document-links.js';

/**
 * The invoice detail document with the columns a payment changes (status, amount due) laid over
 * it: the document is written once at issue, the columns are current. Expects the alias `i`.
 */
const CURRENT_DETAIL = `i.detail || jsonb_build_object('status', i.status, 'amount_due', jsonb_build_object('amount', i.amount_due, 'currency', i.currency)) AS detail`;

/**
 * For a paid invoice (alias `i`), what paid it off — the last succeeded payment with an allocation
 * to it, or the last credit applied to it when that came later — and when, as `paid.payment_id`
 * (null when a credit paid it off) and `paid.paid_at` (ISO 8601 UTC, milliseconds, as payments
 * write instants); both null for an invoice that is not paid.
 */
const PAID_BY = `LEFT JOIN LATERAL (
  SELECT payment_id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS paid_at FROM (
    SELECT p.id AS payment_id, COALESCE(p.settled_at, p.created_at) AS at
    FROM payment_allocations a JOIN payments p ON p.id = a.payment_id AND p.account_id = i.account_id
    WHERE a.invoice_id = i.id AND i.status = 'paid' AND p.status = 'succeeded'
    UNION ALL
    SELECT NULL, ca.applied_at FROM credit_applications ca WHERE ca.invoice_id = i.id AND i.status = 'paid'
  ) paying ORDER BY at DESC, payment_id DESC NULLS LAST LIMIT 1
) paid ON true`;

/** The cursor's content: the keyset position, bound to the account and the filter it was issued for. */
const CursorPayload = z.object({ a: z.string(), s: z.string(), k: z.tuple([z.iso.date(), z.string()]) });

/** id, number, status, issued_on, due_on, currency, total_amount, amount_due. */
type SummaryTuple = [string, string, string, string, string | null, string, number, number];
// One json column per row instead of eight: PGlite decodes every field of every row in JS (an
// ArrayBuffer copy and a TextDecoder call each), which cost more than the query itself; one
// JSON.parse per row makes a 50-row page 0.5-0.8 ms cheaper. json renders dates as YYYY-MM-DD and
// bigints as plain numbers, as the ::text casts and Number() did before.
const SUMMARY_COLUMN = 'json_build_array(id, number, status, issued_on, due_on, currency, total_amount, amount_due) AS summary';

export function invoiceHandlers({ db, secret, sweep, publicOrigin, links }: HandlerContext): Handlers<typeof invoiceOperations & Pick<typeof linkOperations, 'getInvoicePdf'>> {
  // Cached per invoice and expiry step: a 50-row page signed 50 links per request.
  const pdfUrl = links.invoicePdf;

  const toSummary = (origin: string, [id, number, status, issued_on, due_on, currency, total, amountDue]: SummaryTuple): InvoiceSummary => ({
    id,
    number,
    status,
    issued_on,
    due_on,
    total: { amount: total, currency },
    amount_due: { amount: amountDue, currency },
    pdf_url: pdfUrl(origin, id),
  });

  return {
    async listInvoices({ claims, query }) {
      const filter = query.status ?? 'all';
      const limit = query.limit ?? DEFAULT_PAGE_SIZE;
      let after: [string, string] | undefined;
      if (query.cursor !== undefined) {
        const cursor = CursorPayload.safeParse(unseal('cursor', secret, query.cursor));
        if (!cursor.success || cursor.data.a !== claims.account_id || cursor.data.s !== filter) {
          throw invalid('cursor', 'not a cursor this server issued for this query', 'invalid_cursor');
        }
        after = cursor.data.k;
      }
      await sweep.beforeRead();
      const statuses = filter === 'all' ? null : filter === 'open' ? [...PAYABLE_STATUSES] : [filter];
      const where = ['account_id = $1'];
      const params: unknown[] = [claims.account_id];
      if (statuses) where.push(`status = ANY($${params.push(statuses)}::text[])`);
      const countWhere = where.join(' AND ');
      const countParams = [...params];
      if (after) where.push(`(invoices.issued_on, invoices.id) < ($${params.push(after[0])}::date, $${params.push(after[1])})`);
      // Qualified names: an unqualified ORDER BY would bind to an output column of the same name (it
      // did when the select list cast issued_on to text) and sort instead of walking the keyset
      // index. The total is counted on the first page only (later pages answer null): counting
      // every page costs more than the page itself.
      const [rows, counted] = await Promise.all([
        db.query<{ summary: SummaryTuple }>(
          `SELECT ${SUMMARY_COLUMN} FROM invoices WHERE ${where.join(' AND ')} ORDER BY invoices.issued_on DESC, invoices.id DESC LIMIT $${params.push(limit + 1)}`,
          params,
        ),
        after ? Promise.resolve(undefined) : db.query<{ count: number }>(`SELECT count(*)::int AS count FROM invoices WHERE ${countWhere}`, countParams),
      ]);
      const count = counted?.[0]?.count ?? null;
      const pageRows = rows.slice(0, limit).map((row) => row.summary);
      const [lastId, , , lastIssuedOn] = pageRows.at(-1) ?? [];
      const origin = publicOrigin();
      const page: InvoicePage = {
        data: pageRows.map((row) => toSummary(origin, row)),
        next_cursor:
          rows.length > limit && lastId !== undefined && lastIssuedOn !== undefined
            ? seal('cursor', secret, { a: claims.account_id, s: filter, k: [lastIssuedOn, lastId] })
            : null,
        total_count: count,
      };
      return page;
    },

    async getInvoice({ claims, params }) {
      // Scoped to the token's account: another account's invoice is "not found", not "forbidden".
      await sweep.beforeRead();
      const [row] = await db.query<{ detail: Omit<InvoiceDetail, 'pdf_url'>; payment_id: string | null; paid_at: string | null }>(
        `SELECT ${CURRENT_DETAIL}, paid.payment_id, paid.paid_at FROM invoices i ${PAID_BY} WHERE i.id = $1 AND i.account_id = $2`,
        [params.id, claims.account_id],
      );
      if (!row) throw new HttpProblem(404, 'not_found', 'No such invoice.');
      const detail: InvoiceDetail = { ...row.detail, paid_at: row.paid_at, payment_id: row.payment_id, pdf_url: pdfUrl(publicOrigin(), params.id) };
      return detail;
    },

    // The PDF link is signed and expiring (it is opened by the browser, without the bearer token);
    // the route layer has checked the signature.
    async getInvoicePdf({ c, params, query }) {
      await sweep.beforeRead();
      const [row] = await db.query<{ detail: Omit<InvoiceDetail, 'pdf_url'>; name: string }>(
        `SELECT ${CURRENT_DETAIL}, a.name FROM invoices i JOIN accounts a ON a.id = i.account_id WHERE i.id = $1`,
        [params.id],
      );
      if (!row) throw new HttpProblem(404, 'not_found', 'No such invoice.');
      const pdf = await renderInvoicePdf({ ...row.detail, pdf_url: null }, { name: row.name });
      return c.body(pdf as Uint8Array<ArrayBuffer>, 200, {
        'Content-Type': 'application/pdf',
        // A download named after the invoice; `disposition=inline` shows it in the browser instead.
        'Content-Disposition': `${query.disposition ?? 'attachment'}; filename="${row.detail.number.replace(/[^\w.-]/g, '_')}.pdf"`,
        'Cache-Control': 'private, no-store',
      });
    },
  };
}

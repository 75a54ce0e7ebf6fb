/// <reference types="node" />
/**
 * What the upgrade tests (a database seeded by an older version of the server) share: the
 * invoices of a fixture account as every version has stored them, detail document and all.
 */
import type { InvoiceDetail } from '../../src/api/schemas/invoice.js';
import type { Queryable } from '../../server/db.js';

/** The invoices' rows as the first version wrote them (the columns of 001; the detail without `pdf_url`, which is signed per response). */
export async function insertInvoicesAsSeeded(db: Queryable, accountId: string, invoices: InvoiceDetail[]): Promise<void> {
  for (const invoice of invoices) {
    const { pdf_url: _pdf, ...detail } = invoice;
    await db.query(
      `INSERT INTO invoices (id, account_id, number, status, issued_on, due_on, currency, total_amount, amount_due, detail)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [invoice.id, accountId, invoice.number, invoice.status, invoice.issued_on, invoice.due_on, invoice.total.currency, invoice.total.amount, invoice.amount_due.amount, JSON.stringify(detail)],
    );
  }
}

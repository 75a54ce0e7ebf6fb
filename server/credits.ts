/**
 * Credits (issue 11): applying what is left of them to open invoices, and the credits list with
 * where each one went. The rule is the shared one of src/api/credits.ts, as the memory API's.
 */
import { planCreditApplications, type CreditToApply, type InvoiceToPay } from '../src/api/credits.js';
import type { Credit, CreditApplication } from '../src/api/schemas/credit.js';
import type { CreditFilter } from '../src/api/credit-vocabulary.js';
import type { Database, Queryable } from './db.js';
import { newId } from './payments.js';

/**
 * Applies the account's available credit to its open and overdue invoices, in a transaction of its
 * own: the invoices are locked first, by id, as a payment locks them, so a payment and an
 * application of the same account wait for each other instead of deadlocking. Called after a
 * credit is made and after an open invoice is made; running it again when nothing is left to pay
 * or to pay with changes nothing. Returns how many applications it made.
 */
export async function applyAvailableCredit(db: Database, accountId: string, now = new Date()): Promise<number> {
  const today = now.toISOString().slice(0, 10);
  // Most accounts have no credit: no transaction and no invoice locks for them.
  const [any] = await db.query('SELECT 1 FROM credits WHERE account_id = $1 AND remaining_amount > 0 AND (expires_on IS NULL OR expires_on >= $2::date) LIMIT 1', [
    accountId,
    today,
  ]);
  if (!any) return 0;
  return db.transaction(async (tx) => {
    const invoices = await tx.query<InvoiceToPay>(
      `SELECT id, status, issued_on::text AS issued_on, due_on::text AS due_on, amount_due::float8 AS amount_due, currency
       FROM invoices WHERE account_id = $1 AND status IN ('open', 'overdue') AND amount_due > 0 ORDER BY id FOR UPDATE`,
      [accountId],
    );
    if (invoices.length === 0) return 0;
    const credits = await tx.query<CreditToApply>(
      `SELECT id, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at, remaining_amount::float8 AS remaining, currency,
         expires_on::text AS expires_on
       FROM credits WHERE account_id = $1 AND remaining_amount > 0 AND (expires_on IS NULL OR expires_on >= $2::date) ORDER BY id FOR UPDATE`,
      [accountId, today],
    );
    const plan = planCreditApplications(credits, invoices, today);
    const appliedAt = now.toISOString();
    for (const step of plan) {
      await tx.query('INSERT INTO credit_applications (id, account_id, credit_id, invoice_id, amount, applied_at) VALUES ($1, $2, $3, $4, $5, $6)', [
        newId('cra'),
        accountId,
        step.credit_id,
        step.invoice_id,
        step.amount,
        appliedAt,
      ]);
      await tx.query('UPDATE credits SET remaining_amount = remaining_amount - $2 WHERE id = $1', [step.credit_id, step.amount]);
      await tx.query(`UPDATE invoices SET amount_due = amount_due - $2, status = CASE WHEN $3 THEN 'paid' ELSE status END WHERE id = $1`, [
        step.invoice_id,
        step.amount,
        step.pays_off,
      ]);
    }
    return plan.length;
  });
}

interface CreditRow {
  id: string;
  created_at: string;
  original_amount: number;
  remaining_amount: number;
  currency: string;
  reference: string;
  expires_on: string | null;
  applications: Array<{ invoice_id: string; invoice_number: string; amount: number; applied_at: string }>;
}

const INSTANT = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/** One keyset page of credits, newest first, after `after` = [created_at, id] of the last row shown. */
export async function listCredits(db: Queryable, accountId: string, filter: CreditFilter, limit: number, after?: [string, string]) {
  const params: unknown[] = [accountId];
  const where = ['c.account_id = $1'];
  if (filter === 'available') where.push(`c.remaining_amount > 0 AND (c.expires_on IS NULL OR c.expires_on >= (now() AT TIME ZONE 'UTC')::date)`);
  const countWhere = where.join(' AND ');
  const countParams = [...params];
  if (after) where.push(`(c.created_at, c.id) < ($${params.push(after[0])}::timestamptz, $${params.push(after[1])})`);
  const [rows, counted] = await Promise.all([
    db.query<CreditRow>(
      `SELECT c.id, to_char(c.created_at AT TIME ZONE 'UTC', ${INSTANT}) AS created_at, c.original_amount::float8 AS original_amount,
         c.remaining_amount::float8 AS remaining_amount, c.currency, c.reference, c.expires_on::text AS expires_on,
         COALESCE((
           SELECT json_agg(json_build_object('invoice_id', i.id, 'invoice_number', i.number, 'amount', ca.amount,
             'applied_at', to_char(ca.applied_at AT TIME ZONE 'UTC', ${INSTANT})) ORDER BY ca.applied_at, ca.id)
           FROM credit_applications ca JOIN invoices i ON i.id = ca.invoice_id WHERE ca.credit_id = c.id
         ), '[]'::json) AS applications
       FROM credits c WHERE ${where.join(' AND ')} ORDER BY c.created_at DESC, c.id DESC LIMIT $${params.push(limit + 1)}`,
      params,
    ),
    after ? Promise.resolve(undefined) : db.query<{ count: number }>(`SELECT count(*)::int AS count FROM credits c WHERE ${countWhere}`, countParams),
  ]);
  const credits = rows.slice(0, limit).map(toCredit);
  const last = rows.length > limit ? rows[limit - 1] : undefined;
  return { credits, next: last ? ([last.created_at, last.id] as [string, string]) : null, total: counted?.[0]?.count ?? null };
}

function toCredit(row: CreditRow): Credit {
  const money = (amount: number) => ({ amount: Number(amount), currency: row.currency });
  const applications: CreditApplication[] = row.applications.map((a) => ({
    invoice_id: a.invoice_id,
    invoice_number: a.invoice_number,
    amount: money(a.amount),
    applied_at: a.applied_at,
  }));
  return {
    id: row.id,
    created_at: row.created_at,
    original: money(row.original_amount),
    remaining: money(row.remaining_amount),
    reference: row.reference,
    expires_on: row.expires_on,
    applications,
  };
}

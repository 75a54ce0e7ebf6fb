import { createFixture, FIXTURE_NAMES, ROLE_CAPABILITIES } from '../src/api/fixtures/generate.js';
import type { InvoiceDetail } from '../src/api/schemas/invoice.js';
import { SETUP_LOCK, type Database, type Queryable } from './db.js';

/** The fixtures are generated around this date, so every seeded database holds the same data. */
export const SEED_DATE = new Date('2026-01-15T12:00:00Z');

/** Rows per multi-row INSERT (10 parameters each, well below PostgreSQL's 65,535). */
const BATCH = 500;

/** Seeds every demo account of the fixtures, once: does nothing when accounts already exist. */
export async function seed(db: Database): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [SETUP_LOCK]);
    const [{ count }] = await tx.query<{ count: number }>('SELECT count(*)::int AS count FROM accounts');
    if (count > 0) return false;
    const seededAccounts = new Set<string>();
    for (const name of FIXTURE_NAMES) {
      const { account, invoices } = createFixture(name, SEED_DATE);
      if (!seededAccounts.has(account.id)) {
        seededAccounts.add(account.id);
        const { role: _role, capabilities: _capabilities, ...profile } = account;
        await tx.query('INSERT INTO accounts (id, name, currency, profile) VALUES ($1, $2, $3, $4)', [
          account.id,
          account.name,
          account.currency,
          JSON.stringify(profile),
        ]);
        for (const role of Object.keys(ROLE_CAPABILITIES)) {
          await tx.query('INSERT INTO users (id, account_id, name, role) VALUES ($1, $2, $3, $4)', [
            userId(account.id, role),
            account.id,
            `Demo ${role.replace('_', ' ')}`,
            role,
          ]);
        }
        await insertInvoices(tx, account.id, invoices);
      }
      await tx.query('INSERT INTO demo_logins (name, account_id, role) VALUES ($1, $2, $3)', [name, account.id, account.role]);
    }
    return true;
  });
}

/** The seeded user of an account with a role. */
export function userId(accountId: string, role: string): string {
  return `usr_${accountId.replace(/^acct_/, '')}_${role}`;
}

async function insertInvoices(tx: Queryable, accountId: string, invoices: InvoiceDetail[]): Promise<void> {
  for (let start = 0; start < invoices.length; start += BATCH) {
    const batch = invoices.slice(start, start + BATCH);
    const params: unknown[] = [];
    const rows = batch.map((invoice) => {
      // The server signs its own pdf_url per response; the stored detail carries none.
      const { pdf_url: _pdfUrl, ...detail } = invoice;
      const n = params.push(
        invoice.id,
        accountId,
        invoice.number,
        invoice.status,
        invoice.issued_on,
        invoice.due_on,
        invoice.total.currency,
        invoice.total.amount,
        invoice.amount_due.amount,
        JSON.stringify(detail),
      );
      const first = n - 9;
      return `(${Array.from({ length: 10 }, (_, i) => `$${first + i}`).join(', ')})`;
    });
    await tx.query(
      `INSERT INTO invoices (id, account_id, number, status, issued_on, due_on, currency, total_amount, amount_due, detail) VALUES ${rows.join(', ')}`,
      params,
    );
  }
}

/**
 * The filtered ledger as CSV (RFC 4180): comma-separated, CRLF line ends, fields quoted when they
 * hold a comma, a quote or a line break (quotes doubled), UTF-8 with a byte-order mark so that
 * spreadsheet programs read accents and non-Latin text correctly. Server text that a spreadsheet
 * would run as a formula (a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return) is
 * prefixed with `'` (OWASP's advice against CSV injection); the amounts are numbers we write
 * ourselves, so a negative amount stays a number.
 */
import { toDecimalString } from '../../core/money.js';
import type { Transaction } from '../../api/schemas/transaction.js';

export const CSV_BOM = '\uFEFF';

export interface CsvColumns {
  date: string;
  type: string;
  description: string;
  reference: string;
  amount: string;
  currency: string;
  balance: string;
  period: string;
}

/** A text cell: never a formula. */
export function textCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Quoted when it must be (RFC 4180 §2.6-2.7). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The rows under a header of these column names; `typeLabel` words each type. */
export function transactionsCsv(rows: readonly Transaction[], columns: CsvColumns, typeLabel: (type: string) => string): string {
  const header = [columns.date, columns.type, columns.description, columns.reference, columns.amount, columns.currency, columns.balance, columns.period];
  const lines = [header.map((h) => csvField(textCell(h))).join(',')];
  for (const row of rows) {
    const reference = [row.invoice_number, row.order_number].filter(Boolean).join(' ');
    const period = row.period ? `${row.period.start}/${row.period.end} (${row.period.months}m ${row.period.days}d)` : '';
    const cells = [
      row.occurred_at,
      textCell(typeLabel(row.type)),
      textCell(row.description),
      textCell(reference),
      safeAmount(row.amount),
      textCell(row.amount.currency),
      safeAmount(row.balance_after),
      period,
    ];
    lines.push(cells.map(csvField).join(','));
  }
  return CSV_BOM + lines.join('\r\n') + '\r\n';
}

/** A decimal amount in the currency's minor unit ("-12.50"); a malformed one is left empty rather than guessed. */
function safeAmount(money: Transaction['amount']): string {
  try {
    return Number.isSafeInteger(money.amount) ? toDecimalString(money.amount, money.currency) : '';
  } catch {
    return '';
  }
}

/**
 * Paying, on the database: payments with the test gateway's outcomes, saved payment methods,
 * autopay and the settlement of bank (ACH) payments. The same rules as MemoryAccountApi (problem
 * codes, field names, oldest-due-first allocation, processing invoices), with row locks so that
 * concurrent requests — in one process or several on one PostgreSQL — pay an invoice once.
 *
 * Lock order, everywhere: payment being settled → invoices (by id) → account → payment methods.
 */
import { randomBytes } from 'node:crypto';
import { capabilitiesOf } from '../src/api/roles.js';
import { DECLINE_DETAILS, TEST_MANDATE_TEXT, methodLabel, testBankOutcome, testCardOutcome, type TestCardOutcome } from '../src/api/fixtures/test-gateway.js';
import type { Account } from '../src/api/schemas/account.js';
import type { AccountProfile } from '../src/api/schemas/account-profile.js';
import type { Payment } from '../src/api/schemas/payment.js';
import type { NewPayment } from '../src/api/schemas/billing-input.js';
import type { GatewayInfo, PaymentMethod } from '../src/api/schemas/payment-method.js';
import type { AutopayUpdate, NewPaymentMethod, PaymentMethodPatch } from '../src/api/schemas/billing-input.js';
import type { FieldError } from '../src/api/schemas/problem.js';
import { PAYABLE_STATUSES } from '../src/api/vocabulary.js';
import { abaRoutingValid, detectCardBrand, luhnValid } from '../src/api/validators.js';
import { addressFieldErrors } from '../src/api/address-check.js';
import { DueSweep } from './due-sweep.js';
import type { Database, Queryable } from './db.js';
import type { StoredResponse } from './idempotency.js';
import { HttpProblem } from './problem.js';

export interface PaymentSettings {
  /** How long a bank payment stays `processing` before the sweep settles or fails it. */
  achSettleMs: number;
  /** Whether the gateway takes raw card data (`card` in POST /payment-methods); the test gateway does. */
  acceptRawCardData: boolean;
}

/** The message of a bank payment that the test bank returns on settlement. */
export const ACH_RETURN_MESSAGE = 'The bank returned the debit: insufficient funds.';

/** An instant as the API writes it: ISO 8601 in UTC with milliseconds. */
export const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** One payment as its API JSON (json: bigints arrive as numbers from both drivers). */
const PAYMENT_JSON = `json_build_object(
  'id', p.id,
  'created_at', ${iso('p.created_at')},
  'amount', json_build_object('amount', p.amount, 'currency', p.currency),
  'status', p.status,
  'payment_method', CASE WHEN p.payment_method_type IS NULL THEN NULL
    ELSE json_build_object('id', p.payment_method_id, 'type', p.payment_method_type, 'label', p.payment_method_label,
      'exp_month', p.payment_method_exp_month, 'exp_year', p.payment_method_exp_year) END,
  'allocations', COALESCE((
    SELECT json_agg(json_build_object('invoice_id', a.invoice_id, 'invoice_number', a.invoice_number,
      'amount', json_build_object('amount', a.amount, 'currency', p.currency)) ORDER BY a.position)
    FROM payment_allocations a WHERE a.payment_id = p.id), '[]'::json),
  'failure', CASE WHEN p.failure_code IS NULL THEN NULL
    ELSE json_build_object('code', p.failure_code, 'message', p.failure_message) END,
  'settled_at', ${iso('p.settled_at')}
) AS payment`;

/** One saved method as its API JSON. */
const METHOD_JSON = `json_build_object(
  'id', m.id,
  'type', m.type,
  'label', m.label,
  'is_default', m.is_default,
  'card', CASE WHEN m.card_brand IS NULL THEN NULL ELSE json_build_object(
    'brand', m.card_brand, 'last4', m.card_last4, 'exp_month', m.card_exp_month, 'exp_year', m.card_exp_year) END,
  'bank_account', CASE WHEN m.bank_last4 IS NULL THEN NULL ELSE json_build_object(
    'bank_name', m.bank_name, 'last4', m.bank_last4, 'account_type', m.bank_account_type,
    'account_holder_name', m.bank_account_holder_name) END,
  'billing_address', m.billing_address,
  'created_at', ${iso('m.created_at')}
) AS method`;

/** The GET /account body without role and capabilities (profile document, less its details, plus the payment columns). */
const ACCOUNT_JSON = `(a.profile - 'details') || jsonb_build_object(
  'balance', jsonb_build_object('amount', a.balance_amount, 'currency', a.currency),
  'available_credit', jsonb_build_object('amount', (
    SELECT COALESCE(sum(c.remaining_amount), 0) FROM credits c
    WHERE c.account_id = a.id AND c.currency = a.currency AND c.remaining_amount > 0 AND (c.expires_on IS NULL OR c.expires_on >= (now() AT TIME ZONE 'UTC')::date)
  ), 'currency', a.currency),
  'last_payment', a.last_payment,
  'autopay', jsonb_build_object('enabled', a.autopay_enabled, 'payment_method_id', a.autopay_payment_method_id)
) AS account`;

export const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;

/** A 422 problem with one field error (the memory API's `problem()`). */
export function unprocessable(code: string, detail: string, field: string, message: string, fieldCode = code): HttpProblem {
  return new HttpProblem(422, code, detail, [{ field, message, code: fieldCode }]);
}

/** Whether a card is past its printed month (UTC), as the memory API's test gateway decides. */
export function cardExpired(month: number, year: number, now = new Date()): boolean {
  return year < now.getUTCFullYear() || (year === now.getUTCFullYear() && month < now.getUTCMonth() + 1);
}

// ---------------------------------------------------------------------------------------------
// Reads

export async function readAccount(db: Queryable, accountId: string, role: string): Promise<Account> {
  const [row] = await db.query<{ account: Omit<Account, 'role' | 'capabilities'> }>(`SELECT ${ACCOUNT_JSON} FROM accounts a WHERE a.id = $1`, [
    accountId,
  ]);
  if (!row) throw new HttpProblem(404, 'not_found', 'The token’s account no longer exists.');
  return { ...row.account, role, capabilities: [...capabilitiesOf(role)] };
}

/**
 * GET /account/profile: the details the seed keeps in the profile document (`details`), with the
 * company and e-mail of the account; a fact not kept is null.
 */
export async function readAccountProfile(db: Queryable, accountId: string): Promise<AccountProfile> {
  const [row] = await db.query<{ name: string; email: string | null; details: Partial<AccountProfile> | null }>(
    `SELECT a.name, a.profile->>'email' AS email, a.profile->'details' AS details FROM accounts a WHERE a.id = $1`,
    [accountId],
  );
  if (!row) throw new HttpProblem(404, 'not_found', 'The token’s account no longer exists.');
  const details = row.details ?? {};
  return {
    account_id: accountId,
    company: row.name,
    account_number: details.account_number ?? null,
    email: details.email ?? row.email,
    phone: details.phone ?? null,
    created_on: details.created_on ?? null,
    provisioned_by: details.provisioned_by ?? null,
  };
}

export async function readPayment(db: Queryable, accountId: string, id: string): Promise<Payment | undefined> {
  const [row] = await db.query<{ payment: Payment }>(`SELECT ${PAYMENT_JSON} FROM payments p WHERE p.id = $1 AND p.account_id = $2`, [id, accountId]);
  return row?.payment;
}

/** One keyset page of payments, newest first, after `after` = [created_at, id] of the last row shown. */
export async function listPayments(db: Queryable, accountId: string, limit: number, after?: [string, string]) {
  const params: unknown[] = [accountId];
  const where = ['p.account_id = $1'];
  if (after) where.push(`(p.created_at, p.id) < ($${params.push(after[0])}::timestamptz, $${params.push(after[1])})`);
  const rows = await db.query<{ payment: Payment }>(
    `SELECT ${PAYMENT_JSON} FROM payments p WHERE ${where.join(' AND ')} ORDER BY p.created_at DESC, p.id DESC LIMIT $${params.push(limit + 1)}`,
    params,
  );
  const total = after
    ? null
    : (await db.query<{ count: number }>('SELECT count(*)::int AS count FROM payments WHERE account_id = $1', [accountId]))[0].count;
  return { payments: rows.slice(0, limit).map((r) => r.payment), more: rows.length > limit, total };
}

export async function listMethods(db: Queryable, accountId: string): Promise<PaymentMethod[]> {
  const rows = await db.query<{ method: PaymentMethod }>(
    `SELECT ${METHOD_JSON} FROM payment_methods m WHERE m.account_id = $1 AND m.deleted_at IS NULL ORDER BY m.seq`,
    [accountId],
  );
  return rows.map((r) => r.method);
}

async function readMethod(db: Queryable, accountId: string, id: string): Promise<PaymentMethod> {
  const [row] = await db.query<{ method: PaymentMethod }>(`SELECT ${METHOD_JSON} FROM payment_methods m WHERE m.id = $1 AND m.account_id = $2`, [
    id,
    accountId,
  ]);
  return row.method;
}

/** The account's gateway offer (seeded per account; cards only when none was stored). */
export async function readGateway(db: Queryable, accountId: string, settings: PaymentSettings, hostedFieldsUrl: string | null): Promise<GatewayInfo> {
  const [row] = await db.query<{ gateway: GatewayInfo | null }>('SELECT gateway FROM accounts WHERE id = $1', [accountId]);
  const gateway = row?.gateway ?? { name: 'test', supported_types: ['card'], accepts_raw_card_data: true, mandate_text: null };
  return {
    ...gateway,
    accepts_raw_card_data: settings.acceptRawCardData,
    hosted_fields_url: hostedFieldsUrl,
    mandate_text: gateway.supported_types.includes('bank_account') ? (gateway.mandate_text ?? TEST_MANDATE_TEXT) : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Paying

interface LockedInvoice {
  id: string;
  number: string;
  status: string;
  issued_on: string;
  due_on: string | null;
  currency: string;
  amount_due: number;
}

export interface ChargeableMethod {
  id: string;
  type: string;
  label: string | null;
  card_brand: string | null;
  card_last4: string | null;
  card_exp_month: number | null;
  card_exp_year: number | null;
  bank_name: string | null;
  bank_last4: string | null;
  bank_account_type: string | null;
  gateway_outcome: string;
}

/** What the test gateway does with a charge to this method now. */
export function chargeOutcome(method: ChargeableMethod, now: Date): { kind: 'card'; outcome: TestCardOutcome } | { kind: 'bank'; fails: boolean } {
  if (method.type === 'bank_account') return { kind: 'bank', fails: method.gateway_outcome === 'fails' };
  if (method.card_exp_month !== null && method.card_exp_year !== null && cardExpired(method.card_exp_month, method.card_exp_year, now)) {
    return { kind: 'card', outcome: 'expired_card' };
  }
  return { kind: 'card', outcome: method.gateway_outcome in DECLINE_DETAILS ? (method.gateway_outcome as TestCardOutcome) : 'succeeded' };
}

export function snapshotLabel(method: ChargeableMethod): string {
  if (method.label) return method.label;
  return methodLabel({
    type: method.type,
    card: method.card_brand && method.card_last4 ? { brand: method.card_brand, last4: method.card_last4 } : null,
    bank_account: method.bank_last4 ? { bank_name: method.bank_name, last4: method.bank_last4, account_type: method.bank_account_type ?? '' } : null,
  });
}

/** Splits `amount` over the invoices oldest due first (stable: equal dates keep the request's order), each up to its amount due. */
function allocate(invoices: readonly LockedInvoice[], amount: number): Array<{ invoice: LockedInvoice; share: number }> {
  let left = amount;
  const shares: Array<{ invoice: LockedInvoice; share: number }> = [];
  for (const invoice of [...invoices].sort((a, b) => (a.due_on ?? a.issued_on).localeCompare(b.due_on ?? b.issued_on))) {
    const share = Math.min(left, invoice.amount_due);
    if (share <= 0) continue;
    left -= share;
    shares.push({ invoice, share });
  }
  return shares;
}

/**
 * POST /payments in one transaction: locks the invoices (by id), checks them, the method and the
 * amount, asks the test gateway, then allocates oldest due first and updates invoices, balance and
 * last payment. A decline is committed as a failed payment, with the allocations it was to make,
 * and answered 402 (the key's response).
 */
export async function createPayment(db: Database, settings: PaymentSettings, accountId: string, request: NewPayment): Promise<StoredResponse> {
  return db.transaction(async (tx) => {
    const ids = request.invoice_ids;
    if (new Set(ids).size !== ids.length) {
      throw unprocessable('validation_failed', 'An invoice is listed twice.', 'invoice_ids', 'duplicate', 'duplicate');
    }
    const rows = await tx.query<LockedInvoice>(
      `SELECT id, number, status, issued_on::text AS issued_on, due_on::text AS due_on, currency, amount_due::float8 AS amount_due
       FROM invoices WHERE account_id = $1 AND id = ANY($2::text[]) ORDER BY id FOR UPDATE`,
      [accountId, ids],
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    const invoices = ids.map((id) => {
      const invoice = byId.get(id);
      if (!invoice) throw unprocessable('validation_failed', `No invoice ${id}.`, 'invoice_ids', 'unknown invoice', 'not_found');
      return invoice;
    });
    const notPayable = invoices.find((inv) => !PAYABLE_STATUSES.includes(inv.status) || inv.amount_due <= 0);
    if (notPayable) throw new HttpProblem(409, 'invoice_not_payable', `Invoice ${notPayable.number} is already paid or being paid.`);

    const [account] = await tx.query<{ currency: string; terms: { partial_payments: boolean; minimum_payment: { amount: number } | null } | null }>(
      `SELECT currency, profile -> 'payment_terms' AS terms FROM accounts WHERE id = $1 FOR UPDATE`,
      [accountId],
    );
    const { currency, terms } = account;
    if (invoices.some((inv) => inv.currency !== currency) || (request.amount && request.amount.currency !== currency)) {
      throw unprocessable('currency_mismatch', `Payments on this account are in ${currency}.`, 'amount', 'currency mismatch');
    }
    const [method] = await tx.query<ChargeableMethod>(
      `SELECT id, type, label, card_brand, card_last4, card_exp_month, card_exp_year, bank_name, bank_last4, bank_account_type, gateway_outcome
       FROM payment_methods WHERE id = $1 AND account_id = $2 AND deleted_at IS NULL`,
      [request.payment_method_id, accountId],
    );
    if (!method) {
      throw unprocessable('payment_method_not_found', 'This payment method does not exist (any more).', 'payment_method_id', 'unknown payment method');
    }
    const due = invoices.reduce((sum, inv) => sum + inv.amount_due, 0);
    const amount = request.amount?.amount ?? due;
    const minimum = terms?.minimum_payment?.amount ?? 1;
    if (amount > due) throw unprocessable('amount_too_large', 'The amount is more than the amount due.', 'amount', 'above the amount due');
    if (amount < due && !terms?.partial_payments) {
      throw unprocessable('partial_payment_not_allowed', 'This account pays invoices in full.', 'amount', 'partial payments are not allowed');
    }
    if (amount < due && amount < minimum) throw unprocessable('amount_too_small', 'The amount is below the minimum payment.', 'amount', 'below the minimum');

    const now = new Date();
    const createdAt = now.toISOString();
    const id = newId('py');
    const label = snapshotLabel(method);
    const outcome = chargeOutcome(method, now);
    const insertPayment = (status: string, failure: { code: string; message: string } | null, settleAt: string | null, settledAt: string | null) =>
      tx.query(
        `INSERT INTO payments (id, account_id, created_at, amount, currency, status, payment_method_id, payment_method_type, payment_method_label,
           payment_method_exp_month, payment_method_exp_year, failure_code, failure_message, settle_at, settle_fails, settled_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
        [id, accountId, createdAt, amount, currency, status, method.id, method.type, label, method.card_exp_month, method.card_exp_year,
          failure?.code ?? null, failure?.message ?? null, settleAt, outcome.kind === 'bank' ? outcome.fails : null, settledAt],
      );
    const allocations = allocate(invoices, amount);
    const insertAllocations = async () => {
      for (const [position, { invoice, share }] of allocations.entries()) {
        await tx.query('INSERT INTO payment_allocations (payment_id, invoice_id, position, invoice_number, amount) VALUES ($1, $2, $3, $4, $5)', [
          id,
          invoice.id,
          position,
          invoice.number,
          share,
        ]);
      }
    };

    if (outcome.kind === 'card' && outcome.outcome !== 'succeeded') {
      // A decline keeps what it was to pay (the history traces it to its invoices); nothing changes hands.
      const detail = DECLINE_DETAILS[outcome.outcome];
      await insertPayment('failed', { code: outcome.outcome, message: detail }, null, null);
      await insertAllocations();
      return { status: 402, body: new HttpProblem(402, outcome.outcome, detail).toProblem() };
    }

    const bank = outcome.kind === 'bank';
    await insertPayment(
      bank ? 'processing' : 'succeeded',
      null,
      bank ? new Date(now.getTime() + settings.achSettleMs).toISOString() : null,
      bank ? null : createdAt,
    );
    await insertAllocations();
    for (const { invoice, share } of allocations) {
      const paidOff = share === invoice.amount_due;
      await tx.query(
        `UPDATE invoices SET amount_due = amount_due - $2, status = CASE WHEN $3 THEN $4 ELSE status END WHERE id = $1`,
        [invoice.id, share, paidOff, bank ? 'processing' : 'paid'],
      );
    }
    await tx.query(
      `UPDATE accounts SET balance_amount = balance_amount - $2,
         last_payment = CASE WHEN $3 THEN last_payment ELSE $4::jsonb END WHERE id = $1`,
      [accountId, amount, bank, JSON.stringify({ amount: { amount, currency }, paid_at: createdAt, method_label: label })],
    );
    const payment = await readPayment(tx, accountId, id);
    return { status: 201, body: payment };
  });
}

/**
 * Settles one processing bank payment whose time has come: `succeeded` (its fully covered invoices
 * become paid, last payment set) or, for the failing test account, `failed` (invoices get their
 * amount due back and are open or overdue again, the balance is restored). False when another
 * request or process settled it first.
 */
async function settlePayment(db: Database, id: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [payment] = await tx.query<{ account_id: string; amount: number; currency: string; settle_fails: boolean; payment_method_label: string | null }>(
      `SELECT account_id, amount::float8 AS amount, currency, settle_fails, payment_method_label
       FROM payments WHERE id = $1 AND status = 'processing' AND settle_at <= now() FOR UPDATE`,
      [id],
    );
    if (!payment) return false;
    await tx.query(
      `SELECT i.id FROM invoices i JOIN payment_allocations a ON a.invoice_id = i.id WHERE a.payment_id = $1 ORDER BY i.id FOR UPDATE OF i`,
      [id],
    );
    const settledAt = new Date().toISOString();
    if (payment.settle_fails) {
      await tx.query(
        `UPDATE invoices i SET amount_due = i.amount_due + a.amount,
           status = CASE WHEN i.due_on IS NOT NULL AND (i.due_on + time '23:59:59') AT TIME ZONE 'UTC' < $2::timestamptz THEN 'overdue' ELSE 'open' END
         FROM payment_allocations a WHERE a.payment_id = $1 AND a.invoice_id = i.id`,
        [id, settledAt],
      );
      await tx.query('UPDATE accounts SET balance_amount = balance_amount + $2 WHERE id = $1', [payment.account_id, payment.amount]);
      await tx.query(`UPDATE payments SET status = 'failed', failure_code = 'insufficient_funds', failure_message = $2 WHERE id = $1`, [
        id,
        ACH_RETURN_MESSAGE,
      ]);
    } else {
      await tx.query(
        `UPDATE invoices i SET status = 'paid' FROM payment_allocations a WHERE a.payment_id = $1 AND a.invoice_id = i.id AND i.status = 'processing'`,
        [id],
      );
      await tx.query('UPDATE accounts SET last_payment = $2::jsonb WHERE id = $1', [
        payment.account_id,
        JSON.stringify({ amount: { amount: payment.amount, currency: payment.currency }, paid_at: settledAt, method_label: payment.payment_method_label }),
      ]);
      await tx.query(`UPDATE payments SET status = 'succeeded', settled_at = $2 WHERE id = $1`, [id, settledAt]);
    }
    return true;
  });
}

/** Settles every processing payment that is due; returns how many this call settled. */
export async function settleDuePayments(db: Database): Promise<number> {
  let settled = 0;
  for (;;) {
    const due = await db.query<{ id: string }>(
      `SELECT id FROM payments WHERE status = 'processing' AND settle_at <= now() ORDER BY settle_at, id LIMIT 50`,
    );
    if (due.length === 0) return settled;
    for (const { id } of due) if (await settlePayment(db, id)) settled++;
  }
}

/**
 * The settlement sweep of one process: run on a timer and before reads of payments, invoices or
 * the account. Calls that arrive while a sweep runs share the next one (which starts after they
 * arrived), so a read never misses a payment that was due when it came in, and concurrent reads
 * do not each sweep.
 *
 * A read skips the sweep while no bank payment can be due yet: after each sweep the process knows
 * the earliest `settle_at` still processing, and trusts that for at most one timer interval (a
 * payment made by another process is seen within it, as the timer would). Without a timer
 * (`start` not called) every read sweeps. `changed()` drops that knowledge (a new bank payment here).
 */
export class SettlementSweep extends DueSweep {
  /** The UTC day whose overdue invoices are marked (once per day and process). */
  #overdueMarked?: string;
  #marking?: Promise<void>;

  /** `clock`: what "today" is for due dates (tests fix it; default the system clock). */
  constructor(
    db: Database,
    private readonly clock: () => Date = () => new Date(),
  ) {
    super(db, 'settlement');
  }

  /** Before a read: marks invoices past due as overdue once a day; sweeps unless no bank payment can be due yet. */
  override async beforeRead(): Promise<void> {
    const today = this.clock().toISOString().slice(0, 10);
    if (today !== this.#overdueMarked) await this.#markOverdue(today);
    await super.beforeRead();
  }

  /**
   * An open invoice becomes overdue the day after its due date, for every account, whatever date
   * the database was seeded on: derived from the due date and today, not stored by the fixtures.
   * (A failed bank payment puts an invoice back as open or overdue by the same rule: settlePayment.)
   */
  #markOverdue(today: string): Promise<void> {
    this.#marking ??= this.db
      .query(`UPDATE invoices SET status = 'overdue' WHERE status = 'open' AND due_on < $1::date`, [today])
      .then(() => {
        this.#overdueMarked = today;
      })
      .finally(() => {
        this.#marking = undefined;
      });
    return this.#marking;
  }

  protected async work(): Promise<void> {
    await settleDuePayments(this.db);
  }

  protected async nextDueAt(): Promise<number | null> {
    const [row] = await this.db.query<{ next: number | null }>(
      `SELECT (extract(epoch FROM min(settle_at)) * 1000)::float8 AS next FROM payments WHERE status = 'processing'`,
    );
    return row?.next ?? null;
  }
}

// ---------------------------------------------------------------------------------------------
// Payment methods and autopay

/** Serialises the method writes of one account (the default flag and autopay depend on the others). */
async function lockAccount(tx: Queryable, accountId: string) {
  const [row] = await tx.query<{ autopay_enabled: boolean; autopay_payment_method_id: string | null; gateway: GatewayInfo | null }>(
    'SELECT autopay_enabled, autopay_payment_method_id, gateway FROM accounts WHERE id = $1 FOR UPDATE',
    [accountId],
  );
  if (!row) throw new HttpProblem(404, 'not_found', 'The token’s account no longer exists.');
  return row;
}

const notFound = () => new HttpProblem(404, 'not_found', 'No such payment method.');

interface NewMethodRow {
  type: 'card' | 'bank_account';
  card?: { brand: string; last4: string; exp_month: number; exp_year: number };
  bank?: { last4: string; account_type: string; account_holder_name: string };
  outcome: string;
}

/** Validates a new method and reduces it to what is stored: last 4 digits, expiry, the gateway's outcome. */
async function acceptMethod(tx: Queryable, settings: PaymentSettings, supported: string[], request: NewPaymentMethod): Promise<NewMethodRow> {
  if (!supported.includes(request.type)) {
    throw unprocessable('validation_failed', `This account cannot add a ${request.type}.`, 'type', 'not supported', 'not_supported');
  }
  if (request.type === 'card') {
    if (request.card && !settings.acceptRawCardData) {
      throw unprocessable('raw_card_data_not_allowed', 'This gateway accepts card tokens only.', 'card', 'not allowed');
    }
    if (request.card) {
      const { number, exp_month, exp_year } = request.card;
      if (!luhnValid(number)) throw unprocessable('validation_failed', 'The card number is not valid.', 'card.number', 'invalid card number', 'incorrect_number');
      if (cardExpired(exp_month, exp_year)) throw unprocessable('validation_failed', 'The card has expired.', 'card.exp_month', 'expired', 'expired');
      return { type: 'card', card: { brand: detectCardBrand(number), last4: number.slice(-4), exp_month, exp_year }, outcome: testCardOutcome(number) };
    }
    if (!request.token) throw unprocessable('validation_failed', 'A card token is required.', 'token', 'required', 'required');
    // Single use: the row lock makes a second concurrent use find it used.
    const [token] = await tx.query<{ brand: string; last4: string; exp_month: number; exp_year: number; outcome: string }>(
      `UPDATE card_tokens SET used_at = now() WHERE token = $1 AND used_at IS NULL AND expires_at > now()
       RETURNING brand, last4, exp_month, exp_year, outcome`,
      [request.token],
    );
    if (!token) throw unprocessable('validation_failed', 'The card token is unknown, expired or already used.', 'token', 'unknown token', 'invalid');
    const { outcome, ...card } = token;
    return { type: 'card', card, outcome };
  }
  const bank = request.bank_account;
  const errors: FieldError[] = [];
  if (!bank) errors.push({ field: 'bank_account', message: 'required', code: 'required' });
  else if (!abaRoutingValid(bank.routing_number)) errors.push({ field: 'bank_account.routing_number', message: 'invalid routing number', code: 'checksum' });
  if (request.mandate_accepted !== true) errors.push({ field: 'mandate_accepted', message: 'the mandate must be accepted', code: 'required' });
  if (!bank || errors.length) throw new HttpProblem(422, 'validation_failed', 'The bank account was not accepted.', errors);
  return {
    type: 'bank_account',
    bank: { last4: bank.account_number.slice(-4), account_type: bank.account_type, account_holder_name: bank.account_holder_name },
    outcome: testBankOutcome(bank.account_number),
  };
}

/** A billing address its country's rules refuse (state or postal code missing, postal code malformed, an unknown state): 422 naming the fields. */
function checkAddress(address: NewPaymentMethod['billing_address']): void {
  const errors = address ? addressFieldErrors(address, 'billing_address') : [];
  if (errors.length) throw new HttpProblem(422, 'validation_failed', 'The billing address is not complete for its country.', errors);
}

export async function addMethod(db: Database, settings: PaymentSettings, accountId: string, request: NewPaymentMethod): Promise<StoredResponse> {
  checkAddress(request.billing_address);
  return db.transaction(async (tx) => {
    const account = await lockAccount(tx, accountId);
    const supported = account.gateway?.supported_types ?? ['card'];
    const accepted = await acceptMethod(tx, settings, supported, request);
    const [{ count }] = await tx.query<{ count: number }>(
      'SELECT count(*)::int AS count FROM payment_methods WHERE account_id = $1 AND deleted_at IS NULL',
      [accountId],
    );
    const makeDefault = request.set_default === true || count === 0;
    if (makeDefault) await tx.query('UPDATE payment_methods SET is_default = false WHERE account_id = $1 AND is_default', [accountId]);
    const id = newId('pm');
    const { card, bank } = accepted;
    await tx.query(
      `INSERT INTO payment_methods (id, account_id, type, is_default, card_brand, card_last4, card_exp_month, card_exp_year,
         bank_name, bank_last4, bank_account_type, bank_account_holder_name, gateway_outcome, billing_address, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
      [id, accountId, accepted.type, makeDefault, card?.brand ?? null, card?.last4 ?? null, card?.exp_month ?? null, card?.exp_year ?? null,
        bank ? 'Test Bank' : null, bank?.last4 ?? null, bank?.account_type ?? null, bank?.account_holder_name ?? null, accepted.outcome,
        request.billing_address ? JSON.stringify(request.billing_address) : null, new Date().toISOString()],
    );
    return { status: 201, body: await readMethod(tx, accountId, id) };
  });
}

/** Locks the account and one of its live methods; another account's or a deleted one is a 404. */
async function lockMethod(tx: Queryable, accountId: string, id: string) {
  const account = await lockAccount(tx, accountId);
  const [method] = await tx.query<{ type: string; is_default: boolean }>(
    'SELECT type, is_default FROM payment_methods WHERE id = $1 AND account_id = $2 AND deleted_at IS NULL FOR UPDATE',
    [id, accountId],
  );
  if (!method) throw notFound();
  return { account, method };
}

export async function updateMethod(db: Database, accountId: string, id: string, patch: PaymentMethodPatch): Promise<StoredResponse> {
  checkAddress(patch.billing_address);
  return db.transaction(async (tx) => {
    const { method } = await lockMethod(tx, accountId, id);
    if (patch.is_default && !method.is_default) {
      await tx.query('UPDATE payment_methods SET is_default = false WHERE account_id = $1 AND is_default', [accountId]);
      await tx.query('UPDATE payment_methods SET is_default = true WHERE id = $1', [id]);
    }
    if (patch.billing_address !== undefined) {
      await tx.query('UPDATE payment_methods SET billing_address = $2::jsonb WHERE id = $1', [id, patch.billing_address ? JSON.stringify(patch.billing_address) : null]);
    }
    if (method.type === 'card' && (patch.exp_month !== undefined || patch.exp_year !== undefined)) {
      await tx.query('UPDATE payment_methods SET card_exp_month = COALESCE($2, card_exp_month), card_exp_year = COALESCE($3, card_exp_year) WHERE id = $1', [
        id,
        patch.exp_month ?? null,
        patch.exp_year ?? null,
      ]);
    }
    return { status: 200, body: await readMethod(tx, accountId, id) };
  });
}

export async function deleteMethod(db: Database, accountId: string, id: string): Promise<StoredResponse> {
  return db.transaction(async (tx) => {
    const { account, method } = await lockMethod(tx, accountId, id);
    if (account.autopay_enabled && account.autopay_payment_method_id === id) {
      throw new HttpProblem(409, 'payment_method_in_use', 'Autopay uses this payment method. Choose another one for autopay or turn autopay off first.');
    }
    if (method.is_default) {
      const [{ others }] = await tx.query<{ others: number }>(
        'SELECT count(*)::int AS others FROM payment_methods WHERE account_id = $1 AND deleted_at IS NULL AND id <> $2',
        [accountId, id],
      );
      if (others > 0) {
        throw new HttpProblem(409, 'default_payment_method_required', 'This is the default payment method. Make another method the default first.');
      }
    }
    await tx.query('UPDATE payment_methods SET deleted_at = now(), is_default = false WHERE id = $1', [id]);
    return { status: 204, body: null };
  });
}

export async function setAutopay(db: Database, accountId: string, role: string, update: AutopayUpdate): Promise<StoredResponse> {
  return db.transaction(async (tx) => {
    await lockAccount(tx, accountId);
    if (!update.enabled) {
      await tx.query('UPDATE accounts SET autopay_enabled = false, autopay_payment_method_id = NULL WHERE id = $1', [accountId]);
    } else {
      const [method] = update.payment_method_id
        ? await tx.query<{ id: string }>('SELECT id FROM payment_methods WHERE id = $1 AND account_id = $2 AND deleted_at IS NULL', [
            update.payment_method_id,
            accountId,
          ])
        : await tx.query<{ id: string }>('SELECT id FROM payment_methods WHERE account_id = $1 AND deleted_at IS NULL AND is_default', [accountId]);
      if (!method && update.payment_method_id) {
        throw unprocessable('payment_method_not_found', 'This payment method does not exist (any more).', 'payment_method_id', 'unknown payment method');
      }
      if (!method) {
        throw unprocessable('default_payment_method_required', 'Autopay needs a payment method. Add one first.', 'payment_method_id', 'required');
      }
      await tx.query('UPDATE accounts SET autopay_enabled = true, autopay_payment_method_id = $2 WHERE id = $1', [accountId, method.id]);
    }
    return { status: 200, body: await readAccount(tx, accountId, role) };
  });
}

/**
 * Licenses on the database: the public catalogue, the account's term and licenses, binding quotes,
 * orders and their provisioning. The same rules as the memory twin (src/api/memory-licensing.ts):
 * the refusals and prices of src/api/licensing.ts, the reuse of an open quote, the order's checks
 * in the same order, the invoice, payment and balance an order makes, and provisioning later.
 *
 * An order is one transaction with row locks, so two tabs or two server processes ordering one
 * quote make one order (the quote row's lock decides, the unique `license_orders.quote_id` backs
 * it). Lock order: quote → license → account (→ the settlement sweep's payment → invoices →
 * account never meets a quote or a license); the provisioning sweep locks orders → licenses.
 */
import { DECLINE_DETAILS } from '../src/api/fixtures/test-gateway.js';
import { QUOTE_TTL_MS, orderNumber, quoteAmounts, quoteRefusal } from '../src/api/licensing.js';
import type { InvoiceDetail } from '../src/api/schemas/invoice.js';
import type { ContractTerm, License, LicenseOrder, LicenseOverview, LicenseQuote, NewLicenseOrder, NewLicenseQuote } from '../src/api/schemas/license.js';
import type { Pricing } from '../src/api/schemas/pricing.js';
import { DueSweep } from './due-sweep.js';
import type { Database, Queryable } from './db.js';
import type { StoredResponse } from './idempotency.js';
import { chargeOutcome, iso, newId, snapshotLabel, unprocessable, type ChargeableMethod, type PaymentSettings } from './payments.js';
import { applyAvailableCredit } from './credits.js';
import { HttpProblem } from './problem.js';
import { purchaseInvoice } from '../src/api/purchase-invoice.js';

export interface LicensingSettings {
  /** How long bought licenses stay `pending_provisioning` before the sweep provisions them. */
  provisioningMs: number;
  /** Today's date (`YYYY-MM-DD`) that quotes prorate from (tests fix it; default the system clock's UTC day). */
  today(): string;
}

/** Default provisioning delay: what a product that sets up licenses in the background might take. */
export const DEFAULT_PROVISIONING_MS = 300_000;

const money = (amount: number, currency: string) => ({ amount, currency });

// ---------------------------------------------------------------------------------------------
// Reads

/** GET /pricing: the catalogue document as stored. */
export async function readPricing(db: Queryable): Promise<Pricing> {
  const [row] = await db.query<{ document: Pricing }>('SELECT document FROM pricing_catalogue WHERE id = 1');
  if (!row) throw new HttpProblem(404, 'not_found', 'No pricing catalogue is published.');
  return row.document;
}

/** The license columns as the API's License (alias `l`, products `p`). */
const LICENSE_COLUMNS = `l.id, l.product_id, l.product_name, l.plan_id, l.plan_name, l.unit_label, l.quantity, l.pending_quantity,
  l.unit_price_amount::float8 AS unit_price_amount, l.currency, l.max_quantity, l.self_service, p.proration_policy, l.status`;

interface LicenseRow {
  id: string;
  product_id: string;
  product_name: string;
  plan_id: string;
  plan_name: string;
  unit_label: string;
  quantity: number;
  pending_quantity: number;
  unit_price_amount: number;
  currency: string;
  max_quantity: number | null;
  self_service: boolean;
  proration_policy: string;
  status: string;
}

function toLicense(row: LicenseRow): License {
  return {
    id: row.id,
    product_id: row.product_id,
    product_name: row.product_name,
    plan_id: row.plan_id,
    plan_name: row.plan_name,
    unit_label: row.unit_label,
    quantity: row.quantity,
    pending_quantity: row.pending_quantity,
    unit_price: money(row.unit_price_amount, row.currency),
    max_quantity: row.max_quantity,
    self_service: row.self_service,
    proration_policy: row.proration_policy,
    status: row.status,
  };
}

/** The account's current term (the one `today` falls in), else its latest; null without a contract. */
export async function readTerm(db: Queryable, accountId: string, today: string): Promise<ContractTerm | null> {
  const [row] = await db.query<ContractTerm>(
    `SELECT id, start_on::text AS start, end_on::text AS "end", billing_interval AS interval, auto_renews
     FROM contract_terms WHERE account_id = $1
     ORDER BY (start_on <= $2::date AND $2::date < end_on) DESC, (start_on <= $2::date) DESC, start_on DESC LIMIT 1`,
    [accountId, today],
  );
  return row ?? null;
}

export function provisioningMinutes(settings: LicensingSettings): number {
  return Math.max(1, Math.ceil(settings.provisioningMs / 60_000));
}

/** GET /licenses. */
export async function readOverview(db: Queryable, settings: LicensingSettings, accountId: string): Promise<LicenseOverview> {
  const [term, licenses, [account]] = await Promise.all([
    readTerm(db, accountId, settings.today()),
    db.query<LicenseRow>(`SELECT ${LICENSE_COLUMNS} FROM licenses l JOIN products p ON p.id = l.product_id WHERE l.account_id = $1 ORDER BY l.seq`, [accountId]),
    db.query<{ invoice_allowed: boolean }>('SELECT invoice_allowed FROM accounts WHERE id = $1', [accountId]),
  ]);
  if (!account) throw new HttpProblem(404, 'not_found', 'The token’s account no longer exists.');
  return {
    term,
    licenses: licenses.map(toLicense),
    ordering: { invoice_allowed: account.invoice_allowed, provisioning_minutes: provisioningMinutes(settings) },
  };
}

/** A quote as stored, with its timestamps as the API writes them. */
const QUOTE_COLUMNS = `q.id, q.account_id, q.license_id, q.product_id, q.product_name, q.current_quantity, q.additional_quantity, q.currency,
  q.unit_price_amount::float8 AS unit_price_amount, q.period_start::text AS period_start, q.period_end::text AS period_end,
  q.period_months, q.period_days, q.proration_policy, q.subtotal_amount::float8 AS subtotal_amount, q.tax_amount::float8 AS tax_amount,
  q.tax_label, q.tax_basis_points, q.total_amount::float8 AS total_amount, q.due_today_amount::float8 AS due_today_amount,
  q.next_invoice_date::text AS next_invoice_date, q.next_invoice_amount::float8 AS next_invoice_amount,
  ${iso('q.created_at')} AS created_at, ${iso('q.expires_at')} AS expires_at, q.order_id`;

interface QuoteRow {
  id: string;
  account_id: string;
  license_id: string;
  product_id: string;
  product_name: string;
  current_quantity: number;
  additional_quantity: number;
  currency: string;
  unit_price_amount: number;
  period_start: string;
  period_end: string;
  period_months: number;
  period_days: number;
  proration_policy: string;
  subtotal_amount: number;
  tax_amount: number;
  tax_label: string | null;
  tax_basis_points: number;
  total_amount: number;
  due_today_amount: number;
  next_invoice_date: string;
  next_invoice_amount: number;
  created_at: string;
  expires_at: string;
  order_id: string | null;
}

function toQuote(row: QuoteRow): LicenseQuote {
  const m = (amount: number) => money(amount, row.currency);
  return {
    id: row.id,
    product_id: row.product_id,
    product_name: row.product_name,
    license_id: row.license_id,
    current_quantity: row.current_quantity,
    additional_quantity: row.additional_quantity,
    unit_price: m(row.unit_price_amount),
    period: { start: row.period_start, end: row.period_end, months: row.period_months, days: row.period_days },
    proration_policy: row.proration_policy,
    subtotal: m(row.subtotal_amount),
    tax: m(row.tax_amount),
    tax_label: row.tax_label,
    total: m(row.total_amount),
    due_today: m(row.due_today_amount),
    next_invoice: { date: row.next_invoice_date, adds: m(row.next_invoice_amount) },
    created_at: row.created_at,
    expires_at: row.expires_at,
  };
}

/** An order as stored, with its invoice's number (alias `o`, invoices `i`). */
const ORDER_COLUMNS = `o.id, o.number, o.status, ${iso('o.created_at')} AS created_at, o.quote_id, o.product_id, o.product_name,
  o.additional_quantity, o.period_start::text AS period_start, o.period_end::text AS period_end, o.period_months, o.period_days,
  o.currency, o.total_amount::float8 AS total_amount, o.due_today_amount::float8 AS due_today_amount, o.payment_type, o.payment_id,
  o.payment_label, o.invoice_id, i.number AS invoice_number, ${iso('o.provision_at')} AS provision_at, ${iso('o.provisioned_at')} AS provisioned_at`;
const ORDER_FROM = 'license_orders o LEFT JOIN invoices i ON i.id = o.invoice_id';

interface OrderRow {
  id: string;
  number: string;
  status: string;
  created_at: string;
  quote_id: string;
  product_id: string;
  product_name: string;
  additional_quantity: number;
  period_start: string;
  period_end: string;
  period_months: number;
  period_days: number;
  currency: string;
  total_amount: number;
  due_today_amount: number;
  payment_type: string;
  payment_id: string | null;
  payment_label: string | null;
  invoice_id: string | null;
  invoice_number: string | null;
  provision_at: string;
  provisioned_at: string | null;
}

/** The sales order link of an order (signed per response: documentLinks). */
export type SalesOrderLink = (orderId: string) => string;

function toOrder(row: OrderRow, salesOrderUrl: SalesOrderLink): LicenseOrder {
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    created_at: row.created_at,
    quote_id: row.quote_id,
    product_id: row.product_id,
    product_name: row.product_name,
    additional_quantity: row.additional_quantity,
    period: { start: row.period_start, end: row.period_end, months: row.period_months, days: row.period_days },
    total: money(row.total_amount, row.currency),
    due_today: money(row.due_today_amount, row.currency),
    payment_type: row.payment_type,
    payment_id: row.payment_id,
    payment_label: row.payment_label,
    invoice_id: row.invoice_id,
    invoice_number: row.invoice_number,
    sales_order_url: salesOrderUrl(row.id),
    provisioning_expected_at: row.provision_at,
    provisioned_at: row.provisioned_at,
  };
}

export async function readOrder(db: Queryable, accountId: string, id: string, salesOrderUrl: SalesOrderLink): Promise<LicenseOrder | undefined> {
  const [row] = await db.query<OrderRow>(`SELECT ${ORDER_COLUMNS} FROM ${ORDER_FROM} WHERE o.id = $1 AND o.account_id = $2`, [id, accountId]);
  return row && toOrder(row, salesOrderUrl);
}

/** One keyset page of orders, newest first, after `after` = [created_at, id] of the last row shown. */
export async function listOrders(db: Queryable, accountId: string, limit: number, after: [string, string] | undefined, salesOrderUrl: SalesOrderLink) {
  const params: unknown[] = [accountId];
  const where = ['o.account_id = $1'];
  if (after) where.push(`(o.created_at, o.id) < ($${params.push(after[0])}::timestamptz, $${params.push(after[1])})`);
  const [rows, counted] = await Promise.all([
    db.query<OrderRow>(`SELECT ${ORDER_COLUMNS} FROM ${ORDER_FROM} WHERE ${where.join(' AND ')} ORDER BY o.created_at DESC, o.id DESC LIMIT $${params.push(limit + 1)}`, params),
    after ? Promise.resolve(undefined) : db.query<{ count: number }>('SELECT count(*)::int AS count FROM license_orders WHERE account_id = $1', [accountId]),
  ]);
  return { orders: rows.slice(0, limit).map((row) => toOrder(row, salesOrderUrl)), more: rows.length > limit, total: counted?.[0].count ?? null };
}

// ---------------------------------------------------------------------------------------------
// Quotes

/** The problem of a refusal (src/api/licensing.ts), naming the quantity as the memory twin does. */
function refused(refusal: { status: number; code: string; detail: string }, withField: boolean): HttpProblem {
  const errors = withField ? [{ field: 'additional_quantity', message: refusal.detail, code: refusal.code }] : undefined;
  return new HttpProblem(refusal.status, refusal.code, refusal.detail, errors);
}

/**
 * The quote of `request` inside `tx`: 404 for an unknown product, the refusals of quoteRefusal as
 * 422, else the open quote of the same product, quantity and current quantity made today, or a new one.
 * Locks the license row, so two identical requests at once make one quote.
 */
async function quoteIn(tx: Queryable, settings: LicensingSettings, accountId: string, request: NewLicenseQuote, now: Date): Promise<LicenseQuote> {
  const [product] = await tx.query<{ id: string }>('SELECT id FROM products WHERE id = $1', [request.product_id]);
  if (!product) throw new HttpProblem(404, 'not_found', 'No such product.');
  const [licenseRow] = await tx.query<LicenseRow>(
    `SELECT ${LICENSE_COLUMNS} FROM licenses l JOIN products p ON p.id = l.product_id WHERE l.account_id = $1 AND l.product_id = $2 FOR UPDATE OF l`,
    [accountId, request.product_id],
  );
  const license = licenseRow && toLicense(licenseRow);
  const today = settings.today();
  const term = await readTerm(tx, accountId, today);
  const refusal = quoteRefusal(license, term, request.additional_quantity, today);
  if (refusal) throw refused(refusal, true);
  const current = license!.quantity + license!.pending_quantity;
  // The same open quote for the same request: quoting twice gives one price.
  const [open] = await tx.query<QuoteRow>(
    `SELECT ${QUOTE_COLUMNS} FROM license_quotes q
     WHERE q.account_id = $1 AND q.product_id = $2 AND q.additional_quantity = $3 AND q.current_quantity = $4
       AND q.order_id IS NULL AND q.expires_at > $5::timestamptz AND q.period_start = $6::date
     ORDER BY q.created_at, q.id LIMIT 1`,
    [accountId, request.product_id, request.additional_quantity, current, now.toISOString(), today],
  );
  if (open) return toQuote(open);

  const [account] = await tx.query<{ tax_basis_points: number; tax_label: string | null }>('SELECT tax_basis_points, tax_label FROM accounts WHERE id = $1', [accountId]);
  const amounts = quoteAmounts({ license: license!, term: term!, additional: request.additional_quantity, today, taxBasisPoints: account.tax_basis_points });
  const id = newId('lq');
  await tx.query(
    `INSERT INTO license_quotes (id, account_id, license_id, product_id, product_name, current_quantity, additional_quantity, currency,
       unit_price_amount, period_start, period_end, period_months, period_days, proration_policy, subtotal_amount, tax_amount, tax_label,
       tax_basis_points, total_amount, due_today_amount, next_invoice_date, next_invoice_amount, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24)`,
    [id, accountId, license!.id, license!.product_id, license!.product_name, current, request.additional_quantity, amounts.total.currency,
      amounts.unit_price.amount, amounts.period.start, amounts.period.end, amounts.period.months, amounts.period.days, amounts.proration_policy,
      amounts.subtotal.amount, amounts.tax.amount, account.tax_label, account.tax_basis_points, amounts.total.amount, amounts.due_today.amount,
      amounts.next_invoice.date, amounts.next_invoice.adds.amount, now.toISOString(), new Date(now.getTime() + QUOTE_TTL_MS).toISOString()],
  );
  const [row] = await tx.query<QuoteRow>(`SELECT ${QUOTE_COLUMNS} FROM license_quotes q WHERE q.id = $1`, [id]);
  return toQuote(row);
}

/** POST /licenses/quotes. */
export async function createQuote(db: Database, settings: LicensingSettings, accountId: string, request: NewLicenseQuote): Promise<StoredResponse> {
  const quote = await db.transaction((tx) => quoteIn(tx, settings, accountId, request, new Date()));
  return { status: 201, body: quote };
}

// ---------------------------------------------------------------------------------------------
// Orders

export interface OrderSettings {
  payments: PaymentSettings;
  licensing: LicensingSettings;
}

/** Who places the order: the token's account and user (the acknowledgement names the user). */
export interface Buyer {
  accountId: string;
  userId: string;
}

/** The invoice an order makes: one line for the licenses over the prorated period, and the tax (as the memory twin's). */
function orderInvoice(quote: LicenseQuote, taxBasisPoints: number, id: string, number: string, salesOrder: string, status: string, now: Date): Omit<InvoiceDetail, 'pdf_url'> {
  return purchaseInvoice({
    id,
    number,
    status,
    now,
    title: `${quote.product_name} — order ${salesOrder}`,
    line: { description: `${quote.product_name} licenses, prorated`, quantity: quote.additional_quantity, unitPrice: quote.unit_price },
    subtotal: quote.subtotal,
    tax: quote.tax,
    total: quote.total,
    taxLabel: quote.tax_label ?? null,
    taxBasisPoints,
    period: { start: quote.period.start, end: quote.period.end },
    memo: `Sales order ${salesOrder}`,
  });
}

type OrderAttempt = { kind: 'done'; response: StoredResponse; bankPayment: boolean } | { kind: 'expired'; quote: QuoteRow };

/**
 * POST /licenses/orders in one transaction, checking in the memory twin's order: the quote exists
 * (422), is not ordered (409 naming the order), has not expired (409 with today's quote), can still
 * be bought (422), the payment is allowed (422) and exists (422), the card is not declined (402, the
 * key's stored outcome; nothing is written and the quote stays open). Then: the invoice (paid,
 * processing for a bank account, or open for "invoice me") with its line and tax, the payment and
 * its allocation, the balance, the license's pending quantity, the order, and the quote consumed.
 * `salesOrderUrl` signs the response's link. Returns whether a bank payment is now processing.
 */
export async function createOrder(
  db: Database,
  settings: OrderSettings,
  buyer: Buyer,
  request: NewLicenseOrder,
  salesOrderUrl: SalesOrderLink,
): Promise<{ response: StoredResponse; bankPayment: boolean }> {
  const { accountId } = buyer;
  const now = new Date();
  const attempt = await db.transaction(async (tx): Promise<OrderAttempt> => {
    const [quoteRow] = await tx.query<QuoteRow>(`SELECT ${QUOTE_COLUMNS} FROM license_quotes q WHERE q.id = $1 AND q.account_id = $2 FOR UPDATE`, [
      request.quote_id,
      accountId,
    ]);
    if (!quoteRow) throw unprocessable('quote_not_found', 'This quote does not exist: ask for a new one.', 'quote_id', 'unknown quote');
    if (quoteRow.order_id) {
      const [order] = await tx.query<{ id: string; number: string }>('SELECT id, number FROM license_orders WHERE id = $1', [quoteRow.order_id]);
      throw new HttpProblem(409, 'quote_already_ordered', `This quote was ordered already (order ${order.number}).`, undefined, {}, { order_id: order.id, order_number: order.number });
    }
    if (Date.parse(quoteRow.expires_at) <= now.getTime()) return { kind: 'expired', quote: quoteRow };
    const quote = toQuote(quoteRow);

    const [licenseRow] = await tx.query<LicenseRow>(`SELECT ${LICENSE_COLUMNS} FROM licenses l JOIN products p ON p.id = l.product_id WHERE l.id = $1 FOR UPDATE OF l`, [
      quoteRow.license_id,
    ]);
    const today = settings.licensing.today();
    const refusal = quoteRefusal(toLicense(licenseRow), await readTerm(tx, accountId, today), quote.additional_quantity, today);
    if (refusal) throw refused(refusal, false);

    const [account] = await tx.query<{ currency: string; invoice_allowed: boolean }>('SELECT currency, invoice_allowed FROM accounts WHERE id = $1 FOR UPDATE', [accountId]);
    if (request.payment.type === 'invoice' && !account.invoice_allowed) {
      throw unprocessable('invoice_payment_not_allowed', 'This account pays license orders with a saved payment method.', 'payment', 'not allowed');
    }
    let method: ChargeableMethod | undefined;
    if (request.payment.type === 'payment_method') {
      [method] = await tx.query<ChargeableMethod>(
        `SELECT id, type, label, card_brand, card_last4, card_exp_month, card_exp_year, bank_name, bank_last4, bank_account_type, gateway_outcome
         FROM payment_methods WHERE id = $1 AND account_id = $2 AND deleted_at IS NULL`,
        [request.payment.payment_method_id, accountId],
      );
      if (!method) throw unprocessable('payment_method_not_found', 'This payment method does not exist (any more).', 'payment_method_id', 'unknown payment method');
    }
    const outcome = method ? chargeOutcome(method, now) : undefined;
    if (outcome?.kind === 'card' && outcome.outcome !== 'succeeded') {
      return { kind: 'done', response: { status: 402, body: new HttpProblem(402, outcome.outcome, DECLINE_DETAILS[outcome.outcome]).toProblem() }, bankPayment: false };
    }
    const bank = outcome?.kind === 'bank';

    const [{ count }] = await tx.query<{ count: number }>('SELECT count(*)::int AS count FROM license_orders WHERE account_id = $1', [accountId]);
    const sequence = count + 1;
    const number = orderNumber(sequence);
    const orderId = newId('ord');
    const createdAt = now.toISOString();
    const due = quote.due_today;
    let invoiceId: string | null = null;
    let paymentId: string | null = null;
    let paymentLabel: string | null = null;
    if (due.amount > 0) {
      invoiceId = newId('in');
      const status = method ? (bank ? 'processing' : 'paid') : 'open';
      const invoiceNumber = `INV-${createdAt.slice(0, 4)}-L${String(sequence).padStart(4, '0')}`;
      const detail = orderInvoice(quote, quoteRow.tax_basis_points, invoiceId, invoiceNumber, number, status, now);
      await tx.query(
        `INSERT INTO invoices (id, account_id, number, status, issued_on, due_on, currency, total_amount, amount_due, detail, order_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [invoiceId, accountId, invoiceNumber, status, detail.issued_on, detail.due_on, due.currency, detail.total.amount, detail.amount_due.amount, JSON.stringify(detail), orderId],
      );
      if (method && outcome) {
        paymentId = newId('py');
        paymentLabel = snapshotLabel(method);
        await tx.query(
          `INSERT INTO payments (id, account_id, created_at, amount, currency, status, payment_method_id, payment_method_type, payment_method_label,
             payment_method_exp_month, payment_method_exp_year, settle_at, settle_fails, settled_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
          [paymentId, accountId, createdAt, due.amount, due.currency, bank ? 'processing' : 'succeeded', method.id, method.type, paymentLabel,
            method.card_exp_month, method.card_exp_year, bank ? new Date(now.getTime() + settings.payments.achSettleMs).toISOString() : null,
            outcome.kind === 'bank' ? outcome.fails : null, bank ? null : createdAt],
        );
        await tx.query('INSERT INTO payment_allocations (payment_id, invoice_id, position, invoice_number, amount) VALUES ($1, $2, 0, $3, $4)', [
          paymentId,
          invoiceId,
          invoiceNumber,
          due.amount,
        ]);
      }
      // The purchase adds to the balance; a charge takes it off again (a bank debit until it is returned).
      await tx.query(
        `UPDATE accounts SET balance_amount = balance_amount + $2,
           last_payment = CASE WHEN $3 THEN $4::jsonb ELSE last_payment END WHERE id = $1`,
        [accountId, method ? 0 : due.amount, Boolean(method) && !bank, JSON.stringify({ amount: due, paid_at: createdAt, method_label: paymentLabel })],
      );
    }
    const [user] = await tx.query<{ name: string }>('SELECT name FROM users WHERE id = $1 AND account_id = $2', [buyer.userId, accountId]);
    await tx.query(
      `INSERT INTO license_orders (id, account_id, number, quote_id, license_id, product_id, product_name, additional_quantity, period_start,
         period_end, period_months, period_days, currency, total_amount, due_today_amount, payment_type, payment_id, payment_label, invoice_id,
         authorized_by_user_id, authorized_by_name, status, created_at, provision_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, 'pending_provisioning', $22, $23)`,
      [orderId, accountId, number, quote.id, quote.license_id, quote.product_id, quote.product_name, quote.additional_quantity, quote.period.start,
        quote.period.end, quote.period.months, quote.period.days, due.currency, quote.total.amount, due.amount, request.payment.type, paymentId,
        paymentLabel, invoiceId, buyer.userId, user?.name ?? buyer.userId, createdAt, new Date(now.getTime() + settings.licensing.provisioningMs).toISOString()],
    );
    await tx.query('UPDATE license_quotes SET order_id = $2 WHERE id = $1', [quote.id, orderId]);
    await tx.query(`UPDATE licenses SET pending_quantity = pending_quantity + $2, status = 'pending_provisioning' WHERE id = $1`, [
      quote.license_id,
      quote.additional_quantity,
    ]);
    const [row] = await tx.query<OrderRow>(`SELECT ${ORDER_COLUMNS} FROM ${ORDER_FROM} WHERE o.id = $1`, [orderId]);
    return { kind: 'done', response: { status: 201, body: toOrder(row, salesOrderUrl) }, bankPayment: bank };
  });
  if (attempt.kind === 'done') {
    // An "invoice me" order's open invoice is paid first from any credit the account has.
    if (attempt.response.status === 201) await applyAvailableCredit(db, accountId, now);
    return attempt;
  }
  // Expired: today's price for the same licenses, kept as a quote of its own (its own transaction,
  // so it stays although this request fails), named in the problem.
  const { quote } = attempt;
  const fresh = await db.transaction((tx) =>
    quoteIn(tx, settings.licensing, accountId, { product_id: quote.product_id, additional_quantity: quote.additional_quantity }, new Date()),
  );
  throw new HttpProblem(409, 'quote_expired', 'This quote has expired; here is today’s price.', undefined, {}, { quote: fresh });
}

// ---------------------------------------------------------------------------------------------
// Provisioning

/**
 * Provisions every order whose time has come, in one statement: the orders become `provisioned`
 * and their licenses gain the quantity (leaving `pending_quantity`, `active` once nothing is
 * pending). `FOR UPDATE SKIP LOCKED` lets two processes sweep at once without provisioning an
 * order twice: a row one of them holds is skipped by the other, and a row it has provisioned no
 * longer matches. Returns how many orders this call provisioned.
 */
export async function provisionDueOrders(db: Queryable): Promise<number> {
  const [row] = await db.query<{ provisioned: number }>(
    `WITH due AS (
       SELECT id FROM license_orders WHERE status = 'pending_provisioning' AND provision_at <= now()
       ORDER BY provision_at, id LIMIT 500 FOR UPDATE SKIP LOCKED
     ), provisioned AS (
       UPDATE license_orders o SET status = 'provisioned', provisioned_at = now() FROM due WHERE o.id = due.id
       RETURNING o.license_id, o.additional_quantity
     ), added AS (
       SELECT license_id, sum(additional_quantity)::int AS quantity, count(*)::int AS orders FROM provisioned GROUP BY license_id
     ), licensed AS (
       UPDATE licenses l SET quantity = l.quantity + a.quantity,
         pending_quantity = GREATEST(0, l.pending_quantity - a.quantity),
         status = CASE WHEN l.pending_quantity - a.quantity <= 0 THEN 'active' ELSE l.status END
       FROM added a WHERE l.id = a.license_id
       RETURNING a.orders
     )
     SELECT COALESCE(sum(orders), 0)::int AS provisioned FROM licensed`,
  );
  return row.provisioned;
}

/**
 * The provisioning sweep of one process, like the settlement sweep (server/payments.ts): on a
 * timer and before reads of licenses and orders; calls that arrive while a sweep runs share the
 * next one. A read skips the sweep while no order can be due yet (the earliest `provision_at`
 * still pending, trusted for one timer interval; every read sweeps without a timer). `changed()`
 * drops that knowledge (an order placed here, or made due by a test).
 */
export class ProvisioningSweep extends DueSweep {
  constructor(db: Database) {
    super(db, 'provisioning');
  }

  protected async work(): Promise<void> {
    while ((await provisionDueOrders(this.db)) > 0) {
      // Until no order is due (a batch is at most 500 orders).
    }
  }

  protected async nextDueAt(): Promise<number | null> {
    const [row] = await this.db.query<{ next: number | null }>(
      `SELECT (extract(epoch FROM min(provision_at)) * 1000)::float8 AS next FROM license_orders WHERE status = 'pending_provisioning'`,
    );
    return row?.next ?? null;
  }
}

// ---------------------------------------------------------------------------------------------
// The sales order document

/** What the sales order PDF shows. */
export interface SalesOrderDocument {
  number: string;
  created_at: string;
  status: string;
  account_name: string;
  authorized_by: string;
  quote_id: string;
  product_name: string;
  additional_quantity: number;
  unit_label: string;
  unit_price: { amount: number; currency: string };
  period: { start: string; end: string; months: number; days: number };
  proration_policy: string;
  subtotal: { amount: number; currency: string };
  tax: { amount: number; currency: string };
  tax_label: string | null;
  tax_basis_points: number;
  total: { amount: number; currency: string };
  payment_type: string;
  payment_label: string | null;
  invoice_number: string | null;
  invoice_due_on: string | null;
  provisioned_at: string | null;
}

/** The order behind a signed sales order link (the link names the order; no account scope). */
export async function readSalesOrder(db: Queryable, orderId: string): Promise<SalesOrderDocument | undefined> {
  const [row] = await db.query<SalesOrderDocument & { currency: string; unit_price_amount: number; subtotal_amount: number; tax_amount: number; total_amount: number; period_start: string; period_end: string; period_months: number; period_days: number }>(
    `SELECT o.number, ${iso('o.created_at')} AS created_at, o.status, a.name AS account_name, o.authorized_by_name AS authorized_by, o.quote_id,
       o.product_name, o.additional_quantity, l.unit_label, o.currency, q.unit_price_amount::float8 AS unit_price_amount,
       o.period_start::text AS period_start, o.period_end::text AS period_end, o.period_months, o.period_days, q.proration_policy,
       q.subtotal_amount::float8 AS subtotal_amount, q.tax_amount::float8 AS tax_amount, q.tax_label, q.tax_basis_points,
       o.total_amount::float8 AS total_amount, o.payment_type, o.payment_label, i.number AS invoice_number, i.due_on::text AS invoice_due_on,
       ${iso('o.provisioned_at')} AS provisioned_at
     FROM license_orders o JOIN accounts a ON a.id = o.account_id JOIN license_quotes q ON q.id = o.quote_id
       JOIN licenses l ON l.id = o.license_id LEFT JOIN invoices i ON i.id = o.invoice_id
     WHERE o.id = $1`,
    [orderId],
  );
  if (!row) return undefined;
  const m = (amount: number) => money(amount, row.currency);
  return {
    number: row.number,
    created_at: row.created_at,
    status: row.status,
    account_name: row.account_name,
    authorized_by: row.authorized_by,
    quote_id: row.quote_id,
    product_name: row.product_name,
    additional_quantity: row.additional_quantity,
    unit_label: row.unit_label,
    unit_price: m(row.unit_price_amount),
    period: { start: row.period_start, end: row.period_end, months: row.period_months, days: row.period_days },
    proration_policy: row.proration_policy,
    subtotal: m(row.subtotal_amount),
    tax: m(row.tax_amount),
    tax_label: row.tax_label,
    tax_basis_points: row.tax_basis_points,
    total: m(row.total_amount),
    payment_type: row.payment_type,
    payment_label: row.payment_label,
    invoice_number: row.invoice_number,
    invoice_due_on: row.invoice_due_on,
    provisioned_at: row.provisioned_at,
  };
}

/**
 * Add-ons on the database (issue 11): the account's add-ons, previews that price a change, and
 * confirmed changes with the invoice or the credit they make. The rules are the shared ones of
 * src/api/addons.ts (addonChangeRefusal, addonPreviewAmounts, PREVIEW_TTL_MS), so the server
 * prices and refuses exactly like MemoryAccountApi.
 *
 * - A `pending` add-on becomes its target state once its `pending_until` has passed: every read and
 *   write of an add-on first runs one `UPDATE … WHERE pending_until <= now()`, which is safe across
 *   processes (a row another process resolved no longer matches).
 * - A change is one transaction with row locks: preview → add-on → account. The preview row's lock
 *   makes two confirmations of one preview (two tabs, two processes) wait and then see it consumed;
 *   the unique `addon_changes.preview_id` backs that. The Idempotency-Key (route layer) makes a
 *   retried request answer the same change.
 */
import { PREVIEW_TTL_MS, addonChangeRefusal, addonPreviewAmounts } from '../src/api/addons.js';
import type { AddonAction } from '../src/api/addon-vocabulary.js';
import type { Addon, AddonChange, AddonList, AddonPreview } from '../src/api/schemas/addon.js';
import type { InvoiceDetail } from '../src/api/schemas/invoice.js';
import type { Database, Queryable } from './db.js';
import type { StoredResponse } from './idempotency.js';
import { readTerm, type LicensingSettings } from './licenses.js';
import { iso, newId, unprocessable } from './payments.js';
import { applyAvailableCredit } from './credits.js';
import { HttpProblem } from './problem.js';
import { purchaseInvoice } from '../src/api/purchase-invoice.js';

/** What add-on changes need: the provisioning time of `provisioned` add-ons and today's date (the licenses' settings). */
export type AddonSettings = Pick<LicensingSettings, 'provisioningMs' | 'today'>;

const money = (amount: number, currency: string) => ({ amount, currency });

// ---------------------------------------------------------------------------------------------
// Add-ons

const ADDON_COLUMNS = `a.id, a.name, a.description, a.price_amount::float8 AS price_amount, a.currency, a.billing, a.unit_label, a.state,
  a.pending_action, a.setup_provider, a.setup_url, a.setup_complete, a.learn_more_url, ${iso('a.enabled_at')} AS enabled_at, a.provisioned`;

interface AddonRow {
  id: string;
  name: string;
  description: string;
  price_amount: number;
  currency: string;
  billing: string;
  unit_label: string | null;
  state: string;
  pending_action: string | null;
  setup_provider: string | null;
  setup_url: string | null;
  setup_complete: boolean | null;
  learn_more_url: string | null;
  enabled_at: string | null;
  provisioned: boolean;
}

function toAddon(row: AddonRow): Addon {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    price: money(row.price_amount, row.currency),
    billing: row.billing,
    unit_label: row.unit_label,
    state: row.state,
    pending_action: row.pending_action,
    setup: row.setup_complete === null ? null : { provider: row.setup_provider, url: row.setup_url, complete: row.setup_complete },
    learn_more_url: row.learn_more_url,
    enabled_at: row.enabled_at,
  };
}

/**
 * The pending rule: the account's `pending` add-ons whose `pending_until` has passed (only `addonId`
 * when given) become their target state. An enable keeps the `enabled_at` it was made with (a seeded
 * one gets the moment it became due). One statement, safe across processes.
 */
export async function resolvePending(db: Queryable, accountId: string, addonId?: string): Promise<number> {
  const params: unknown[] = [accountId];
  const only = addonId === undefined ? '' : `AND id = $${params.push(addonId)}`;
  const rows = await db.query(
    `UPDATE addons SET
       state = CASE pending_action WHEN 'enable' THEN 'enabled' ELSE 'disabled' END,
       enabled_at = CASE pending_action WHEN 'enable' THEN COALESCE(enabled_at, pending_until) ELSE NULL END,
       pending_action = NULL, pending_until = NULL
     WHERE account_id = $1 ${only} AND state = 'pending' AND pending_until <= now()
     RETURNING id`,
    params,
  );
  return rows.length;
}

/** GET /addons: every add-on of the account in the fixture's (the product's) order. */
export async function listAddons(db: Queryable, accountId: string): Promise<AddonList> {
  await resolvePending(db, accountId);
  const rows = await db.query<AddonRow>(`SELECT ${ADDON_COLUMNS} FROM addons a WHERE a.account_id = $1 ORDER BY a.position`, [accountId]);
  return { data: rows.map(toAddon) };
}

const notFound = () => new HttpProblem(404, 'not_found', 'No such add-on.');

/** The add-on `id` of the account, locked for the transaction, after the pending rule; 404 when it is not the account's. */
async function lockAddon(tx: Queryable, accountId: string, id: string): Promise<AddonRow> {
  await resolvePending(tx, accountId, id);
  const [row] = await tx.query<AddonRow>(`SELECT ${ADDON_COLUMNS} FROM addons a WHERE a.id = $1 AND a.account_id = $2 FOR UPDATE`, [id, accountId]);
  if (!row) throw notFound();
  return row;
}

// ---------------------------------------------------------------------------------------------
// Previews

const PREVIEW_COLUMNS = `p.id, p.addon_id, p.addon_name, p.action, p.billing, p.currency, p.period_start::text AS period_start,
  p.period_end::text AS period_end, p.period_months, p.period_days, p.proration_policy, p.subtotal_amount::float8 AS subtotal_amount,
  p.tax_amount::float8 AS tax_amount, p.tax_label, p.tax_basis_points, p.total_amount::float8 AS total_amount,
  p.credit_amount::float8 AS credit_amount, p.next_invoice_date::text AS next_invoice_date, p.next_invoice_amount::float8 AS next_invoice_amount,
  ${iso('p.created_at')} AS created_at, ${iso('p.expires_at')} AS expires_at, p.change_id`;

interface PreviewRow {
  id: string;
  addon_id: string;
  addon_name: string;
  action: AddonAction;
  billing: string;
  currency: string;
  period_start: string | null;
  period_end: string | null;
  period_months: number | null;
  period_days: number | null;
  proration_policy: string | null;
  subtotal_amount: number;
  tax_amount: number;
  tax_label: string | null;
  tax_basis_points: number;
  total_amount: number;
  credit_amount: number;
  next_invoice_date: string | null;
  next_invoice_amount: number | null;
  created_at: string;
  expires_at: string;
  change_id: string | null;
}

function toPreview(row: PreviewRow): AddonPreview {
  const m = (amount: number) => money(amount, row.currency);
  return {
    id: row.id,
    addon_id: row.addon_id,
    addon_name: row.addon_name,
    action: row.action,
    billing: row.billing,
    period: row.period_start === null ? null : { start: row.period_start, end: row.period_end!, months: row.period_months!, days: row.period_days! },
    proration_policy: row.proration_policy,
    subtotal: m(row.subtotal_amount),
    tax: m(row.tax_amount),
    tax_label: row.tax_label,
    total: m(row.total_amount),
    credit: m(row.credit_amount),
    next_invoice: row.next_invoice_date === null ? null : { date: row.next_invoice_date, changes_by: m(row.next_invoice_amount!) },
    created_at: row.created_at,
    expires_at: row.expires_at,
  };
}

/** The problem of addonChangeRefusal (a 409 `addon_state_changed`). */
function refused(refusal: { status: number; code: string; detail: string }): HttpProblem {
  return new HttpProblem(refusal.status, refusal.code, refusal.detail);
}

/**
 * The preview of `action` on add-on `addonId` inside `tx`: 404 for another account's or an unknown
 * add-on, addonChangeRefusal as a 409, else the open preview of the same add-on and action priced
 * today, or a new one (today's date, the account's contract term and its licensing tax). Locks the
 * add-on row, so two identical requests at once make one preview.
 */
async function previewIn(tx: Queryable, settings: AddonSettings, accountId: string, addonId: string, action: AddonAction, now: Date): Promise<PreviewRow> {
  const addon = await lockAddon(tx, accountId, addonId);
  const refusal = addonChangeRefusal(addon, action);
  if (refusal) throw refused(refusal);
  const today = settings.today();
  const [open] = await tx.query<PreviewRow>(
    `SELECT ${PREVIEW_COLUMNS} FROM addon_previews p
     WHERE p.account_id = $1 AND p.addon_id = $2 AND p.action = $3 AND p.priced_on = $4::date AND p.change_id IS NULL AND p.expires_at > $5::timestamptz
     ORDER BY p.created_at, p.id LIMIT 1`,
    [accountId, addonId, action, today, now.toISOString()],
  );
  if (open) return open;

  const [account] = await tx.query<{ tax_basis_points: number; tax_label: string | null }>('SELECT tax_basis_points, tax_label FROM accounts WHERE id = $1', [accountId]);
  const term = await readTerm(tx, accountId, today);
  const amounts = addonPreviewAmounts({ addon: toAddon(addon), action, today, term, taxBasisPoints: account.tax_basis_points });
  const id = newId('adp');
  await tx.query(
    `INSERT INTO addon_previews (id, account_id, addon_id, addon_name, action, billing, priced_on, currency, period_start, period_end, period_months,
       period_days, proration_policy, subtotal_amount, tax_amount, tax_label, tax_basis_points, total_amount, credit_amount, next_invoice_date,
       next_invoice_amount, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)`,
    [id, accountId, addon.id, addon.name, action, addon.billing, today, addon.currency, amounts.period?.start ?? null, amounts.period?.end ?? null,
      amounts.period?.months ?? null, amounts.period?.days ?? null, amounts.proration_policy, amounts.subtotal.amount, amounts.tax.amount,
      account.tax_label, account.tax_basis_points, amounts.total.amount, amounts.credit.amount, amounts.next_invoice?.date ?? null,
      amounts.next_invoice?.changes_by.amount ?? null, now.toISOString(), new Date(now.getTime() + PREVIEW_TTL_MS).toISOString()],
  );
  const [row] = await tx.query<PreviewRow>(`SELECT ${PREVIEW_COLUMNS} FROM addon_previews p WHERE p.id = $1`, [id]);
  return row;
}

/** POST /addons/{id}/preview. */
export async function createPreview(db: Database, settings: AddonSettings, accountId: string, addonId: string, action: AddonAction): Promise<StoredResponse> {
  const row = await db.transaction((tx) => previewIn(tx, settings, accountId, addonId, action, new Date()));
  return { status: 201, body: toPreview(row) };
}

// ---------------------------------------------------------------------------------------------
// Changes

/** Who confirms the change: the token's account and user. */
export interface AddonActor {
  accountId: string;
  userId: string;
}

/** The invoice an enable makes: one line for the add-on over the prorated period (its price once for a one-time add-on), and the tax. */
function addonInvoice(preview: AddonPreview, price: Addon['price'], taxBasisPoints: number, id: string, number: string, now: Date): Omit<InvoiceDetail, 'pdf_url'> {
  const period = preview.period && { start: preview.period.start, end: preview.period.end };
  return purchaseInvoice({
    id,
    number,
    status: 'open',
    now,
    title: `${preview.addon_name} — add-on`,
    line: { description: period ? `${preview.addon_name}, prorated` : preview.addon_name, quantity: 1, unitPrice: price },
    subtotal: preview.subtotal,
    tax: preview.tax,
    total: preview.total,
    taxLabel: preview.tax_label ?? null,
    taxBasisPoints,
    period,
    memo: `Add-on ${preview.addon_name} enabled`,
  });
}

type ChangeAttempt = { kind: 'done'; response: StoredResponse } | { kind: 'expired' };

/**
 * POST /addons/{id}/enable and /disable in one transaction, checking in this order: the add-on is
 * the account's (404), the preview exists for the account (422 `preview_not_found`), is for this
 * add-on and action (422 `preview_mismatch`), is not consumed (409 `addon_state_changed`: another
 * tab confirmed it), has not expired (409 `preview_expired` with a fresh preview made in its own
 * transaction), and the add-on's state still allows the change (409 `addon_state_changed`). Then:
 * - enable: an open invoice due in 30 days when the total is above zero (the balance goes up by it);
 *   the add-on `enabled`, or `pending` for the provisioning time when it is a `provisioned` one;
 * - disable: a credit when the preview credits anything (the balance goes down by it); `disabled`;
 * and the change, and the preview consumed. Lock order: preview → add-on → account.
 */
export async function changeAddon(
  db: Database,
  settings: AddonSettings,
  actor: AddonActor,
  addonId: string,
  action: AddonAction,
  previewId: string,
): Promise<StoredResponse> {
  const { accountId } = actor;
  const now = new Date();
  const [exists] = await db.query('SELECT 1 FROM addons WHERE id = $1 AND account_id = $2', [addonId, accountId]);
  if (!exists) throw notFound();
  const attempt = await db.transaction(async (tx): Promise<ChangeAttempt> => {
    const [previewRow] = await tx.query<PreviewRow>(`SELECT ${PREVIEW_COLUMNS} FROM addon_previews p WHERE p.id = $1 AND p.account_id = $2 FOR UPDATE`, [
      previewId,
      accountId,
    ]);
    if (!previewRow) throw unprocessable('preview_not_found', 'This preview does not exist: ask for a new one.', 'preview_id', 'unknown preview');
    if (previewRow.addon_id !== addonId || previewRow.action !== action) {
      throw unprocessable('preview_mismatch', `This preview is for ${previewRow.action === 'enable' ? 'enabling' : 'disabling'} ${previewRow.addon_name}, not this change.`, 'preview_id', 'another add-on or action');
    }
    if (previewRow.change_id) throw new HttpProblem(409, 'addon_state_changed', `This change of ${previewRow.addon_name} was confirmed already.`);
    if (Date.parse(previewRow.expires_at) <= now.getTime()) return { kind: 'expired' };
    const preview = toPreview(previewRow);

    const addon = await lockAddon(tx, accountId, addonId);
    const refusal = addonChangeRefusal(addon, action);
    if (refusal) throw refused(refusal);
    await tx.query('SELECT 1 FROM accounts WHERE id = $1 FOR UPDATE', [accountId]);

    const changeId = newId('adc');
    const createdAt = now.toISOString();
    let invoiceId: string | null = null;
    let invoiceNumber: string | null = null;
    let creditId: string | null = null;
    if (action === 'enable' && preview.total.amount > 0) {
      // Numbered by the account's add-on invoices (the year in front), counted under the account row's lock.
      const [{ count }] = await tx.query<{ count: number }>('SELECT count(*)::int AS count FROM invoices WHERE account_id = $1 AND addon_change_id IS NOT NULL', [accountId]);
      invoiceId = newId('in');
      invoiceNumber = `INV-${createdAt.slice(0, 4)}-A${String(count + 1).padStart(4, '0')}`;
      const detail = addonInvoice(preview, toAddon(addon).price, previewRow.tax_basis_points, invoiceId, invoiceNumber, now);
      await tx.query(
        `INSERT INTO invoices (id, account_id, number, status, issued_on, due_on, currency, total_amount, amount_due, detail, addon_change_id)
         VALUES ($1, $2, $3, 'open', $4, $5, $6, $7, $8, $9, $10)`,
        [invoiceId, accountId, invoiceNumber, detail.issued_on, detail.due_on, preview.total.currency, preview.total.amount, preview.total.amount, JSON.stringify(detail), changeId],
      );
      await tx.query('UPDATE accounts SET balance_amount = balance_amount + $2 WHERE id = $1', [accountId, preview.total.amount]);
    }
    if (action === 'disable' && preview.credit.amount > 0) {
      creditId = newId('cr');
      await tx.query(
        `INSERT INTO credits (id, account_id, created_at, original_amount, remaining_amount, currency, reference, expires_on, addon_change_id)
         VALUES ($1, $2, $3, $4, $4, $5, $6, NULL, $7)`,
        [creditId, accountId, createdAt, preview.credit.amount, preview.credit.currency, `${addon.name} disabled: unused part of the period`, changeId],
      );
      await tx.query('UPDATE accounts SET balance_amount = balance_amount - $2 WHERE id = $1', [accountId, preview.credit.amount]);
    }
    await tx.query(
      `INSERT INTO addon_changes (id, account_id, addon_id, preview_id, action, invoice_id, credit_id, user_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [changeId, accountId, addonId, preview.id, action, invoiceId, creditId, actor.userId, createdAt],
    );
    await tx.query('UPDATE addon_previews SET change_id = $2 WHERE id = $1', [preview.id, changeId]);
    if (action === 'enable') {
      const pending = addon.provisioned;
      await tx.query(
        `UPDATE addons SET state = $2, pending_action = $3, pending_until = $4, enabled_at = $5 WHERE id = $1`,
        [addonId, pending ? 'pending' : 'enabled', pending ? 'enable' : null, pending ? new Date(now.getTime() + settings.provisioningMs).toISOString() : null, createdAt],
      );
    } else {
      await tx.query(`UPDATE addons SET state = 'disabled', pending_action = NULL, pending_until = NULL, enabled_at = NULL WHERE id = $1`, [addonId]);
    }
    const [row] = await tx.query<AddonRow>(`SELECT ${ADDON_COLUMNS} FROM addons a WHERE a.id = $1`, [addonId]);
    const change: AddonChange = { addon: toAddon(row), invoice_id: invoiceId, invoice_number: invoiceNumber, credit_id: creditId };
    return { kind: 'done', response: { status: 200, body: change } };
  });
  if (attempt.kind === 'done') {
    // The new credit pays open invoices, or the new invoice is paid from the credit there is.
    await applyAvailableCredit(db, accountId, now);
    return attempt.response;
  }
  // Expired: today's price of the same change, kept as a preview of its own (its own transaction,
  // so it stays although this request fails), named in the problem.
  const fresh = await db.transaction((tx) => previewIn(tx, settings, accountId, addonId, action, new Date()));
  throw new HttpProblem(409, 'preview_expired', 'This preview has expired; here is today’s price.', undefined, {}, { preview: toPreview(fresh) });
}

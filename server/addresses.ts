/**
 * The address book on the database (issue 12). The rules are the shared ones, so the server moves
 * defaults and refuses writes exactly like MemoryAccountApi: planAddressWrite (src/api/addresses.ts)
 * for uses and defaults, addressFieldErrors (src/api/address-check.ts) for the country rules that
 * payment methods' billing addresses follow too, paymentMethodsAt for the methods billed there.
 *
 * A write is one transaction that first locks the account row, so the address writes of an account
 * run one after the other, in one process or several, and each plans on the book as it is; the
 * partial unique index `address_uses_one_default` backs "at most one default per use". A refusal is
 * thrown, so the route layer releases its Idempotency-Key.
 */
import { addressFieldErrors } from '../src/api/address-check.js';
import { orderedUses, paymentMethodsAt, planAddressWrite, type AddressBookEntry, type AddressRefusal, type AddressWrite } from '../src/api/addresses.js';
import type { StoredAddress } from '../src/api/fixtures/addresses.js';
import type { NewSavedAddress, SavedAddress, SavedAddressPatch } from '../src/api/schemas/address.js';
import type { Database, Queryable } from './db.js';
import type { StoredResponse } from './idempotency.js';
import { iso, listMethods, newId } from './payments.js';
import { HttpProblem } from './problem.js';

const ADDRESS_COLUMNS = `a.id, a.name, a.line1, a.line2, a.city, a.region, a.postal_code, a.country,
  ${iso('a.created_at')} AS created_at, ${iso('a.updated_at')} AS updated_at,
  COALESCE((SELECT json_agg(json_build_object('use', u.use, 'is_default', u.is_default)) FROM address_uses u WHERE u.address_id = a.id), '[]'::json) AS uses`;

interface AddressRow {
  id: string;
  name: string | null;
  line1: string;
  line2: string | null;
  city: string;
  region: string | null;
  postal_code: string | null;
  country: string;
  created_at: string;
  updated_at: string;
  uses: Array<{ use: string; is_default: boolean }>;
}

/** The address fields a patch may change (the columns of the same names). */
const PLACE_FIELDS = ['name', 'line1', 'line2', 'city', 'region', 'postal_code', 'country'] as const;

function toStored(row: AddressRow): StoredAddress {
  const { uses, ...place } = row;
  return { ...place, uses: orderedUses(uses.map((u) => u.use)), default_for: orderedUses(uses.filter((u) => u.is_default).map((u) => u.use)) };
}

const entryOf = ({ id, uses, default_for }: StoredAddress): AddressBookEntry => ({ id, uses, default_for });

/** The address as the API answers it, with the account's live payment methods billed there. */
function toAddress(row: AddressRow, methods: Awaited<ReturnType<typeof listMethods>>): SavedAddress {
  const stored = toStored(row);
  return { ...stored, payment_methods: paymentMethodsAt(stored, methods) };
}

/** One keyset page of the address book, oldest first, after `after` = [created_at, id] of the last row shown; only `use`'s when given. */
export async function listAddresses(db: Queryable, accountId: string, use: string | undefined, limit: number, after?: [string, string]) {
  const params: unknown[] = [accountId];
  const where = ['a.account_id = $1'];
  if (use !== undefined) where.push(`EXISTS (SELECT 1 FROM address_uses u WHERE u.address_id = a.id AND u.use = $${params.push(use)})`);
  const countWhere = where.join(' AND ');
  const countParams = [...params];
  if (after) where.push(`(a.created_at, a.id) > ($${params.push(after[0])}::timestamptz, $${params.push(after[1])})`);
  const [rows, counted, methods] = await Promise.all([
    db.query<AddressRow>(`SELECT ${ADDRESS_COLUMNS} FROM addresses a WHERE ${where.join(' AND ')} ORDER BY a.created_at, a.id LIMIT $${params.push(limit + 1)}`, params),
    after ? Promise.resolve(undefined) : db.query<{ count: number }>(`SELECT count(*)::int AS count FROM addresses a WHERE ${countWhere}`, countParams),
    listMethods(db, accountId),
  ]);
  const addresses = rows.slice(0, limit).map((row) => toAddress(row, methods));
  const last = rows.length > limit ? rows[limit - 1] : undefined;
  return { addresses, next: last ? ([last.created_at, last.id] as [string, string]) : null, total: counted?.[0]?.count ?? null };
}

async function readAddress(db: Queryable, accountId: string, id: string): Promise<SavedAddress> {
  const [row] = await db.query<AddressRow>(`SELECT ${ADDRESS_COLUMNS} FROM addresses a WHERE a.id = $1 AND a.account_id = $2`, [id, accountId]);
  return toAddress(row, await listMethods(db, accountId));
}

/** The planner's refusal as the problem both sides answer (`uses` as a member when it names uses). */
function refused(refusal: AddressRefusal): HttpProblem {
  const errors = refusal.field ? [{ field: refusal.field.name, message: refusal.detail, code: refusal.field.code }] : undefined;
  return new HttpProblem(refusal.status, refusal.code, refusal.detail, errors, {}, refusal.uses ? { uses: refusal.uses } : {});
}

/** The country rules' field errors (`region`, `postal_code`) as a 422. */
function checkPlace(place: Parameters<typeof addressFieldErrors>[0]): void {
  const errors = addressFieldErrors(place, '');
  if (errors.length) throw new HttpProblem(422, 'validation_failed', 'The address is not complete for its country.', errors);
}

/** Locks the account (one address write of it at a time) and reads its whole address book. */
async function lockBook(tx: Queryable, accountId: string): Promise<StoredAddress[]> {
  const [account] = await tx.query('SELECT 1 FROM accounts WHERE id = $1 FOR UPDATE', [accountId]);
  if (!account) throw new HttpProblem(404, 'not_found', 'The token’s account no longer exists.');
  const rows = await tx.query<AddressRow>(`SELECT ${ADDRESS_COLUMNS} FROM addresses a WHERE a.account_id = $1 ORDER BY a.created_at, a.id`, [accountId]);
  return rows.map(toStored);
}

/** The plan of `write` on the locked book; a refusal is thrown as its problem. */
function planOn(book: StoredAddress[], write: AddressWrite) {
  const plan = planAddressWrite(book.map(entryOf), write);
  if (!plan.ok) throw refused(plan.refusal);
  return plan;
}

/**
 * The plan's uses and defaults: each address whose uses or defaults changed gets its rows again, and
 * all of them are removed before any is inserted, so no default is held twice on the way.
 */
async function writeUses(tx: Queryable, accountId: string, plan: { book: AddressBookEntry[]; changed: string[] }, now: string): Promise<void> {
  if (plan.changed.length === 0) return;
  await tx.query('DELETE FROM address_uses WHERE account_id = $1 AND address_id = ANY($2::text[])', [accountId, plan.changed]);
  const rows = plan.book.filter((entry) => plan.changed.includes(entry.id)).flatMap((entry) => entry.uses.map((use) => ({ id: entry.id, use, isDefault: entry.default_for.includes(use) })));
  await tx.query(
    `INSERT INTO address_uses (address_id, account_id, use, is_default)
     SELECT address_id, $1, use, is_default FROM unnest($2::text[], $3::text[], $4::boolean[]) AS r (address_id, use, is_default)`,
    [accountId, rows.map((r) => r.id), rows.map((r) => r.use), rows.map((r) => r.isDefault)],
  );
  await tx.query('UPDATE addresses SET updated_at = $3 WHERE account_id = $1 AND id = ANY($2::text[])', [accountId, plan.changed, now]);
}

/** POST /addresses: the country rules (422), then the uses and defaults (the first of a use becomes its default). */
export async function createAddress(db: Database, accountId: string, request: NewSavedAddress): Promise<StoredResponse> {
  checkPlace(request);
  return db.transaction(async (tx) => {
    const book = await lockBook(tx, accountId);
    const id = newId('adr');
    const now = new Date().toISOString();
    const plan = planOn(book, { kind: 'create', id, uses: request.uses, default_for: request.default_for });
    await tx.query(
      `INSERT INTO addresses (id, account_id, name, line1, line2, city, region, postal_code, country, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)`,
      [id, accountId, request.name ?? null, request.line1, request.line2 ?? null, request.city, request.region ?? null, request.postal_code ?? null, request.country, now],
    );
    await writeUses(tx, accountId, plan, now);
    return { status: 201, body: await readAddress(tx, accountId, id) };
  });
}

/** PATCH /addresses/{id}: 404, the country rules of the address as patched (when a field is sent), then uses and defaults. */
export async function updateAddress(db: Database, accountId: string, id: string, patch: SavedAddressPatch): Promise<StoredResponse> {
  return db.transaction(async (tx) => {
    const book = await lockBook(tx, accountId);
    const current = book.find((address) => address.id === id);
    if (!current) throw new HttpProblem(404, 'not_found', 'No such address.');
    const { uses, default_for, replacement, ...fields } = patch;
    const sent = PLACE_FIELDS.filter((field) => fields[field] !== undefined);
    const place = { ...current, ...fields };
    if (sent.length) checkPlace(place);
    const now = new Date().toISOString();
    const plan = planOn(book, { kind: 'update', id, uses, default_for, replacement });
    if (sent.length) {
      await tx.query(
        `UPDATE addresses SET name = $3, line1 = $4, line2 = $5, city = $6, region = $7, postal_code = $8, country = $9, updated_at = $10
         WHERE id = $1 AND account_id = $2`,
        [id, accountId, place.name ?? null, place.line1, place.line2 ?? null, place.city, place.region ?? null, place.postal_code ?? null, place.country, now],
      );
    }
    await writeUses(tx, accountId, plan, now);
    return { status: 200, body: await readAddress(tx, accountId, id) };
  });
}

/** DELETE /addresses/{id}: 404, the defaults it holds (a replacement named where other addresses have the use), then gone. */
export async function deleteAddress(db: Database, accountId: string, id: string, replacement: string | undefined): Promise<StoredResponse> {
  return db.transaction(async (tx) => {
    const book = await lockBook(tx, accountId);
    const plan = planOn(book, { kind: 'delete', id, replacement });
    // Its uses go with it first: the replacement's new default rows would otherwise meet its old ones.
    await tx.query('DELETE FROM addresses WHERE id = $1 AND account_id = $2', [id, accountId]);
    await writeUses(tx, accountId, plan, new Date().toISOString());
    return { status: 204, body: null };
  });
}

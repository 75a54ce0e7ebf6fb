import { CATALOGUE, PRORATION_POLICY_OF_PRODUCT } from '../src/api/fixtures/catalogue.js';
import { createFixture, FIXTURE_NAMES, type AccountFixture, type FixtureName } from '../src/api/fixtures/generate.js';
import { usersFixture } from '../src/api/fixtures/users.js';
import type { InvoiceDetail } from '../src/api/schemas/invoice.js';
import { usageFixture } from '../src/api/fixtures/usage.js';
import { SETUP_LOCK, type Database, type Queryable } from './db.js';

/**
 * A fixed date for tests that compare the server with the fixtures (the contract suite): seeded
 * around it, every database holds the same data. The server itself seeds around the day it first
 * starts (`seed(db)`), so the demo looks current: invoices due this month, the next one ahead.
 */
export const SEED_DATE = new Date('2026-01-15T12:00:00Z');

/** Rows per multi-row INSERT (10 parameters each, well below PostgreSQL's 65,535). */
const BATCH = 500;

/**
 * Seeds every demo account of the fixtures, once: does nothing when accounts already exist. The
 * payment data (methods, payment history, gateway, payment terms) is seeded with the accounts, or
 * on its own into a database seeded before payments existed (no methods and no payments at all);
 * likewise the licensing data (catalogue, products, terms, licenses, ordering terms) into one
 * seeded before licenses existed (no products), and the add-ons and credits into one seeded before
 * add-ons existed (no add-ons), the users' emails, dates and the fixture's people into one seeded
 * before users had them (users without an email, or an account without users), and the address books
 * into one seeded before addresses existed (no addresses).
 * Returns whether anything was written. `today`: the date the fixtures are generated around.
 * `largeUsage`: also the large account's 100,000 usage records (else its metrics and columns only).
 */
export async function seed(db: Database, today: Date = new Date(), { largeUsage = false }: { largeUsage?: boolean } = {}): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [SETUP_LOCK]);
    const [{ count }] = await tx.query<{ count: number }>('SELECT count(*)::int AS count FROM accounts');
    const [{ paymentsSeeded }] = await tx.query<{ paymentsSeeded: boolean }>(
      'SELECT EXISTS (SELECT 1 FROM payment_methods) OR EXISTS (SELECT 1 FROM payments) AS "paymentsSeeded"',
    );
    const [{ licensingSeeded }] = await tx.query<{ licensingSeeded: boolean }>('SELECT EXISTS (SELECT 1 FROM products) AS "licensingSeeded"');
    const [{ addonsSeeded }] = await tx.query<{ addonsSeeded: boolean }>('SELECT EXISTS (SELECT 1 FROM addons) AS "addonsSeeded"');
    const [{ usageSeeded }] = await tx.query<{ usageSeeded: boolean }>('SELECT EXISTS (SELECT 1 FROM usage_metrics) AS "usageSeeded"');
    // An account always keeps an administrator, so one without users was seeded before it had them.
    const [{ usersSeeded }] = await tx.query<{ usersSeeded: boolean }>(
      `SELECT NOT EXISTS (SELECT 1 FROM users WHERE email IS NULL)
         AND NOT EXISTS (SELECT 1 FROM accounts a WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.account_id = a.id)) AS "usersSeeded"`,
    );
    const [{ addressesSeeded }] = await tx.query<{ addressesSeeded: boolean }>('SELECT EXISTS (SELECT 1 FROM addresses) AS "addressesSeeded"');
    if (count > 0 && paymentsSeeded && licensingSeeded && addonsSeeded && usageSeeded && usersSeeded && addressesSeeded) return false;
    // One fixture per account ('viewer' is another login onto the typical account).
    const fixtures = new Map<string, AccountFixture>();
    const logins: Array<[FixtureName, string, string]> = [];
    for (const name of FIXTURE_NAMES) {
      const fixture = createFixture(name, today);
      if (!fixtures.has(fixture.account.id)) fixtures.set(fixture.account.id, fixture);
      logins.push([name, fixture.account.id, fixture.account.role]);
    }
    if (count === 0) {
      for (const fixture of fixtures.values()) await insertAccount(tx, fixture, today);
      for (const [name, accountId, role] of logins) {
        await tx.query('INSERT INTO demo_logins (name, account_id, role) VALUES ($1, $2, $3)', [name, accountId, role]);
      }
    }
    const accountIds = new Set((await tx.query<{ id: string }>('SELECT id FROM accounts')).map((row) => row.id));
    const seededAccounts = [...fixtures.values()].filter((fixture) => accountIds.has(fixture.account.id));
    if (count === 0 || !paymentsSeeded) for (const fixture of seededAccounts) await insertPaymentData(tx, fixture);
    if (count === 0 || !licensingSeeded) {
      await insertCatalogue(tx, [...fixtures.values()]);
      for (const fixture of seededAccounts) await insertLicensingData(tx, fixture);
    }
    if (count === 0 || !addonsSeeded) for (const fixture of seededAccounts) await insertAddons(tx, fixture);
    if (count === 0 || !usageSeeded) for (const fixture of seededAccounts) await insertUsage(tx, fixture, today, largeUsage);
    if (count > 0 && !usersSeeded) await completeUsers(tx, seededAccounts, today);
    if (count === 0 || !addressesSeeded) for (const fixture of seededAccounts) await insertAddresses(tx, fixture);
    return true;
  });
}

async function insertAccount(tx: Queryable, { account, profile: details, invoices }: AccountFixture, today: Date): Promise<void> {
  // Balance, last payment and autopay are columns (a payment changes them); the rest is the profile document.
  const { role: _role, capabilities: _capabilities, balance, last_payment, autopay, ...profile } = account;
  await tx.query(
    `INSERT INTO accounts (id, name, currency, profile, balance_amount, last_payment, autopay_enabled)
     VALUES ($1, $2, $3, $4, $5, $6, false)`,
    [account.id, account.name, account.currency, JSON.stringify({ ...profile, details }), balance.amount, last_payment ? JSON.stringify(last_payment) : null],
  );
  if (autopay.enabled) throw new Error(`seed: fixture ${account.id} has autopay on, which needs its method first`);
  await insertUsers(tx, account.id, usersFixture(account.id, today));
  await insertInvoices(tx, account.id, invoices);
}

const USER_COLUMNS = `id text, account_id text, email text, name text, role text, status text, time_zone text, invited_at timestamptz,
  last_invited_at timestamptz, created_at timestamptz`;

/** The account's users (src/api/fixtures/users.ts): the demo user of each role, whom demo tokens name, and its people. */
async function insertUsers(tx: Queryable, accountId: string, users: ReturnType<typeof usersFixture>): Promise<void> {
  await insertJsonRows(tx, 'users', USER_COLUMNS, users.map((user) => ({ ...user, account_id: accountId })));
}

/**
 * A database seeded before users had emails holds the demo users with their ids, names and roles
 * only (or no users at all): they get the fixture's email, time zone and dates (their role stays),
 * the fixture's other users are added, and a user the fixtures do not know gets an address that cannot receive mail
 * (`.invalid`), so that every row has one.
 */
async function completeUsers(tx: Queryable, fixtures: AccountFixture[], today: Date): Promise<void> {
  for (const { account } of fixtures) {
    const users = usersFixture(account.id, today);
    await tx.query(
      `UPDATE users u SET email = f.email, time_zone = f.time_zone, invited_at = f.invited_at, last_invited_at = f.last_invited_at, created_at = f.created_at
       FROM json_to_recordset($2::json) AS f(${USER_COLUMNS}) WHERE u.id = f.id AND u.account_id = $1 AND u.email IS NULL`,
      [account.id, JSON.stringify(users)],
    );
    const [{ ids }] = await tx.query<{ ids: string[] }>('SELECT COALESCE(array_agg(id), ARRAY[]::text[]) AS ids FROM users WHERE account_id = $1', [account.id]);
    const known = new Set(ids);
    await insertUsers(tx, account.id, users.filter((user) => !known.has(user.id)));
  }
  await tx.query(`UPDATE users SET email = id || '@users.invalid' WHERE email IS NULL`);
}

/** Rows per json_to_recordset INSERT: one parameter, so PGlite decodes one string instead of thousands of values. */
const JSON_BATCH = 2000;

async function insertJsonRows(tx: Queryable, table: string, columns: string, rows: object[]): Promise<void> {
  const names = columns.split(',').map((column) => column.trim().split(' ')[0]).join(', ');
  for (let start = 0; start < rows.length; start += JSON_BATCH) {
    await tx.query(`INSERT INTO ${table} (${names}) SELECT ${names} FROM json_to_recordset($1::json) AS r(${columns})`, [
      JSON.stringify(rows.slice(start, start + JSON_BATCH)),
    ]);
  }
}

/** The fixture's saved methods (the test gateway charges them successfully), payment history, gateway and terms. */
async function insertPaymentData(tx: Queryable, { account, paymentMethods, payments, gateway }: AccountFixture): Promise<void> {
  await tx.query(`UPDATE accounts SET gateway = $2, profile = profile || jsonb_build_object('payment_terms', $3::jsonb) WHERE id = $1`, [
    account.id,
    JSON.stringify(gateway),
    JSON.stringify(account.payment_terms ?? null),
  ]);
  await insertJsonRows(
    tx,
    'payment_methods',
    `id text, account_id text, type text, label text, is_default boolean, card_brand text, card_last4 text, card_exp_month smallint,
     card_exp_year smallint, bank_name text, bank_last4 text, bank_account_type text, bank_account_holder_name text, gateway_outcome text,
     billing_address jsonb, created_at timestamptz`,
    paymentMethods.map((method) => ({
      id: method.id,
      account_id: account.id,
      type: method.type,
      label: method.label ?? null,
      is_default: method.is_default,
      card_brand: method.card?.brand,
      card_last4: method.card?.last4,
      card_exp_month: method.card?.exp_month,
      card_exp_year: method.card?.exp_year,
      bank_name: method.bank_account?.bank_name,
      bank_last4: method.bank_account?.last4,
      bank_account_type: method.bank_account?.account_type,
      bank_account_holder_name: method.bank_account?.account_holder_name,
      gateway_outcome: method.type === 'bank_account' ? 'settles' : 'succeeded',
      billing_address: method.billing_address ?? null,
      created_at: method.created_at,
    })),
  );
  await insertJsonRows(
    tx,
    'payments',
    `id text, account_id text, created_at timestamptz, amount bigint, currency text, status text, payment_method_id text,
     payment_method_type text, payment_method_label text, payment_method_exp_month smallint, payment_method_exp_year smallint, settled_at timestamptz`,
    payments.map((payment) => ({
      id: payment.id,
      account_id: account.id,
      created_at: payment.created_at,
      amount: payment.amount.amount,
      currency: payment.amount.currency,
      status: payment.status,
      payment_method_id: payment.payment_method?.id,
      payment_method_type: payment.payment_method?.type,
      payment_method_label: payment.payment_method?.label,
      payment_method_exp_month: payment.payment_method?.exp_month,
      payment_method_exp_year: payment.payment_method?.exp_year,
      settled_at: payment.settled_at,
    })),
  );
  await insertJsonRows(
    tx,
    'payment_allocations',
    'payment_id text, invoice_id text, position smallint, invoice_number text, amount bigint',
    payments.flatMap((payment) =>
      payment.allocations.map((allocation, position) => ({
        payment_id: payment.id,
        invoice_id: allocation.invoice_id,
        position,
        invoice_number: allocation.invoice_number,
        amount: allocation.amount.amount,
      })),
    ),
  );
}

/**
 * The public catalogue, and the products the accounts hold licenses of: the catalogue's, and any a
 * contract sells outside it (data residency), each with its proration policy.
 */
async function insertCatalogue(tx: Queryable, fixtures: AccountFixture[]): Promise<void> {
  await tx.query('INSERT INTO pricing_catalogue (id, document) VALUES (1, $1)', [JSON.stringify(CATALOGUE)]);
  const products = new Map<string, { name: string; selfService: boolean }>(CATALOGUE.products.map((p) => [p.id, { name: p.name, selfService: true }]));
  for (const { licensing } of fixtures) {
    for (const license of licensing.licenses) {
      if (!products.has(license.product_id)) products.set(license.product_id, { name: license.product_name, selfService: license.self_service });
    }
  }
  for (const [id, { name, selfService }] of products) {
    await tx.query('INSERT INTO products (id, name, proration_policy, self_service) VALUES ($1, $2, $3, $4)', [
      id,
      name,
      PRORATION_POLICY_OF_PRODUCT[id] ?? 'prorate_by_day',
      selfService,
    ]);
  }
}

/** The account's contract term, its licenses, whether it may be invoiced for orders, and its tax. */
async function insertLicensingData(tx: Queryable, { account, licensing }: AccountFixture): Promise<void> {
  if (licensing.orders.length) throw new Error(`seed: fixture ${account.id} has license orders, which need their quotes first`);
  await tx.query('UPDATE accounts SET invoice_allowed = $2, tax_basis_points = $3, tax_label = $4 WHERE id = $1', [
    account.id,
    licensing.invoiceAllowed,
    licensing.tax.basisPoints,
    licensing.tax.label,
  ]);
  const { term } = licensing;
  if (term) {
    await tx.query('INSERT INTO contract_terms (id, account_id, start_on, end_on, billing_interval, auto_renews) VALUES ($1, $2, $3, $4, $5, $6)', [
      term.id,
      account.id,
      term.start,
      term.end,
      term.interval,
      term.auto_renews,
    ]);
  }
  await insertJsonRows(
    tx,
    'licenses',
    `id text, account_id text, product_id text, product_name text, plan_id text, plan_name text, unit_label text, quantity integer,
     pending_quantity integer, unit_price_amount bigint, currency text, max_quantity integer, self_service boolean, status text`,
    licensing.licenses.map((license) => ({
      id: license.id,
      account_id: account.id,
      product_id: license.product_id,
      product_name: license.product_name,
      plan_id: license.plan_id,
      plan_name: license.plan_name,
      unit_label: license.unit_label,
      quantity: license.quantity,
      pending_quantity: license.pending_quantity,
      unit_price_amount: license.unit_price.amount,
      currency: license.unit_price.currency,
      max_quantity: license.max_quantity,
      self_service: license.self_service,
      status: license.status,
    })),
  );
}

/**
 * The account's add-ons in the fixture's order, with which of them take the provisioning time, and
 * its credits. A seeded `pending` add-on has no `pending_until`: it stays pending until the product
 * (or a test, POST /__test/provision-addon) says it is done.
 */
async function insertAddons(tx: Queryable, { account, addons }: AccountFixture): Promise<void> {
  const provisioned = new Set(addons.provisioned);
  await insertJsonRows(
    tx,
    'addons',
    `id text, account_id text, position integer, name text, description text, price_amount bigint, currency text, billing text, unit_label text,
     state text, pending_action text, setup_provider text, setup_url text, setup_complete boolean, learn_more_url text, enabled_at timestamptz,
     provisioned boolean`,
    addons.addons.map((addon, position) => ({
      id: addon.id,
      account_id: account.id,
      position,
      name: addon.name,
      description: addon.description,
      price_amount: addon.price.amount,
      currency: addon.price.currency,
      billing: addon.billing,
      unit_label: addon.unit_label,
      state: addon.state,
      pending_action: addon.pending_action,
      setup_provider: addon.setup?.provider ?? null,
      setup_url: addon.setup?.url ?? null,
      setup_complete: addon.setup ? addon.setup.complete : null,
      learn_more_url: addon.learn_more_url,
      enabled_at: addon.enabled_at,
      provisioned: provisioned.has(addon.id),
    })),
  );
  await insertJsonRows(
    tx,
    'credits',
    'id text, account_id text, created_at timestamptz, original_amount bigint, remaining_amount bigint, currency text, reference text, expires_on date',
    addons.credits.map((credit) => ({
      id: credit.id,
      account_id: account.id,
      created_at: credit.created_at,
      original_amount: credit.original.amount,
      remaining_amount: credit.remaining.amount,
      currency: credit.original.currency,
      reference: credit.reference,
      expires_on: credit.expires_on,
    })),
  );
}

/** The account's address book: each address, and a row per use saying whether it is that use's default. */
async function insertAddresses(tx: Queryable, { account, addresses }: AccountFixture): Promise<void> {
  await insertJsonRows(
    tx,
    'addresses',
    `id text, account_id text, name text, line1 text, line2 text, city text, region text, postal_code text, country text, created_at timestamptz,
     updated_at timestamptz`,
    addresses.map(({ uses: _uses, default_for: _defaults, ...address }) => ({ ...address, account_id: account.id })),
  );
  await insertJsonRows(
    tx,
    'address_uses',
    'address_id text, account_id text, use text, is_default boolean',
    addresses.flatMap((address) => address.uses.map((use) => ({ address_id: address.id, account_id: account.id, use, is_default: address.default_for.includes(use) }))),
  );
}

/** Rows per usage INSERT: one statement of ten arrays (unnest) per 10,000 records. */
const USAGE_CHUNK = 10_000;

/** The account's usage (src/api/fixtures/usage.ts): metrics, columns, and records in few big statements. */
async function insertUsage(tx: Queryable, { account, invoices }: AccountFixture, today: Date, largeUsage: boolean): Promise<void> {
  const usage = usageFixture(account.id, invoices, today);
  if (account.id === 'acct_large' && !largeUsage) usage.records = [];
  for (const [position, metric] of usage.metrics.entries()) {
    await tx.query('INSERT INTO usage_metrics (account_id, id, position, name, unit) VALUES ($1, $2, $3, $4, $5)', [account.id, metric.id, position, metric.name, metric.unit]);
  }
  for (const [position, column] of usage.columns.entries()) {
    await tx.query('INSERT INTO usage_columns (account_id, key, position, label, type) VALUES ($1, $2, $3, $4, $5)', [account.id, column.key, position, column.label, column.type]);
  }
  for (let at = 0; at < usage.records.length; at += USAGE_CHUNK) {
    const chunk = usage.records.slice(at, at + USAGE_CHUNK);
    await tx.query(
      `INSERT INTO usage_records (id, account_id, occurred_at, metric, quantity, unit, description, invoice_id, fields)
       SELECT id, $1, occurred_at, metric, quantity, unit, description, invoice_id, fields
       FROM unnest($2::text[], $3::timestamptz[], $4::text[], $5::numeric[], $6::text[], $7::text[], $8::text[], $9::jsonb[])
         AS r (id, occurred_at, metric, quantity, unit, description, invoice_id, fields)`,
      [
        account.id,
        chunk.map((r) => r.id),
        chunk.map((r) => r.occurred_at),
        chunk.map((r) => r.metric),
        chunk.map((r) => r.quantity),
        chunk.map((r) => r.unit),
        chunk.map((r) => r.description),
        chunk.map((r) => r.invoice?.id ?? null),
        chunk.map((r) => JSON.stringify(r.fields)),
      ],
    );
  }
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

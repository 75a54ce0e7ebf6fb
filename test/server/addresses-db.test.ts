/// <reference types="node" />
/**
 * The address book on PGlite outside the api-suite: a database seeded before addresses existed gets
 * every account's book once; the seeded books follow the contract and their own rules and link the
 * payment methods they should; the database itself refuses a second default of a use; and the
 * region lists the country rules read.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addressFieldErrors, regionKnown } from '../../src/api/address-check.js';
import { createFixture, FIXTURE_NAMES } from '../../src/api/fixtures/generate.js';
import { NewSavedAddress, SavedAddress } from '../../src/api/schemas/address.js';
import { listAddresses } from '../../server/addresses.js';
import { migrate, openPglite, type Database } from '../../server/db.js';
import { SEED_DATE, seed } from '../../server/seed.js';

describe('a database seeded before addresses existed', () => {
  let db: Database;
  before(async () => {
    db = await openPglite();
    await migrate(db);
    await seed(db, SEED_DATE);
    // What a database of the version before the address book holds: everything but the addresses.
    await db.query('DELETE FROM address_uses');
    await db.query('DELETE FROM addresses');
  });
  after(() => db.close());

  const book = async (accountId: string) => (await listAddresses(db, accountId, undefined, 100)).addresses;

  test('seeds the address book of every account it has, once, leaving the rest alone', async () => {
    const count = async (table: string) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0].n;
    const before = { invoices: await count('invoices'), methods: await count('payment_methods'), addons: await count('addons') };
    assert.equal(await seed(db, SEED_DATE), true);
    assert.equal(await seed(db, SEED_DATE), false, 'once');
    assert.deepEqual({ invoices: await count('invoices'), methods: await count('payment_methods'), addons: await count('addons') }, before);
    for (const name of FIXTURE_NAMES) {
      const fixture = createFixture(name, SEED_DATE);
      const seeded = (await book(fixture.account.id)).map(({ payment_methods: _methods, ...address }) => ({
        ...address,
        created_at: new Date(address.created_at).toISOString(),
        updated_at: new Date(address.updated_at).toISOString(),
      }));
      const expected = fixture.addresses.map((a) => ({ ...a, created_at: new Date(a.created_at).toISOString(), updated_at: new Date(a.updated_at).toISOString() }));
      assert.deepEqual(seeded, expected, name);
    }
  });

  test('the seeded books: valid addresses by the contract and their countries’ rules, one default per use, and the payment methods billed at them', async () => {
    for (const name of FIXTURE_NAMES) {
      const { addresses } = createFixture(name, SEED_DATE);
      for (const { id, uses, default_for, created_at: _c, updated_at: _u, ...place } of addresses) {
        assert.ok(NewSavedAddress.safeParse({ ...place, uses, default_for }).success, `${name} ${id}: a valid request`);
        assert.deepEqual(addressFieldErrors(place, ''), [], `${name} ${id}: its country's rules`);
      }
      for (const use of new Set(addresses.flatMap((a) => a.uses))) {
        assert.equal(addresses.filter((a) => a.default_for.includes(use)).length, 1, `${name}: one ${use} default`);
      }
    }
    const links = async (accountId: string) =>
      Object.fromEntries((await book(accountId)).map((a) => [a.id, SavedAddress.parse(a).payment_methods.map((m) => `${m.id} ${m.label}`)]));
    assert.deepEqual(await links('acct_typical'), {
      adr_typical_billing: ['pm_acct_typical_visa Visa •••• 4242', 'pm_acct_typical_bank Test Bank •••• 6789', 'pm_acct_typical_mc Mastercard •••• 4444'],
      adr_typical_warehouse: [],
      adr_typical_home: [],
      adr_typical_east: [],
    });
    assert.deepEqual(await links('acct_jpy'), { adr_jpy_head_office: ['pm_acct_jpy_visa Visa •••• 4242'], adr_jpy_osaka: [] });
    // Upper case and extra spaces, another name: still the card's billing address.
    assert.deepEqual(await links('acct_hostile'), { adr_hostile_billing: ['pm_acct_hostile_visa Visa •••• 4242'], adr_hostile_markup: [] });
    assert.deepEqual(await links('acct_empty'), {});
  });

  test('the database keeps at most one default per account and use', async () => {
    const insert = (addressId: string, accountId: string, use: string, isDefault: boolean) =>
      db.query('INSERT INTO address_uses (address_id, account_id, use, is_default) VALUES ($1, $2, $3, $4)', [addressId, accountId, use, isDefault]);
    await assert.rejects(insert('adr_typical_east', 'acct_typical', 'billing', true), /address_uses_one_default/);
    await insert('adr_typical_east', 'acct_typical', 'billing', false);
    await assert.rejects(db.query(`UPDATE address_uses SET is_default = true WHERE address_id = 'adr_typical_east' AND use = 'shipping'`), /address_uses_one_default/);
    await assert.rejects(insert('adr_typical_east', 'acct_typical', 'office', false), /check/i, 'a known use');
    // One per account: every seeded account with a shipping address has its own shipping default.
    const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM address_uses WHERE use = 'shipping' AND is_default`);
    assert.equal(n, 5, 'typical, large, jpy, kwd and hostile');
  });
});

describe('region lists (Google’s address metadata, where a country requires a region)', () => {
  test('a key, a name, a Latin name or an ISO 3166-2 code, whatever the case, accents, dots and spaces', () => {
    for (const [country, region] of [
      ['US', 'OR'], ['US', 'oregon'], ['US', 'US-OR'], ['US', ' New  York '], ['JP', '東京都'], ['JP', 'Tokyo'], ['JP', 'JP-13'],
      ['BR', 'Ceará'], ['BR', 'Ceara'], ['JM', 'St. Andrew'], ['JM', 'st andrew'], ['CA', 'Québec'], ['AE', 'Dubai'], ['CN', 'Beijing Shi'],
    ]) {
      assert.ok(regionKnown(country, region), `${country} ${region}`);
    }
    for (const [country, region] of [['US', 'Oregano'], ['US', 'ORE'], ['JP', 'Atlantis'], ['CA', 'ON-'], ['AE', 'Doha'], ['JM', 'Saint Andrew'], ['CN', 'Beijing']]) {
      assert.ok(!regionKnown(country, region), `${country} ${region}`);
    }
  });

  test('free where the region is optional or the country lists none', () => {
    for (const [country, region] of [['IE', 'Dublin'], ['DE', 'Bayern'], ['KW', 'Sharq'], ['GB', 'Anything'], ['MX', 'Ags']]) assert.ok(regionKnown(country, region), `${country} ${region}`);
  });

  test('field errors name the field under the prefix, a region before the postal code', () => {
    assert.deepEqual(
      addressFieldErrors({ region: 'Oregano', postal_code: '9720', country: 'US' }, 'billing_address').map((e) => [e.field, e.code]),
      [['billing_address.region', 'invalid_value'], ['billing_address.postal_code', 'invalid_format']],
    );
    assert.deepEqual(addressFieldErrors({ country: 'JP' }, '').map((e) => [e.field, e.code]), [['region', 'required'], ['postal_code', 'required']]);
  });
});

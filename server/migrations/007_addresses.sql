-- The address book (issue 12): the account's addresses, and for each address its uses and whether it
-- is that use's default.

-- An address as the customer wrote it (the fields of a billing address). Deleting one deletes it:
-- payment methods keep their own copy of their billing address.
CREATE TABLE addresses (
  id text PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts (id),
  name text,
  line1 text NOT NULL,
  line2 text,
  city text NOT NULL,
  region text,
  postal_code text,
  country char(2) NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
-- The list's keyset: oldest first.
CREATE INDEX addresses_account_keyset ON addresses (account_id, created_at, id);

-- One row per use of an address. `account_id` is repeated so that the database keeps at most one
-- default per account and use (the partial unique index): two writes making two addresses the
-- shipping default at once, in one process or two, cannot both commit. The rows go with their address.
CREATE TABLE address_uses (
  address_id text NOT NULL REFERENCES addresses (id) ON DELETE CASCADE,
  account_id text NOT NULL REFERENCES accounts (id),
  use text NOT NULL CHECK (use IN ('billing', 'shipping', 'residential')),
  is_default boolean NOT NULL DEFAULT false,
  PRIMARY KEY (address_id, use)
);
CREATE UNIQUE INDEX address_uses_one_default ON address_uses (account_id, use) WHERE is_default;
-- The `use` filter of the list.
CREATE INDEX address_uses_account_use ON address_uses (account_id, use);

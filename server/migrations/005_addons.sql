-- Add-ons (issue 11): the account's add-ons, the previews that price a change, the changes they
-- were confirmed by (one per preview), the credits a disable leaves, and the invoice an enable makes.

-- Every add-on the account can have, in the order the product lists them (`position`). `state` is
-- enabled, disabled or pending; a pending add-on becomes its target (`pending_action`) once
-- `pending_until` has passed (NULL: pending until the product says so). `setup_complete` is NULL
-- when the add-on needs no setup at all. `provisioned`: enabling it takes the provisioning time.
CREATE TABLE addons (
  id text PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts (id),
  position integer NOT NULL,
  name text NOT NULL,
  description text NOT NULL,
  price_amount bigint NOT NULL CHECK (price_amount >= 0),
  currency char(3) NOT NULL,
  billing text NOT NULL,
  unit_label text,
  state text NOT NULL,
  pending_action text CHECK (pending_action IN ('enable', 'disable')),
  pending_until timestamptz,
  setup_provider text,
  setup_url text,
  setup_complete boolean,
  learn_more_url text,
  enabled_at timestamptz,
  provisioned boolean NOT NULL DEFAULT false,
  UNIQUE (account_id, position),
  CHECK ((state = 'pending') = (pending_action IS NOT NULL))
);
-- The pending rule reads this small index on every read of the add-ons.
CREATE INDEX addons_pending ON addons (account_id, pending_until) WHERE state = 'pending';

-- Previews: the price of a change as the server computed it, kept until `expires_at`. `change_id`
-- is set when a change consumes it (addon_changes.preview_id is unique: one change per preview).
CREATE TABLE addon_previews (
  id text PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts (id),
  addon_id text NOT NULL REFERENCES addons (id),
  addon_name text NOT NULL,
  action text NOT NULL CHECK (action IN ('enable', 'disable')),
  billing text NOT NULL,
  -- The day it was priced for: the same request on the same day gives the same open preview.
  priced_on date NOT NULL,
  currency char(3) NOT NULL,
  period_start date,
  period_end date,
  period_months integer,
  period_days integer,
  proration_policy text,
  subtotal_amount bigint NOT NULL,
  tax_amount bigint NOT NULL,
  tax_label text,
  -- The rate the tax was computed with, for the invoice's tax line.
  tax_basis_points integer NOT NULL,
  total_amount bigint NOT NULL CHECK (total_amount >= 0),
  credit_amount bigint NOT NULL CHECK (credit_amount >= 0),
  next_invoice_date date,
  next_invoice_amount bigint,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  change_id text
);
-- The reuse lookup: an open preview of the same add-on and action.
CREATE INDEX addon_previews_open ON addon_previews (account_id, addon_id, action, priced_on) WHERE change_id IS NULL;

-- Confirmed changes: what makes two tabs (or two server processes) confirm one preview once.
CREATE TABLE addon_changes (
  id text PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts (id),
  addon_id text NOT NULL REFERENCES addons (id),
  preview_id text NOT NULL UNIQUE REFERENCES addon_previews (id),
  action text NOT NULL CHECK (action IN ('enable', 'disable')),
  invoice_id text REFERENCES invoices (id),
  credit_id text,
  user_id text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX addon_changes_account ON addon_changes (account_id, created_at DESC, id DESC);

-- Credits on the account: what disabling a monthly or yearly add-on leaves (`addon_change_id`).
-- `remaining_amount` is what is left of it to apply; the balance takes the whole credit off when it is made.
CREATE TABLE credits (
  id text PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts (id),
  created_at timestamptz NOT NULL,
  original_amount bigint NOT NULL CHECK (original_amount > 0),
  remaining_amount bigint NOT NULL CHECK (remaining_amount >= 0 AND remaining_amount <= original_amount),
  currency char(3) NOT NULL,
  reference text NOT NULL,
  expires_on date,
  addon_change_id text REFERENCES addon_changes (id) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX credits_account_keyset ON credits (account_id, created_at DESC, id DESC);

-- Written in one transaction in the order invoice/credit → change → preview consumed: deferred.
ALTER TABLE addon_changes ADD CONSTRAINT addon_changes_credit FOREIGN KEY (credit_id) REFERENCES credits (id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE addon_previews ADD CONSTRAINT addon_previews_change FOREIGN KEY (change_id) REFERENCES addon_changes (id) DEFERRABLE INITIALLY DEFERRED;

-- The invoice an enable made.
ALTER TABLE invoices ADD COLUMN addon_change_id text REFERENCES addon_changes (id) DEFERRABLE INITIALLY DEFERRED;

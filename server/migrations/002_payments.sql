-- Paying (issue 4): saved payment methods, payments with their allocations to invoices, single-use
-- card tokens of the hosted-fields page, and the account fields a payment changes.

-- Saved payment methods. Only what the API shows and what the test gateway needs to decide an
-- outcome is kept: never a full card number, a CVC or a bank account number.
CREATE TABLE payment_methods (
  -- Insertion order: the list shows methods in the order they were added.
  seq bigint GENERATED ALWAYS AS IDENTITY,
  id text PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts (id),
  type text NOT NULL,
  -- Server-made display name (methods of unknown types); null for cards and bank accounts.
  label text,
  is_default boolean NOT NULL DEFAULT false,
  card_brand text,
  card_last4 char(4),
  card_exp_month smallint CHECK (card_exp_month BETWEEN 1 AND 12),
  card_exp_year smallint,
  bank_name text,
  bank_last4 char(4),
  bank_account_type text,
  bank_account_holder_name text,
  -- What the test gateway does when this method is charged: `succeeded` or a decline code for
  -- cards, `settles` or `fails` for bank accounts (decided from the number when it was added).
  gateway_outcome text NOT NULL,
  billing_address jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- Deleted methods stay for the payments that name them; they are never listed or charged again.
  deleted_at timestamptz,
  CHECK (type <> 'card' OR (card_brand IS NOT NULL AND card_last4 IS NOT NULL AND card_exp_month IS NOT NULL AND card_exp_year IS NOT NULL)),
  CHECK (type <> 'bank_account' OR (bank_last4 IS NOT NULL AND bank_account_type IS NOT NULL AND bank_account_holder_name IS NOT NULL))
);
-- At most one default method per account (the partial index is what enforces it under concurrency).
CREATE UNIQUE INDEX payment_methods_one_default ON payment_methods (account_id) WHERE is_default AND deleted_at IS NULL;
CREATE INDEX payment_methods_account ON payment_methods (account_id, seq) WHERE deleted_at IS NULL;

-- The account fields a payment changes live in columns, updated in the payment's transaction;
-- the rest of GET /account stays in `profile`. `gateway` is what GET /payment-methods declares.
ALTER TABLE accounts
  ADD COLUMN balance_amount bigint NOT NULL DEFAULT 0,
  ADD COLUMN last_payment jsonb,
  ADD COLUMN autopay_enabled boolean NOT NULL DEFAULT false,
  ADD COLUMN autopay_payment_method_id text REFERENCES payment_methods (id),
  ADD COLUMN gateway jsonb,
  ADD CONSTRAINT autopay_names_a_method CHECK (autopay_enabled = (autopay_payment_method_id IS NOT NULL));
-- Databases seeded before this migration kept these fields in the profile document.
UPDATE accounts SET
  balance_amount = COALESCE((profile #>> '{balance,amount}')::bigint, 0),
  last_payment = NULLIF(profile -> 'last_payment', 'null'::jsonb),
  profile = profile - 'balance' - 'last_payment' - 'autopay';

-- Payments. Amounts are integer minor units of `currency`. A declined charge is a `failed` payment
-- without allocations; a bank (ACH) payment is `processing` until `settle_at`, when the sweep
-- settles it (`succeeded`) or, for a failing test account, fails it and gives the invoices back
-- their amount due.
CREATE TABLE payments (
  id text PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts (id),
  created_at timestamptz NOT NULL,
  amount bigint NOT NULL,
  currency char(3) NOT NULL,
  status text NOT NULL CHECK (status IN ('succeeded', 'processing', 'failed', 'refunded')),
  -- The method as it was when paying (it may have been deleted or changed since).
  payment_method_id text REFERENCES payment_methods (id),
  payment_method_type text,
  payment_method_label text,
  failure_code text,
  failure_message text,
  -- Bank payments: when the sweep settles them, and whether the test bank returns the debit.
  settle_at timestamptz,
  settle_fails boolean,
  settled_at timestamptz,
  CHECK (status <> 'processing' OR (settle_at IS NOT NULL AND settle_fails IS NOT NULL))
);
-- Keyset pagination, newest first.
CREATE INDEX payments_account_keyset ON payments (account_id, created_at DESC, id DESC);
-- The settlement sweep reads this small index on every read of payments, invoices and the account.
CREATE INDEX payments_settling ON payments (settle_at) WHERE status = 'processing';

CREATE TABLE payment_allocations (
  payment_id text NOT NULL REFERENCES payments (id),
  invoice_id text NOT NULL REFERENCES invoices (id),
  -- Order of the allocation within the payment (oldest due first).
  position smallint NOT NULL,
  invoice_number text NOT NULL,
  amount bigint NOT NULL CHECK (amount > 0),
  PRIMARY KEY (payment_id, invoice_id)
);
CREATE INDEX payment_allocations_invoice ON payment_allocations (invoice_id);

-- Single-use card tokens made by the hosted-fields page (POST /tokens on its own origin): the
-- number and CVC are dropped once validated; a token is saved as a method at most once, before it expires.
CREATE TABLE card_tokens (
  token text PRIMARY KEY,
  brand text NOT NULL,
  last4 char(4) NOT NULL,
  exp_month smallint NOT NULL,
  exp_year smallint NOT NULL,
  -- The test gateway's outcome for the number (see payment_methods.gateway_outcome).
  outcome text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);

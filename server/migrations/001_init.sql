-- Accounts: the profile fields of GET /account live in `profile` (jsonb, minus role/capabilities,
-- which come from the token). One row per account, whatever the number of demo logins onto it.
CREATE TABLE accounts (
  id text PRIMARY KEY,
  name text NOT NULL,
  currency char(3) NOT NULL,
  profile jsonb NOT NULL
);

-- Users of an account and their role; tokens name one of them.
CREATE TABLE users (
  id text PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts (id),
  name text NOT NULL,
  role text NOT NULL
);

-- The demo-only token endpoint's logins: fixture name -> account and default role.
CREATE TABLE demo_logins (
  name text PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts (id),
  role text NOT NULL
);

-- Invoices: the list fields are columns (filter, sort, keyset pagination); the full detail
-- (groups, lines, taxes, statement summary) is one jsonb document, read only by GET /invoices/{id}.
CREATE TABLE invoices (
  id text PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts (id),
  number text NOT NULL,
  status text NOT NULL,
  issued_on date NOT NULL,
  due_on date,
  currency char(3) NOT NULL,
  total_amount bigint NOT NULL,
  amount_due bigint NOT NULL,
  detail jsonb NOT NULL
);
-- Keyset pagination: (issued_on DESC, id DESC) within one account, optionally per status.
CREATE INDEX invoices_account_keyset ON invoices (account_id, issued_on DESC, id DESC);
CREATE INDEX invoices_account_status_keyset ON invoices (account_id, status, issued_on DESC, id DESC);

-- Idempotency keys of write endpoints: one row per (account, key); the unique constraint is what
-- makes two concurrent requests (even in two server processes) run the operation once.
CREATE TABLE idempotency_keys (
  key text NOT NULL,
  account_id text NOT NULL,
  fingerprint text NOT NULL,
  status text NOT NULL CHECK (status IN ('running', 'done')),
  response_status integer,
  response_body jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (account_id, key)
);

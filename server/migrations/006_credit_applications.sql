-- Where credits went (issue 11): each row is part of a credit paying one invoice's amount due down.
-- Applying moves no money (the balance took the credit off when it was made), so the ledger has no row for it.
CREATE TABLE credit_applications (
  id text PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts (id),
  credit_id text NOT NULL REFERENCES credits (id),
  invoice_id text NOT NULL REFERENCES invoices (id),
  amount bigint NOT NULL CHECK (amount > 0),
  applied_at timestamptz NOT NULL
);
CREATE INDEX credit_applications_credit ON credit_applications (credit_id, applied_at, id);
CREATE INDEX credit_applications_invoice ON credit_applications (invoice_id, applied_at DESC);
-- The credits with something left, which every application reads.
CREATE INDEX credits_available ON credits (account_id, created_at, id) WHERE remaining_amount > 0;

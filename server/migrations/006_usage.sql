-- Usage (issue 11): what each account can be metered on, the optional columns its records carry,
-- and the records themselves (two years of them; 100,000 in the large demo account).

CREATE TABLE usage_metrics (
  account_id text NOT NULL REFERENCES accounts (id),
  id text NOT NULL,
  position integer NOT NULL,
  name text NOT NULL,
  unit text NOT NULL,
  PRIMARY KEY (account_id, id)
);

CREATE TABLE usage_columns (
  account_id text NOT NULL REFERENCES accounts (id),
  key text NOT NULL,
  position integer NOT NULL,
  label text NOT NULL,
  type text NOT NULL CHECK (type IN ('string', 'number')),
  PRIMARY KEY (account_id, key)
);

-- `fields`: the optional columns' values by key. `invoice_id`: the invoice it was billed on (NULL: not invoiced yet).
CREATE TABLE usage_records (
  id text PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts (id),
  occurred_at timestamptz NOT NULL,
  metric text NOT NULL,
  quantity numeric NOT NULL,
  unit text NOT NULL,
  description text NOT NULL,
  invoice_id text REFERENCES invoices (id),
  fields jsonb NOT NULL DEFAULT '{}'
);
-- The keyset orders: by date (either way) and by quantity, ties by date then id.
CREATE INDEX usage_records_by_date ON usage_records (account_id, occurred_at, id);
CREATE INDEX usage_records_by_quantity ON usage_records (account_id, quantity, occurred_at, id);
CREATE INDEX usage_records_by_metric ON usage_records (account_id, metric, occurred_at, id);

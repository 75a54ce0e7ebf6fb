-- Licenses (issue 10): the catalogue, products and their proration policy, contract terms, the
-- licenses of each account, binding quotes, orders, and the invoice an order makes.

-- How an account may pay for licenses, and the tax on them (825 basis points = 8.25%).
ALTER TABLE accounts
  ADD COLUMN invoice_allowed boolean NOT NULL DEFAULT false,
  ADD COLUMN tax_basis_points integer NOT NULL DEFAULT 0 CHECK (tax_basis_points BETWEEN 0 AND 10000),
  ADD COLUMN tax_label text;

-- The public catalogue of GET /pricing as one document: it is read whole and changes rarely. json
-- rather than jsonb keeps the document's key order, so the response (and its ETag) is what was stored.
CREATE TABLE pricing_catalogue (
  id smallint PRIMARY KEY CHECK (id = 1),
  document json NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- What can be licensed, and how licenses added during a term are priced (a server setting per
-- product: prorate_by_day, prorate_by_month, full_price, at_renewal).
CREATE TABLE products (
  id text PRIMARY KEY,
  name text NOT NULL,
  proration_policy text NOT NULL,
  self_service boolean NOT NULL DEFAULT true
);

-- Contract terms: every license of the account renews on `end_on` (the first day after the term).
CREATE TABLE contract_terms (
  id text PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts (id),
  start_on date NOT NULL,
  end_on date NOT NULL CHECK (end_on > start_on),
  billing_interval text NOT NULL,
  auto_renews boolean NOT NULL
);
CREATE INDEX contract_terms_account ON contract_terms (account_id, start_on DESC);

-- One license per account and product, at the contract's price for the whole term. `quantity`
-- is provisioned; `pending_quantity` was bought and waits for the provisioning sweep.
CREATE TABLE licenses (
  id text PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts (id),
  product_id text NOT NULL REFERENCES products (id),
  -- The name as the contract sells it (it may differ from the catalogue's).
  product_name text NOT NULL,
  plan_id text NOT NULL,
  plan_name text NOT NULL,
  unit_label text NOT NULL,
  quantity integer NOT NULL CHECK (quantity >= 0),
  pending_quantity integer NOT NULL DEFAULT 0 CHECK (pending_quantity >= 0),
  unit_price_amount bigint NOT NULL CHECK (unit_price_amount >= 0),
  currency char(3) NOT NULL,
  max_quantity integer CHECK (max_quantity > 0),
  self_service boolean NOT NULL,
  status text NOT NULL,
  -- Insertion order: GET /licenses lists them as the contract does.
  seq bigint GENERATED ALWAYS AS IDENTITY,
  UNIQUE (account_id, product_id)
);

-- Quotes: the price the server computed, kept until `expires_at`. `order_id` is set when an order
-- consumes the quote (license_orders.quote_id is unique: one order per quote).
CREATE TABLE license_quotes (
  id text PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts (id),
  license_id text NOT NULL REFERENCES licenses (id),
  product_id text NOT NULL REFERENCES products (id),
  product_name text NOT NULL,
  current_quantity integer NOT NULL,
  additional_quantity integer NOT NULL CHECK (additional_quantity > 0),
  currency char(3) NOT NULL,
  unit_price_amount bigint NOT NULL,
  period_start date NOT NULL,
  period_end date NOT NULL,
  period_months integer NOT NULL,
  period_days integer NOT NULL,
  proration_policy text NOT NULL,
  subtotal_amount bigint NOT NULL,
  tax_amount bigint NOT NULL,
  tax_label text,
  -- The rate the tax was computed with, for the invoice's tax line.
  tax_basis_points integer NOT NULL,
  total_amount bigint NOT NULL,
  due_today_amount bigint NOT NULL,
  next_invoice_date date NOT NULL,
  next_invoice_amount bigint NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  order_id text
);
-- The reuse lookup: an open quote of the same product and quantity.
CREATE INDEX license_quotes_open ON license_quotes (account_id, product_id, additional_quantity) WHERE order_id IS NULL;

CREATE TABLE license_orders (
  -- Keyset pagination breaks created_at ties by id; seq only records the insertion order.
  seq bigint GENERATED ALWAYS AS IDENTITY,
  id text PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts (id),
  -- SO-000001, per account.
  number text NOT NULL,
  -- What makes two tabs (or two server processes) order one quote once.
  quote_id text NOT NULL UNIQUE REFERENCES license_quotes (id),
  license_id text NOT NULL REFERENCES licenses (id),
  product_id text NOT NULL REFERENCES products (id),
  product_name text NOT NULL,
  additional_quantity integer NOT NULL CHECK (additional_quantity > 0),
  period_start date NOT NULL,
  period_end date NOT NULL,
  period_months integer NOT NULL,
  period_days integer NOT NULL,
  currency char(3) NOT NULL,
  total_amount bigint NOT NULL,
  due_today_amount bigint NOT NULL,
  -- `payment_method` (charged now) or `invoice` (an open invoice on the account's terms).
  payment_type text NOT NULL,
  payment_id text REFERENCES payments (id),
  payment_label text,
  invoice_id text REFERENCES invoices (id),
  -- Who acknowledged "I am authorized to make purchases on behalf of my organization".
  authorized_by_user_id text NOT NULL,
  authorized_by_name text NOT NULL,
  status text NOT NULL CHECK (status IN ('pending_provisioning', 'provisioned')),
  created_at timestamptz NOT NULL,
  provision_at timestamptz NOT NULL,
  provisioned_at timestamptz,
  UNIQUE (account_id, number)
);
CREATE INDEX license_orders_account_keyset ON license_orders (account_id, created_at DESC, id DESC);
-- The provisioning sweep reads this small index on every read of licenses and orders.
CREATE INDEX license_orders_provisioning ON license_orders (provision_at) WHERE status = 'pending_provisioning';

ALTER TABLE license_quotes ADD CONSTRAINT license_quotes_order FOREIGN KEY (order_id) REFERENCES license_orders (id) DEFERRABLE INITIALLY DEFERRED;

-- The invoice an order made: the ledger lists it as a license purchase. Deferred, because the
-- invoice is written before the order that names it, in one transaction.
ALTER TABLE invoices ADD COLUMN order_id text REFERENCES license_orders (id) DEFERRABLE INITIALLY DEFERRED;

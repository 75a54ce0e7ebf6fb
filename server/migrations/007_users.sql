-- Users and roles (issue 12): each user's email (unique per account, whatever its case), whether
-- they are a member (`active`) or an open invitation (`invited`), their time zone, and when they
-- were invited and joined. Roles are src/api/roles.ts; a row's `role` is one of its ids.

-- The email is required of every row written from now on. NOT VALID: the rows of a database seeded
-- before this migration get theirs from the seed (server/seed.ts), which runs before the server answers.
-- created_at in milliseconds, as the API writes instants (the list's keyset cursor holds them so).
ALTER TABLE users
  ADD COLUMN email text,
  ADD COLUMN status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'invited')),
  ADD COLUMN time_zone text,
  ADD COLUMN invited_at timestamptz,
  ADD COLUMN last_invited_at timestamptz,
  ADD COLUMN created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
  ADD CONSTRAINT users_email_given CHECK (email IS NOT NULL) NOT VALID,
  ADD CONSTRAINT users_invitation_sent CHECK (status <> 'invited' OR (invited_at IS NOT NULL AND last_invited_at IS NOT NULL));

-- One user per address in an account: what makes two invitations of one address (two tabs, two
-- server processes) make one user. lower() is exact here: addresses are ASCII (src/api/users.ts).
CREATE UNIQUE INDEX users_account_email ON users (account_id, lower(email));

-- GET /users' keyset: oldest first, ties by id in the C collation (the memory API's order).
CREATE INDEX users_account_keyset ON users (account_id, created_at, id COLLATE "C");

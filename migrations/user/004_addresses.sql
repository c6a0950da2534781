-- A user's postal addresses for checkout.
CREATE TABLE users.addresses (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users.accounts (id),
  name text NOT NULL,
  line1 text NOT NULL,
  line2 text NOT NULL DEFAULT '',
  city text NOT NULL,
  region text NOT NULL DEFAULT '',
  postal_code text NOT NULL DEFAULT '',
  country char(2) NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX addresses_user_idx ON users.addresses (user_id, created_at, id);

-- Accounts. `email` keeps the spelling the user chose; `email_key` is its
-- lower-cased form and the unique key, so emails compare case-insensitively.
-- An erased account keeps its row (orders refer to its id) with every
-- personal field replaced: see `deleted_at`.

-- RFC 3339 UTC with whole seconds, the API's time format.
CREATE FUNCTION users.rfc3339(t timestamptz) RETURNS text
  LANGUAGE sql STABLE STRICT PARALLEL SAFE
  RETURN to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"');

CREATE TABLE users.accounts (
  id text PRIMARY KEY,
  email text NOT NULL,
  email_key text NOT NULL,
  name text NOT NULL,
  phone text,
  role text NOT NULL DEFAULT 'customer' CHECK (role IN ('customer', 'seller', 'admin')),
  -- An Argon2id PHC string; empty for an erased account, which matches no password.
  password_hash text NOT NULL,
  disabled boolean NOT NULL DEFAULT false,
  deleted_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT accounts_email_key_lower CHECK (email_key = lower(email))
);

CREATE UNIQUE INDEX accounts_email_key_idx ON users.accounts (email_key);
-- The admin list: newest first, live accounts only.
CREATE INDEX accounts_created_idx ON users.accounts (created_at DESC, id) WHERE deleted_at IS NULL;

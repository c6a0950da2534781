-- Refresh tokens and password reset tokens. Only SHA-256 hashes of the
-- tokens are stored: a copy of this table signs nobody in.

-- One row per refresh token. A login starts a family; every refresh marks
-- its token used and adds the next one to the same family. Presenting a used
-- token again means it was stolen (or replayed), so the whole family is
-- revoked.
CREATE TABLE users.refresh_tokens (
  token_hash text PRIMARY KEY,
  family_id text NOT NULL,
  user_id text NOT NULL REFERENCES users.accounts (id),
  issued_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  revoked_at timestamptz
);

CREATE INDEX refresh_tokens_family_idx ON users.refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user_idx ON users.refresh_tokens (user_id);

-- Single use (used_at) and short-lived (expires_at).
CREATE TABLE users.password_reset_tokens (
  token_hash text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users.accounts (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);

CREATE INDEX password_reset_tokens_user_idx ON users.password_reset_tokens (user_id);

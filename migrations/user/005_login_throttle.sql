-- Failed logins per key, in the database so that every instance sees the
-- same counts. `scope` is 'account' (keyed by the email) or 'address' (the
-- client address); `key_hash` is the SHA-256 of the key, so the table holds
-- neither emails nor addresses. Times are unix seconds, as the pure
-- throttle rules use them.
CREATE TABLE users.login_throttle (
  scope text NOT NULL CHECK (scope IN ('account', 'address')),
  key_hash text NOT NULL,
  failures bigint NOT NULL,
  window_started bigint NOT NULL,
  locked_until bigint NOT NULL,
  PRIMARY KEY (scope, key_hash)
);

-- Finds rows that neither count nor lock any more, for pruning.
CREATE INDEX login_throttle_stale_idx ON users.login_throttle (GREATEST(window_started, locked_until));

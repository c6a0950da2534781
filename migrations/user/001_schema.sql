-- The user module's schema is created by the migration runner, owned by the
-- role emporium_user, together with the kernel's event tables (users.outbox,
-- users.inbox). This module's own tables follow in later migrations.
COMMENT ON SCHEMA users IS 'Accounts, authentication (Argon2id passwords, signed access tokens, rotating refresh tokens), roles, addresses, GDPR export and erasure.';

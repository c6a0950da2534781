-- The payment module's schema is created by the migration runner, owned by the
-- role emporium_payment, together with the kernel's event tables (payment.outbox,
-- payment.inbox). This module's own tables follow in later migrations.
COMMENT ON SCHEMA payment IS 'Payment providers (the built-in test provider), captures, refunds and webhooks.';

-- The analytics module's schema is created by the migration runner, owned by the
-- role emporium_analytics, together with the kernel's event tables (analytics.outbox,
-- analytics.inbox). This module's own tables follow in later migrations.
COMMENT ON SCHEMA analytics IS 'A read model of sales built from order and payment events; reports.';

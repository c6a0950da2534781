-- The notification module's schema is created by the migration runner, owned by the
-- role emporium_notification, together with the kernel's event tables (notification.outbox,
-- notification.inbox). This module's own tables follow in later migrations.
COMMENT ON SCHEMA notification IS 'Email, SMS and in-app notifications from events, templates and deliveries.';

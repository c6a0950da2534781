-- The shipping module's schema is created by the migration runner, owned by the
-- role emporium_shipping, together with the kernel's event tables (shipping.outbox,
-- shipping.inbox). This module's own tables follow in later migrations.
COMMENT ON SCHEMA shipping IS 'Shipping zones and rates, quotes, shipments with PDF labels and tracking.';

-- The inventory module's schema is created by the migration runner, owned by the
-- role emporium_inventory, together with the kernel's event tables (inventory.outbox,
-- inventory.inbox). This module's own tables follow in later migrations.
COMMENT ON SCHEMA inventory IS 'Warehouses and stock per variant, reservations that never oversell, low-stock alerts.';

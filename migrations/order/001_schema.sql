-- The order module's schema is created by the migration runner, owned by the
-- role emporium_order, together with the kernel's event tables (orders.outbox,
-- orders.inbox). This module's own tables follow in later migrations.
COMMENT ON SCHEMA orders IS 'Orders as a saga over cart, inventory, payment and shipping; the order state machine.';

-- The cart module's schema is created by the migration runner, owned by the
-- role emporium_cart, together with the kernel's event tables (cart.outbox,
-- cart.inbox). This module's own tables follow in later migrations.
COMMENT ON SCHEMA cart IS 'Guest and customer carts priced from the catalog.';

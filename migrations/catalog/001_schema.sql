-- The catalog module's schema is created by the migration runner, owned by the
-- role emporium_catalog, together with the kernel's event tables (catalog.outbox,
-- catalog.inbox). This module's own tables follow in later migrations.
COMMENT ON SCHEMA catalog IS 'Products, variants, categories, search and reviews.';

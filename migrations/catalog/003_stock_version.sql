-- The inventory numbers each variant's stock changes (`version` in
-- inventory.stock_changed): events of one variant may arrive out of order,
-- and their occurred_at is a transaction's start, not its commit. The
-- catalog keeps the highest version it has applied instead of a time.
ALTER TABLE catalog.variants ADD COLUMN stock_version bigint NOT NULL DEFAULT 0;
ALTER TABLE catalog.variants DROP COLUMN stock_as_of;

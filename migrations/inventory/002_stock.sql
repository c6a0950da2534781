-- Warehouses and stock per variant per warehouse. Available stock is
-- on_hand - reserved and can never be negative: the CHECK constraints hold
-- it even against a buggy statement.

-- RFC 3339 UTC with whole seconds, the API's time format.
CREATE FUNCTION inventory.rfc3339(t timestamptz) RETURNS text
  LANGUAGE sql STABLE STRICT PARALLEL SAFE
  RETURN to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"');

-- A new opaque id: the prefix and 20 hex digits.
CREATE FUNCTION inventory.new_id(prefix text) RETURNS text
  LANGUAGE sql VOLATILE STRICT
  RETURN prefix || substr(replace(CAST(gen_random_uuid() AS text), '-', ''), 1, 20);

-- `position` is the allocation order: a reservation takes stock from the
-- warehouse with the lowest position first, and the first warehouse is the
-- default one where a stock change names none.
CREATE TABLE inventory.warehouses (
  id text PRIMARY KEY DEFAULT inventory.new_id('wh_'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  code text NOT NULL CHECK (code ~ '^[A-Z0-9][A-Z0-9_-]{0,31}$'),
  position bigint GENERATED ALWAYS AS IDENTITY,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX warehouses_code_idx ON inventory.warehouses (code);
CREATE UNIQUE INDEX warehouses_position_idx ON inventory.warehouses (position);

-- A fresh shop can take stock at once.
INSERT INTO inventory.warehouses (name, code) VALUES ('Main warehouse', 'MAIN');

-- One row per variant the inventory has ever stocked. product_id and
-- seller_id are copied from the catalog at the first stock write, so
-- ownership checks and low-stock events need no call to the catalog later.
-- on_hand and reserved are the totals over all warehouses, kept in the same
-- transaction as the per-warehouse rows. Every stock change locks this row
-- first (several variants: in variant_id order), which serialises the changes
-- of one variant and keeps lock order consistent, so writers never deadlock.
-- `version` counts the changes: consumers of inventory.stock_changed use it
-- to ignore an event older than one they already applied.
CREATE TABLE inventory.variants (
  variant_id text PRIMARY KEY,
  product_id text NOT NULL,
  seller_id text NOT NULL,
  on_hand bigint NOT NULL DEFAULT 0 CHECK (on_hand >= 0),
  reserved bigint NOT NULL DEFAULT 0 CHECK (reserved >= 0),
  available bigint GENERATED ALWAYS AS (on_hand - reserved) STORED,
  version bigint NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT variants_reserved_within_on_hand CHECK (reserved <= on_hand)
);

CREATE INDEX variants_product_idx ON inventory.variants (product_id);

CREATE TABLE inventory.stock (
  variant_id text NOT NULL REFERENCES inventory.variants (variant_id),
  warehouse_id text NOT NULL REFERENCES inventory.warehouses (id),
  on_hand bigint NOT NULL DEFAULT 0 CHECK (on_hand >= 0),
  reserved bigint NOT NULL DEFAULT 0 CHECK (reserved >= 0),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (variant_id, warehouse_id),
  CONSTRAINT stock_reserved_within_on_hand CHECK (reserved <= on_hand)
);

CREATE INDEX stock_warehouse_idx ON inventory.stock (warehouse_id);

-- A product's own low-stock threshold; products without a row use the
-- configured default (inventory.low_stock_threshold).
CREATE TABLE inventory.product_thresholds (
  product_id text PRIMARY KEY,
  threshold bigint NOT NULL CHECK (threshold >= 0),
  updated_at timestamptz NOT NULL DEFAULT now()
);

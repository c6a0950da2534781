-- The sales read model, built only from order events (docs/reports.md).

-- Every event applied, so a replay (a redelivery, or a rebuild racing live
-- delivery) never counts twice.
CREATE TABLE analytics.applied_events (
  event_id text PRIMARY KEY,
  name text NOT NULL,
  occurred_at timestamptz NOT NULL
);

-- One row per (event, product): + for a paid order's lines, - for money
-- returned (a refund's share, a paid order's cancellation). Reports add them
-- up at query time by shop-local day, week or month.
CREATE TABLE analytics.sales (
  event_id text NOT NULL,
  product_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('paid', 'refunded', 'cancelled')),
  order_id text NOT NULL,
  seller_id text NOT NULL,
  name text NOT NULL,
  currency text NOT NULL,
  occurred_at timestamptz NOT NULL,
  revenue_minor bigint NOT NULL,
  units bigint NOT NULL,
  PRIMARY KEY (event_id, product_id)
);
CREATE INDEX sales_time_idx ON analytics.sales (occurred_at);
CREATE INDEX sales_seller_time_idx ON analytics.sales (seller_id, occurred_at);
CREATE INDEX sales_order_idx ON analytics.sales (order_id);

-- Product page views per shop-local day, counted in memory and flushed in
-- batches. Seller and name are the catalog's at flush time.
CREATE TABLE analytics.product_views (
  product_id text NOT NULL,
  day date NOT NULL,
  views bigint NOT NULL,
  seller_id text NOT NULL DEFAULT '',
  name text NOT NULL DEFAULT '',
  PRIMARY KEY (product_id, day)
);
CREATE INDEX product_views_day_idx ON analytics.product_views (day);

-- Rate tables (every version an admin saved; the newest is active, the
-- configured defaults apply until the first one), shipments with the copy of
-- what their label shows, and their tracking history.

-- RFC 3339 UTC with whole seconds, the API's time format.
CREATE FUNCTION shipping.rfc3339(t timestamptz) RETURNS text
  LANGUAGE sql STABLE STRICT PARALLEL SAFE
  RETURN to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"');

-- A new opaque id: the prefix and 20 hex digits.
CREATE FUNCTION shipping.new_id(prefix text) RETURNS text
  LANGUAGE sql VOLATILE STRICT
  RETURN prefix || substr(replace(CAST(gen_random_uuid() AS text), '-', ''), 1, 20);

-- `body` is the table as `GET /shipping/rates` shows it, without version and
-- updated_at (those are the row's).
CREATE TABLE shipping.rate_tables (
  version bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  body jsonb NOT NULL CHECK (jsonb_typeof(body) = 'object'),
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- One shipment per order (the contract's second shipment is a 409). The
-- recipient, sender, weight and service are copied at creation, so a label
-- printed later shows what was shipped, whatever the order or config says then.
CREATE TABLE shipping.shipments (
  id text PRIMARY KEY DEFAULT shipping.new_id('shp_'),
  order_id text NOT NULL UNIQUE,
  customer_id text NOT NULL,
  tracking_number text NOT NULL UNIQUE,
  carrier text NOT NULL,
  service text NOT NULL,
  service_name text NOT NULL,
  status text NOT NULL CHECK (status IN ('label_created', 'shipped', 'delivered')),
  weight_grams bigint NOT NULL CHECK (weight_grams >= 0),
  recipient jsonb NOT NULL,
  sender jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX shipments_customer_idx ON shipping.shipments (customer_id);

-- One event per status per shipment: a repeated order.shipped adds nothing.
CREATE TABLE shipping.tracking_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  shipment_id text NOT NULL REFERENCES shipping.shipments (id),
  status text NOT NULL CHECK (status IN ('label_created', 'shipped', 'delivered')),
  description text NOT NULL,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (shipment_id, status)
);

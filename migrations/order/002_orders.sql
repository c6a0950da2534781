-- Orders, their lines and status history, the checkout saga, and the
-- idempotency keys of POST /orders. An order keeps its own copy of what it
-- sold (names, prices, the address): it never reads another module later.
CREATE TABLE orders.orders (
  id text PRIMARY KEY,
  customer_id text NOT NULL,
  cart_id text NOT NULL,
  status text NOT NULL CHECK (status IN ('pending_payment', 'paid', 'shipped', 'delivered', 'cancelled',
                                         'refunded', 'partially_refunded')),
  currency text NOT NULL,
  subtotal_minor bigint NOT NULL CHECK (subtotal_minor >= 0),
  shipping_minor bigint NOT NULL CHECK (shipping_minor >= 0),
  tax_minor bigint NOT NULL CHECK (tax_minor >= 0),
  total_minor bigint NOT NULL CHECK (total_minor >= 0),
  refunded_minor bigint NOT NULL DEFAULT 0 CHECK (refunded_minor >= 0),
  shipping_address jsonb NOT NULL,
  shipping_option_id text NOT NULL,
  shipping_carrier text NOT NULL,
  shipping_service text NOT NULL,
  shipping_name text NOT NULL,
  weight_grams bigint NOT NULL DEFAULT 0,
  payment_id text,
  payment_status text,
  payment_brand text,
  payment_last4 text,
  stock_committed boolean NOT NULL DEFAULT false,
  cancel_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  paid_at timestamptz,
  cancelled_at timestamptz
);
CREATE INDEX orders_customer_idx ON orders.orders (customer_id, created_at DESC);
CREATE INDEX orders_status_idx ON orders.orders (status, created_at DESC);

CREATE TABLE orders.order_lines (
  order_id text NOT NULL REFERENCES orders.orders (id),
  position integer NOT NULL,
  product_id text NOT NULL,
  variant_id text NOT NULL,
  seller_id text NOT NULL,
  name text NOT NULL,
  sku text NOT NULL,
  options jsonb NOT NULL DEFAULT '{}',
  quantity bigint NOT NULL CHECK (quantity > 0),
  unit_price_minor bigint NOT NULL CHECK (unit_price_minor >= 0),
  line_total_minor bigint NOT NULL CHECK (line_total_minor >= 0),
  PRIMARY KEY (order_id, position)
);
CREATE INDEX order_lines_seller_idx ON orders.order_lines (seller_id, order_id);

CREATE TABLE orders.status_history (
  id bigserial PRIMARY KEY,
  order_id text NOT NULL REFERENCES orders.orders (id),
  from_status text,
  to_status text NOT NULL,
  note text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX status_history_order_idx ON orders.status_history (order_id, id);

-- One checkout in flight or finished. The order id is chosen before any
-- other module is called, so every step is idempotent by it.
--   reserving -> charging -> completing -> done
--   charging -> awaiting_payment (pending card, or authorize-only): payment events settle it
--   reserving | charging -> failed (failure_code says why; compensated)
CREATE TABLE orders.checkout_sagas (
  id text PRIMARY KEY,
  order_id text NOT NULL UNIQUE,
  customer_id text NOT NULL,
  idempotency_key text NOT NULL,
  cart_id text NOT NULL,
  step text NOT NULL CHECK (step IN ('reserving', 'charging', 'completing', 'done', 'awaiting_payment', 'failed')),
  data jsonb NOT NULL,
  failure_code text,
  failure_detail text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (customer_id, idempotency_key)
);
CREATE INDEX checkout_sagas_unfinished_idx ON orders.checkout_sagas (updated_at)
  WHERE step IN ('reserving', 'charging', 'completing');

CREATE TABLE orders.idempotency_keys (
  scope text NOT NULL,
  key text NOT NULL,
  fingerprint text NOT NULL,
  response_status integer,
  response_body text,
  claimed_until timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (scope, key)
);

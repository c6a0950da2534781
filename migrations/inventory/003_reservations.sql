-- Reservations of the order module, one per order id. The row is the
-- idempotency record: a repeated reserve finds it and answers the first
-- outcome, and a release that came first leaves a 'released' row so that a
-- late reserve cannot hold stock for an order that was given up.
--   reserved   stock is held until expires_at
--   committed  sold: on_hand and reserved went down
--   released   given back by release()
--   expired    given back by the expiry job after expires_at
--   rejected   nothing was reserved (error_code says why)
CREATE TABLE inventory.reservations (
  order_id text PRIMARY KEY,
  status text NOT NULL CHECK (status IN ('reserved', 'committed', 'released', 'expired', 'rejected')),
  -- The normalised lines the order asked for: a repeat with other lines is refused.
  request text NOT NULL,
  error_code text,
  error_message text,
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT reservations_rejected_has_error CHECK ((status = 'rejected') = (error_code IS NOT NULL))
);

-- The expiry job's queue.
CREATE INDEX reservations_due_idx ON inventory.reservations (expires_at) WHERE status = 'reserved';

-- Where each reserved unit was taken from.
CREATE TABLE inventory.reservation_lines (
  order_id text NOT NULL REFERENCES inventory.reservations (order_id),
  variant_id text NOT NULL,
  warehouse_id text NOT NULL,
  quantity bigint NOT NULL CHECK (quantity > 0),
  PRIMARY KEY (order_id, variant_id, warehouse_id),
  FOREIGN KEY (variant_id, warehouse_id) REFERENCES inventory.stock (variant_id, warehouse_id)
);

-- Carts and their items. A cart is a guest's (owner_user_id NULL, its
-- unguessable id is the capability, it expires) or a customer's (at most one
-- active cart each). Items remember the unit price the customer saw when they
-- last set the quantity, only to tell them that the catalog's price changed;
-- the price charged is always the catalog's at read time.

CREATE FUNCTION cart.rfc3339(t timestamptz) RETURNS text
  LANGUAGE sql STABLE STRICT PARALLEL SAFE
  RETURN to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"');

CREATE TABLE cart.carts (
  id text PRIMARY KEY CHECK (id ~ '^cart_[0-9a-f]{32}$'),
  owner_user_id text,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'checked_out', 'merged')),
  order_id text,
  currency text NOT NULL DEFAULT 'USD' CHECK (currency ~ '^[A-Z]{3}$'),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- Guests only: the expiry job deletes the cart after this time.
  expires_at timestamptz,
  CHECK ((owner_user_id IS NULL) = (expires_at IS NOT NULL)),
  CHECK ((status = 'checked_out') = (order_id IS NOT NULL))
);
CREATE UNIQUE INDEX carts_one_active_per_owner ON cart.carts (owner_user_id) WHERE status = 'active';
CREATE INDEX carts_owner_idx ON cart.carts (owner_user_id) WHERE owner_user_id IS NOT NULL;
CREATE INDEX carts_guest_expiry_idx ON cart.carts (expires_at) WHERE owner_user_id IS NULL;

CREATE TABLE cart.items (
  id text PRIMARY KEY CHECK (id ~ '^item_[0-9a-f]{20}$'),
  cart_id text NOT NULL REFERENCES cart.carts (id) ON DELETE CASCADE,
  variant_id text NOT NULL,
  product_id text NOT NULL,
  quantity integer NOT NULL CHECK (quantity BETWEEN 1 AND 999),
  seen_unit_price_minor bigint NOT NULL CHECK (seen_unit_price_minor >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (cart_id, variant_id)
);

-- Payments, their history and refunds, webhook replay protection, the
-- idempotency keys of the admin endpoints, and the built-in test provider's
-- own ledger. No card number or CVC is ever stored: only brand and last4.
CREATE FUNCTION payment.rfc3339(t timestamptz) RETURNS text
  LANGUAGE sql STABLE STRICT PARALLEL SAFE
  RETURN to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"');

CREATE TABLE payment.payments (
  id text PRIMARY KEY DEFAULT 'pay_' || replace(gen_random_uuid()::text, '-', ''),
  order_id text NOT NULL UNIQUE,
  customer_id text NOT NULL,
  provider text NOT NULL,
  provider_reference text NOT NULL DEFAULT '',
  status text NOT NULL CHECK (status IN ('pending', 'authorized', 'captured', 'partially_refunded', 'refunded',
                                         'failed', 'voided')),
  capture_requested boolean NOT NULL DEFAULT true,
  brand text NOT NULL DEFAULT '',
  last4 text NOT NULL DEFAULT '',
  amount_minor bigint NOT NULL CHECK (amount_minor >= 0),
  captured_minor bigint NOT NULL DEFAULT 0 CHECK (captured_minor >= 0),
  refunded_minor bigint NOT NULL DEFAULT 0 CHECK (refunded_minor >= 0),
  currency text NOT NULL,
  failure_code text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (refunded_minor <= captured_minor),
  CHECK (captured_minor <= amount_minor)
);
CREATE INDEX payments_customer ON payment.payments (customer_id, created_at DESC);

CREATE TABLE payment.status_history (
  id bigserial PRIMARY KEY,
  payment_id text NOT NULL REFERENCES payment.payments (id),
  status text NOT NULL,
  amount_minor bigint NOT NULL DEFAULT 0,
  note text NOT NULL DEFAULT '',
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX status_history_payment ON payment.status_history (payment_id, id);

CREATE TABLE payment.refunds (
  id text PRIMARY KEY DEFAULT 're_' || replace(gen_random_uuid()::text, '-', ''),
  payment_id text NOT NULL REFERENCES payment.payments (id),
  amount_minor bigint NOT NULL CHECK (amount_minor > 0),
  status text NOT NULL CHECK (status IN ('succeeded')),
  -- What asked for it (the admin's Idempotency-Key, "cancel", "webhook:<event id>"),
  -- so a repeated request never refunds twice.
  request_key text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (payment_id, request_key)
);
CREATE INDEX refunds_payment ON payment.refunds (payment_id, created_at);

-- Every accepted webhook event id, so a replay is refused.
CREATE TABLE payment.webhook_events (
  id text PRIMARY KEY,
  provider text NOT NULL,
  type text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE payment.idempotency_keys (
  scope text NOT NULL,
  key text NOT NULL,
  fingerprint text NOT NULL,
  response_status integer,
  response_body text,
  claimed_until timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (scope, key)
);

-- The test provider plays a remote processor: this is its side of each
-- operation, keyed by the idempotency key the module sends (the order id for
-- a charge, "<payment>:refund:<key>" for a refund), written in its own
-- transaction. After a crash between "provider charged" and "payment row
-- updated", the module asks this ledger what happened.
CREATE TABLE payment.test_provider_ledger (
  idempotency_key text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('charge', 'refund')),
  reference text NOT NULL,
  outcome text NOT NULL,
  amount_minor bigint NOT NULL,
  captured_minor bigint NOT NULL DEFAULT 0,
  refunded_minor bigint NOT NULL DEFAULT 0,
  currency text NOT NULL,
  brand text NOT NULL DEFAULT '',
  last4 text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

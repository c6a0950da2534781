-- Templates, deliveries (one row per message and channel), in-app notifications
-- and each user's preferences.

CREATE FUNCTION notification.rfc3339(t timestamptz) RETURNS text
  LANGUAGE sql STABLE STRICT PARALLEL SAFE
  RETURN to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"');

CREATE TABLE notification.templates (
  key text PRIMARY KEY,
  subject text NOT NULL,
  text_body text NOT NULL,
  html_body text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Every message on every channel. The worker sends queued rows whose
-- next_attempt_at has come; `attempts` is counted before sending.
CREATE TABLE notification.deliveries (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The event (or admin request) that caused it: an event redelivered to the
  -- consumer finds its row and queues nothing.
  event_id text NOT NULL,
  user_id text NOT NULL,
  channel text NOT NULL CHECK (channel IN ('email', 'sms', 'in_app')),
  template_key text,
  recipient text NOT NULL,
  subject text NOT NULL,
  text_body text NOT NULL,
  html_body text NOT NULL DEFAULT '',
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  last_error text NOT NULL DEFAULT '',
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  CONSTRAINT deliveries_once UNIQUE (event_id, user_id, channel)
);
CREATE INDEX deliveries_due ON notification.deliveries (next_attempt_at) WHERE status = 'queued';
CREATE INDEX deliveries_by_status ON notification.deliveries (status, created_at DESC);

CREATE TABLE notification.in_app (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id text NOT NULL,
  delivery_id uuid UNIQUE REFERENCES notification.deliveries (id) ON DELETE SET NULL,
  title text NOT NULL,
  body text NOT NULL,
  read_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX in_app_by_user ON notification.in_app (user_id, created_at DESC);

-- Absent row: everything on. Transactional messages (password reset) ignore these.
CREATE TABLE notification.preferences (
  user_id text PRIMARY KEY,
  email boolean NOT NULL DEFAULT true,
  sms boolean NOT NULL DEFAULT true,
  in_app boolean NOT NULL DEFAULT true,
  account boolean NOT NULL DEFAULT true,
  orders boolean NOT NULL DEFAULT true,
  stock boolean NOT NULL DEFAULT true,
  updated_at timestamptz NOT NULL DEFAULT now()
);

INSERT INTO notification.templates (key, subject, text_body, html_body) VALUES
('welcome', 'Welcome to Emporium, {{name}}',
 E'Hello {{name}},\n\nyour account {{email}} is ready. Happy shopping!\n\nThe Emporium team\n',
 '<p>Hello {{name}},</p><p>your account <strong>{{email}}</strong> is ready. Happy shopping!</p><p>The Emporium team</p>'),
('password_reset', 'Reset your Emporium password',
 E'Hello {{name}},\n\nsomeone (hopefully you) asked to reset the password of {{email}}.\nYour reset token: {{reset_token}}\nIt is valid until {{expires_at}} and works once.\n\nIf you did not ask for this, ignore this message; your password stays as it is.\n',
 '<p>Hello {{name}},</p><p>someone (hopefully you) asked to reset the password of {{email}}.</p><p>Your reset token: <code>{{reset_token}}</code><br>It is valid until {{expires_at}} and works once.</p><p>If you did not ask for this, ignore this message; your password stays as it is.</p>'),
('order_confirmation', 'Your order {{order_id}} is confirmed',
 E'Hello {{name}},\n\nthank you for your order {{order_id}} of {{total}}. We will let you know when it ships.\n',
 '<p>Hello {{name}},</p><p>thank you for your order <strong>{{order_id}}</strong> of {{total}}. We will let you know when it ships.</p>'),
('payment_receipt', 'Receipt for order {{order_id}}',
 E'Hello {{name}},\n\nwe received your payment of {{amount}} for order {{order_id}}.\n',
 '<p>Hello {{name}},</p><p>we received your payment of <strong>{{amount}}</strong> for order {{order_id}}.</p>'),
('shipment', 'Order {{order_id}} has shipped',
 E'Hello {{name}},\n\nyour order {{order_id}} is on its way. Tracking number: {{tracking_number}}\n',
 '<p>Hello {{name}},</p><p>your order {{order_id}} is on its way. Tracking number: <strong>{{tracking_number}}</strong></p>'),
('cancellation', 'Order {{order_id}} was cancelled',
 E'Hello {{name}},\n\nyour order {{order_id}} was cancelled. Anything you paid is refunded.\n',
 '<p>Hello {{name}},</p><p>your order {{order_id}} was cancelled. Anything you paid is refunded.</p>'),
('refund', 'Refund for order {{order_id}}',
 E'Hello {{name}},\n\nwe refunded {{amount}} for order {{order_id}}. It may take a few days to show on your statement.\n',
 '<p>Hello {{name}},</p><p>we refunded <strong>{{amount}}</strong> for order {{order_id}}. It may take a few days to show on your statement.</p>'),
('low_stock', 'Low stock: product {{product_id}}',
 E'Hello {{name}},\n\nvariant {{variant_id}} of product {{product_id}} is down to {{available}} available (threshold {{threshold}}).\n',
 '<p>Hello {{name}},</p><p>variant <code>{{variant_id}}</code> of product <code>{{product_id}}</code> is down to <strong>{{available}}</strong> available (threshold {{threshold}}).</p>');

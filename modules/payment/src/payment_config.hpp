#pragma once
// The payment module's settings: the `payment` block of config/emporium.json.
#include <chrono>
#include <string>

#include "emporium/kernel/config.hpp"
#include "emporium/kernel/result.hpp"

namespace emporium::payment {

struct PaymentConfig {
  // The test provider's webhook secret; empty: generated once into
  // <data_dir>/payment-test-webhook-secret (mode 0600) and reused.
  std::string test_webhook_secret;
  std::string data_dir;
  // A charge left `pending` that the provider never saw, older than this,
  // was lost in a crash before the provider call: recovery voids its key at
  // the provider (so a late call charges nothing) and lets the order go.
  std::chrono::milliseconds abandoned_charge_after{120000};
};

kernel::Result<PaymentConfig> read_payment_config(const kernel::Config& config);

// The configured secret, else the one in the data dir (created on first use).
kernel::Result<std::string> test_webhook_secret(const PaymentConfig& config);

}  // namespace emporium::payment

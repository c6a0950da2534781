#pragma once
// The webhook signature scheme: header
//   Emporium-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">
// with the provider's webhook secret. Pure functions (the clock is passed in)
// so the tolerance rules are unit-testable.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emporium/kernel/result.hpp"

namespace emporium::payment {

inline constexpr std::chrono::seconds kWebhookTolerance{300};

struct SignatureHeader {
  std::int64_t timestamp = 0;
  std::vector<std::string> v1;  // several while a secret is being rotated
};

// nullopt unless the header has one `t=<digits>` and at least one `v1=<hex>`.
std::optional<SignatureHeader> parse_signature_header(std::string_view header);

// Lower-case hex HMAC-SHA256 of "<timestamp>.<body>".
std::string webhook_signature(std::string_view secret, std::int64_t timestamp, std::string_view body);

// Equal-length strings compared in time independent of where they differ.
bool constant_time_equal(std::string_view a, std::string_view b);

// Ok, or error invalid_signature (missing, malformed or wrong) or
// stale_webhook (a correct signature whose time is more than the tolerance
// away from `now`, either direction).
kernel::Status verify_webhook_signature(std::optional<std::string_view> header, std::string_view body,
                                        std::string_view secret, std::int64_t now_unix,
                                        std::chrono::seconds tolerance = kWebhookTolerance);

}  // namespace emporium::payment

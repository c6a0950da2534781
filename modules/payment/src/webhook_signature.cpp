#include "webhook_signature.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cctype>
#include <charconv>

namespace emporium::payment {
namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

bool is_hex(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

kernel::Error invalid(std::string message) { return {"invalid_signature", std::move(message)}; }

}  // namespace

std::optional<SignatureHeader> parse_signature_header(std::string_view header) {
  SignatureHeader out;
  bool has_time = false;
  while (!header.empty()) {
    auto comma = header.find(',');
    std::string_view part = trim(header.substr(0, comma));
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    auto equals = part.find('=');
    if (equals == std::string_view::npos) return std::nullopt;
    std::string_view key = part.substr(0, equals), value = part.substr(equals + 1);
    if (key == "t") {
      if (has_time || value.empty() || value.size() > 12) return std::nullopt;
      auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), out.timestamp);
      if (ec != std::errc{} || end != value.data() + value.size()) return std::nullopt;
      has_time = true;
    } else if (key == "v1") {
      if (!is_hex(value)) return std::nullopt;
      std::string lower;
      for (char c : value) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
      out.v1.push_back(std::move(lower));
    }
    // Other schemes (v0, ...) are ignored, as Stripe does.
  }
  if (!has_time || out.v1.empty()) return std::nullopt;
  return out;
}

std::string webhook_signature(std::string_view secret, std::int64_t timestamp, std::string_view body) {
  std::string message = std::to_string(timestamp) + "." + std::string(body);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac, &length);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    out.push_back(kHex[mac[i] >> 4]);
    out.push_back(kHex[mac[i] & 0x0f]);
  }
  return out;
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char difference = 0;
  for (std::size_t i = 0; i < a.size(); ++i) difference |= static_cast<unsigned char>(a[i] ^ b[i]);
  return difference == 0;
}

kernel::Status verify_webhook_signature(std::optional<std::string_view> header, std::string_view body,
                                        std::string_view secret, std::int64_t now_unix,
                                        std::chrono::seconds tolerance) {
  if (!header) return invalid("The Emporium-Signature header is missing.");
  auto parsed = parse_signature_header(*header);
  if (!parsed) return invalid("The Emporium-Signature header is not t=<unix seconds>,v1=<hex>.");
  std::string expected = webhook_signature(secret, parsed->timestamp, body);
  bool matched = false;
  for (const auto& candidate : parsed->v1) matched = constant_time_equal(candidate, expected) || matched;
  if (!matched) return invalid("The webhook signature does not match the body.");
  std::int64_t age = now_unix - parsed->timestamp;
  if (age > tolerance.count() || -age > tolerance.count()) {
    return kernel::Error{"stale_webhook", "The webhook's timestamp is more than five minutes from now."};
  }
  return kernel::Ok{};
}

}  // namespace emporium::payment

#include "jwt.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <sodium.h>

#include <algorithm>
#include <optional>
#include <stdexcept>

#include "encoding.hpp"

namespace emporium::user {
namespace json = boost::json;
namespace {

kernel::Error error(std::string code, std::string message) { return {std::move(code), std::move(message)}; }

// A base64url segment that decodes to a JSON object.
std::optional<json::object> decode_object(std::string_view segment) {
  auto bytes = base64url_decode(segment);
  if (!bytes) return std::nullopt;
  boost::system::error_code ec;
  auto value = json::parse(*bytes, ec);
  if (ec || !value.is_object()) return std::nullopt;
  return std::move(value.as_object());
}

std::optional<std::string_view> string_field(const json::object& object, std::string_view name) {
  const auto* value = object.if_contains(name);
  if (value == nullptr || !value->is_string()) return std::nullopt;
  return std::string_view(value->as_string());
}

std::optional<std::int64_t> integer_field(const json::object& object, std::string_view name) {
  const auto* value = object.if_contains(name);
  if (value == nullptr || !value->is_int64()) return std::nullopt;
  return value->as_int64();
}

bool signature_valid(std::string_view signing_input, std::string_view signature, const PublicKey& key) {
  return signature.size() == crypto_sign_BYTES &&
         crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(signature.data()),
                                     reinterpret_cast<const unsigned char*>(signing_input.data()),
                                     signing_input.size(), key.data()) == 0;
}

}  // namespace

std::string key_id(const PublicKey& public_key) {
  auto digest = sha256(std::string_view(reinterpret_cast<const char*>(public_key.data()), public_key.size()));
  return to_hex(digest).substr(0, 16);
}

SigningKey signing_key_from_seed(std::string_view seed) {
  ensure_sodium();
  if (seed.size() != crypto_sign_SEEDBYTES) throw std::invalid_argument("an Ed25519 seed has 32 bytes");
  SigningKey key;
  crypto_sign_seed_keypair(key.public_key.data(), key.secret_key.data(),
                           reinterpret_cast<const unsigned char*>(seed.data()));
  key.kid = key_id(key.public_key);
  return key;
}

std::string sign_access_token(const SigningKey& key, const AccessClaims& claims) {
  ensure_sodium();
  json::object header{{"alg", kAlgorithm}, {"typ", "JWT"}, {"kid", key.kid}};
  json::object payload{{"iss", kIssuer},
                       {"sub", claims.subject},
                       {"role", kernel::role_name(claims.role)},
                       {"iat", claims.issued_at},
                       {"nbf", claims.not_before},
                       {"exp", claims.expires_at}};
  std::string signing_input = base64url_encode(json::serialize(header)) + "." + base64url_encode(json::serialize(payload));
  std::string signature(crypto_sign_BYTES, '\0');
  crypto_sign_detached(reinterpret_cast<unsigned char*>(signature.data()), nullptr,
                       reinterpret_cast<const unsigned char*>(signing_input.data()), signing_input.size(),
                       key.secret_key.data());
  return signing_input + "." + base64url_encode(signature);
}

kernel::Result<AccessClaims> verify_access_token(std::string_view token, const std::vector<VerificationKey>& keys,
                                                 std::int64_t now) {
  auto claims = verify_signed_claims(token, keys);
  if (!claims) return claims;
  if (auto valid = check_validity_window(claims.value(), now); !valid) return valid.error();
  return claims;
}

kernel::Result<AccessClaims> verify_signed_claims(std::string_view token, const std::vector<VerificationKey>& keys) {
  auto first_dot = token.find('.');
  auto last_dot = token.rfind('.');
  if (first_dot == std::string_view::npos || first_dot == last_dot ||
      token.find('.', first_dot + 1) != last_dot) {
    return error("malformed", "a token has three dot-separated parts");
  }
  auto header = decode_object(token.substr(0, first_dot));
  if (!header) return error("malformed", "the header is not base64url JSON");
  // The algorithm is fixed by the server, never chosen by the token: "none",
  // HS256 keyed with the public key and every other substitution fail here.
  if (string_field(*header, "alg") != kAlgorithm) return error("algorithm_not_allowed", "only EdDSA is accepted");
  if (header->contains("crit")) return error("malformed", "no critical header extensions are understood");
  auto kid = string_field(*header, "kid");
  if (!kid) return error("unknown_key", "the header names no kid");
  auto key = std::find_if(keys.begin(), keys.end(), [&](const VerificationKey& k) { return k.kid == *kid; });
  if (key == keys.end()) return error("unknown_key", "no verification key has this kid");

  auto signature = base64url_decode(token.substr(last_dot + 1));
  if (!signature) return error("malformed", "the signature is not base64url");
  ensure_sodium();
  if (!signature_valid(token.substr(0, last_dot), *signature, key->public_key)) {
    return error("bad_signature", "the signature does not verify");
  }

  auto payload = decode_object(token.substr(first_dot + 1, last_dot - first_dot - 1));
  if (!payload) return error("malformed", "the claims are not base64url JSON");
  if (string_field(*payload, "iss") != kIssuer) return error("wrong_issuer", "the issuer is not emporium");
  auto subject = string_field(*payload, "sub");
  auto role = string_field(*payload, "role");
  auto issued_at = integer_field(*payload, "iat");
  auto not_before = integer_field(*payload, "nbf");
  auto expires_at = integer_field(*payload, "exp");
  if (!subject || subject->empty() || !role || !kernel::parse_role(*role) || !issued_at || !not_before ||
      !expires_at) {
    return error("malformed", "a claim is missing or has the wrong type");
  }
  return AccessClaims{std::string(*subject), *kernel::parse_role(*role), *issued_at, *not_before, *expires_at};
}

kernel::Status check_validity_window(const AccessClaims& claims, std::int64_t now) {
  if (now >= claims.expires_at) return error("expired", "the token has expired");
  if (claims.not_before > now + kClockSkewSeconds || claims.issued_at > now + kClockSkewSeconds) {
    return error("not_yet_valid", "the token is not valid yet");
  }
  return kernel::Ok{};
}

}  // namespace emporium::user

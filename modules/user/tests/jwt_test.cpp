// Access tokens: signing, and every way a forged or stale token is refused.
#include <doctest/doctest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <sodium.h>

#include "user/src/encoding.hpp"
#include "user/src/jwt.hpp"

using namespace emporium::user;
using emporium::kernel::Role;

namespace {

constexpr std::int64_t kNow = 1'800'000'000;

SigningKey key_of(char fill) { return signing_key_from_seed(std::string(32, fill)); }

AccessClaims claims_for(std::string subject = "usr_1", Role role = Role::customer) {
  return {std::move(subject), role, kNow, kNow, kNow + 900};
}

std::string segment(const boost::json::value& value) { return base64url_encode(boost::json::serialize(value)); }

std::string sign_input(const std::string& input, const SigningKey& key) {
  std::string signature(crypto_sign_BYTES, '\0');
  crypto_sign_detached(reinterpret_cast<unsigned char*>(signature.data()), nullptr,
                       reinterpret_cast<const unsigned char*>(input.data()), input.size(), key.secret_key.data());
  return base64url_encode(signature);
}

// A token with any header and claims, correctly signed by `key`.
std::string forge(const boost::json::value& header, const boost::json::value& payload, const SigningKey& key) {
  std::string input = segment(header) + "." + segment(payload);
  return input + "." + sign_input(input, key);
}

boost::json::object good_header(const SigningKey& key) { return {{"alg", "EdDSA"}, {"typ", "JWT"}, {"kid", key.kid}}; }

boost::json::object good_payload() {
  return {{"iss", "emporium"}, {"sub", "usr_1"}, {"role", "customer"}, {"iat", kNow}, {"nbf", kNow}, {"exp", kNow + 900}};
}

std::string error_of(std::string_view token, const SigningKey& key, std::int64_t now = kNow) {
  auto verified = verify_access_token(token, {key.verification_key()}, now);
  return verified ? "accepted" : verified.error().code;
}

std::vector<std::string> split(const std::string& token) {
  auto first = token.find('.'), last = token.rfind('.');
  return {token.substr(0, first), token.substr(first + 1, last - first - 1), token.substr(last + 1)};
}

}  // namespace

TEST_CASE("jwt round trip returns the signed claims") {
  auto key = key_of('a');
  auto token = sign_access_token(key, claims_for("usr_42", Role::seller));
  auto verified = verify_access_token(token, {key.verification_key()}, kNow + 10);
  REQUIRE(verified);
  CHECK(verified->subject == "usr_42");
  CHECK(verified->role == Role::seller);
  CHECK(verified->issued_at == kNow);
  CHECK(verified->not_before == kNow);
  CHECK(verified->expires_at == kNow + 900);
}

TEST_CASE("jwt header is EdDSA, JWT and the key's kid, and the claims carry iss emporium") {
  auto key = key_of('a');
  auto parts = split(sign_access_token(key, claims_for()));
  auto header = boost::json::parse(*base64url_decode(parts[0])).as_object();
  CHECK(header == good_header(key));
  auto payload = boost::json::parse(*base64url_decode(parts[1])).as_object();
  CHECK(payload.at("iss") == "emporium");
  CHECK(payload.at("role") == "customer");
  CHECK(parts[2].find('=') == std::string::npos);
}

TEST_CASE("jwt kid is the first 16 hex digits of the public key's SHA-256 and stable per seed") {
  auto key = key_of('a');
  std::string_view public_key(reinterpret_cast<const char*>(key.public_key.data()), key.public_key.size());
  CHECK(key.kid == to_hex(sha256(public_key)).substr(0, 16));
  CHECK(key.kid.size() == 16);
  CHECK(key_of('a').kid == key.kid);
  CHECK(key_of('b').kid != key.kid);
}

TEST_CASE("jwt refuses alg none, with or without a signature") {
  auto key = key_of('a');
  auto header = good_header(key);
  header["alg"] = "none";
  std::string unsigned_token = segment(header) + "." + segment(good_payload()) + ".";
  CHECK(error_of(unsigned_token, key) == "algorithm_not_allowed");
  CHECK(error_of(forge(header, good_payload(), key), key) == "algorithm_not_allowed");
  header["alg"] = "None";
  CHECK(error_of(forge(header, good_payload(), key), key) == "algorithm_not_allowed");
}

TEST_CASE("jwt refuses another algorithm even with a valid Ed25519 signature") {
  auto key = key_of('a');
  for (const char* alg : {"HS256", "RS256", "ES256", "EdDSA ", "eddsa"}) {
    auto header = good_header(key);
    header["alg"] = alg;
    CHECK(error_of(forge(header, good_payload(), key), key) == "algorithm_not_allowed");
  }
  auto header = good_header(key);
  header.erase("alg");
  CHECK(error_of(forge(header, good_payload(), key), key) == "algorithm_not_allowed");
}

TEST_CASE("jwt refuses an HS256 token keyed with the public key (key confusion)") {
  auto key = key_of('a');
  auto header = good_header(key);
  header["alg"] = "HS256";
  std::string input = segment(header) + "." + segment(good_payload());
  std::string mac(crypto_auth_hmacsha256_BYTES, '\0');
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, key.public_key.data(), key.public_key.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(input.data()), input.size());
  crypto_auth_hmacsha256_final(&state, reinterpret_cast<unsigned char*>(mac.data()));
  CHECK(error_of(input + "." + base64url_encode(mac), key) == "algorithm_not_allowed");
}

TEST_CASE("jwt refuses an unknown or missing kid") {
  auto key = key_of('a');
  auto other = key_of('b');
  CHECK(error_of(sign_access_token(other, claims_for()), key) == "unknown_key");
  auto header = good_header(key);
  header.erase("kid");
  CHECK(error_of(forge(header, good_payload(), key), key) == "unknown_key");
  header["kid"] = 7;
  CHECK(error_of(forge(header, good_payload(), key), key) == "unknown_key");
}

TEST_CASE("jwt refuses a signature by another key under our kid") {
  auto key = key_of('a');
  auto attacker = key_of('b');
  CHECK(error_of(forge(good_header(key), good_payload(), attacker), key) == "bad_signature");
}

TEST_CASE("jwt refuses changed claims: a customer cannot make itself admin") {
  auto key = key_of('a');
  auto parts = split(sign_access_token(key, claims_for()));
  auto payload = good_payload();
  payload["role"] = "admin";
  CHECK(error_of(parts[0] + "." + segment(payload) + "." + parts[2], key) == "bad_signature");
  payload = good_payload();
  payload["sub"] = "usr_2";
  CHECK(error_of(parts[0] + "." + segment(payload) + "." + parts[2], key) == "bad_signature");
}

TEST_CASE("jwt refuses a truncated, empty or flipped signature") {
  auto key = key_of('a');
  auto token = sign_access_token(key, claims_for());
  auto parts = split(token);
  CHECK(error_of(parts[0] + "." + parts[1] + ".", key) == "bad_signature");
  CHECK(error_of(parts[0] + "." + parts[1] + "." + parts[2].substr(0, 40), key) != "accepted");
  auto signature = *base64url_decode(parts[2]);
  signature[0] = static_cast<char>(signature[0] ^ 1);
  CHECK(error_of(parts[0] + "." + parts[1] + "." + base64url_encode(signature), key) == "bad_signature");
}

TEST_CASE("jwt refuses an expired token from the second of exp on") {
  auto key = key_of('a');
  auto token = sign_access_token(key, claims_for());
  CHECK(error_of(token, key, kNow + 899) == "accepted");
  CHECK(error_of(token, key, kNow + 900) == "expired");
  CHECK(error_of(token, key, kNow + 100000) == "expired");
}

TEST_CASE("jwt refuses a token that is not valid yet, beyond the clock skew") {
  auto key = key_of('a');
  auto payload = good_payload();
  payload["nbf"] = kNow + kClockSkewSeconds + 1;
  CHECK(error_of(forge(good_header(key), payload, key), key) == "not_yet_valid");
  payload["nbf"] = kNow + kClockSkewSeconds;
  CHECK(error_of(forge(good_header(key), payload, key), key) == "accepted");
  payload = good_payload();
  payload["iat"] = kNow + 3600;
  CHECK(error_of(forge(good_header(key), payload, key), key) == "not_yet_valid");
}

TEST_CASE("jwt refuses another issuer") {
  auto key = key_of('a');
  auto payload = good_payload();
  payload["iss"] = "evil";
  CHECK(error_of(forge(good_header(key), payload, key), key) == "wrong_issuer");
  payload.erase("iss");
  CHECK(error_of(forge(good_header(key), payload, key), key) == "wrong_issuer");
}

TEST_CASE("jwt refuses missing or mistyped claims and unknown roles") {
  auto key = key_of('a');
  for (const char* claim : {"sub", "role", "iat", "nbf", "exp"}) {
    auto payload = good_payload();
    payload.erase(claim);
    CHECK_MESSAGE(error_of(forge(good_header(key), payload, key), key) == "malformed", claim);
  }
  auto payload = good_payload();
  payload["exp"] = "9999999999";
  CHECK(error_of(forge(good_header(key), payload, key), key) == "malformed");
  payload = good_payload();
  payload["exp"] = 1.8e9 + 900.5;
  CHECK(error_of(forge(good_header(key), payload, key), key) == "malformed");
  payload = good_payload();
  payload["role"] = "superuser";
  CHECK(error_of(forge(good_header(key), payload, key), key) == "malformed");
  payload = good_payload();
  payload["sub"] = "";
  CHECK(error_of(forge(good_header(key), payload, key), key) == "malformed");
}

TEST_CASE("jwt refuses critical header extensions") {
  auto key = key_of('a');
  auto header = good_header(key);
  header["crit"] = boost::json::array{"exp"};
  CHECK(error_of(forge(header, good_payload(), key), key) == "malformed");
}

TEST_CASE("jwt refuses malformed compact forms") {
  auto key = key_of('a');
  auto token = sign_access_token(key, claims_for());
  auto parts = split(token);
  for (const std::string& bad :
       {std::string(), std::string("."), std::string(".."), std::string("abc"), parts[0] + "." + parts[1],
        token + ".x", parts[0] + "=." + parts[1] + "." + parts[2], parts[0] + "." + parts[1] + "=." + parts[2],
        std::string("!!!.") + parts[1] + "." + parts[2], segment(boost::json::array{1}) + "." + parts[1] + "." + parts[2],
        base64url_encode("not json") + "." + parts[1] + "." + parts[2], parts[0] + "." + parts[1] + "." + parts[2] + "="}) {
    CHECK_MESSAGE(error_of(bad, key) != "accepted", bad);
  }
  CHECK(error_of(parts[0] + "." + base64url_encode("not json") + "." + sign_input(parts[0] + "." + base64url_encode("not json"), key), key) ==
        "malformed");
}

TEST_CASE("jwt accepts tokens of a retired key that is still listed, and no others") {
  auto retired = key_of('r');
  auto active = key_of('a');
  auto token = sign_access_token(retired, claims_for());
  CHECK(verify_access_token(token, {active.verification_key(), retired.verification_key()}, kNow));
  CHECK_FALSE(verify_access_token(token, {active.verification_key()}, kNow));
}

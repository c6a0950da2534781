// Token keys from configuration, and the JWKS that publishes them.
#include <doctest/doctest.h>

#include "user/src/encoding.hpp"
#include "user/src/jwks.hpp"
#include "user/src/key_ring.hpp"

using namespace emporium::user;

namespace {

std::string seed_of(char fill) { return base64_encode(std::string(32, fill)); }

std::string public_key_text(const SigningKey& key) {
  return base64url_encode(std::string_view(reinterpret_cast<const char*>(key.public_key.data()), key.public_key.size()));
}

}  // namespace

TEST_CASE("key ring from a base64 seed signs with that key and verifies with it first") {
  auto ring = make_key_ring(seed_of('s'), "user.signing_key", {});
  REQUIRE(ring);
  CHECK(ring->active.kid == signing_key_from_seed(std::string(32, 's')).kid);
  REQUIRE(ring->verification.size() == 1);
  CHECK(ring->verification[0].kid == ring->active.kid);
}

TEST_CASE("key ring refuses a seed that is not base64 of 32 bytes, naming its source") {
  for (const std::string& seed : {std::string(), std::string("not base64!"), base64_encode(std::string(31, 'x'))}) {
    auto ring = make_key_ring(seed, "user.signing_key", {});
    REQUIRE_FALSE(ring);
    CHECK(ring.error().message == "config: user.signing_key must be the base64 of a 32-byte Ed25519 seed");
  }
}

TEST_CASE("key ring adds retired public keys after the active one") {
  auto old_key = signing_key_from_seed(std::string(32, 'o'));
  auto ring = make_key_ring(seed_of('n'), "user.signing_key", {public_key_text(old_key)});
  REQUIRE(ring);
  REQUIRE(ring->verification.size() == 2);
  CHECK(ring->verification[1].kid == old_key.kid);
  CHECK(ring->verification[1].public_key == old_key.public_key);
}

TEST_CASE("key ring refuses a bad retired key, naming its index") {
  auto ring = make_key_ring(seed_of('n'), "user.signing_key", {"short"});
  REQUIRE_FALSE(ring);
  CHECK(ring.error().message.find("user.retired_public_keys[0]") != std::string::npos);
  auto active = signing_key_from_seed(std::string(32, 'n'));
  ring = make_key_ring(seed_of('n'), "user.signing_key", {public_key_text(active)});
  REQUIRE_FALSE(ring);
  CHECK(ring.error().message == "config: user.retired_public_keys[0] is the active signing key");
}

TEST_CASE("jwks lists every verification key as an OKP Ed25519 JWK") {
  auto ring = make_key_ring(seed_of('n'), "user.signing_key", {public_key_text(signing_key_from_seed(std::string(32, 'o')))});
  REQUIRE(ring);
  auto document = jwks_document(ring->verification);
  const auto& keys = document.at("keys").as_array();
  REQUIRE(keys.size() == 2);
  const auto& first = keys[0].as_object();
  CHECK(first.at("kty") == "OKP");
  CHECK(first.at("crv") == "Ed25519");
  CHECK(first.at("alg") == "EdDSA");
  CHECK(first.at("use") == "sig");
  CHECK(first.at("kid").as_string() == ring->active.kid);
  CHECK(first.at("x").as_string() == public_key_text(ring->active));
  CHECK_FALSE(first.contains("d"));
  CHECK(first.size() == 6);
}

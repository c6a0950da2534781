// base64url, base64, hex and SHA-256 over libsodium.
#include <doctest/doctest.h>

#include "user/src/encoding.hpp"
#include "user/src/opaque_token.hpp"

using namespace emporium::user;

TEST_CASE("base64url encodes without padding in the URL-safe alphabet (RFC 4648 vectors)") {
  CHECK(base64url_encode("") == "");
  CHECK(base64url_encode("f") == "Zg");
  CHECK(base64url_encode("fo") == "Zm8");
  CHECK(base64url_encode("foo") == "Zm9v");
  CHECK(base64url_encode("\xfb\xff") == "-_8");
}

TEST_CASE("base64url decodes its own output and refuses padding and foreign characters") {
  CHECK(base64url_decode("Zm9vYg") == "foob");
  CHECK(base64url_decode("-_8") == "\xfb\xff");
  CHECK_FALSE(base64url_decode("Zm9vYg=="));
  CHECK_FALSE(base64url_decode("+/8"));
  CHECK_FALSE(base64url_decode("Zm9v YQ"));
}

TEST_CASE("base64 standard form round trips with padding") {
  CHECK(base64_encode("foob") == "Zm9vYg==");
  CHECK(base64_decode("Zm9vYg==") == "foob");
  CHECK_FALSE(base64_decode("Zm9vYg"));
}

TEST_CASE("sha256 of abc is the FIPS 180-2 vector") {
  CHECK(to_hex(sha256("abc")) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("opaque tokens are 256-bit, URL-safe, distinct and stored as their SHA-256") {
  auto a = new_opaque_token();
  auto b = new_opaque_token();
  CHECK(a.value.size() == 43);
  CHECK(a.value != b.value);
  CHECK(a.hash == to_hex(sha256(a.value)));
  CHECK(a.hash == opaque_token_hash(a.value));
  CHECK(a.value.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") == std::string::npos);
}

TEST_CASE("ids carry their prefix and 20 hex digits") {
  auto id = new_id("usr_");
  CHECK(id.rfind("usr_", 0) == 0);
  CHECK(id.size() == 24);
  CHECK(new_id("usr_") != id);
}

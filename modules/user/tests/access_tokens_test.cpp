// AccessTokens::verify keeps the claims of tokens whose signature it has
// checked: what it answers must not change, only what it costs.
#include <doctest/doctest.h>

#include <string>

#include "user/src/access_tokens.hpp"

using namespace emporium::user;
using emporium::kernel::Role;

namespace {

constexpr std::int64_t kNow = 1'800'000'000;
constexpr std::int64_t kTtl = 900;

AccessTokens tokens_with(char seed_fill) {
  SigningKey key = signing_key_from_seed(std::string(32, seed_fill));
  std::vector<VerificationKey> verification{key.verification_key()};
  return AccessTokens(KeyRing{std::move(key), std::move(verification)}, kTtl);
}

std::string error_of(const AccessTokens& tokens, const std::string& token, std::int64_t now) {
  auto verified = tokens.verify(token, now);
  return verified ? "accepted" : verified.error().code;
}

}  // namespace

TEST_CASE("a token verified once is answered from the cache, with its validity window checked at every use") {
  AccessTokens tokens = tokens_with('a');
  const auto issued = tokens.issue("usr_1", Role::seller, kNow);
  CHECK(tokens.tokens_verified() == 0);
  auto first = tokens.verify(issued.token, kNow + 1);
  REQUIRE(first);
  CHECK(tokens.tokens_verified() == 1);
  auto again = tokens.verify(issued.token, kNow + 2);
  REQUIRE(again);
  CHECK(again->subject == "usr_1");
  CHECK(again->role == Role::seller);
  CHECK(tokens.tokens_verified() == 1);
  // Expiry and not-before are not kept: the cached token expires on time.
  CHECK(error_of(tokens, issued.token, kNow + kTtl) == "expired");
  CHECK(error_of(tokens, issued.token, kNow - kClockSkewSeconds - 1) == "not_yet_valid");
  CHECK(error_of(tokens, issued.token, kNow + kTtl - 1) == "accepted");
}

TEST_CASE("the cache never accepts a token it has not verified") {
  AccessTokens tokens = tokens_with('a');
  const auto issued = tokens.issue("usr_1", Role::customer, kNow);
  REQUIRE(tokens.verify(issued.token, kNow));
  // One character of the signature changed: a different token, checked afresh.
  std::string flipped = issued.token;
  flipped.back() = flipped.back() == 'A' ? 'B' : 'A';
  CHECK(error_of(tokens, flipped, kNow) == "bad_signature");
  // Refused tokens are not kept.
  CHECK(tokens.tokens_verified() == 1);
  // Another ring's token, even for the same claims, is refused.
  AccessTokens other = tokens_with('b');
  CHECK(error_of(tokens, other.issue("usr_1", Role::customer, kNow).token, kNow) == "unknown_key");
}

TEST_CASE("a full cache starts over and still answers correctly") {
  AccessTokens tokens = tokens_with('a');
  const auto kept = tokens.issue("usr_kept", Role::customer, kNow);
  for (std::size_t i = 0; i < VerifiedTokens::kCapacity; ++i) {
    REQUIRE(tokens.verify(tokens.issue("usr_" + std::to_string(i), Role::customer, kNow).token, kNow));
  }
  CHECK(tokens.tokens_verified() == VerifiedTokens::kCapacity);
  auto verified = tokens.verify(kept.token, kNow);
  REQUIRE(verified);
  CHECK(verified->subject == "usr_kept");
  CHECK(tokens.tokens_verified() == 1);
}

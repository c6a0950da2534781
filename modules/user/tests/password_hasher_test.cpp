// Argon2id password hashes with the configured limits.
#include <doctest/doctest.h>

#include <sodium.h>

#include "user/src/password_hasher.hpp"

using namespace emporium::user;

namespace {

// libsodium's minimum: keeps the tests fast; production uses INTERACTIVE or more.
const Argon2Limits kFast{crypto_pwhash_argon2id_OPSLIMIT_MIN, crypto_pwhash_argon2id_MEMLIMIT_MIN};

}  // namespace

TEST_CASE("password hash is an Argon2id PHC string with the configured limits") {
  PasswordHasher hasher(kFast);
  auto hash = hasher.hash("correct horse battery");
  CHECK(hash.rfind("$argon2id$v=19$m=8,t=1,p=1$", 0) == 0);
  CHECK(hash.find("correct horse") == std::string::npos);
}

TEST_CASE("password hash verifies the right password only") {
  PasswordHasher hasher(kFast);
  auto hash = hasher.hash("correct horse battery");
  CHECK(hasher.verify(hash, "correct horse battery"));
  CHECK_FALSE(hasher.verify(hash, "correct horse batterY"));
  CHECK_FALSE(hasher.verify(hash, ""));
  CHECK_FALSE(hasher.verify("", "correct horse battery"));
  CHECK_FALSE(hasher.verify("not a hash", "correct horse battery"));
}

TEST_CASE("password hashes of the same password differ by their salt") {
  PasswordHasher hasher(kFast);
  CHECK(hasher.hash("correct horse battery") != hasher.hash("correct horse battery"));
}

TEST_CASE("password hash made with other limits still verifies and needs a rehash") {
  PasswordHasher old_hasher(kFast);
  PasswordHasher new_hasher({2, crypto_pwhash_argon2id_MEMLIMIT_MIN * 2});
  auto old_hash = old_hasher.hash("correct horse battery");
  CHECK(new_hasher.verify(old_hash, "correct horse battery"));
  CHECK(new_hasher.needs_rehash(old_hash));
  CHECK_FALSE(old_hasher.needs_rehash(old_hash));
  auto upgraded = new_hasher.hash("correct horse battery");
  CHECK_FALSE(new_hasher.needs_rehash(upgraded));
}

TEST_CASE("password hash of another algorithm needs a rehash") {
  PasswordHasher hasher(kFast);
  char argon2i[crypto_pwhash_STRBYTES];
  REQUIRE(crypto_pwhash_str_alg(argon2i, "pw", 2, 3, crypto_pwhash_argon2i_MEMLIMIT_MIN, crypto_pwhash_ALG_ARGON2I13) == 0);
  CHECK(hasher.needs_rehash(argon2i));
  CHECK(hasher.needs_rehash("garbage"));
}

TEST_CASE("password dummy verification runs for any password") {
  PasswordHasher hasher(kFast);
  hasher.verify_dummy("anything at all");
  hasher.verify_dummy("");
  CHECK(hasher.limits().opslimit == kFast.opslimit);
}

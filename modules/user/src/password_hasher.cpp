#include "password_hasher.hpp"

#include <sodium.h>

#include <stdexcept>

#include "encoding.hpp"
#include "opaque_token.hpp"

namespace emporium::user {

PasswordHasher::PasswordHasher(Argon2Limits limits) : limits_(limits) {
  ensure_sodium();
  dummy_hash_ = hash(new_opaque_token().value);
}

std::string PasswordHasher::hash(std::string_view password) const {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), limits_.opslimit, limits_.memlimit_bytes,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("Argon2id hashing failed (out of memory?)");
  }
  return out;
}

bool PasswordHasher::verify(const std::string& hash, std::string_view password) const {
  return !hash.empty() && crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

bool PasswordHasher::needs_rehash(const std::string& hash) const {
  return crypto_pwhash_str_needs_rehash(hash.c_str(), limits_.opslimit, limits_.memlimit_bytes) != 0;
}

void PasswordHasher::verify_dummy(std::string_view password) const { (void)verify(dummy_hash_, password); }

}  // namespace emporium::user

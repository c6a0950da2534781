#pragma once
// The claims of access tokens whose signature has been checked, keyed by
// the whole token text. An Ed25519 verification costs more than the rest
// of a request's authentication, and a customer sends the same token with
// every request until it expires. Only what depends on the token and the
// key ring alone is kept; the validity window is checked at every use
// (AccessTokens::verify), and the key ring never changes under a cache.
#include <cstddef>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "jwt.hpp"

namespace emporium::user {

class VerifiedTokens {
 public:
  // Enough for every signed-in customer of a busy shop within a token's
  // lifetime; when it is full, it starts over rather than track ages.
  static constexpr std::size_t kCapacity = 8192;

  std::optional<AccessClaims> find(std::string_view token) const;
  void remember(std::string_view token, const AccessClaims& claims);
  std::size_t size() const;

 private:
  // Lets a string_view look up a std::string key without a copy.
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
  };

  mutable std::mutex mutex_;
  std::unordered_map<std::string, AccessClaims, Hash, std::equal_to<>> claims_;
};

}  // namespace emporium::user

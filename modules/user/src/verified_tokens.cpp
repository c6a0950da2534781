#include "verified_tokens.hpp"

namespace emporium::user {

std::optional<AccessClaims> VerifiedTokens::find(std::string_view token) const {
  const std::lock_guard lock(mutex_);
  const auto found = claims_.find(token);
  if (found == claims_.end()) return std::nullopt;
  return found->second;
}

void VerifiedTokens::remember(std::string_view token, const AccessClaims& claims) {
  const std::lock_guard lock(mutex_);
  if (claims_.size() >= kCapacity) claims_.clear();
  claims_.try_emplace(std::string(token), claims);
}

std::size_t VerifiedTokens::size() const {
  const std::lock_guard lock(mutex_);
  return claims_.size();
}

}  // namespace emporium::user

#include "opaque_token.hpp"

#include <sodium.h>

#include "encoding.hpp"

namespace emporium::user {

std::string random_bytes(std::size_t count) {
  ensure_sodium();
  std::string bytes(count, '\0');
  randombytes_buf(bytes.data(), bytes.size());
  return bytes;
}

OpaqueToken new_opaque_token() {
  auto value = base64url_encode(random_bytes(32));
  auto hash = opaque_token_hash(value);
  return {std::move(value), std::move(hash)};
}

std::string opaque_token_hash(std::string_view value) { return to_hex(sha256(value)); }

std::string new_id(std::string_view prefix) { return std::string(prefix) + to_hex(random_bytes(10)); }

}  // namespace emporium::user

#pragma once
// Random bearer secrets that the server only ever stores hashed: refresh
// tokens and password reset tokens. 256 bits of randomness, so a fast hash
// (SHA-256) is enough to make a stolen table useless.
#include <cstddef>
#include <string>
#include <string_view>

namespace emporium::user {

struct OpaqueToken {
  std::string value;  // handed to the client once
  std::string hash;   // what the database keeps
};

OpaqueToken new_opaque_token();
// Hex SHA-256 of the token's text.
std::string opaque_token_hash(std::string_view value);

// `count` bytes from the operating system's CSPRNG.
std::string random_bytes(std::size_t count);

// A new opaque id with a kind prefix, e.g. "usr_" followed by 20 hex digits.
std::string new_id(std::string_view prefix);

}  // namespace emporium::user

#pragma once
// Byte encodings and digests the token code needs, over libsodium. Bytes are
// carried in std::string (JWT segments are text of bytes anyway).
#include <optional>
#include <string>
#include <string_view>

namespace emporium::user {

// libsodium must be initialised once before any other call; every entry
// point of this module that uses it calls this first (cheap after the first).
void ensure_sodium();

// RFC 4648 section 5 without padding: what JWTs and JWKs use.
std::string base64url_encode(std::string_view bytes);
// nullopt for any character outside the URL-safe alphabet, padding included.
std::optional<std::string> base64url_decode(std::string_view text);
// Standard alphabet with padding: the form of keys in the configuration.
std::string base64_encode(std::string_view bytes);
std::optional<std::string> base64_decode(std::string_view text);

std::string to_hex(std::string_view bytes);
// The 32-byte SHA-256 digest.
std::string sha256(std::string_view bytes);

}  // namespace emporium::user

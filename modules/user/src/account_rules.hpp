#pragma once
// What an account's fields must look like. Pure, shared by the HTTP routes
// and the `user create` command. Each check returns the message for a field
// error, or nullopt when the value is fine.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace emporium::user {

inline constexpr std::size_t kEmailMaxLength = 254;  // RFC 5321 path limit
inline constexpr std::size_t kPasswordMinLength = 10;
inline constexpr std::size_t kPasswordMaxLength = 128;
inline constexpr std::size_t kNameMaxLength = 100;

// Characters, not bytes: UTF-8 lead bytes counted.
std::size_t utf8_length(std::string_view text);

// A plain addr-spec: dot-atom local part (at most 64 characters) and a
// domain of at least two LDH labels. No quoted local parts, IP literals,
// comments or whitespace: they are legal but serve attackers, not customers.
std::optional<std::string> email_error(std::string_view email);
// Emails are compared case-insensitively: the lower-cased form is the key.
std::string normalize_email(std::string_view email);

std::optional<std::string> password_error(std::string_view password);
// At most `max_length` characters without control characters; unless
// `may_be_empty`, not empty or all blank either.
std::optional<std::string> text_error(std::string_view text, std::size_t max_length, bool may_be_empty);
// text_error with at most 100 characters, not empty.
std::optional<std::string> name_error(std::string_view name);
// Digits with an optional leading +, spaces, dashes, dots and parentheses;
// 5 to 20 digits.
std::optional<std::string> phone_error(std::string_view phone);

}  // namespace emporium::user

#include "account_rules.hpp"

#include <algorithm>
#include <cctype>

namespace emporium::user {
namespace {

constexpr std::size_t kLocalPartMaxLength = 64;
constexpr std::size_t kLabelMaxLength = 63;
constexpr std::size_t kPhoneMinDigits = 5;
constexpr std::size_t kPhoneMaxDigits = 20;
constexpr std::size_t kPhoneMaxLength = 32;

bool is_atom_char(unsigned char c) {
  return std::isalnum(c) || std::string_view("!#$%&'*+/=?^_`{|}~-").find(static_cast<char>(c)) != std::string_view::npos;
}

bool is_dot_atom(std::string_view text) {
  if (text.empty() || text.front() == '.' || text.back() == '.' || text.find("..") != std::string_view::npos) return false;
  return std::all_of(text.begin(), text.end(), [](unsigned char c) { return c == '.' || is_atom_char(c); });
}

bool is_label(std::string_view label) {
  if (label.empty() || label.size() > kLabelMaxLength || label.front() == '-' || label.back() == '-') return false;
  return std::all_of(label.begin(), label.end(), [](unsigned char c) { return std::isalnum(c) || c == '-'; });
}

bool is_domain(std::string_view domain) {
  std::size_t labels = 0;
  while (true) {
    auto dot = domain.find('.');
    if (!is_label(domain.substr(0, dot))) return false;
    ++labels;
    if (dot == std::string_view::npos) break;
    domain.remove_prefix(dot + 1);
  }
  return labels >= 2;
}

bool has_control(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](unsigned char c) { return c < 0x20 || c == 0x7f; });
}

}  // namespace

std::size_t utf8_length(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](unsigned char c) { return (c & 0xC0) != 0x80; }));
}

std::optional<std::string> email_error(std::string_view email) {
  if (email.size() > kEmailMaxLength) return "must be at most " + std::to_string(kEmailMaxLength) + " characters";
  auto at = email.rfind('@');
  if (at == std::string_view::npos) return "must be an email address";
  auto local = email.substr(0, at);
  if (local.size() > kLocalPartMaxLength || !is_dot_atom(local) || !is_domain(email.substr(at + 1))) {
    return "must be an email address";
  }
  return std::nullopt;
}

std::string normalize_email(std::string_view email) {
  std::string out(email);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::optional<std::string> password_error(std::string_view password) {
  auto length = utf8_length(password);
  if (length < kPasswordMinLength) return "must be at least " + std::to_string(kPasswordMinLength) + " characters";
  if (length > kPasswordMaxLength) return "must be at most " + std::to_string(kPasswordMaxLength) + " characters";
  return std::nullopt;
}

std::optional<std::string> text_error(std::string_view text, std::size_t max_length, bool may_be_empty) {
  bool blank = std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isspace(c); });
  if (blank && !may_be_empty) return "must not be empty";
  if (utf8_length(text) > max_length) return "must be at most " + std::to_string(max_length) + " characters";
  if (has_control(text)) return "must not contain control characters";
  return std::nullopt;
}

std::optional<std::string> name_error(std::string_view name) { return text_error(name, kNameMaxLength, false); }

std::optional<std::string> phone_error(std::string_view phone) {
  constexpr std::string_view kMessage = "must be a phone number: digits, optionally with +, spaces, dashes or parentheses";
  if (phone.size() > kPhoneMaxLength) return std::string(kMessage);
  std::size_t digits = 0;
  for (std::size_t i = 0; i < phone.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(phone[i]);
    if (std::isdigit(c)) ++digits;
    else if (c == '+' ? i != 0 : std::string_view(" -.()").find(static_cast<char>(c)) == std::string_view::npos) {
      return std::string(kMessage);
    }
  }
  if (digits < kPhoneMinDigits || digits > kPhoneMaxDigits) return std::string(kMessage);
  return std::nullopt;
}

}  // namespace emporium::user

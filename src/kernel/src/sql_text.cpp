#include "emporium/kernel/sql_text.hpp"

namespace emporium::kernel {

namespace {

std::string quoted_with(std::string_view text, char quote) {
  std::string quoted(1, quote);
  for (char c : text) {
    if (c == quote) quoted += quote;
    quoted += c;
  }
  quoted += quote;
  return quoted;
}

}  // namespace

std::string quote_identifier(std::string_view name) { return quoted_with(name, '"'); }

std::string quote_literal(std::string_view text) { return quoted_with(text, '\''); }

}  // namespace emporium::kernel

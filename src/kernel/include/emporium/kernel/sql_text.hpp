#pragma once
// Quoting for the SQL text that cannot be a bind: identifiers (schema and
// role names; `user` and `order` are reserved words) and the literals of DDL.
#include <string>
#include <string_view>

namespace emporium::kernel {

std::string quote_identifier(std::string_view name);
std::string quote_literal(std::string_view text);

}  // namespace emporium::kernel

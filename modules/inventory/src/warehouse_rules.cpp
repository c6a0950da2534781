#include "warehouse_rules.hpp"

namespace emporium::inventory {

std::optional<std::string> normalise_warehouse_code(std::string_view code) {
  if (code.empty() || code.size() > kMaxWarehouseCode) return std::nullopt;
  std::string out;
  for (char c : code) {
    bool alnum = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!alnum && (out.empty() || (c != '_' && c != '-'))) return std::nullopt;
    out += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  }
  return out;
}

}  // namespace emporium::inventory

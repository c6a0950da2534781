#pragma once
// What a warehouse's code may be: 1 to 32 letters, digits, `_` or `-`,
// starting with a letter or digit; kept in upper case, unique.
#include <optional>
#include <string>
#include <string_view>

namespace emporium::inventory {

inline constexpr std::size_t kMaxWarehouseCode = 32;
inline constexpr std::size_t kMaxWarehouseName = 200;

// The code in upper case, or nullopt when it breaks the rule.
std::optional<std::string> normalise_warehouse_code(std::string_view code);

}  // namespace emporium::inventory

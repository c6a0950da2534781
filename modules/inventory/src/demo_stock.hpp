#pragma once
// Demo stock levels: random-looking but the same on every run, because they
// come from a hash of the variant id.
#include <cstdint>
#include <string_view>

namespace emporium::inventory {

struct DemoLevels {
  std::int64_t first = 0;   // in the first (default) warehouse
  std::int64_t second = 0;  // in the second warehouse
};

// About one variant in eight is low (0 to 4 units in all, some sold out);
// the others have 10 to 149 units, most of them in the first warehouse.
DemoLevels demo_levels(std::string_view variant_id);

}  // namespace emporium::inventory

#pragma once
// The catalog's money: the kernel's (integer minor units, two decimals).
#include "emporium/kernel/money.hpp"

namespace emporium::catalog {

using kernel::amount_from_json;
using kernel::format_amount;
using kernel::is_supported_currency;
using kernel::kMaxAmountMinor;
using kernel::parse_amount;

}  // namespace emporium::catalog

#pragma once
// How money taken off an order is shared among its products, without I/O.
#include <cstdint>
#include <vector>

namespace emporium::analytics {

// Splits `amount` across lines in proportion to `weights` (their line
// totals) by the largest-remainder method: each line gets the floor of its
// exact share, and the minor units left over go one each to the lines with
// the largest remainders (ties to the earlier line). The parts sum to
// `amount` exactly. All weights zero: an even split the same way.
std::vector<std::int64_t> split_by_weight(std::int64_t amount, const std::vector<std::int64_t>& weights);

// The part of a refund that comes off the products: refunds are taken from
// the merchandise first, and only what exceeds the order's `subtotal` is
// shipping and tax, which are not product revenue. `refunded_total` is every
// refund so far including this `amount`.
std::int64_t product_share_of_refund(std::int64_t amount, std::int64_t refunded_total, std::int64_t subtotal);

}  // namespace emporium::analytics

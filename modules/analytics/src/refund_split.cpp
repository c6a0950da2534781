#include "refund_split.hpp"

#include <algorithm>
#include <numeric>

namespace emporium::analytics {

std::vector<std::int64_t> split_by_weight(std::int64_t amount, const std::vector<std::int64_t>& weights) {
  std::vector<std::int64_t> parts(weights.size(), 0);
  if (weights.empty()) return parts;
  std::vector<std::int64_t> w = weights;
  std::int64_t total = std::accumulate(w.begin(), w.end(), std::int64_t{0});
  if (total <= 0) {
    std::fill(w.begin(), w.end(), 1);
    total = static_cast<std::int64_t>(w.size());
  }
  // amount and weights are below 10^11 each: the products fit in 128 bits.
  std::vector<std::int64_t> remainders(w.size(), 0);
  std::int64_t given = 0;
  for (std::size_t i = 0; i < w.size(); ++i) {
    const __int128 exact = static_cast<__int128>(amount) * w[i];
    parts[i] = static_cast<std::int64_t>(exact / total);
    remainders[i] = static_cast<std::int64_t>(exact % total);
    given += parts[i];
  }
  std::vector<std::size_t> order(w.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return remainders[a] > remainders[b]; });
  for (std::size_t k = 0; given < amount; ++k, ++given) ++parts[order[k % order.size()]];
  return parts;
}

std::int64_t product_share_of_refund(std::int64_t amount, std::int64_t refunded_total, std::int64_t subtotal) {
  const std::int64_t before = std::max<std::int64_t>(0, refunded_total - amount);
  return std::max<std::int64_t>(0, std::min(refunded_total, subtotal) - std::min(before, subtotal));
}

}  // namespace emporium::analytics

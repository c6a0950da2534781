#pragma once
// Bulk SQL for the demo catalog: each call is one statement over arrays
// (unnest), so 100,000 products load in seconds rather than minutes.
#include <cstddef>
#include <string>
#include <vector>

#include "demo_data.hpp"
#include "emporium/kernel/database.hpp"

namespace emporium::catalog {

class SeedStore {
 public:
  explicit SeedStore(kernel::Tx& tx) : tx_(tx) {}

  bool has_products();
  // Adds the categories whose slugs are not taken yet (parents first).
  void insert_categories(const std::vector<DemoCategory>& categories);
  void insert_products(const std::string& seller_id, const std::vector<DemoProduct>& products);
  // One review by `user_id` on each product, ratings kept consistent.
  void insert_reviews(const std::string& user_id, const std::string& author_name,
                      const std::vector<std::string>& product_ids, const std::vector<int>& ratings,
                      const std::vector<std::string>& titles);

 private:
  kernel::Tx& tx_;
};

}  // namespace emporium::catalog

#pragma once
// SQL of shipping.rate_tables.
#include <optional>
#include <string>

#include "emporium/kernel/database.hpp"

namespace emporium::shipping {

struct StoredRates {
  std::int64_t version = 0;
  std::string body;  // JSON object text
  std::string created_at;
};

class RateStore {
 public:
  explicit RateStore(kernel::Tx& tx) : tx_(tx) {}
  std::optional<StoredRates> latest();
  StoredRates insert(const std::string& body, const std::string& created_by);

 private:
  kernel::Tx& tx_;
};

}  // namespace emporium::shipping

#pragma once
// Product reviews: one per customer per product, rating 1..5. Adding one
// updates the product's rating and review_count in the same transaction,
// publishes catalog.review_added and invalidates the product's cached reads.
// `verified_purchase` comes from catalog.purchases, the catalog's own record
// of what each customer bought.
#include <memory>
#include <string>

#include "emporium/kernel/auth.hpp"
#include "emporium/kernel/database.hpp"
#include "emporium/kernel/pagination.hpp"
#include "emporium/user/users.hpp"
#include "outcome.hpp"
#include "product.hpp"
#include "response_cache.hpp"

namespace emporium::catalog {

struct ReviewInput {
  int rating = 0;
  std::string title;
  std::string body;
};

class Reviews {
 public:
  Reviews(kernel::Database& db, ResponseCache& cache, std::shared_ptr<user::Users> users)
      : db_(db), cache_(cache), users_(std::move(users)) {}

  // Errors: not_found (unknown or archived product), review_exists.
  Outcome<Review> add(const kernel::Principal& author, const std::string& product_id, const ReviewInput& input);
  // Errors: not_found (unknown or archived product).
  Outcome<Paged<Review>> list(const std::string& product_id, const kernel::PageRequest& page);

 private:
  kernel::Database& db_;
  ResponseCache& cache_;
  std::shared_ptr<user::Users> users_;
};

}  // namespace emporium::catalog

#pragma once
// SQL of catalog.reviews and catalog.purchases, and of the rating figures a
// review changes on its product (in the same transaction, so they always
// agree with the reviews).
#include <optional>
#include <string>
#include <vector>

#include <boost/json/array.hpp>

#include "emporium/kernel/database.hpp"
#include "emporium/kernel/pagination.hpp"
#include "product.hpp"

namespace emporium::catalog {

struct NewReview {
  std::string product_id;
  std::string user_id;
  std::string author_name;
  int rating = 0;
  std::string title;
  std::string body;
};

class ReviewStore {
 public:
  explicit ReviewStore(kernel::Tx& tx) : tx_(tx) {}

  // nullopt when this user already reviewed this product. The review is a
  // verified purchase when catalog.purchases records that they bought it.
  std::optional<Review> insert(const NewReview& review);
  // Adds one rating to the product's review_count, rating_sum and rating.
  void add_rating(const std::string& product_id, int rating);
  Paged<Review> list(const std::string& product_id, const kernel::PageRequest& page);
  std::vector<Review> of_user(const std::string& user_id);
  // Erasure: the reviews stay (their ratings count), without their author.
  void anonymise(const std::string& user_id);
  // One paid order: its customer bought every product of its items (an
  // order event's "items" array).
  struct Purchase {
    std::string user_id;
    boost::json::array items;
    std::string purchased_at;
  };
  // Records the purchases of several orders in one statement; already
  // recorded pairs keep their first time. A review a buyer wrote before
  // becomes a verified purchase.
  void record_purchases(const std::vector<Purchase>& purchases);

 private:
  kernel::Tx& tx_;
};

}  // namespace emporium::catalog

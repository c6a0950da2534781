#include "reviews.hpp"

#include <boost/json/serialize.hpp>

#include "cache_feed.hpp"
#include "catalog_module_id.hpp"
#include "emporium/catalog/events.hpp"
#include "product_store.hpp"
#include "review_store.hpp"

namespace emporium::catalog {

Outcome<Review> Reviews::add(const kernel::Principal& author, const std::string& product_id, const ReviewInput& input) {
  // The name shown with the review is a copy taken now, as of writing.
  const auto user = users_->find(author.user_id);
  const std::string author_name = user ? user->name : "";
  auto outcome = db_.transact(catalog_module_id(), [&](kernel::Tx& tx) -> Outcome<Review> {
    if (!ProductStore(tx).is_active(product_id, true)) return Failure::not_found("No such product.");
    ReviewStore store(tx);
    auto review = store.insert({product_id, author.user_id, author_name, input.rating, input.title, input.body});
    if (!review) return Failure{"review_exists", "You have already reviewed this product.", {}};
    store.add_rating(product_id, input.rating);
    const boost::json::object payload{{"product_id", product_id},
                                      {"review_id", review->id},
                                      {"user_id", author.user_id},
                                      {"rating", input.rating}};
    tx.publish(events::kReviewAdded, events::kVersion, boost::json::serialize(payload));
    notify_cache_change(tx, CacheChange::product(product_id));
    return std::move(*review);
  });
  if (outcome) apply_cache_change(cache_, CacheChange::product(product_id));
  return outcome;
}

Outcome<Paged<Review>> Reviews::list(const std::string& product_id, const kernel::PageRequest& page) {
  return db_.transact(catalog_module_id(), [&](kernel::Tx& tx) -> Outcome<Paged<Review>> {
    if (!ProductStore(tx).is_active(product_id, false)) return Failure::not_found("No such product.");
    return ReviewStore(tx).list(product_id, page);
  });
}

}  // namespace emporium::catalog

#include "review_store.hpp"

#include <boost/json/serialize.hpp>

namespace emporium::catalog {
namespace {

const std::string kColumns =
    "id, product_id, COALESCE(user_id, ''), COALESCE(author_name, ''), rating, title, body, "
    "CAST(verified_purchase AS integer), catalog.rfc3339(created_at)";

Review read_review(const soci::row& row) {
  Review review;
  review.id = row.get<std::string>(0);
  review.product_id = row.get<std::string>(1);
  review.user_id = row.get<std::string>(2);
  review.author_name = row.get<std::string>(3);
  review.rating = row.get<int>(4);
  review.title = row.get<std::string>(5);
  review.body = row.get<std::string>(6);
  review.verified_purchase = row.get<int>(7) != 0;
  review.created_at = row.get<std::string>(8);
  return review;
}

}  // namespace

std::optional<Review> ReviewStore::insert(const NewReview& review) {
  soci::row row;
  tx_.sql() << "INSERT INTO catalog.reviews (product_id, user_id, author_name, rating, title, body, verified_purchase) "
               "SELECT :product_id, :user_id, NULLIF(:author_name, ''), :rating, :title, :body, "
               "EXISTS (SELECT 1 FROM catalog.purchases WHERE user_id = :buyer AND product_id = :bought) "
               "ON CONFLICT (product_id, user_id) DO NOTHING RETURNING " + kColumns,
      soci::use(review.product_id, "product_id"), soci::use(review.user_id, "user_id"),
      soci::use(review.author_name, "author_name"), soci::use(review.rating, "rating"),
      soci::use(review.title, "title"), soci::use(review.body, "body"), soci::use(review.user_id, "buyer"),
      soci::use(review.product_id, "bought"), soci::into(row);
  if (!tx_.sql().got_data()) return std::nullopt;
  return read_review(row);
}

void ReviewStore::add_rating(const std::string& product_id, int rating) {
  tx_.sql() << "UPDATE catalog.products SET review_count = review_count + 1, rating_sum = rating_sum + :rating, "
               "rating_hundredths = round(100.0 * (rating_sum + :added) / (review_count + 1)) WHERE id = :id",
      soci::use(rating, "rating"), soci::use(rating, "added"), soci::use(product_id, "id");
}

void ReviewStore::record_purchases(const std::vector<Purchase>& purchases) {
  boost::json::array orders;
  for (const auto& purchase : purchases) {
    orders.push_back({{"user_id", purchase.user_id}, {"items", purchase.items}, {"at", purchase.purchased_at}});
  }
  const std::string orders_json = boost::json::serialize(orders);
  // The review the buyer may already have written becomes verified too.
  tx_.sql() << "WITH bought AS (INSERT INTO catalog.purchases (user_id, product_id, purchased_at) "
               "SELECT DISTINCT ON (o.user_id, item->>'product_id') o.user_id, item->>'product_id', "
               "CAST(o.at AS timestamptz) "
               "FROM jsonb_to_recordset(CAST(:orders AS jsonb)) AS o(user_id text, items jsonb, at text), "
               "jsonb_array_elements(o.items) AS item WHERE item->>'product_id' IS NOT NULL "
               "ORDER BY o.user_id, item->>'product_id', CAST(o.at AS timestamptz) "
               "ON CONFLICT (user_id, product_id) DO NOTHING RETURNING user_id, product_id) "
               "UPDATE catalog.reviews r SET verified_purchase = true FROM bought "
               "WHERE r.user_id = bought.user_id AND r.product_id = bought.product_id AND NOT r.verified_purchase",
      soci::use(orders_json, "orders");
}

Paged<Review> ReviewStore::list(const std::string& product_id, const kernel::PageRequest& page) {
  long long total = 0, limit = page.per_page, offset = page.offset();
  tx_.sql() << "SELECT count(*) FROM catalog.reviews WHERE product_id = :id", soci::use(product_id, "id"),
      soci::into(total);
  Paged<Review> out;
  out.total = total;
  soci::rowset<soci::row> rows =
      (tx_.sql().prepare << "SELECT " + kColumns +
                                " FROM catalog.reviews WHERE product_id = :id ORDER BY created_at DESC, id "
                                "LIMIT :limit OFFSET :offset",
       soci::use(product_id, "id"), soci::use(limit, "limit"), soci::use(offset, "offset"));
  for (const auto& row : rows) out.items.push_back(read_review(row));
  return out;
}

std::vector<Review> ReviewStore::of_user(const std::string& user_id) {
  std::vector<Review> reviews;
  soci::rowset<soci::row> rows = (tx_.sql().prepare << "SELECT " + kColumns +
                                                           " FROM catalog.reviews WHERE user_id = :id ORDER BY created_at, id",
                                  soci::use(user_id, "id"));
  for (const auto& row : rows) reviews.push_back(read_review(row));
  return reviews;
}

void ReviewStore::anonymise(const std::string& user_id) {
  tx_.sql() << "UPDATE catalog.reviews SET user_id = NULL, author_name = NULL WHERE user_id = :id",
      soci::use(user_id, "id");
}

}  // namespace emporium::catalog

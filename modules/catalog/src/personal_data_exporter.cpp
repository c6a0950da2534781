#include "personal_data_exporter.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "catalog_module_id.hpp"
#include "review_store.hpp"

namespace emporium::catalog {

void add_personal_data_exporter(kernel::PersonalData& personal_data, kernel::Database& db) {
  personal_data.add_exporter("reviews", [&db](const std::string& user_id) -> boost::json::value {
    auto reviews = db.transact(catalog_module_id(), [&](kernel::Tx& tx) { return ReviewStore(tx).of_user(user_id); });
    boost::json::array out;
    for (const auto& review : reviews) {
      out.push_back(boost::json::object{{"id", review.id},
                                        {"product_id", review.product_id},
                                        {"rating", review.rating},
                                        {"title", review.title},
                                        {"body", review.body},
                                        {"verified_purchase", review.verified_purchase},
                                        {"created_at", review.created_at}});
    }
    return out;
  });
}

}  // namespace emporium::catalog

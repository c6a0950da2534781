#include "personal_data_exporter.hpp"

#include <boost/json/array.hpp>

#include "cart_json.hpp"
#include "cart_module_id.hpp"
#include "cart_store.hpp"

namespace emporium::cart {

void add_personal_data_exporter(kernel::PersonalData& personal_data, kernel::Database& db) {
  personal_data.add_exporter("carts", [&db](const std::string& user_id) -> boost::json::value {
    auto carts = db.transact(cart_module_id(), [&](kernel::Tx& tx) { return CartStore(tx).carts_of(user_id); });
    boost::json::array out;
    for (const auto& cart : carts) out.push_back(stored_cart_json(cart));
    return out;
  });
}

}  // namespace emporium::cart

#include "personal_data_exporters.hpp"

#include <boost/json/array.hpp>

#include "account_store.hpp"
#include "address_store.hpp"
#include "user_json.hpp"
#include "user_module_id.hpp"

namespace emporium::user {

void add_personal_data_exporters(kernel::PersonalData& personal_data, kernel::Database& db) {
  personal_data.add_exporter("profile", [&db](const std::string& user_id) -> boost::json::value {
    auto account = db.transact(user_module_id(), [&](kernel::Tx& tx) { return AccountStore(tx).find(user_id); });
    if (!account) return nullptr;
    return account_json(*account);
  });
  personal_data.add_exporter("addresses", [&db](const std::string& user_id) -> boost::json::value {
    auto addresses = db.transact(user_module_id(), [&](kernel::Tx& tx) { return AddressStore(tx).all(user_id); });
    boost::json::array out;
    for (const auto& address : addresses) out.push_back(address_json(address));
    return out;
  });
}

}  // namespace emporium::user

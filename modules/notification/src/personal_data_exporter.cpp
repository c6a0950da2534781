#include "personal_data_exporter.hpp"

#include <boost/json/array.hpp>

#include "notification_json.hpp"
#include "notification_store.hpp"

namespace emporium::notification {

void add_personal_data_exporter(kernel::PersonalData& personal_data, kernel::Database& db,
                                const kernel::ModuleId& module) {
  personal_data.add_exporter("notifications", [&db, &module](const std::string& user_id) -> boost::json::value {
    return db.transact(module, [&](kernel::Tx& tx) {
      NotificationStore store(tx);
      boost::json::array in_app;
      for (const auto& n : store.all_in_app(user_id)) in_app.push_back(in_app_json(n));
      return boost::json::value(boost::json::object{
          {"preferences", preferences_json(store.preferences(user_id))}, {"in_app", in_app}});
    });
  });
}

}  // namespace emporium::notification

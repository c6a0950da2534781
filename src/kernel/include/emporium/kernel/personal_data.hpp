#pragma once
// GDPR export across modules. Each module that holds personal data registers
// an exporter for its section ("profile", "addresses", "orders", ...) in its
// start(); `GET /users/me/export` asks every registered exporter, so the user
// module never needs to know which other modules exist.
//
// Erasure is the other half and needs no registry: a module that holds
// personal data subscribes to `user.deleted` ({user_id}) and erases or
// anonymises its rows in its own transaction.
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace emporium::kernel {

class PersonalData {
 public:
  // Runs on a worker thread and may open its own unit of work.
  using Exporter = std::function<boost::json::value(const std::string& user_id)>;

  // Throws std::logic_error for a section registered twice or a reserved
  // name (`user_id`, `exported_at`): a bug in a module's start().
  void add_exporter(std::string section, Exporter exporter);

  // {"user_id", "exported_at", <section>: <exporter's value>, ...}, sections
  // in registration order.
  boost::json::object export_user(const std::string& user_id, std::string_view exported_at) const;

  std::vector<std::string> sections() const;

 private:
  std::vector<std::pair<std::string, Exporter>> exporters_;
};

}  // namespace emporium::kernel

// The GDPR export registry.
#include <doctest/doctest.h>

#include <stdexcept>

#include "emporium/kernel/personal_data.hpp"

using namespace emporium::kernel;

TEST_CASE("personal data export asks every registered section in order") {
  PersonalData registry;
  registry.add_exporter("profile", [](const std::string& id) -> boost::json::value { return {{"id", id}}; });
  registry.add_exporter("orders", [](const std::string&) -> boost::json::value { return boost::json::array{1, 2}; });
  auto exported = registry.export_user("usr_1", "2026-11-21T12:00:00Z");
  CHECK(exported.at("user_id") == "usr_1");
  CHECK(exported.at("exported_at") == "2026-11-21T12:00:00Z");
  CHECK(exported.at("profile").as_object().at("id") == "usr_1");
  CHECK(exported.at("orders").as_array().size() == 2);
  CHECK(registry.sections() == std::vector<std::string>{"profile", "orders"});
}

TEST_CASE("personal data refuses a section registered twice or a reserved name") {
  PersonalData registry;
  auto none = [](const std::string&) -> boost::json::value { return nullptr; };
  registry.add_exporter("profile", none);
  CHECK_THROWS_AS(registry.add_exporter("profile", none), std::logic_error);
  CHECK_THROWS_AS(registry.add_exporter("user_id", none), std::logic_error);
  CHECK_THROWS_AS(registry.add_exporter("exported_at", none), std::logic_error);
  CHECK_THROWS_AS(registry.add_exporter("", none), std::logic_error);
}

#include "rate_table.hpp"

#include <algorithm>
#include <set>

#include "emporium/kernel/money.hpp"

namespace emporium::shipping {
namespace json = boost::json;
namespace {

bool is_slug(const std::string& text) {
  if (text.empty() || text.size() > 32) return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

bool is_country_code(const std::string& text) {
  return text.size() == 2 && std::all_of(text.begin(), text.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

// Records errors under a path prefix and reads typed members of one object,
// reporting members it was not asked for as unknown.
class Reader {
 public:
  Reader(const json::object& object, std::string path, std::vector<kernel::FieldError>& errors)
      : object_(object), path_(std::move(path)), errors_(errors) {}

  std::string at(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }
  void error(const std::string& key, std::string message) { errors_.push_back({at(key), std::move(message)}); }

  const json::value* member(const std::string& key, bool required) {
    known_.insert(key);
    const auto* value = object_.if_contains(key);
    if (value == nullptr || value->is_null()) {
      if (required) error(key, "is required");
      return nullptr;
    }
    return value;
  }

  std::optional<std::string> text(const std::string& key, std::size_t max_length) {
    const auto* value = member(key, true);
    if (value == nullptr) return std::nullopt;
    if (!value->is_string() || value->as_string().empty() || value->as_string().size() > max_length) {
      error(key, "must be a string of 1 to " + std::to_string(max_length) + " characters");
      return std::nullopt;
    }
    return std::string(value->as_string());
  }

  std::optional<std::int64_t> integer(const std::string& key, std::int64_t min, std::int64_t max) {
    const auto* value = member(key, true);
    if (value == nullptr) return std::nullopt;
    std::optional<std::int64_t> number;
    if (value->is_int64()) number = value->as_int64();
    if (value->is_uint64() && value->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
      number = static_cast<std::int64_t>(value->as_uint64());
    }
    if (!number || *number < min || *number > max) {
      error(key, "must be an integer between " + std::to_string(min) + " and " + std::to_string(max));
      return std::nullopt;
    }
    return number;
  }

  std::optional<std::int64_t> amount(const std::string& key, bool required) {
    const auto* value = member(key, required);
    if (value == nullptr) return std::nullopt;
    auto minor = kernel::amount_from_json(*value);
    if (!minor) error(key, "must be a non-negative amount with at most two decimals");
    return minor;
  }

  const json::array* array(const std::string& key) {
    const auto* value = member(key, true);
    if (value == nullptr) return nullptr;
    if (!value->is_array() || value->as_array().empty()) {
      error(key, "must be a non-empty list");
      return nullptr;
    }
    return &value->as_array();
  }

  void finish() {
    for (const auto& [key, value] : object_) {
      std::string name(key);
      if (!known_.contains(name)) error(name, "is not a known field");
    }
  }

 private:
  const json::object& object_;
  std::string path_;
  std::vector<kernel::FieldError>& errors_;
  std::set<std::string> known_;
};

std::string item_path(const std::string& path, std::size_t index) { return path + "[" + std::to_string(index) + "]"; }

// The list item as an object, or an error at its path.
const json::object* object_at(const json::value& value, const std::string& path, std::vector<kernel::FieldError>& errors) {
  if (value.is_object()) return &value.as_object();
  errors.push_back({path, "must be an object"});
  return nullptr;
}

std::optional<WeightBracket> parse_bracket(const json::value& value, const std::string& path,
                                           std::vector<kernel::FieldError>& errors) {
  const auto* object = object_at(value, path, errors);
  if (object == nullptr) return std::nullopt;
  Reader reader(*object, path, errors);
  auto max_weight = reader.integer("max_weight_grams", 1, 1'000'000'000);
  auto price = reader.amount("price", true);
  reader.finish();
  if (!max_weight || !price) return std::nullopt;
  return WeightBracket{*max_weight, *price};
}

std::optional<ServiceRate> parse_service(const json::value& value, const std::string& path,
                                         const std::vector<std::string>& known_carriers,
                                         std::vector<kernel::FieldError>& errors) {
  const auto* object = object_at(value, path, errors);
  if (object == nullptr) return std::nullopt;
  const auto before = errors.size();
  Reader reader(*object, path, errors);
  ServiceRate rate;
  auto service = reader.text("service", 32);
  if (service && !is_slug(*service)) reader.error("service", "must be lower-case letters, digits, '-' or '_'");
  auto name = reader.text("name", 100);
  auto carrier = reader.text("carrier", 64);
  if (carrier && std::find(known_carriers.begin(), known_carriers.end(), *carrier) == known_carriers.end()) {
    reader.error("carrier", "is not a known carrier");
  }
  auto days = reader.integer("estimated_days", 1, 365);
  rate.flat_price_minor = reader.amount("flat_price", false);
  const auto* brackets = reader.member("brackets", false);
  if (rate.flat_price_minor && brackets != nullptr) {
    reader.error("brackets", "must be absent when flat_price is given");
  } else if (!rate.flat_price_minor && brackets == nullptr) {
    if (!object->contains("flat_price")) reader.error("flat_price", "either flat_price or brackets is required");
  } else if (brackets != nullptr) {
    if (!brackets->is_array() || brackets->as_array().empty()) {
      reader.error("brackets", "must be a non-empty list");
    } else {
      const auto& items = brackets->as_array();
      for (std::size_t i = 0; i < items.size(); ++i) {
        auto bracket = parse_bracket(items[i], item_path(reader.at("brackets"), i), errors);
        if (!bracket) continue;
        if (!rate.brackets.empty() && bracket->max_weight_grams <= rate.brackets.back().max_weight_grams) {
          errors.push_back({item_path(reader.at("brackets"), i) + ".max_weight_grams",
                            "must be greater than the previous bracket's"});
        }
        rate.brackets.push_back(*bracket);
      }
    }
  }
  reader.finish();
  if (errors.size() != before) return std::nullopt;
  rate.service = *service;
  rate.name = *name;
  rate.carrier = *carrier;
  rate.estimated_days = static_cast<int>(*days);
  return rate;
}

std::optional<Zone> parse_zone(const json::value& value, const std::string& path,
                               const std::vector<std::string>& known_carriers, std::set<std::string>& ids_seen,
                               std::set<std::string>& countries_seen, std::vector<kernel::FieldError>& errors) {
  const auto* object = object_at(value, path, errors);
  if (object == nullptr) return std::nullopt;
  const auto before = errors.size();
  Reader reader(*object, path, errors);
  Zone zone;
  auto id = reader.text("id", 32);
  if (id && !is_slug(*id)) reader.error("id", "must be lower-case letters, digits, '-' or '_'");
  if (id && !ids_seen.insert(*id).second) reader.error("id", "is already used by another zone");
  auto name = reader.text("name", 100);
  if (const auto* countries = reader.array("countries")) {
    for (std::size_t i = 0; i < countries->size(); ++i) {
      const auto field = item_path(reader.at("countries"), i);
      const auto& item = (*countries)[i];
      std::string code = item.is_string() ? std::string(item.as_string()) : std::string();
      if (code == kRestOfWorld) {
        if (countries->size() != 1) errors.push_back({field, "'*' (the rest of the world) must be the zone's only entry"});
      } else if (!is_country_code(code)) {
        errors.push_back({field, "must be an ISO 3166-1 alpha-2 code in upper case, or '*'"});
        continue;
      }
      if (!countries_seen.insert(code).second) {
        errors.push_back({field, code == kRestOfWorld ? "only one zone may be the rest of the world"
                                                      : "is already in another zone"});
      }
      zone.countries.push_back(code);
    }
  }
  if (const auto* services = reader.array("services")) {
    std::set<std::string> seen;
    for (std::size_t i = 0; i < services->size(); ++i) {
      const auto field = item_path(reader.at("services"), i);
      auto service = parse_service((*services)[i], field, known_carriers, errors);
      if (!service) continue;
      if (!seen.insert(service->service).second) errors.push_back({field + ".service", "is already in this zone"});
      zone.services.push_back(std::move(*service));
    }
  }
  reader.finish();
  if (errors.size() != before) return std::nullopt;
  zone.id = *id;
  zone.name = *name;
  return zone;
}

json::object service_json(const ServiceRate& rate) {
  json::object out{{"service", rate.service},
                   {"name", rate.name},
                   {"carrier", rate.carrier},
                   {"estimated_days", rate.estimated_days}};
  if (rate.flat_price_minor) {
    out["flat_price"] = kernel::amount_json(*rate.flat_price_minor);
  } else {
    json::array brackets;
    for (const auto& bracket : rate.brackets) {
      brackets.push_back(
          json::object{{"max_weight_grams", bracket.max_weight_grams}, {"price", kernel::amount_json(bracket.price_minor)}});
    }
    out["brackets"] = std::move(brackets);
  }
  return out;
}

}  // namespace

ParsedRateTable parse_rate_table(const json::object& object, const std::vector<std::string>& known_carriers) {
  ParsedRateTable out;
  auto& errors = out.errors;
  Reader reader(object, "", errors);
  RateTable table;
  auto currency = reader.text("currency", 3);
  if (currency && !kernel::is_supported_currency(*currency)) reader.error("currency", "is not a supported currency");
  if (const auto* thresholds = reader.member("free_shipping_thresholds", false)) {
    if (!thresholds->is_object()) {
      reader.error("free_shipping_thresholds", "must be an object of currency -> amount");
    } else {
      for (const auto& [key, value] : thresholds->as_object()) {
        std::string code(key);
        const auto field = "free_shipping_thresholds." + code;
        if (!kernel::is_supported_currency(code)) {
          errors.push_back({field, "is not a supported currency"});
          continue;
        }
        auto minor = kernel::amount_from_json(value);
        if (!minor) {
          errors.push_back({field, "must be a non-negative amount with at most two decimals"});
          continue;
        }
        table.free_shipping_thresholds[code] = *minor;
      }
    }
  }
  if (const auto* zones = reader.array("zones")) {
    std::set<std::string> ids, countries;
    for (std::size_t i = 0; i < zones->size(); ++i) {
      auto zone = parse_zone((*zones)[i], item_path("zones", i), known_carriers, ids, countries, errors);
      if (zone) table.zones.push_back(std::move(*zone));
    }
  }
  reader.finish();
  if (errors.empty()) {
    table.currency = *currency;
    out.table = std::move(table);
  }
  return out;
}

json::object rate_table_json(const RateTable& table, bool with_version) {
  json::object thresholds;
  for (const auto& [currency, minor] : table.free_shipping_thresholds) thresholds[currency] = kernel::amount_json(minor);
  json::array zones;
  for (const auto& zone : table.zones) {
    json::array countries, services;
    for (const auto& country : zone.countries) countries.push_back(json::value(country));
    for (const auto& service : zone.services) services.push_back(service_json(service));
    zones.push_back(json::object{
        {"id", zone.id}, {"name", zone.name}, {"countries", std::move(countries)}, {"services", std::move(services)}});
  }
  json::object out;
  if (with_version) {
    out["version"] = table.version;
    out["updated_at"] = table.updated_at.empty() ? json::value(nullptr) : json::value(table.updated_at);
  }
  out["currency"] = table.currency;
  out["free_shipping_thresholds"] = std::move(thresholds);
  out["zones"] = std::move(zones);
  return out;
}

}  // namespace emporium::shipping

#include "emporium/kernel/config.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <cctype>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "emporium/kernel/embedded_file.hpp"

namespace emporium::kernel {
namespace {

namespace json = boost::json;

std::string type_name(const json::value& v) {
  switch (v.kind()) {
    case json::kind::string: return "a string";
    case json::kind::int64:
    case json::kind::uint64: return "an integer";
    case json::kind::double_: return "a number";
    case json::kind::bool_: return "true or false";
    case json::kind::array: return "a list";
    case json::kind::object: return "an object";
    case json::kind::null: return "null";
  }
  return "a value";
}

bool is_integer(const json::value& v) { return v.is_int64() || v.is_uint64(); }

// A value may replace a default of the same kind; integers are accepted where
// numbers are expected.
bool same_kind(const json::value& default_value, const json::value& v) {
  if (is_integer(default_value)) return is_integer(v);
  if (default_value.is_double()) return is_integer(v) || v.is_double();
  if (default_value.is_array()) {
    if (!v.is_array()) return false;
    for (const auto& item : v.as_array()) {
      if (!item.is_string()) return false;
    }
    return true;
  }
  return default_value.kind() == v.kind();
}

// Overlays `overlay` onto `base`, refusing keys and types the defaults lack.
Status merge(json::object& base, const json::object& overlay, const std::string& prefix) {
  for (const auto& [key, value] : overlay) {
    std::string path = prefix.empty() ? std::string(key) : prefix + "." + std::string(key);
    auto* existing = base.if_contains(key);
    if (existing == nullptr) {
      return Error{"config_unknown_key", "config: unknown key '" + path + "'"};
    }
    if (existing->is_object()) {
      if (!value.is_object()) return Error{"config_bad_value", "config: " + path + " must be an object"};
      // An empty object default is an open map (e.g. order.tax_rates): its
      // keys are the operator's; the module that reads it validates them.
      if (existing->as_object().empty()) {
        *existing = value;
        continue;
      }
      auto status = merge(existing->as_object(), value.as_object(), path);
      if (!status) return status;
      continue;
    }
    if (!same_kind(*existing, value)) {
      return Error{"config_bad_value", "config: " + path + " must be " + type_name(*existing)};
    }
    *existing = value;
  }
  return Ok{};
}

// Parses a raw string (environment or flag) as the kind of the default.
Result<json::value> parse_raw(const json::value& default_value, const std::string& raw, const std::string& key,
                              const std::string& origin) {
  auto bad = [&](const std::string& what) {
    return Error{"config_bad_value", "config: " + key + " (from " + origin + ") must be " + what + ", got '" + raw + "'"};
  };
  if (default_value.is_string()) return json::value(raw);
  if (default_value.is_bool()) {
    if (raw == "true" || raw == "1") return json::value(true);
    if (raw == "false" || raw == "0") return json::value(false);
    return bad("true or false");
  }
  if (is_integer(default_value)) {
    char* end = nullptr;
    errno = 0;
    long long parsed = std::strtoll(raw.c_str(), &end, 10);
    if (raw.empty() || *end != '\0' || errno == ERANGE) return bad("an integer");
    return json::value(parsed);
  }
  if (default_value.is_double()) {
    char* end = nullptr;
    double parsed = std::strtod(raw.c_str(), &end);
    if (raw.empty() || *end != '\0') return bad("a number");
    return json::value(parsed);
  }
  if (default_value.is_array()) {
    json::array items;
    std::stringstream stream(raw);
    std::string item;
    while (std::getline(stream, item, ',')) {
      auto first = item.find_first_not_of(" \t");
      auto last = item.find_last_not_of(" \t");
      if (first != std::string::npos) items.emplace_back(item.substr(first, last - first + 1));
    }
    return json::value(std::move(items));
  }
  return bad("set in the config file (it is " + type_name(default_value) + ")");
}

// Visits every leaf key of the defaults with its dotted path.
template <class F>
void for_each_leaf(json::object& object, const std::string& prefix, F&& visit) {
  for (auto& [key, value] : object) {
    std::string path = prefix.empty() ? std::string(key) : prefix + "." + std::string(key);
    if (value.is_object() && !value.as_object().empty()) {
      for_each_leaf(value.as_object(), path, visit);
    } else {
      visit(path, value);
    }
  }
}

json::value* find(json::value& root, std::string_view dotted) {
  json::value* node = &root;
  while (!dotted.empty()) {
    auto dot = dotted.find('.');
    std::string_view part = dotted.substr(0, dot);
    if (!node->is_object()) return nullptr;
    node = node->as_object().if_contains(part);
    if (node == nullptr) return nullptr;
    dotted = dot == std::string_view::npos ? std::string_view{} : dotted.substr(dot + 1);
  }
  return node;
}

}  // namespace

GetEnv process_environment() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

const json::object& Config::defaults() {
  static const json::object parsed = [] {
    const auto& files = generated::embedded_config();
    return json::parse(files.at(0).content).as_object();
  }();
  return parsed;
}

std::string Config::env_name(std::string_view dotted_key) {
  std::string name = "EMPORIUM_";
  for (char c : dotted_key) name.push_back(c == '.' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  return name;
}

Result<Config> Config::load(const std::optional<std::filesystem::path>& file, const GetEnv& env,
                            const std::map<std::string, std::string>& flags) {
  std::string text;
  if (file) {
    std::ifstream in(*file);
    if (!in) return Error{"config_unreadable", "config: cannot read " + file->string()};
    std::stringstream buffer;
    buffer << in.rdbuf();
    text = buffer.str();
  }
  return from_defaults(defaults(), text, env, flags);
}

Result<Config> Config::from_defaults(const json::object& defaults, const std::string& file_text, const GetEnv& env,
                                     const std::map<std::string, std::string>& flags) {
  Config config;
  config.root_ = defaults;
  json::object& root = config.root_.as_object();
  if (!file_text.empty()) {
    boost::system::error_code ec;
    json::value parsed = json::parse(file_text, ec);
    if (ec || !parsed.is_object()) return Error{"config_malformed", "config: the file is not a JSON object"};
    auto status = merge(root, parsed.as_object(), "");
    if (!status) return status.error();
  }
  std::optional<Error> failure;
  for_each_leaf(root, "", [&](const std::string& path, json::value& value) {
    if (failure) return;
    auto raw = env(env_name(path));
    if (!raw) return;
    auto parsed = parse_raw(value, *raw, path, env_name(path));
    if (!parsed) failure = parsed.error();
    else value = std::move(parsed.value());
  });
  if (failure) return *failure;
  for (const auto& [key, raw] : flags) {
    json::value* value = find(config.root_, key);
    if (value == nullptr) return Error{"config_unknown_key", "config: unknown key '" + key + "'"};
    auto parsed = parse_raw(*value, raw, key, "flag");
    if (!parsed) return parsed.error();
    *value = std::move(parsed.value());
  }
  return config;
}

const json::value& Config::at(std::string_view key) const {
  auto* value = find(const_cast<json::value&>(root_), key);
  if (value == nullptr) throw std::out_of_range("config key without a default: " + std::string(key));
  return *value;
}

std::string Config::string(std::string_view key) const { return std::string(at(key).as_string()); }

std::int64_t Config::integer(std::string_view key) const { return at(key).to_number<std::int64_t>(); }

Result<std::int64_t> Config::integer_between(const std::string& key, std::int64_t min, std::int64_t max) const {
  auto value = integer(key);
  if (value < min || value > max) {
    return Error{"config_bad_value", "config: " + key + " must be between " + std::to_string(min) + " and " +
                                         std::to_string(max) + ", got " + std::to_string(value)};
  }
  return value;
}

double Config::number(std::string_view key) const { return at(key).to_number<double>(); }

bool Config::boolean(std::string_view key) const { return at(key).as_bool(); }

std::vector<std::string> Config::strings(std::string_view key) const {
  std::vector<std::string> out;
  for (const auto& item : at(key).as_array()) out.emplace_back(item.as_string());
  return out;
}

}  // namespace emporium::kernel

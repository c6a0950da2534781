#pragma once
// Configuration: the defaults of config/emporium.json (compiled into the
// binary), overlaid by a config file, then by EMPORIUM_* environment
// variables, then by command-line flags. Every key that exists has a default,
// so an unknown key in a file is an error, and the type of the default is the
// type a value must have. A key's variable is its dotted path upper-cased with
// dots as underscores: `http.body_limit_bytes` is EMPORIUM_HTTP_BODY_LIMIT_BYTES.
#include <boost/json/value.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emporium/kernel/result.hpp"

namespace emporium::kernel {

using GetEnv = std::function<std::optional<std::string>(const std::string&)>;
GetEnv process_environment();

class Config {
 public:
  // file: an optional JSON file to overlay on the defaults.
  // flags: dotted key -> raw string value, applied last.
  static Result<Config> load(const std::optional<std::filesystem::path>& file, const GetEnv& env,
                             const std::map<std::string, std::string>& flags);
  static Result<Config> from_defaults(const boost::json::object& defaults, const std::string& file_text,
                                      const GetEnv& env, const std::map<std::string, std::string>& flags);
  static const boost::json::object& defaults();

  // Accessors throw std::out_of_range for a key that has no default: a bug.
  std::string string(std::string_view key) const;
  std::int64_t integer(std::string_view key) const;
  double number(std::string_view key) const;
  bool boolean(std::string_view key) const;
  std::vector<std::string> strings(std::string_view key) const;
  const boost::json::value& at(std::string_view key) const;
  const boost::json::object& raw() const { return root_.as_object(); }

  static std::string env_name(std::string_view dotted_key);

  // An integer setting within [min, max]; the error names the key:
  // "config: <key> must be between <min> and <max>, got <value>".
  Result<std::int64_t> integer_between(const std::string& key, std::int64_t min, std::int64_t max) const;

 private:
  boost::json::value root_;
};

}  // namespace emporium::kernel

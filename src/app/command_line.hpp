#pragma once
// The command framework: commands of one or more words (`serve`,
// `user create`) with `--flag value` / `--switch` options, help text for
// each, and the flags that override config keys.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace emporium::app {

struct FlagSpec {
  std::string name;        // without dashes, e.g. "listen"
  std::string value_name;  // empty: a switch without a value
  std::string help;
  std::string config_key;  // non-empty: the flag overrides this config key
};

struct ParsedArgs {
  std::map<std::string, std::string> values;  // flag name -> value ("" for switches)
  bool has(const std::string& flag) const { return values.contains(flag); }
  std::optional<std::string> get(const std::string& flag) const;
  // Config overrides: config key -> value, for flags that have one.
  std::map<std::string, std::string> config_overrides;
};

struct CommandSpec {
  std::string name;  // words separated by single spaces
  std::string summary;
  std::vector<FlagSpec> flags;
  std::function<int(const ParsedArgs&)> run;
};

class CommandLine {
 public:
  explicit CommandLine(std::string program_version) : version_(std::move(program_version)) {}
  void add(CommandSpec command);
  // Parses and runs; returns the process exit code (2 for usage errors).
  int run(const std::vector<std::string>& args) const;

  std::string help() const;
  std::string help(const CommandSpec& command) const;

  struct Parsed {
    const CommandSpec* command = nullptr;
    ParsedArgs args;
    std::string error;  // non-empty: a usage error
    bool wants_help = false;
  };
  Parsed parse(const std::vector<std::string>& args) const;

 private:
  std::string version_;
  std::vector<CommandSpec> commands_;
};

}  // namespace emporium::app

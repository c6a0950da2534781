#include "command_line.hpp"

#include <iostream>
#include <sstream>

namespace emporium::app {

std::optional<std::string> ParsedArgs::get(const std::string& flag) const {
  auto it = values.find(flag);
  if (it == values.end()) return std::nullopt;
  return it->second;
}

void CommandLine::add(CommandSpec command) { commands_.push_back(std::move(command)); }

CommandLine::Parsed CommandLine::parse(const std::vector<std::string>& args) const {
  Parsed parsed;
  // The longest command whose words start the argument list.
  std::size_t used = 0;
  for (const auto& command : commands_) {
    std::istringstream words(command.name);
    std::string word;
    std::size_t count = 0;
    bool matches = true;
    while (words >> word) {
      if (count >= args.size() || args[count] != word) {
        matches = false;
        break;
      }
      ++count;
    }
    if (matches && count > used) {
      parsed.command = &command;
      used = count;
    }
  }
  if (parsed.command == nullptr) {
    parsed.error = args.empty() ? "no command given" : "unknown command '" + args[0] + "'";
    return parsed;
  }
  for (std::size_t i = used; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--help" || arg == "-h") {
      parsed.wants_help = true;
      return parsed;
    }
    if (arg.rfind("--", 0) != 0) {
      parsed.error = "unexpected argument '" + arg + "'";
      return parsed;
    }
    std::string name = arg.substr(2);
    std::optional<std::string> inline_value;
    if (auto eq = name.find('='); eq != std::string::npos) {
      inline_value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    const FlagSpec* spec = nullptr;
    for (const auto& flag : parsed.command->flags) {
      if (flag.name == name) spec = &flag;
    }
    if (spec == nullptr) {
      parsed.error = "unknown flag '--" + name + "' for '" + parsed.command->name + "'";
      return parsed;
    }
    std::string value;
    if (!spec->value_name.empty()) {
      if (inline_value) {
        value = *inline_value;
      } else if (i + 1 < args.size()) {
        value = args[++i];
      } else {
        parsed.error = "flag '--" + name + "' needs a value (" + spec->value_name + ")";
        return parsed;
      }
    } else if (inline_value) {
      parsed.error = "flag '--" + name + "' takes no value";
      return parsed;
    }
    parsed.args.values[name] = value;
    if (!spec->config_key.empty()) parsed.args.config_overrides[spec->config_key] = value;
  }
  return parsed;
}

std::string CommandLine::help() const {
  std::ostringstream out;
  out << "Emporium " << version_ << ": an e-commerce platform in one binary.\n\n"
      << "Usage: emporium COMMAND [FLAGS]\n       emporium --version | --help\n       emporium COMMAND --help\n\n"
      << "Commands:\n";
  for (const auto& command : commands_) {
    out << "  " << command.name << std::string(command.name.size() < 16 ? 16 - command.name.size() : 1, ' ')
        << command.summary << "\n";
  }
  out << "\nEvery flag also reads from an environment variable (EMPORIUM_LISTEN, EMPORIUM_DATABASE_URL, ...);\n"
      << "flags win over variables, which win over the config file. See docs/configuration.md.\n";
  return out.str();
}

std::string CommandLine::help(const CommandSpec& command) const {
  std::ostringstream out;
  out << "Usage: emporium " << command.name << (command.flags.empty() ? "" : " [FLAGS]") << "\n\n"
      << command.summary << "\n";
  if (!command.flags.empty()) out << "\nFlags:\n";
  for (const auto& flag : command.flags) {
    std::string left = "--" + flag.name + (flag.value_name.empty() ? "" : " " + flag.value_name);
    out << "  " << left << std::string(left.size() < 26 ? 26 - left.size() : 1, ' ') << flag.help << "\n";
  }
  return out.str();
}

int CommandLine::run(const std::vector<std::string>& args) const {
  if (!args.empty() && (args[0] == "--version" || args[0] == "-V")) {
    std::cout << "emporium " << version_ << "\n";
    return 0;
  }
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::cout << help();
    return args.empty() ? 2 : 0;
  }
  Parsed parsed = parse(args);
  if (!parsed.error.empty()) {
    std::cerr << "emporium: " << parsed.error << "\n";
    if (parsed.command != nullptr) std::cerr << "Try 'emporium " << parsed.command->name << " --help'.\n";
    else std::cerr << "Try 'emporium --help'.\n";
    return 2;
  }
  if (parsed.wants_help) {
    std::cout << help(*parsed.command);
    return 0;
  }
  return parsed.command->run(parsed.args);
}

}  // namespace emporium::app

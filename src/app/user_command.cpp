// `emporium user create`: makes an account of any role, the way to
// bootstrap the first admin.
#include <iostream>
#include <optional>
#include <string>

#include "commands.hpp"
#include "emporium/kernel/database.hpp"
#include "emporium/user/accounts.hpp"
#include "runtime.hpp"

namespace emporium::app {
namespace {

int usage(const std::string& message) {
  std::cerr << "emporium: " << message << "\nTry 'emporium user create --help'.\n";
  return 2;
}

// `--password -` reads the password from the first line of standard input,
// which keeps it out of the process list and the shell history.
std::optional<std::string> password_of(const ParsedArgs& args) {
  auto password = args.get("password");
  if (password != "-") return password;
  std::string line;
  if (!std::getline(std::cin, line)) return std::nullopt;
  return line;
}

int create_user(const ParsedArgs& args) {
  auto email = args.get("email");
  auto password = password_of(args);
  auto role_name = args.get("role");
  if (!email || !password || !role_name) return usage("user create needs --email, --password and --role");
  auto role = kernel::parse_role(*role_name);
  if (!role) return usage("--role must be customer, seller or admin, got '" + *role_name + "'");

  auto loaded = load_config(args.get("config"), args.config_overrides);
  if (!loaded) return usage(loaded.error().message);
  DatabaseServer database_server;
  auto created = [&]() -> kernel::Result<std::string> {
    if (auto applied = start_migrated(database_server, loaded->kernel); !applied) return applied.error();
    kernel::Database db(database_server.connection_string(), 1);
    return user::create_account(db, loaded->config, {*email, *password, args.get("name").value_or(""), *role});
  }();
  database_server.stop();
  if (!created) {
    const auto& error = created.error();
    if (error.code == "email_taken") std::cerr << "emporium: a user with the email " << *email << " already exists\n";
    else std::cerr << "emporium: " << error.message << "\n";
    return error.code == "validation_failed" || error.code == "config_bad_value" ? 2 : 1;
  }
  std::cout << created.value() << "\n";
  return 0;
}

}  // namespace

void add_user_commands(CommandLine& command_line) {
  command_line.add({"user create",
                    "Create a user of any role (the way to make the first admin); prints the new user's id.",
                    {{"email", "EMAIL", "the sign-in email (unique, case-insensitive)", ""},
                     {"password", "PASSWORD", "10 to 128 characters; '-' reads it from standard input", ""},
                     {"role", "ROLE", "customer, seller or admin", ""},
                     {"name", "NAME", "display name (default: the email's local part)", ""},
                     config_flag(),
                     database_url_flag(),
                     data_dir_flag()},
                    create_user});
}

}  // namespace emporium::app

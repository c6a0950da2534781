// `emporium seed [--products N]`: loads the demo data of every module (the
// demo accounts, the catalog, stock) into the configured database.
#include <charconv>
#include <iostream>
#include <optional>
#include <string>

#include "commands.hpp"
#include "emporium/user/users.hpp"
#include "module_host.hpp"
#include "runtime.hpp"

namespace emporium::app {
namespace {

constexpr int kMaxProducts = 1'000'000;

int usage(const std::string& message) {
  std::cerr << "emporium: " << message << "\nTry 'emporium seed --help'.\n";
  return 2;
}

std::optional<int> product_count(const std::optional<std::string>& text) {
  if (!text) return kernel::SeedOptions{}.products;
  int count = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), count);
  if (ec != std::errc() || end != text->data() + text->size() || count < 0 || count > kMaxProducts) return std::nullopt;
  return count;
}

void print_accounts() {
  std::cout << "demo accounts (password after the email):\n";
  for (const auto& account : {user::kDemoCustomer, user::kDemoSeller, user::kDemoAdmin}) {
    std::cout << "  " << kernel::role_name(account.role) << ": " << account.email << " " << account.password << "\n";
  }
}

int seed(const ParsedArgs& args) {
  const auto products = product_count(args.get("products"));
  if (!products) return usage("--products must be a whole number from 0 to " + std::to_string(kMaxProducts));
  auto loaded = load_config(args.get("config"), args.config_overrides);
  if (!loaded) return usage(loaded.error().message);
  return with_migrated_database(loaded->kernel, "seeding", [&](const std::string& connection_string) {
    ModuleHost host(loaded->config, connection_string, 4);
    host.start();
    host.seed_demo_data({*products});
    host.stop();
    print_accounts();
    return 0;
  });
}

}  // namespace

void add_seed_command(CommandLine& command_line) {
  command_line.add({"seed",
                    "Load demo data (categories, products with stock, demo customer, seller and admin) unless "
                    "it is already there; prints the demo accounts.",
                    {{"products", "N", "how many demo products (default 200)", ""},
                     config_flag(),
                     database_url_flag(),
                     data_dir_flag()},
                    seed});
}

}  // namespace emporium::app

// `emporium analytics rebuild`: recreates the analytics read model from the
// stored order events of every module's outbox.
#include <iostream>

#include "commands.hpp"
#include "emporium/analytics/rebuild.hpp"
#include "modules.hpp"
#include "runtime.hpp"

namespace emporium::app {
namespace {

int rebuild(const ParsedArgs& args) {
  auto loaded = load_config(args.get("config"), args.config_overrides);
  if (!loaded) {
    std::cerr << "emporium: " << loaded.error().message << "\nTry 'emporium analytics rebuild --help'.\n";
    return 2;
  }
  return with_migrated_database(loaded->kernel, "rebuilding the analytics read model",
                                [](const std::string& connection_string) {
                                  kernel::Database db(connection_string, 1);
                                  auto report = analytics::rebuild_read_model(db, module_ids(make_modules()));
                                  std::cout << "analytics read model rebuilt from " << report.events
                                            << " order events\n";
                                  return 0;
                                });
}

}  // namespace

void add_analytics_commands(CommandLine& command_line) {
  command_line.add({"analytics rebuild",
                    "Recreate the sales read model of the reports from the stored order events, in one "
                    "transaction (product view counts are kept).",
                    {config_flag(), database_url_flag(), data_dir_flag()},
                    rebuild});
}

}  // namespace emporium::app

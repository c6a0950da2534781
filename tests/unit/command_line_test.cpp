#include <doctest/doctest.h>

#include "command_line.hpp"

using namespace emporium::app;

namespace {

CommandLine make_command_line() {
  CommandLine command_line("1.2.3");
  command_line.add({"serve", "Serve.", {{"listen", "HOST:PORT", "address", "listen"}, {"demo-data", "", "demo", ""}},
                    [](const ParsedArgs&) { return 0; }});
  command_line.add({"user create", "Create a user.", {{"email", "E", "email", ""}}, [](const ParsedArgs&) { return 0; }});
  command_line.add({"user", "Users.", {}, [](const ParsedArgs&) { return 0; }});
  return command_line;
}

}  // namespace

TEST_CASE("command line parses flags, switches and config overrides") {
  auto command_line = make_command_line();
  auto parsed = command_line.parse({"serve", "--listen", "127.0.0.1:9", "--demo-data"});
  REQUIRE(parsed.error.empty());
  CHECK(parsed.command->name == "serve");
  CHECK(parsed.args.get("listen") == "127.0.0.1:9");
  CHECK(parsed.args.has("demo-data"));
  CHECK(parsed.args.config_overrides.at("listen") == "127.0.0.1:9");
  CHECK(command_line.parse({"serve", "--listen=127.0.0.1:10"}).args.get("listen") == "127.0.0.1:10");
}

TEST_CASE("command line picks the longest multi-word command") {
  auto command_line = make_command_line();
  auto parsed = command_line.parse({"user", "create", "--email", "a@b.c"});
  REQUIRE(parsed.error.empty());
  CHECK(parsed.command->name == "user create");
}

TEST_CASE("command line reports usage errors") {
  auto command_line = make_command_line();
  CHECK(command_line.parse({"frobnicate"}).error == "unknown command 'frobnicate'");
  CHECK(command_line.parse({"serve", "--nope"}).error == "unknown flag '--nope' for 'serve'");
  CHECK(command_line.parse({"serve", "--listen"}).error == "flag '--listen' needs a value (HOST:PORT)");
  CHECK(command_line.parse({"serve", "stray"}).error == "unexpected argument 'stray'");
  CHECK(command_line.parse({"serve", "--help"}).wants_help);
  CHECK(command_line.run({"frobnicate"}) == 2);
  CHECK(command_line.run({"--version"}) == 0);
}

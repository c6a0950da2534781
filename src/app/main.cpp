// The emporium binary: parses the command line and runs a command.
#include <string>
#include <vector>

#include "command_line.hpp"
#include "commands.hpp"

int main(int argc, char** argv) {
  emporium::app::CommandLine command_line(EMPORIUM_VERSION);
  emporium::app::add_commands(command_line);
  return command_line.run(std::vector<std::string>(argv + 1, argv + argc));
}

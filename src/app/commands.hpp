#pragma once
#include "command_line.hpp"

namespace emporium::app {

// Registers every command of the binary.
void add_commands(CommandLine& command_line);

}  // namespace emporium::app

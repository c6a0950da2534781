#pragma once
#include "command_line.hpp"

namespace emporium::app {

// Registers every command of the binary.
void add_commands(CommandLine& command_line);

// `user create` (user_command.cpp).
void add_user_commands(CommandLine& command_line);
// `seed` (seed_command.cpp).
void add_seed_command(CommandLine& command_line);
// `analytics rebuild` (analytics_command.cpp).
void add_analytics_commands(CommandLine& command_line);

// Flags that several commands share.
FlagSpec config_flag();
FlagSpec database_url_flag();
FlagSpec data_dir_flag();

}  // namespace emporium::app

#pragma once
// Structured logging: one JSON object per line on stderr with `time`,
// `level`, `module`, `msg` and any extra fields. Never log secrets.
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace emporium::kernel::log {

enum class Level { debug = 0, info = 1, warn = 2, error = 3 };

using Value = std::variant<std::string_view, std::int64_t, double, bool>;
using Field = std::pair<std::string_view, Value>;

// Returns false for an unknown level name.
bool parse_level(std::string_view name, Level& out);
void set_level(Level level);
bool enabled(Level level);

void write(Level level, std::string_view module, std::string_view msg,
           std::initializer_list<Field> fields = {});

inline void debug(std::string_view module, std::string_view msg, std::initializer_list<Field> f = {}) {
  write(Level::debug, module, msg, f);
}
inline void info(std::string_view module, std::string_view msg, std::initializer_list<Field> f = {}) {
  write(Level::info, module, msg, f);
}
inline void warn(std::string_view module, std::string_view msg, std::initializer_list<Field> f = {}) {
  write(Level::warn, module, msg, f);
}
inline void error(std::string_view module, std::string_view msg, std::initializer_list<Field> f = {}) {
  write(Level::error, module, msg, f);
}

}  // namespace emporium::kernel::log

#pragma once
// Code 128, code set B (printable ASCII 32..126): the symbol values with
// start, checksum and stop, and the bar/space widths to draw. Pure.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace emporium::shipping {

inline constexpr int kCode128StartB = 104;
inline constexpr int kCode128Stop = 106;

// Start B, one value per character, the mod-103 checksum, stop; nullopt when
// the text is empty or has a character outside code set B.
std::optional<std::vector<int>> code128b_symbols(std::string_view text);

// The weighted mod-103 checksum of start + data values (positions 1, 2, ...).
int code128_checksum(const std::vector<int>& start_and_data);

// Widths in modules, alternating bar, space, bar, ... starting with a bar
// (six per symbol, seven for the stop with its final bar).
std::vector<int> code128_widths(const std::vector<int>& symbols);

// The same as a module string: '1' for a bar module, '0' for a space.
std::string code128_modules(const std::vector<int>& symbols);

}  // namespace emporium::shipping

#include "code128.hpp"

#include <array>

namespace emporium::shipping {
namespace {

// ISO/IEC 15417 symbol patterns: bar/space widths of values 0..106 (the stop
// has a seventh element, its final bar of width 2).
constexpr std::array<const char*, 107> kPatterns = {
    "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212", "221213",
    "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221", "223211", "221132",
    "221231", "213212", "223112", "312131", "311222", "321122", "321221", "312212", "322112", "322211",
    "212123", "212321", "232121", "111323", "131123", "131321", "112313", "132113", "132311", "211313",
    "231113", "231311", "112133", "112331", "132131", "113123", "113321", "133121", "313121", "211331",
    "231131", "213113", "213311", "213131", "311123", "311321", "331121", "312113", "312311", "332111",
    "314111", "221411", "431111", "111224", "111422", "121124", "121421", "141122", "141221", "112214",
    "112412", "122114", "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111",
    "111242", "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
    "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311", "113141",
    "114131", "311141", "411131", "211412", "211214", "211232", "2331112"};

}  // namespace

int code128_checksum(const std::vector<int>& start_and_data) {
  long sum = 0;
  for (std::size_t i = 0; i < start_and_data.size(); ++i) {
    sum += static_cast<long>(i == 0 ? 1 : i) * start_and_data[i];
  }
  return static_cast<int>(sum % 103);
}

std::optional<std::vector<int>> code128b_symbols(std::string_view text) {
  if (text.empty()) return std::nullopt;
  std::vector<int> symbols{kCode128StartB};
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (byte < 32 || byte > 126) return std::nullopt;
    symbols.push_back(byte - 32);
  }
  symbols.push_back(code128_checksum(symbols));
  symbols.push_back(kCode128Stop);
  return symbols;
}

std::vector<int> code128_widths(const std::vector<int>& symbols) {
  std::vector<int> widths;
  for (int symbol : symbols) {
    for (const char* width = kPatterns.at(static_cast<std::size_t>(symbol)); *width != '\0'; ++width) {
      widths.push_back(*width - '0');
    }
  }
  return widths;
}

std::string code128_modules(const std::vector<int>& symbols) {
  std::string out;
  bool bar = true;
  for (int width : code128_widths(symbols)) {
    out.append(static_cast<std::size_t>(width), bar ? '1' : '0');
    bar = !bar;
  }
  return out;
}

}  // namespace emporium::shipping

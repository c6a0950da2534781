#include "cart_ids.hpp"

#include <sys/random.h>

#include <array>
#include <cerrno>
#include <cstddef>
#include <stdexcept>

namespace emporium::cart {
namespace {

std::string random_hex(std::string_view prefix, std::size_t bytes) {
  std::array<unsigned char, 16> buffer{};
  if (bytes > buffer.size()) throw std::logic_error("random_hex: too many bytes");
  std::size_t filled = 0;
  while (filled < bytes) {
    ssize_t got = getrandom(buffer.data() + filled, bytes - filled, 0);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) throw std::runtime_error("getrandom failed");
    filled += static_cast<std::size_t>(got);
  }
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(prefix);
  for (std::size_t i = 0; i < bytes; ++i) {
    out += kDigits[buffer[i] >> 4];
    out += kDigits[buffer[i] & 0x0f];
  }
  return out;
}

}  // namespace

std::string new_cart_id() { return random_hex("cart_", 16); }
std::string new_item_id() { return random_hex("item_", 10); }

}  // namespace emporium::cart

#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include "emporium/kernel/log.hpp"

int main(int argc, char** argv) {
  // Tests assert on behaviour; routine info lines would bury the failures.
  emporium::kernel::log::set_level(emporium::kernel::log::Level::warn);
  doctest::Context context(argc, argv);
  return context.run();
}

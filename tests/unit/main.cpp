#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include "emporium/kernel/log.hpp"

int main(int argc, char** argv) {
  // The pipeline's access log would drown the report; errors still show.
  emporium::kernel::log::set_level(emporium::kernel::log::Level::error);
  doctest::Context context(argc, argv);
  return context.run();
}

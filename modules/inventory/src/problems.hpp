#pragma once
// The one place where the inventory's error codes become HTTP problems.
#include "emporium/kernel/problem.hpp"
#include "emporium/kernel/result.hpp"

namespace emporium::inventory {

kernel::Problem problem_for(const kernel::Error& error);

}  // namespace emporium::inventory

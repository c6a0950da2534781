#pragma once
// The one place where the cart's error codes become HTTP problems.
#include "emporium/kernel/problem.hpp"
#include "emporium/kernel/result.hpp"

namespace emporium::cart {

kernel::Problem problem_for(const kernel::Error& error);

}  // namespace emporium::cart

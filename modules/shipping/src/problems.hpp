#pragma once
// The one place where the shipping module's error codes (and the cart's,
// which a quote passes on) become HTTP problems.
#include "emporium/kernel/problem.hpp"
#include "emporium/kernel/result.hpp"

namespace emporium::shipping {

kernel::Problem problem_for(const kernel::Error& error);

}  // namespace emporium::shipping

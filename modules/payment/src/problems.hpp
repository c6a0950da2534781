#pragma once
// The one place where the payment module's error codes become HTTP problems.
#include "emporium/kernel/problem.hpp"
#include "emporium/kernel/result.hpp"

namespace emporium::payment {

kernel::Problem problem_for(const kernel::Error& error);

}  // namespace emporium::payment

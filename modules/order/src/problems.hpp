#pragma once
// The one mapping of the order module's error codes to problem responses.
#include "emporium/kernel/problem.hpp"
#include "emporium/kernel/result.hpp"

namespace emporium::order {

kernel::Problem problem_for(const kernel::Error& error);

}  // namespace emporium::order

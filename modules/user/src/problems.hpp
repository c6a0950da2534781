#pragma once
// The one place where the user module's error codes become HTTP problems.
#include "emporium/kernel/problem.hpp"
#include "emporium/kernel/result.hpp"

namespace emporium::user {

kernel::Problem problem_for(const kernel::Error& error);

}  // namespace emporium::user

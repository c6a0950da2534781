#pragma once
// The one place where the catalog's failures become HTTP problems.
#include "emporium/kernel/problem.hpp"
#include "outcome.hpp"

namespace emporium::catalog {

kernel::Problem problem_for(const Failure& failure);

}  // namespace emporium::catalog

#include "emporium/kernel/error_problems.hpp"

namespace emporium::kernel {

Problem unprocessable(const Error& error, std::string field) {
  Problem problem{422, error.code, "Unprocessable request", error.message, {}};
  if (!field.empty()) problem.errors.push_back({std::move(field), error.message});
  return problem;
}

}  // namespace emporium::kernel

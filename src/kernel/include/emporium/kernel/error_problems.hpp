#pragma once
// Pieces every module's error-to-problem mapping (its problems.cpp) shares.
#include <string>

#include "emporium/kernel/problem.hpp"
#include "emporium/kernel/result.hpp"

namespace emporium::kernel {

// 422 with the error's code and message, and the message as the error of
// `field` when one is named: a well-formed request the rules refuse.
Problem unprocessable(const Error& error, std::string field = {});

}  // namespace emporium::kernel

#pragma once
// One page of a list and the size of the whole list.
#include <cstdint>
#include <vector>

namespace emporium::user {

template <class T>
struct Paged {
  std::int64_t total = 0;
  std::vector<T> items;
};

}  // namespace emporium::user

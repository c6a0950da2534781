#pragma once
// A PostgreSQL array literal of texts ('{"a","b\"c"}'), bound as one text
// parameter and cast in SQL (CAST(:ids AS text[])): one round trip for many
// values, and never SQL built from input.
#include <string>
#include <vector>

namespace emporium::catalog {

std::string pg_text_array(const std::vector<std::string>& values);

}  // namespace emporium::catalog

#pragma once
// The JSON the catalog keeps in jsonb columns (options, a variant's option
// values, image lists), to and from its C++ form.
#include <string>
#include <string_view>
#include <vector>

#include "json_writer.hpp"
#include "product.hpp"

namespace emporium::catalog {

// [{"name": "Size", "values": ["S", "M"]}]
void write_options(JsonWriter& out, const std::vector<ProductOption>& options);
std::string options_to_json(const std::vector<ProductOption>& options);
std::vector<ProductOption> options_from_json(std::string_view json);

// {"Size": "M"}
void write_option_values(JsonWriter& out, const OptionValues& values);
std::string option_values_to_json(const OptionValues& values);
OptionValues option_values_from_json(std::string_view json);

// ["https://...", "/images/a.svg"]
std::string strings_to_json(const std::vector<std::string>& strings);
std::vector<std::string> strings_from_json(std::string_view json);

}  // namespace emporium::catalog

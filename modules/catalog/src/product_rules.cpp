#include "product_rules.hpp"

#include <algorithm>
#include <array>
#include <set>

namespace emporium::catalog {
namespace {

constexpr std::size_t kMaxOptionNameLength = 40;
constexpr std::size_t kMaxOptionValueLength = 60;
constexpr std::size_t kMaxUrlLength = 2048;
constexpr std::size_t kMaxDataUrlLength = 16384;

bool is_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

bool starts_with(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string at(std::string_view list, std::size_t index, std::string_view field = {}) {
  std::string path = std::string(list) + "[" + std::to_string(index) + "]";
  if (!field.empty()) path += "." + std::string(field);
  return path;
}

void check_options(const std::vector<ProductOption>& options, std::vector<kernel::FieldError>& errors) {
  if (options.size() > kMaxOptions) {
    errors.push_back({"options", "may have at most " + std::to_string(kMaxOptions) + " options"});
    return;
  }
  std::set<std::string> names;
  for (std::size_t i = 0; i < options.size(); ++i) {
    const auto& option = options[i];
    if (option.name.empty() || option.name.size() > kMaxOptionNameLength) {
      errors.push_back({at("options", i, "name"), "must be 1 to " + std::to_string(kMaxOptionNameLength) + " characters"});
    } else if (!names.insert(lower(option.name)).second) {
      errors.push_back({at("options", i, "name"), "is already the name of another option"});
    }
    if (option.values.empty() || option.values.size() > kMaxOptionValues) {
      errors.push_back({at("options", i, "values"), "must hold 1 to " + std::to_string(kMaxOptionValues) + " values"});
      continue;
    }
    std::set<std::string> values;
    for (const auto& value : option.values) {
      if (value.empty() || value.size() > kMaxOptionValueLength) {
        errors.push_back({at("options", i, "values"),
                          "each value must be 1 to " + std::to_string(kMaxOptionValueLength) + " characters"});
        break;
      }
      if (!values.insert(lower(value)).second) {
        errors.push_back({at("options", i, "values"), "must not repeat a value"});
        break;
      }
    }
  }
}

// Every combination of the options' values, first option slowest.
std::vector<OptionValues> combinations(const std::vector<ProductOption>& options) {
  std::vector<OptionValues> out{OptionValues{}};
  for (const auto& option : options) {
    std::vector<OptionValues> next;
    for (const auto& partial : out) {
      for (const auto& value : option.values) {
        auto combination = partial;
        combination[option.name] = value;
        next.push_back(std::move(combination));
      }
    }
    out = std::move(next);
  }
  return out;
}

std::string combination_error(const OptionValues& values, const std::vector<ProductOption>& options) {
  if (values.size() != options.size()) return "must give a value for each option and nothing else";
  for (const auto& option : options) {
    auto found = values.find(option.name);
    if (found == values.end()) return "has no value for " + option.name;
    if (std::find(option.values.begin(), option.values.end(), found->second) == option.values.end()) {
      return "'" + found->second + "' is not a value of " + option.name;
    }
  }
  return "";
}

std::vector<std::string> values_in_option_order(const OptionValues& values, const std::vector<ProductOption>& options) {
  std::vector<std::string> out;
  for (const auto& option : options) {
    auto found = values.find(option.name);
    if (found != values.end()) out.push_back(found->second);
  }
  return out;
}

// What the request asks for, one input per variant of the result.
std::vector<VariantInput> requested_inputs(const VariantRequest& request, const std::vector<ProductOption>& options,
                                           const std::vector<Variant>& existing) {
  if (request.variants) return *request.variants;
  std::vector<VariantInput> inputs;
  if (!request.options && !existing.empty()) {
    for (const auto& variant : existing) {
      VariantInput input;
      input.id = variant.id;
      inputs.push_back(std::move(input));
    }
    return inputs;
  }
  for (auto& combination : combinations(options)) {
    VariantInput input;
    input.options = std::move(combination);
    inputs.push_back(std::move(input));
  }
  return inputs;
}

const Variant* find_existing(const VariantInput& input, const std::vector<Variant>& existing) {
  for (const auto& variant : existing) {
    if (input.id ? variant.id == *input.id : (input.options && variant.options == *input.options)) return &variant;
  }
  return nullptr;
}

std::int64_t lowest_price(const std::vector<Variant>& variants) {
  return std::min_element(variants.begin(), variants.end(), [](const Variant& a, const Variant& b) {
           return a.price < b.price;
         })->price;
}

}  // namespace

bool is_sku(std::string_view sku) {
  return !sku.empty() && sku.size() <= 64 &&
         std::all_of(sku.begin(), sku.end(), [](char c) { return is_alnum(c) || c == '.' || c == '_' || c == '-'; });
}

bool is_slug(std::string_view slug) {
  if (slug.empty() || slug.size() > 64 || slug.front() == '-' || slug.back() == '-') return false;
  char previous = ' ';
  for (char c : slug) {
    const bool lower_alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!lower_alnum && !(c == '-' && previous != '-')) return false;
    previous = c;
  }
  return true;
}

bool is_image_url(std::string_view url) {
  const bool printable = std::all_of(url.begin(), url.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte > 0x20 && byte != 0x7f;
  });
  if (!printable) return false;
  if (starts_with(url, "data:image/")) {
    constexpr std::array<std::string_view, 5> kTypes = {"png", "jpeg", "gif", "webp", "svg+xml"};
    const auto type_end = url.find_first_of(";,", 11);
    if (type_end == std::string_view::npos || url.size() > kMaxDataUrlLength) return false;
    const auto type = url.substr(11, type_end - 11);
    return std::find(kTypes.begin(), kTypes.end(), type) != kTypes.end() && url.find(',', type_end) != std::string_view::npos;
  }
  if (url.size() > kMaxUrlLength) return false;
  if (starts_with(url, "/")) return !starts_with(url, "//");
  for (std::string_view scheme : {"https://", "http://"}) {
    if (starts_with(url, scheme)) {
      const auto host = url.substr(scheme.size());
      return !host.empty() && host.front() != '/';
    }
  }
  return false;
}

std::vector<std::string> merge_images(const std::vector<std::string>& current,
                                      const std::optional<std::vector<std::string>>& images,
                                      const std::optional<std::string>& image_url) {
  std::vector<std::string> out = images.value_or(current);
  if (!image_url) return out;
  if (image_url->empty()) return images ? out : std::vector<std::string>{};
  out.erase(std::remove(out.begin(), out.end(), *image_url), out.end());
  out.insert(out.begin(), *image_url);
  return out;
}

std::string sku_suffix(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& value : values) {
    for (char c : value) {
      if (is_alnum(c)) {
        out += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
      } else if (!out.empty() && out.back() != '-') {
        out += '-';
      }
    }
    if (!out.empty() && out.back() != '-') out += '-';
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

std::optional<VariantPlan> plan_variants(const VariantRequest& request, const std::vector<ProductOption>& current_options,
                                         const std::vector<Variant>& existing, std::string_view sku_base,
                                         std::vector<kernel::FieldError>& errors) {
  const std::size_t errors_before = errors.size();
  VariantPlan plan;
  plan.options = request.options.value_or(current_options);
  check_options(plan.options, errors);
  if (errors.size() != errors_before) return std::nullopt;
  if (request.variants && request.variants->empty()) {
    errors.push_back({"variants", "must hold at least one variant"});
    return std::nullopt;
  }

  const auto inputs = requested_inputs(request, plan.options, existing);
  if (plan.options.empty() && inputs.size() != 1) {
    errors.push_back({"variants", "a product without options has exactly one variant"});
    return std::nullopt;
  }
  if (inputs.size() > kMaxVariants) {
    errors.push_back({request.variants ? "variants" : "options",
                      "a product has at most " + std::to_string(kMaxVariants) + " variants"});
    return std::nullopt;
  }

  std::set<std::string> skus, ids;
  std::set<OptionValues> seen;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const auto& input = inputs[i];
    const Variant* current = find_existing(input, existing);
    if (input.id && (current == nullptr || !ids.insert(*input.id).second)) {
      errors.push_back({at("variants", i, "id"), current == nullptr ? "is not a variant of this product"
                                                                   : "names the same variant twice"});
      continue;
    }
    PlannedVariant planned;
    planned.existing_id = current != nullptr ? current->id : "";
    // Options: given, else the matched variant's (unless the options changed), else none.
    if (input.options) {
      planned.options = *input.options;
    } else if (current != nullptr && !request.options) {
      planned.options = current->options;
    }
    if (auto problem = combination_error(planned.options, plan.options); !problem.empty()) {
      errors.push_back({at("variants", i, "options"), problem});
    } else if (!seen.insert(planned.options).second) {
      errors.push_back({at("variants", i, "options"), "repeats the options of another variant"});
    }

    const bool default_variant = plan.options.empty();
    if (input.sku) {
      planned.sku = *input.sku;
    } else if (default_variant && request.sku) {
      planned.sku = *request.sku;
    } else if (current != nullptr) {
      planned.sku = current->sku;
    } else {
      const std::string base(request.sku.value_or(std::string(sku_base)));
      planned.sku = default_variant ? base : base + "-" + sku_suffix(values_in_option_order(planned.options, plan.options));
    }
    const std::string sku_field = request.variants ? at("variants", i, "sku") : "sku";
    if (!is_sku(planned.sku)) {
      errors.push_back({sku_field, "must be 1 to 64 letters, digits, '.', '_' or '-'"});
    } else if (!skus.insert(planned.sku).second) {
      errors.push_back({sku_field, "is the SKU of another variant of this product"});
    }

    auto price = input.price ? input.price : request.price;
    if (!price && current != nullptr) price = current->price;
    if (!price && !existing.empty()) price = lowest_price(existing);
    if (!price) {
      errors.push_back({request.variants ? at("variants", i, "price") : "price", "is required"});
    } else {
      planned.price = *price;
    }
    auto weight = input.weight_grams ? input.weight_grams : request.weight_grams;
    if (!weight && current != nullptr) weight = current->weight_grams;
    planned.weight_grams = static_cast<int>(weight.value_or(0));
    plan.variants.push_back(std::move(planned));
  }
  if (errors.size() != errors_before) return std::nullopt;
  return plan;
}

}  // namespace emporium::catalog

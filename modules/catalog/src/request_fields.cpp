#include "request_fields.hpp"

#include <boost/json/serialize.hpp>

#include <set>

#include "money.hpp"
#include "product_rules.hpp"

namespace emporium::catalog {
namespace {

constexpr std::size_t kMaxImages = 20;
constexpr std::size_t kMaxAttributes = 100;
constexpr std::size_t kMaxAttributesBytes = 16384;
constexpr const char* kAmountRule = "must be an amount with at most two decimals, from 0 to 999999999.99";

std::string at(std::string_view list, std::size_t index) {
  return std::string(list) + "[" + std::to_string(index) + "]";
}

bool blank(const std::string& text) { return text.find_first_not_of(" \t\r\n") == std::string::npos; }

// Field errors of a nested object's keys that the reader does not know.
void unknown_keys(kernel::JsonBody& body, const boost::json::object& object, const std::set<std::string_view>& known,
                  const std::string& path) {
  for (const auto& [key, unused] : object) {
    if (!known.contains(std::string_view(key))) body.add_error(path + "." + std::string(key), "is not a known field");
  }
}

std::optional<std::string> text_of(kernel::JsonBody& body, const boost::json::value& value, const std::string& path,
                                   std::size_t max_length) {
  if (!value.is_string() || value.get_string().empty() || value.get_string().size() > max_length) {
    body.add_error(path, "must be a string of 1 to " + std::to_string(max_length) + " characters");
    return std::nullopt;
  }
  return std::string(value.get_string());
}

std::optional<std::int64_t> amount_at(kernel::JsonBody& body, const boost::json::value& value, const std::string& path) {
  auto amount = amount_from_json(value);
  if (!amount) body.add_error(path, kAmountRule);
  return amount;
}

std::optional<std::int64_t> weight_at(kernel::JsonBody& body, const boost::json::value& value, const std::string& path) {
  if (value.is_int64() && value.get_int64() >= 0 && value.get_int64() <= kMaxWeightGrams) return value.get_int64();
  if (value.is_uint64() && value.get_uint64() <= static_cast<std::uint64_t>(kMaxWeightGrams)) {
    return static_cast<std::int64_t>(value.get_uint64());
  }
  body.add_error(path, "must be a whole number of grams from 0 to " + std::to_string(kMaxWeightGrams));
  return std::nullopt;
}

std::optional<std::string> read_currency(kernel::JsonBody& body) {
  auto currency = body.string("currency", {.required = false, .min_length = 3, .max_length = 3});
  if (!currency) return std::nullopt;
  for (char& c : *currency) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  if (!is_supported_currency(*currency)) {
    body.add_error("currency", "must be an ISO 4217 currency with two decimals, such as USD or EUR");
    return std::nullopt;
  }
  return currency;
}

std::optional<std::vector<std::string>> read_images(kernel::JsonBody& body) {
  const auto* value = body.value("images", false);
  if (value == nullptr) return std::nullopt;
  if (!value->is_array() || value->get_array().size() > kMaxImages) {
    body.add_error("images", "must be a list of at most " + std::to_string(kMaxImages) + " image URLs");
    return std::nullopt;
  }
  std::vector<std::string> images;
  const auto& array = value->get_array();
  for (std::size_t i = 0; i < array.size(); ++i) {
    if (!array[i].is_string() || !is_image_url(array[i].get_string())) {
      body.add_error(at("images", i), "must be an http(s) URL, a path on this site or a data: image URL");
      continue;
    }
    images.emplace_back(array[i].get_string());
  }
  return images;
}

std::optional<std::string> read_image_url(kernel::JsonBody& body) {
  if (body.has("image_url") && body.value("image_url", false) == nullptr) return std::string();
  auto url = body.string("image_url", {.required = false, .min_length = 1, .max_length = 16384});
  if (url && !is_image_url(*url)) {
    body.add_error("image_url", "must be an http(s) URL, a path on this site or a data: image URL");
    return std::nullopt;
  }
  return url;
}

std::optional<std::string> read_attributes(kernel::JsonBody& body) {
  const auto* value = body.value("attributes", false);
  if (value == nullptr) return std::nullopt;
  if (!value->is_object() || value->get_object().size() > kMaxAttributes) {
    body.add_error("attributes", "must be an object of at most " + std::to_string(kMaxAttributes) + " attributes");
    return std::nullopt;
  }
  auto json = boost::json::serialize(*value);
  if (json.size() > kMaxAttributesBytes) {
    body.add_error("attributes", "must be at most " + std::to_string(kMaxAttributesBytes) + " bytes of JSON");
    return std::nullopt;
  }
  return json;
}

std::optional<std::vector<ProductOption>> read_options(kernel::JsonBody& body) {
  const auto* value = body.value("options", false);
  if (value == nullptr) return std::nullopt;
  if (!value->is_array()) {
    body.add_error("options", "must be a list of {name, values}");
    return std::nullopt;
  }
  std::vector<ProductOption> options;
  const auto& array = value->get_array();
  for (std::size_t i = 0; i < array.size(); ++i) {
    const std::string path = at("options", i);
    if (!array[i].is_object()) {
      body.add_error(path, "must be an object {name, values}");
      continue;
    }
    const auto& object = array[i].get_object();
    unknown_keys(body, object, {"name", "values"}, path);
    ProductOption option;
    const auto* name = object.if_contains("name");
    const auto* values = object.if_contains("values");
    if (name == nullptr || !name->is_string()) body.add_error(path + ".name", "must be a string");
    else option.name = std::string(name->get_string());
    if (values == nullptr || !values->is_array()) {
      body.add_error(path + ".values", "must be a list of strings");
    } else {
      for (const auto& item : values->get_array()) {
        if (!item.is_string()) {
          body.add_error(path + ".values", "must be a list of strings");
          break;
        }
        option.values.emplace_back(item.get_string());
      }
    }
    options.push_back(std::move(option));
  }
  return options;
}

std::optional<VariantInput> read_variant(kernel::JsonBody& body, const boost::json::value& value, const std::string& path) {
  if (!value.is_object()) {
    body.add_error(path, "must be an object {sku, options, price, weight_grams}");
    return std::nullopt;
  }
  const auto& object = value.get_object();
  unknown_keys(body, object, {"id", "sku", "options", "price", "currency", "weight_grams", "stock"}, path);
  VariantInput variant;
  if (const auto* id = object.if_contains("id"); id != nullptr && !id->is_null()) variant.id = text_of(body, *id, path + ".id", 64);
  if (const auto* sku = object.if_contains("sku"); sku != nullptr && !sku->is_null()) {
    variant.sku = text_of(body, *sku, path + ".sku", 64);
  }
  if (const auto* options = object.if_contains("options"); options != nullptr && !options->is_null()) {
    if (!options->is_object()) {
      body.add_error(path + ".options", "must be an object of option names to values");
    } else {
      OptionValues values;
      for (const auto& [name, item] : options->get_object()) {
        if (!item.is_string()) body.add_error(path + ".options." + std::string(name), "must be a string");
        else values.emplace(std::string(name), std::string(item.get_string()));
      }
      variant.options = std::move(values);
    }
  }
  if (const auto* price = object.if_contains("price"); price != nullptr && !price->is_null()) {
    variant.price = amount_at(body, *price, path + ".price");
  }
  if (const auto* weight = object.if_contains("weight_grams"); weight != nullptr && !weight->is_null()) {
    variant.weight_grams = weight_at(body, *weight, path + ".weight_grams");
  }
  if (const auto* currency = object.if_contains("currency"); currency != nullptr && !currency->is_null()) {
    variant.currency = text_of(body, *currency, path + ".currency", 3);
  }
  return variant;
}

std::optional<std::vector<VariantInput>> read_variants(kernel::JsonBody& body) {
  const auto* value = body.value("variants", false);
  if (value == nullptr) return std::nullopt;
  if (!value->is_array()) {
    body.add_error("variants", "must be a list of variants");
    return std::nullopt;
  }
  std::vector<VariantInput> variants;
  const auto& array = value->get_array();
  for (std::size_t i = 0; i < array.size(); ++i) {
    if (auto variant = read_variant(body, array[i], at("variants", i))) variants.push_back(std::move(*variant));
  }
  return variants;
}

}  // namespace

ProductInput read_product(kernel::JsonBody& body, bool creating) {
  ProductInput input;
  input.name = body.string("name", {.required = creating, .min_length = 1, .max_length = 200});
  if (input.name && blank(*input.name)) body.add_error("name", "must not be blank");
  if (body.has("description") && body.value("description", false) == nullptr) {
    input.description = std::string();
  } else {
    input.description = body.string("description", {.required = false, .min_length = 0, .max_length = 10000});
  }
  if (body.has("category") && body.value("category", false) == nullptr) {
    input.category = std::string();
  } else {
    input.category = body.string("category", {.required = false, .min_length = 1, .max_length = 64});
  }
  input.images = read_images(body);
  input.image_url = read_image_url(body);
  input.attributes_json = read_attributes(body);
  input.currency = read_currency(body);
  if (auto status = body.string("status", {.required = false}); status) {
    if (*status == "active" || *status == "archived") input.status = *status;
    else body.add_error("status", "must be active or archived");
  }
  auto& variants = input.variants;
  if (auto sku = body.string("sku", {.required = false}); sku) {
    if (is_sku(*sku)) variants.sku = *sku;
    else body.add_error("sku", "must be 1 to 64 letters, digits, '.', '_' or '-'");
  }
  if (const auto* price = body.value("price", false)) variants.price = amount_at(body, *price, "price");
  if (const auto* weight = body.value("weight_grams", false)) variants.weight_grams = weight_at(body, *weight, "weight_grams");
  variants.options = read_options(body);
  variants.variants = read_variants(body);
  return input;
}

CategoryFields read_category(kernel::JsonBody& body) {
  CategoryFields fields;
  if (auto slug = body.string("slug", {.required = true, .min_length = 1, .max_length = 64}); slug) {
    if (is_slug(*slug)) fields.slug = *slug;
    else body.add_error("slug", "must be lower-case letters and digits in words joined by '-', such as mens-shirts");
  }
  if (auto name = body.string("name", {.required = true, .min_length = 1, .max_length = 100}); name) {
    if (blank(*name)) body.add_error("name", "must not be blank");
    fields.name = *name;
  }
  fields.parent_id = body.string("parent_id", {.required = false, .min_length = 1, .max_length = 64}).value_or("");
  return fields;
}

ReviewInput read_review(kernel::JsonBody& body) {
  ReviewInput input;
  input.rating = static_cast<int>(body.integer("rating", {.required = true, .min = 1, .max = 5}).value_or(0));
  input.title = body.string("title", {.required = false, .min_length = 0, .max_length = 120}).value_or("");
  input.body = body.string("body", {.required = false, .min_length = 0, .max_length = 5000}).value_or("");
  return input;
}

}  // namespace emporium::catalog

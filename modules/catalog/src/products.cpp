#include "products.hpp"

#include <boost/json/serialize.hpp>
#include <soci/postgresql/soci-postgresql.h>

#include <random>

#include "cache_feed.hpp"
#include "catalog_module_id.hpp"
#include "category_store.hpp"
#include "emporium/catalog/events.hpp"
#include "json_columns.hpp"
#include "ownership.hpp"
#include "product_store.hpp"

namespace emporium::catalog {
namespace {

// "SKU-" and ten random hex digits: the base of SKUs the seller left out.
std::string random_sku_base() {
  static constexpr char kHex[] = "0123456789ABCDEF";
  thread_local std::mt19937_64 random{std::random_device{}()};
  std::string sku = "SKU-";
  for (int i = 0; i < 10; ++i) sku += kHex[random() % 16];
  return sku;
}

Failure sku_taken(const std::string& sku) {
  return {"sku_taken", "The SKU " + sku + " belongs to another product's variant.", {}};
}

Failure forbidden() { return {"forbidden", "Sellers may change only their own products.", {}}; }

std::vector<std::string> skus_of(const VariantPlan& plan) {
  std::vector<std::string> skus;
  for (const auto& variant : plan.variants) skus.push_back(variant.sku);
  return skus;
}

void publish_changed(kernel::Tx& tx, const std::string& id, const std::string& seller_id, const std::string& status) {
  const boost::json::object payload{{"product_id", id}, {"seller_id", seller_id}, {"status", status}};
  tx.publish(events::kProductChanged, events::kVersion, boost::json::serialize(payload));
  notify_cache_change(tx, CacheChange::product(id));
}

// Resolves `input.category` into `fields.category_id`; false when it names no category.
bool resolve_category(kernel::Tx& tx, const ProductInput& input, ProductFields& fields) {
  if (!input.category) return true;
  if (input.category->empty()) {
    fields.category_id.clear();
    return true;
  }
  auto category = CategoryStore(tx).find_by_reference(*input.category);
  if (!category) return false;
  fields.category_id = category->id;
  return true;
}

bool touches_variants(const VariantRequest& request) {
  return request.options || request.variants || request.sku || request.price || request.weight_grams;
}

// Plans the variants and checks their SKUs against other products; sets
// the product's options and own SKU in `fields`.
Outcome<VariantPlan> plan_for(ProductStore& store, const std::string& product_id, const ProductInput& input,
                              const std::vector<ProductOption>& options, const std::vector<Variant>& variants,
                              const std::string& current_sku, ProductFields& fields) {
  std::vector<kernel::FieldError> errors;
  if (input.variants.variants) {
    for (std::size_t i = 0; i < input.variants.variants->size(); ++i) {
      const auto& currency = (*input.variants.variants)[i].currency;
      if (currency && *currency != fields.currency) {
        errors.push_back({"variants[" + std::to_string(i) + "].currency", "must be the product's currency, " + fields.currency});
      }
    }
  }
  const std::string base = input.variants.sku.value_or(current_sku.empty() ? random_sku_base() : current_sku);
  auto plan = plan_variants(input.variants, options, variants, base, errors);
  if (!plan || !errors.empty()) return Failure::invalid(std::move(errors));
  if (auto taken = store.sku_taken_elsewhere(product_id, skus_of(*plan))) return sku_taken(*taken);
  fields.options = plan->options;
  fields.sku = plan->options.empty() ? plan->variants.front().sku : input.variants.sku.value_or(current_sku);
  return std::move(*plan);
}

// A concurrent create or edit took one of the SKUs first: the deferred
// unique check fails at commit.
template <class F>
Outcome<Product> catching_sku_race(F&& write) {
  try {
    return write();
  } catch (const soci::postgresql_soci_error& e) {
    if (e.sqlstate() != "23505") throw;
    return Failure{"sku_taken", "One of the SKUs belongs to another product's variant.", {}};
  }
}

}  // namespace

Outcome<Product> Products::create(const kernel::Principal& caller, const ProductInput& input) {
  auto outcome = catching_sku_race([&] {
    return db_.transact(catalog_module_id(), [&](kernel::Tx& tx) -> Outcome<Product> {
      ProductStore store(tx);
      ProductFields fields;
      fields.name = input.name.value_or("");
      fields.description = input.description.value_or("");
      if (!resolve_category(tx, input, fields)) return Failure::invalid("category", "is not a category");
      fields.images = merge_images({}, input.images, input.image_url);
      fields.attributes_json = input.attributes_json.value_or("{}");
      fields.currency = input.currency.value_or("USD");
      fields.status = input.status.value_or("active");
      auto plan = plan_for(store, "", input, {}, {}, "", fields);
      if (!plan) return plan.failure();
      const std::string id = store.insert(caller.user_id, fields);
      store.replace_variants(id, fields.currency, plan->variants);
      publish_changed(tx, id, caller.user_id, fields.status);
      return *store.find(id);
    });
  });
  if (outcome) apply_cache_change(cache_, CacheChange::product(outcome->summary.id));
  return outcome;
}

Outcome<Product> Products::update(const kernel::Principal& caller, const std::string& id, const ProductInput& input) {
  auto outcome = catching_sku_race([&] {
    return db_.transact(catalog_module_id(), [&](kernel::Tx& tx) -> Outcome<Product> {
      ProductStore store(tx);
      auto current = store.find(id, true);
      if (!current || !may_see(caller, current->seller_id, current->active())) {
        return Failure::not_found("No such product.");
      }
      if (!may_edit(caller, current->seller_id)) return forbidden();
      ProductFields fields;
      fields.name = input.name.value_or(current->summary.name);
      fields.description = input.description.value_or(current->description);
      fields.category_id = current->category_id;
      if (!resolve_category(tx, input, fields)) return Failure::invalid("category", "is not a category");
      fields.images = merge_images(strings_from_json(current->images_json), input.images, input.image_url);
      fields.attributes_json = input.attributes_json.value_or(current->attributes_json);
      fields.currency = input.currency.value_or(current->summary.currency);
      fields.status = input.status.value_or(current->status);
      fields.options = current->options;
      fields.sku = current->sku;
      if (touches_variants(input.variants) || fields.currency != current->summary.currency) {
        auto plan = plan_for(store, id, input, current->options, current->variants, current->sku, fields);
        if (!plan) return plan.failure();
        store.replace_variants(id, fields.currency, plan->variants);
      }
      store.update(id, fields);
      publish_changed(tx, id, current->seller_id, fields.status);
      return *store.find(id);
    });
  });
  if (outcome) apply_cache_change(cache_, CacheChange::product(id));
  return outcome;
}

Outcome<Done> Products::archive(const kernel::Principal& caller, const std::string& id) {
  auto outcome = db_.transact(catalog_module_id(), [&](kernel::Tx& tx) -> Outcome<Done> {
    ProductStore store(tx);
    auto current = store.find(id, true);
    if (!current || !may_see(caller, current->seller_id, current->active())) return Failure::not_found("No such product.");
    if (!may_edit(caller, current->seller_id)) return forbidden();
    if (current->active()) {
      store.set_status(id, "archived");
      publish_changed(tx, id, current->seller_id, "archived");
    }
    return Done{};
  });
  if (outcome) apply_cache_change(cache_, CacheChange::product(id));
  return outcome;
}

Outcome<Product> Products::find_for(const std::optional<kernel::Principal>& caller, const std::string& id) {
  auto product = db_.transact(catalog_module_id(), [&](kernel::Tx& tx) { return ProductStore(tx).find(id); });
  if (!product || !may_see(caller, product->seller_id, product->active())) return Failure::not_found("No such product.");
  return std::move(*product);
}

}  // namespace emporium::catalog

#pragma once
// A catalog of a few products held in memory, for the inventory's database
// tests: the inventory sees the catalog only through catalog::Catalog.
#include <algorithm>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "emporium/catalog/catalog.hpp"

namespace emporium::inventory::testing {

class FakeCatalog final : public catalog::Catalog {
 public:
  // A product with `variants` variants named <product_id>_v1, _v2, ...
  void add_product(const std::string& product_id, const std::string& seller_id, int variants = 1) {
    std::lock_guard lock(mutex_);
    for (int i = 1; i <= variants; ++i) {
      catalog::VariantRef ref;
      ref.variant_id = product_id + "_v" + std::to_string(i);
      ref.product_id = product_id;
      ref.seller_id = seller_id;
      ref.product_name = "Product " + product_id;
      ref.sku = "SKU-" + ref.variant_id;
      variants_[ref.variant_id] = ref;
    }
  }

  std::optional<catalog::VariantRef> find_variant(const std::string& variant_id) override {
    std::lock_guard lock(mutex_);
    auto it = variants_.find(variant_id);
    if (it == variants_.end()) return std::nullopt;
    return it->second;
  }

  std::map<std::string, catalog::VariantRef> find_variants(const std::vector<std::string>& variant_ids) override {
    std::map<std::string, catalog::VariantRef> out;
    for (const auto& id : variant_ids) {
      if (auto ref = find_variant(id)) out.emplace(id, std::move(*ref));
    }
    return out;
  }

  kernel::Result<catalog::VariantRef> sole_variant(const std::string& product_id) override {
    auto found = variants_of(product_id);
    if (found.empty()) return kernel::Error{"not_found", "No such product."};
    if (found.size() > 1) return kernel::Error{"variant_required", "The product has several variants; name one."};
    return found.front();
  }

  std::vector<catalog::VariantRef> variants_of(const std::string& product_id) override {
    std::lock_guard lock(mutex_);
    std::vector<catalog::VariantRef> out;
    for (const auto& [id, ref] : variants_) {
      if (ref.product_id == product_id) out.push_back(ref);
    }
    return out;
  }

  std::vector<catalog::VariantRef> list_variants(const std::string& after_variant_id, std::size_t limit) override {
    std::lock_guard lock(mutex_);
    ++list_calls;
    std::vector<catalog::VariantRef> out;
    for (auto it = variants_.upper_bound(after_variant_id); it != variants_.end() && out.size() < limit; ++it) {
      out.push_back(it->second);
    }
    return out;
  }

  int list_calls = 0;

 private:
  std::mutex mutex_;
  std::map<std::string, catalog::VariantRef> variants_;
};

}  // namespace emporium::inventory::testing

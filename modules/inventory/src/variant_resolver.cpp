#include "variant_resolver.hpp"

#include "inventory_module_id.hpp"
#include "stock_store.hpp"

namespace emporium::inventory {
namespace {

VariantOwner owner_of(const catalog::VariantRef& ref) { return {ref.variant_id, ref.product_id, ref.seller_id}; }

}  // namespace

kernel::Result<VariantOwner> VariantResolver::resolve(const std::string& id) {
  auto known = db_.transact(inventory_module_id(), [&](kernel::Tx& tx) { return StockStore(tx).find_owner(id); });
  if (known) return *known;
  // The catalog is called outside any transaction of this module: a unit of
  // work never holds two pooled connections.
  if (auto ref = catalog_.find_variant(id)) return owner_of(*ref);
  return sole_variant(id);
}

kernel::Result<VariantOwner> VariantResolver::sole_variant(const std::string& product_id) {
  auto ref = catalog_.sole_variant(product_id);
  if (!ref) {
    if (ref.error().code == "variant_required") return ref.error();
    return kernel::Error{"not_found", "No such product or variant."};
  }
  return owner_of(ref.value());
}

}  // namespace emporium::inventory

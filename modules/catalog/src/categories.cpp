#include "categories.hpp"

#include <algorithm>

#include "cache_feed.hpp"
#include "catalog_module_id.hpp"
#include "category_tree.hpp"

namespace emporium::catalog {
namespace {

Failure slug_taken(const std::string& slug) {
  return {"slug_taken", "Another category already has the slug " + slug + ".", {}};
}

Failure unknown_parent() { return Failure::invalid("parent_id", "is not a category"); }

}  // namespace

Outcome<Category> Categories::create(const CategoryFields& fields) {
  auto outcome = db_.transact(catalog_module_id(), [&](kernel::Tx& tx) -> Outcome<Category> {
    CategoryStore store(tx);
    if (!fields.parent_id.empty() && !store.find(fields.parent_id)) return unknown_parent();
    auto created = store.insert(fields);
    if (!created) return slug_taken(fields.slug);
    notify_cache_change(tx, CacheChange::everything());
    return *created;
  });
  if (outcome) cache_.invalidate_all();
  return outcome;
}

Outcome<Category> Categories::update(const std::string& id, const CategoryFields& fields) {
  auto outcome = db_.transact(catalog_module_id(), [&](kernel::Tx& tx) -> Outcome<Category> {
    CategoryStore store(tx);
    store.lock_tree();
    const auto all = store.all();
    const bool exists = std::any_of(all.begin(), all.end(), [&](const Category& c) { return c.id == id; });
    if (!exists) return Failure::not_found("No such category.");
    if (!fields.parent_id.empty()) {
      const bool parent_exists =
          std::any_of(all.begin(), all.end(), [&](const Category& c) { return c.id == fields.parent_id; });
      if (!parent_exists) return unknown_parent();
      if (would_create_cycle(all, id, fields.parent_id)) {
        return Failure::invalid("parent_id", "is the category itself or one of its subcategories");
      }
    }
    auto updated = store.update(id, fields);
    if (!updated) return slug_taken(fields.slug);
    notify_cache_change(tx, CacheChange::everything());
    return *updated;
  });
  if (outcome) cache_.invalidate_all();
  return outcome;
}

Outcome<Done> Categories::remove(const std::string& id) {
  auto outcome = db_.transact(catalog_module_id(), [&](kernel::Tx& tx) -> Outcome<Done> {
    CategoryStore store(tx);
    store.lock_tree();
    switch (store.remove(id)) {
      case CategoryRemoval::not_found: return Failure::not_found("No such category.");
      case CategoryRemoval::has_children:
        return Failure{"category_not_empty", "The category still has subcategories; move or delete them first.", {}};
      case CategoryRemoval::has_products:
        return Failure{"category_not_empty", "The category still has products; move them to another category first.", {}};
      case CategoryRemoval::removed: break;
    }
    notify_cache_change(tx, CacheChange::everything());
    return Done{};
  });
  if (outcome) cache_.invalidate_all();
  return outcome;
}

}  // namespace emporium::catalog

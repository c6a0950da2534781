#pragma once
// SQL of catalog.categories.
#include <optional>
#include <string>
#include <vector>

#include "emporium/kernel/database.hpp"
#include "product.hpp"

namespace emporium::catalog {

struct CategoryFields {
  std::string slug;
  std::string name;
  std::string parent_id;  // empty: a root
};

enum class CategoryRemoval { removed, not_found, has_children, has_products };

class CategoryStore {
 public:
  explicit CategoryStore(kernel::Tx& tx) : tx_(tx) {}

  std::vector<Category> all();
  std::optional<Category> find(const std::string& id);
  // By slug or id.
  std::optional<Category> find_by_reference(const std::string& slug_or_id);
  // nullopt when the slug is taken.
  std::optional<Category> insert(const CategoryFields& fields);
  // nullopt when the slug is taken by another category.
  std::optional<Category> update(const std::string& id, const CategoryFields& fields);
  CategoryRemoval remove(const std::string& id);
  // Serialises moves, so two concurrent moves cannot close a loop.
  void lock_tree();

 private:
  kernel::Tx& tx_;
};

}  // namespace emporium::catalog

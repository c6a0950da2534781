#pragma once
// Admin changes to the category tree. Every change drops every cached
// catalog response: category names and slugs appear in all of them.
#include <string>

#include "category_store.hpp"
#include "emporium/kernel/database.hpp"
#include "outcome.hpp"
#include "response_cache.hpp"

namespace emporium::catalog {

class Categories {
 public:
  Categories(kernel::Database& db, ResponseCache& cache) : db_(db), cache_(cache) {}

  // Errors: validation_failed (parent_id names no category), slug_taken.
  Outcome<Category> create(const CategoryFields& fields);
  // Errors: not_found, validation_failed (unknown parent, or a parent inside
  // the category itself), slug_taken.
  Outcome<Category> update(const std::string& id, const CategoryFields& fields);
  // Errors: not_found, category_not_empty (it still has subcategories or
  // products, archived ones included).
  Outcome<Done> remove(const std::string& id);

 private:
  kernel::Database& db_;
  ResponseCache& cache_;
};

}  // namespace emporium::catalog

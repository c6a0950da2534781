#pragma once
// Categories form a tree. These pure functions build it from the flat rows
// and answer the questions a move asks (is the new parent inside the
// category being moved?).
#include <string>
#include <string_view>
#include <vector>

#include "product.hpp"

namespace emporium::catalog {

struct CategoryNode {
  Category category;
  std::vector<CategoryNode> children;
};

// Roots and each node's children in name order. A row whose parent is
// missing is treated as a root, so a broken row never hides a subtree.
std::vector<CategoryNode> build_category_tree(const std::vector<Category>& categories);

// The ids of `root_id` and all its descendants (empty when it is unknown).
std::vector<std::string> subtree_ids(const std::vector<Category>& categories, std::string_view root_id);

// Whether making `parent_id` the parent of `category_id` would close a loop.
bool would_create_cycle(const std::vector<Category>& categories, std::string_view category_id,
                        std::string_view parent_id);

}  // namespace emporium::catalog

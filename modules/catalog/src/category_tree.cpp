#include "category_tree.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace emporium::catalog {
namespace {

using ChildIndex = std::map<std::string, std::vector<const Category*>, std::less<>>;

ChildIndex index_children(const std::vector<Category>& categories) {
  std::set<std::string_view> ids;
  for (const auto& category : categories) ids.insert(category.id);
  ChildIndex children;
  for (const auto& category : categories) {
    const bool orphan = !category.parent_id.empty() && ids.count(category.parent_id) == 0;
    children[orphan ? "" : category.parent_id].push_back(&category);
  }
  for (auto& [parent, list] : children) {
    std::sort(list.begin(), list.end(), [](const Category* a, const Category* b) {
      return a->name != b->name ? a->name < b->name : a->id < b->id;
    });
  }
  return children;
}

std::vector<CategoryNode> nodes_under(const ChildIndex& children, std::string_view parent_id,
                                      std::set<std::string_view>& visited) {
  std::vector<CategoryNode> nodes;
  auto found = children.find(parent_id);
  if (found == children.end()) return nodes;
  for (const Category* category : found->second) {
    if (!visited.insert(category->id).second) continue;
    nodes.push_back({*category, nodes_under(children, category->id, visited)});
  }
  return nodes;
}

}  // namespace

std::vector<CategoryNode> build_category_tree(const std::vector<Category>& categories) {
  std::set<std::string_view> visited;
  return nodes_under(index_children(categories), "", visited);
}

std::vector<std::string> subtree_ids(const std::vector<Category>& categories, std::string_view root_id) {
  const auto children = index_children(categories);
  std::vector<std::string> out;
  const bool known = std::any_of(categories.begin(), categories.end(), [&](const Category& c) { return c.id == root_id; });
  if (!known) return out;
  std::vector<std::string_view> pending{root_id};
  std::set<std::string_view> visited;
  while (!pending.empty()) {
    const std::string_view id = pending.back();
    pending.pop_back();
    if (!visited.insert(id).second) continue;
    out.emplace_back(id);
    auto found = children.find(id);
    if (found == children.end()) continue;
    for (const Category* child : found->second) pending.push_back(child->id);
  }
  return out;
}

bool would_create_cycle(const std::vector<Category>& categories, std::string_view category_id,
                        std::string_view parent_id) {
  if (parent_id.empty()) return false;
  const auto inside = subtree_ids(categories, category_id);
  return std::find(inside.begin(), inside.end(), parent_id) != inside.end();
}

}  // namespace emporium::catalog

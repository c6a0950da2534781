// Building the category tree and guarding moves against loops.
#include <doctest/doctest.h>

#include <algorithm>

#include "catalog/src/category_tree.hpp"

using namespace emporium::catalog;

namespace {

std::vector<Category> shop() {
  return {{"c1", "electronics", "Electronics", ""}, {"c2", "audio", "Audio", "c1"},
          {"c3", "headphones", "Headphones", "c2"}, {"c4", "cameras", "Cameras", "c1"},
          {"c5", "books", "Books", ""}};
}

std::vector<std::string> sorted(std::vector<std::string> ids) {
  std::sort(ids.begin(), ids.end());
  return ids;
}

}  // namespace

TEST_CASE("the tree has the roots and each node's children in name order") {
  auto roots = build_category_tree(shop());
  REQUIRE(roots.size() == 2);
  CHECK(roots[0].category.slug == "books");
  CHECK(roots[1].category.slug == "electronics");
  REQUIRE(roots[1].children.size() == 2);
  CHECK(roots[1].children[0].category.slug == "audio");
  CHECK(roots[1].children[1].category.slug == "cameras");
  REQUIRE(roots[1].children[0].children.size() == 1);
  CHECK(roots[1].children[0].children[0].category.slug == "headphones");
}

TEST_CASE("a category whose parent is missing shows as a root instead of vanishing") {
  auto categories = shop();
  categories.push_back({"c9", "orphan", "Orphan", "gone"});
  auto roots = build_category_tree(categories);
  CHECK(std::any_of(roots.begin(), roots.end(), [](const CategoryNode& n) { return n.category.slug == "orphan"; }));
}

TEST_CASE("a subtree holds the category and all its descendants") {
  CHECK(sorted(subtree_ids(shop(), "c1")) == std::vector<std::string>{"c1", "c2", "c3", "c4"});
  CHECK(subtree_ids(shop(), "c3") == std::vector<std::string>{"c3"});
  CHECK(subtree_ids(shop(), "nope").empty());
}

TEST_CASE("moving a category under itself or a descendant would close a loop") {
  CHECK(would_create_cycle(shop(), "c1", "c1"));
  CHECK(would_create_cycle(shop(), "c1", "c3"));
  CHECK(would_create_cycle(shop(), "c2", "c3"));
  CHECK_FALSE(would_create_cycle(shop(), "c3", "c4"));
  CHECK_FALSE(would_create_cycle(shop(), "c2", "c5"));
  CHECK_FALSE(would_create_cycle(shop(), "c2", ""));
}

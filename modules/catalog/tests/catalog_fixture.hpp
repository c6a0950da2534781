#pragma once
// What the catalog's database tests share: a migrated database, the
// module's services on it, and shorthands for products and categories.
#include <doctest/doctest.h>

#include <map>
#include <memory>
#include <string>

#include "catalog/src/catalog_module_id.hpp"
#include "catalog/src/categories.hpp"
#include "catalog/src/catalog_reads.hpp"
#include "catalog/src/products.hpp"
#include "catalog/src/response_cache.hpp"
#include "catalog/src/reviews.hpp"
#include "emporium/kernel/database.hpp"
#include "emporium/kernel/metrics.hpp"
#include "emporium/user/users.hpp"
#include "test_database.hpp"

namespace emporium::catalog::testing {

// A user directory without the user module: names by id.
class FakeUsers final : public user::Users {
 public:
  std::map<std::string, user::UserSummary> by_id;
  std::optional<user::UserSummary> find(const std::string& user_id) override {
    auto found = by_id.find(user_id);
    if (found == by_id.end()) return std::nullopt;
    return found->second;
  }
  std::optional<user::UserSummary> find_by_email(const std::string& email) override {
    for (const auto& [id, summary] : by_id) {
      if (summary.email == email) return summary;
    }
    return std::nullopt;
  }
};

inline const kernel::Principal kSeller{"usr_seller", kernel::Role::seller};
inline const kernel::Principal kOtherSeller{"usr_other", kernel::Role::seller};
inline const kernel::Principal kAdmin{"usr_admin", kernel::Role::admin};

struct CatalogFixture {
  explicit CatalogFixture(std::string_view prefix, ResponseCache::Options cache_options = {})
      : db(emporium::testing::migrated_database(prefix), 4),
        users(std::make_shared<FakeUsers>()),
        cache(cache_options),
        products(db, cache),
        categories(db, cache),
        reviews(db, cache, users),
        reads(db, cache, metrics) {
    cache.trust_until(ResponseCache::Clock::now() + std::chrono::hours(1));
  }

  std::string category(const std::string& slug, const std::string& name, const std::string& parent_id = "") {
    auto created = categories.create({slug, name, parent_id});
    REQUIRE(created);
    return created->id;
  }

  Product product(const std::string& name, std::int64_t price, const std::string& category_slug = "",
                  const std::string& description = "", const kernel::Principal& seller = kSeller) {
    ProductInput input;
    input.name = name;
    input.description = description;
    if (!category_slug.empty()) input.category = category_slug;
    input.variants.price = price;
    auto created = products.create(seller, input);
    REQUIRE(created);
    return created.value();
  }

  long long count(const std::string& query) {
    return db.transact(catalog_module_id(), [&](kernel::Tx& tx) {
      long long n = 0;
      tx.sql() << query, soci::into(n);
      return n;
    });
  }

  kernel::Database db;
  kernel::Metrics metrics;
  std::shared_ptr<FakeUsers> users;
  ResponseCache cache;
  Products products;
  Categories categories;
  Reviews reviews;
  CatalogReads reads;
};

}  // namespace emporium::catalog::testing

#pragma once
// A fresh migrated database with the inventory's services over a fake
// catalog, and small readers for the tests' checks.
#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "emporium/kernel/database.hpp"
#include "emporium/kernel/metrics.hpp"
#include "fake_catalog.hpp"
#include "inventory/src/inventory_config.hpp"
#include "inventory/src/inventory_module_id.hpp"
#include "inventory/src/inventory_service.hpp"
#include "inventory/src/stock_keeping.hpp"
#include "inventory/src/stock_store.hpp"
#include "test_database.hpp"

namespace emporium::inventory::testing {

inline const kernel::Principal kAdmin{"usr_admin", kernel::Role::admin};
inline const kernel::Principal kSeller{"usr_seller", kernel::Role::seller};
inline const kernel::Principal kOtherSeller{"usr_other", kernel::Role::seller};

struct InventoryFixture {
  explicit InventoryFixture(std::string_view prefix, std::size_t pool_size = 4, InventoryConfig settings = {})
      : db(emporium::testing::migrated_database(prefix), pool_size),
        config(settings),
        service(db, config, metrics),
        stock(db, catalog, config) {}

  // Sets the variant's stock in a warehouse as an admin; the variant must exist in the catalog.
  StockLevel put(const std::string& variant_id, std::int64_t on_hand, std::optional<std::string> warehouse = {}) {
    auto level = stock.set_on_hand(kAdmin, variant_id, {std::move(warehouse), on_hand, false, std::nullopt});
    if (!level) FAIL("set_on_hand failed: " << level.error().message);
    return level.value();
  }

  StockLevel level(const std::string& variant_id) {
    auto found = stock.level(variant_id);
    REQUIRE(found);
    return found.value();
  }

  long long scalar(const std::string& query) {
    return db.transact(inventory_module_id(), [&](kernel::Tx& tx) {
      long long value = 0;
      tx.sql() << query, soci::into(value);
      return value;
    });
  }

  long long events(const std::string& name) {
    return db.transact(inventory_module_id(), [&](kernel::Tx& tx) {
      long long value = 0;
      tx.sql() << "SELECT count(*) FROM inventory.outbox WHERE name = :name", soci::use(name, "name"), soci::into(value);
      return value;
    });
  }

  // A warehouse after those there are: last in allocation order.
  std::string add_warehouse(const std::string& name, const std::string& code) {
    return db.transact(inventory_module_id(), [&](kernel::Tx& tx) {
      std::string id;
      tx.sql() << "INSERT INTO inventory.warehouses (name, code) VALUES (:name, :code) RETURNING id",
          soci::use(name, "name"), soci::use(code, "code"), soci::into(id);
      return id;
    });
  }

  std::string warehouse(const std::string& code) {
    return db.transact(inventory_module_id(), [&](kernel::Tx& tx) {
      std::string id;
      tx.sql() << "SELECT id FROM inventory.warehouses WHERE code = :code", soci::use(code, "code"), soci::into(id);
      return id;
    });
  }

  kernel::Database db;
  InventoryConfig config;
  kernel::Metrics metrics;
  FakeCatalog catalog;
  InventoryService service;
  StockKeeping stock;
};

}  // namespace emporium::inventory::testing

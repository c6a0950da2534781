// The cart's rules without a database: pricing from the catalog of now,
// price-change flags, unavailable products, quantities, currencies, merging
// and who may use a cart.
#include <doctest/doctest.h>

#include "cart/src/pricing.hpp"

using namespace emporium;
using namespace emporium::cart;

namespace {

catalog::VariantRef variant(const std::string& id, std::int64_t price, bool active = true) {
  catalog::VariantRef ref;
  ref.variant_id = id;
  ref.product_id = "prod_" + id;
  ref.seller_id = "usr_seller";
  ref.product_name = "Name " + id;
  ref.sku = "SKU-" + id;
  ref.price_minor = price;
  ref.weight_grams = 250;
  ref.active = active;
  return ref;
}

StoredCart cart_with(std::vector<ItemRow> items, std::string owner = "") {
  StoredCart stored;
  stored.cart.id = "cart_1";
  stored.cart.owner_user_id = std::move(owner);
  stored.cart.status = "active";
  stored.cart.currency = "USD";
  stored.items = std::move(items);
  return stored;
}

ItemRow item(const std::string& variant_id, std::int64_t quantity, std::int64_t seen) {
  return {"item_" + variant_id, variant_id, "prod_" + variant_id, quantity, seen};
}

}  // namespace

TEST_CASE("cart pricing takes the catalog's price of now and totals lines and units") {
  auto priced = price_cart(cart_with({item("a", 2, 1999), item("b", 3, 500)}),
                           {{"a", variant("a", 1999)}, {"b", variant("b", 500)}}, {{"a", 7}, {"b", 3}});
  REQUIRE(priced.items.size() == 2);
  CHECK(priced.items[0].line_total_minor == 3998);
  CHECK(priced.items[1].line_total_minor == 1500);
  CHECK(priced.subtotal_minor == 5498);
  CHECK(priced.item_count == 5);
  CHECK(priced.items[0].available == 7);
  CHECK(priced.items[0].name == "Name a");
  CHECK_FALSE(priced.price_changed);
  CHECK_FALSE(priced.items[0].price_changed);
}

TEST_CASE("cart pricing flags an item whose catalog price differs from the price seen") {
  auto priced = price_cart(cart_with({item("a", 2, 1999), item("b", 1, 500)}),
                           {{"a", variant("a", 2499)}, {"b", variant("b", 500)}}, {{"a", 9}, {"b", 9}});
  CHECK(priced.price_changed);
  CHECK(priced.items[0].price_changed);
  CHECK(priced.items[0].unit_price_minor == 2499);
  CHECK(priced.items[0].item.seen_unit_price_minor == 1999);
  CHECK_FALSE(priced.items[1].price_changed);
  CHECK(priced.subtotal_minor == 2 * 2499 + 500);
}

TEST_CASE("cart pricing shows archived and unknown products as unavailable, outside the subtotal") {
  auto priced = price_cart(cart_with({item("gone", 1, 700), item("old", 2, 300), item("ok", 1, 100)}),
                           {{"old", variant("old", 300, false)}, {"ok", variant("ok", 100)}},
                           {{"old", 5}, {"ok", 5}});
  CHECK(priced.items[0].unavailable);
  CHECK(priced.items[0].available == 0);
  CHECK(priced.items[0].line_total_minor == 0);
  CHECK(priced.items[0].unit_price_minor == 700);
  CHECK(priced.items[1].unavailable);
  CHECK(priced.items[1].available == 0);
  CHECK(priced.items[1].name == "Name old");
  CHECK_FALSE(priced.items[2].unavailable);
  CHECK(priced.subtotal_minor == 100);
  CHECK(priced.item_count == 4);
}

TEST_CASE("cart quantities are 1..999 and never beyond the stock, naming what is available") {
  CHECK(check_quantity(1, 1));
  CHECK(check_quantity(999, 1000));
  CHECK(check_quantity(0, 10).error().code == "validation_failed");
  CHECK(check_quantity(1000, 5000).error().code == "validation_failed");
  auto short_of_stock = check_quantity(4, 3);
  CHECK(short_of_stock.error().code == "insufficient_stock");
  CHECK(short_of_stock.error().message.find("Only 3 available") != std::string::npos);
  CHECK(check_quantity(1, -2).error().message.find("Only 0 available") != std::string::npos);
}

TEST_CASE("cart merge adds quantities up, capped at the stock and 999, never below what was there") {
  CHECK(merged_quantity(0, 3, 10) == 3);
  CHECK(merged_quantity(2, 3, 10) == 5);
  CHECK(merged_quantity(2, 3, 4) == 4);
  CHECK(merged_quantity(0, 3, 0) == 0);
  CHECK(merged_quantity(5, 3, 2) == 5);
  CHECK(merged_quantity(900, 200, 5000) == 999);
}

TEST_CASE("cart holds one currency; an empty cart takes the item's") {
  auto empty = cart_with({});
  CHECK(check_currency(empty, "EUR"));
  auto held = cart_with({item("a", 1, 100)});
  CHECK(check_currency(held, "USD"));
  CHECK(check_currency(held, "EUR").error().code == "currency_mismatch");
}

TEST_CASE("cart access: a guest cart for whoever holds its id, a customer's cart for its owner only") {
  CartRow guest{"cart_g", "", "active"};
  CartRow owned{"cart_o", "usr_a", "active"};
  CHECK(may_use(guest, ""));
  CHECK(may_use(guest, "usr_b"));
  CHECK(may_use(owned, "usr_a"));
  CHECK_FALSE(may_use(owned, "usr_b"));
  CHECK_FALSE(may_use(owned, ""));
}

TEST_CASE("cart checkout view prices lines now, sums weight, refuses empty carts and unavailable products") {
  auto view = checkout_cart(cart_with({item("a", 2, 1000), item("b", 1, 500)}, "usr_a"),
                            {{"a", variant("a", 1200)}, {"b", variant("b", 500)}});
  REQUIRE(view);
  CHECK(view->owner_user_id == "usr_a");
  CHECK(view->lines.size() == 2);
  CHECK(view->lines[0].unit_price_minor == 1200);
  CHECK(view->lines[0].line_total_minor == 2400);
  CHECK(view->lines[0].seller_id == "usr_seller");
  CHECK(view->subtotal_minor == 2900);
  CHECK(view->weight_grams == 750);

  CHECK(checkout_cart(cart_with({}), {}).error().code == "cart_empty");
  auto archived = checkout_cart(cart_with({item("a", 1, 1000)}), {{"a", variant("a", 1000, false)}});
  CHECK(archived.error().code == "product_unavailable");
  CHECK(archived.error().message.find("prod_a") != std::string::npos);
  CHECK(checkout_cart(cart_with({item("z", 1, 1000)}), {}).error().code == "product_unavailable");
}

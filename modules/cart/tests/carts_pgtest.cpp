// The cart service against a real PostgreSQL with an in-memory catalog and
// inventory: guest and customer carts, stock and currency rules, price
// changes, merge, the saga's checkout view and completion, expiry, erasure.
#include <doctest/doctest.h>

#include <atomic>
#include <regex>
#include <set>
#include <thread>
#include <utility>

#include "cart/src/cart_store.hpp"
#include "cart_fixture.hpp"

using namespace emporium;
using namespace emporium::cart;
using namespace emporium::cart::testing;

namespace {

std::int64_t count_items(CartFixture& f) { return f.scalar("SELECT count(*) FROM cart.items"); }

}  // namespace

TEST_CASE("cart: a guest cart has an unguessable id, takes items by product id and adds to a line") {
  CartFixture f("cart_guest");
  auto lamp = f.product("prod_lamp", 1250, 10);
  auto cart = f.guest_cart();
  CHECK(std::regex_match(cart.cart.id, std::regex("cart_[0-9a-f]{32}")));
  CHECK(cart.items.empty());
  CHECK(cart.cart.owner_user_id.empty());
  CHECK_FALSE(cart.cart.expires_at.empty());
  CHECK(f.guest_cart().cart.id != cart.cart.id);

  auto after = f.add(cart.cart.id, "", "prod_lamp", 2);
  REQUIRE(after.items.size() == 1);
  CHECK(after.items[0].item.variant_id == lamp);
  CHECK(after.items[0].item.product_id == "prod_lamp");
  CHECK(std::regex_match(after.items[0].item.id, std::regex("item_[0-9a-f]{20}")));
  after = f.add(cart.cart.id, "usr_anyone", lamp, 3);
  REQUIRE(after.items.size() == 1);
  CHECK(after.items[0].item.quantity == 5);
  CHECK(after.subtotal_minor == 5 * 1250);
  CHECK(after.item_count == 5);
  CHECK(after.items[0].available == 10);
}

TEST_CASE("cart: a customer has one active cart, and no one else can reach it") {
  CartFixture f("cart_customer");
  f.product("prod_mug", 800);
  auto first = f.service.create("usr_a");
  auto again = f.service.create("usr_a");
  auto own = f.service.own("usr_a");
  REQUIRE(first);
  CHECK(first->cart.owner_user_id == "usr_a");
  CHECK(first->cart.expires_at.empty());
  CHECK(again->cart.id == first->cart.id);
  CHECK(own->cart.id == first->cart.id);
  CHECK(f.service.own_cart_id("usr_a") == first->cart.id);
  f.add(first->cart.id, "usr_a", "prod_mug", 1);

  CHECK(f.service.get(first->cart.id, "usr_b").error().code == "not_found");
  CHECK(f.service.get(first->cart.id, "").error().code == "not_found");
  CHECK(f.service.add_item(first->cart.id, "usr_b", {"prod_mug", 1}).error().code == "not_found");
  CHECK(f.service.checkout_view(first->cart.id, "usr_b").error().code == "not_found");
  CHECK(f.service.get("cart_00000000000000000000000000000000", "usr_a").error().code == "not_found");
  CHECK(f.service.own("usr_b")->cart.id != first->cart.id);
}

TEST_CASE("cart: concurrent first requests of one customer end with one cart") {
  CartFixture f("cart_race");
  std::vector<std::thread> threads;
  std::mutex mutex;
  std::set<std::string> ids;
  std::atomic<bool> go{false};
  for (int i = 0; i < 6; ++i) {
    threads.emplace_back([&, i] {
      while (!go) std::this_thread::yield();
      // Both ways in: own() reads the items with the cart, own_cart_id() does not.
      std::string id = i % 2 == 0 ? f.service.own_cart_id("usr_racer") : f.service.own("usr_racer")->cart.id;
      std::lock_guard lock(mutex);
      ids.insert(id);
    });
  }
  go = true;
  for (auto& t : threads) t.join();
  CHECK(ids.size() == 1);
  CHECK(f.scalar("SELECT count(*) FROM cart.carts WHERE owner_user_id = 'usr_racer'") == 1);
}

TEST_CASE("cart: concurrent changes of one cart each see the ones before") {
  // Each add reads the line's quantity after the cart's lock is granted; a
  // read from before the lock wait would lose other threads' units.
  CartFixture f("cart_concurrent_adds");
  const std::string pen = f.product("prod_pen", 100, 1000);
  f.product("prod_ink", 300, 1000);
  const std::string cart_id = f.guest_cart().cart.id;
  constexpr int kThreads = 4, kAdds = 6;
  std::atomic<bool> go{false};
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&] {
      while (!go) std::this_thread::yield();
      for (int n = 0; n < kAdds; ++n) {
        if (!f.service.add_item(cart_id, "", {pen, 1})) ++failures;
      }
    });
  }
  go = true;
  for (auto& t : threads) t.join();
  CHECK(failures == 0);
  CHECK(f.scalar("SELECT quantity FROM cart.items WHERE variant_id = '" + pen + "'") == kThreads * kAdds);

  // A line removed while another is added: both changes stay.
  auto cart = f.add(cart_id, "", "prod_ink", 1);
  const std::string pen_item = cart.items.at(0).item.variant_id == pen ? cart.items.at(0).item.id : cart.items.at(1).item.id;
  std::thread remover([&] { CHECK(f.service.remove_item(cart_id, "", pen_item)); });
  std::thread adder([&] { CHECK(f.service.add_item(cart_id, "", {"prod_ink", 2})); });
  remover.join();
  adder.join();
  auto after = f.service.get(cart_id, "");
  REQUIRE(after);
  REQUIRE(after->items.size() == 1);
  CHECK(after->items[0].item.quantity == 3);
  CHECK(f.service.remove_item(cart_id, "", pen_item).error().code == "not_found");
}

TEST_CASE("cart: stock, quantity, variant and currency rules refuse and write nothing") {
  CartFixture f("cart_rules");
  auto lamp = f.product("prod_lamp", 1000, 3);
  f.product("prod_euro", 900, 10, "EUR");
  f.catalog.add_product("prod_shirt", 1500, 2);
  auto cart = f.guest_cart().cart.id;

  auto short_of_stock = f.service.add_item(cart, "", {lamp, 4});
  CHECK(short_of_stock.error().code == "insufficient_stock");
  CHECK(short_of_stock.error().message.find("Only 3 available") != std::string::npos);
  CHECK(count_items(f) == 0);
  f.add(cart, "", lamp, 2);
  CHECK(f.service.add_item(cart, "", {lamp, 2}).error().code == "insufficient_stock");
  CHECK(f.service.add_item(cart, "", {"var_nowhere", 1}).error().code == "unknown_variant");
  CHECK(f.service.add_item(cart, "", {"prod_shirt", 1}).error().code == "variant_required");
  CHECK(f.service.add_item(cart, "", {"prod_euro", 1}).error().code == "currency_mismatch");
  f.catalog.archive("prod_lamp");
  CHECK(f.service.add_item(cart, "", {lamp, 1}).error().code == "product_unavailable");
  CHECK(f.scalar("SELECT quantity FROM cart.items") == 2);
  CHECK(count_items(f) == 1);

  // The shirt's second variant by its own id; an empty cart takes the currency of its first item.
  f.inventory.set("prod_shirt_v2", 5);
  auto shirts = f.add(f.guest_cart().cart.id, "", "prod_shirt_v2", 1);
  CHECK(shirts.items[0].options == std::map<std::string, std::string>{{"Size", "2"}});
  auto euros = f.add(f.guest_cart().cart.id, "", "prod_euro", 1);
  CHECK(euros.cart.currency == "EUR");
  CHECK(euros.items[0].currency == "EUR");
}

TEST_CASE("cart: quantities change and items go away, only in their own cart") {
  CartFixture f("cart_items");
  auto lamp = f.product("prod_lamp", 1000, 5);
  auto mug = f.product("prod_mug", 300, 5);
  auto cart = f.guest_cart().cart.id;
  auto other = f.guest_cart().cart.id;
  auto filled = f.add(cart, "", lamp, 1);
  filled = f.add(cart, "", mug, 1);
  const auto lamp_item = filled.items[0].item.id;
  const auto mug_item = filled.items[1].item.id;

  auto changed = f.service.set_quantity(cart, "", lamp_item, 4);
  REQUIRE(changed);
  CHECK(changed->items[0].item.quantity == 4);
  CHECK(f.service.set_quantity(cart, "", lamp_item, 6).error().code == "insufficient_stock");
  CHECK(f.service.set_quantity(other, "", lamp_item, 1).error().code == "not_found");
  CHECK(f.service.remove_item(other, "", lamp_item).error().code == "not_found");

  auto removed = f.service.remove_item(cart, "", mug_item);
  REQUIRE(removed);
  REQUIRE(removed->items.size() == 1);
  CHECK(removed->subtotal_minor == 4000);
  CHECK(f.service.remove_item(cart, "", mug_item).error().code == "not_found");
}

TEST_CASE("cart: a request reads the catalog and the inventory once each, whatever the cart holds") {
  CartFixture f("cart_round_trips");
  f.product("prod_lamp", 1000, 5);
  f.product("prod_mug", 300, 5);
  auto cart = f.guest_cart().cart.id;
  // Each step: {catalog calls, inventory calls} it made.
  auto reads = [&f, before = std::pair{0, 0}]() mutable {
    const std::pair now{f.catalog.calls(), f.inventory.calls()};
    const std::pair spent{now.first - before.first, now.second - before.second};
    before = now;
    return spent;
  };
  reads();

  f.add(cart, "", "prod_lamp", 1);  // by product id, into an empty cart: all it prices was read for the check
  CHECK(reads() == std::pair{1, 1});
  auto filled = f.add(cart, "", "prod_mug", 2);  // the lamp is priced by one more read of each
  CHECK(reads() == std::pair{2, 2});
  REQUIRE(filled.items.size() == 2);
  CHECK(filled.subtotal_minor == 1000 + 2 * 300);
  CHECK(filled.items[1].available == 5);

  REQUIRE(f.service.get(cart, ""));
  CHECK(reads() == std::pair{1, 1});
  auto changed = f.service.set_quantity(cart, "", filled.items[0].item.id, 3);
  REQUIRE(changed);
  CHECK(changed->subtotal_minor == 3 * 1000 + 2 * 300);
  CHECK(reads() == std::pair{1, 1});
  REQUIRE(f.service.checkout_view(cart, ""));
  CHECK(reads() == std::pair{1, 0});

  CHECK(f.service.add_item(cart, "", {"prod_nowhere", 1}).error().code == "unknown_variant");
}

TEST_CASE("cart: a price change shows the old price until the customer sets the quantity again") {
  CartFixture f("cart_price");
  auto lamp = f.product("prod_lamp", 1000, 10);
  auto cart = f.guest_cart().cart.id;
  auto added = f.add(cart, "", lamp, 2);
  CHECK_FALSE(added.price_changed);

  f.catalog.set_price(lamp, 1200);
  auto seen = f.service.get(cart, "");
  REQUIRE(seen);
  CHECK(seen->price_changed);
  CHECK(seen->items[0].price_changed);
  CHECK(seen->items[0].unit_price_minor == 1200);
  CHECK(seen->items[0].item.seen_unit_price_minor == 1000);
  CHECK(seen->subtotal_minor == 2400);

  auto view = f.service.checkout_view(cart, "");
  REQUIRE(view);
  CHECK(view->lines[0].unit_price_minor == 1200);

  auto acknowledged = f.service.set_quantity(cart, "", seen->items[0].item.id, 3);
  REQUIRE(acknowledged);
  CHECK_FALSE(acknowledged->price_changed);
  CHECK(acknowledged->subtotal_minor == 3600);
}

TEST_CASE("cart: merge moves a guest cart into the customer's, capped at the stock") {
  CartFixture f("cart_merge");
  auto lamp = f.product("prod_lamp", 1000, 3);
  auto mug = f.product("prod_mug", 300, 10);
  auto gone = f.product("prod_gone", 300, 0);
  auto own = f.service.own("usr_a")->cart.id;
  f.add(own, "usr_a", lamp, 1);
  auto guest = f.guest_cart().cart.id;
  f.add(guest, "", lamp, 3);
  f.add(guest, "", mug, 2);
  f.inventory.set(gone, 1);
  f.add(guest, "", gone, 1);
  f.inventory.set(gone, 0);

  CHECK(f.service.merge(own, "usr_a").error().code == "cannot_merge_own_cart");
  CHECK(f.service.merge(own, "usr_b").error().code == "not_found");
  auto merged = f.service.merge(guest, "usr_a");
  REQUIRE(merged);
  CHECK(merged->cart.id == own);
  REQUIRE(merged->items.size() == 2);
  CHECK(merged->items[0].item.variant_id == lamp);
  CHECK(merged->items[0].item.quantity == 3);
  CHECK(merged->items[1].item.variant_id == mug);
  CHECK(merged->items[1].item.quantity == 2);
  CHECK(f.service.get(guest, "").error().code == "not_found");
  CHECK(f.service.merge(guest, "usr_a").error().code == "not_found");
  CHECK(f.scalar("SELECT count(*) FROM cart.items WHERE cart_id IN (SELECT id FROM cart.carts WHERE status = "
                 "'merged')") == 0);

  // A guest cart in another currency does not merge into a cart that holds items.
  auto euro = f.product("prod_euro", 500, 5, "EUR");
  auto euros = f.guest_cart().cart.id;
  f.add(euros, "", euro, 1);
  CHECK(f.service.merge(euros, "usr_a").error().code == "currency_mismatch");
  CHECK(f.service.get(euros, "")->items.size() == 1);
}

TEST_CASE("cart: merge into a customer without a cart creates it and takes the guest's currency") {
  CartFixture f("cart_merge_new");
  auto euro = f.product("prod_euro", 500, 5, "EUR");
  auto guest = f.guest_cart().cart.id;
  f.add(guest, "", euro, 2);
  auto merged = f.service.merge(guest, "usr_new");
  REQUIRE(merged);
  CHECK(merged->cart.owner_user_id == "usr_new");
  CHECK(merged->cart.currency == "EUR");
  CHECK(merged->items.size() == 1);
}

TEST_CASE("cart: the checkout view refuses unknown, foreign, empty and unavailable carts") {
  CartFixture f("cart_checkout_view");
  auto lamp = f.product("prod_lamp", 1000, 5);
  auto mug = f.product("prod_mug", 250, 5);
  auto own = f.service.own("usr_a")->cart.id;
  CHECK(f.service.checkout_view(own, "usr_a").error().code == "cart_empty");
  CHECK(f.service.checkout_view(own, "").error().code == "not_found");
  CHECK(f.service.checkout_view("cart_nowhere", "usr_a").error().code == "not_found");
  f.add(own, "usr_a", lamp, 2);
  f.add(own, "usr_a", mug, 1);

  auto view = f.service.checkout_view(own, "usr_a");
  REQUIRE(view);
  CHECK(view->cart_id == own);
  CHECK(view->owner_user_id == "usr_a");
  CHECK(view->currency == "USD");
  REQUIRE(view->lines.size() == 2);
  CHECK(view->lines[0].variant_id == lamp);
  CHECK(view->lines[0].seller_id == "usr_seller");
  CHECK(view->lines[0].line_total_minor == 2000);
  CHECK(view->subtotal_minor == 2250);
  CHECK(view->weight_grams == 300);

  // A customer may buy a guest cart, whose id is the capability.
  auto guest = f.guest_cart().cart.id;
  f.add(guest, "", mug, 1);
  CHECK(f.service.checkout_view(guest, "usr_a"));
  CHECK(f.service.checkout_view(guest, ""));

  f.catalog.archive("prod_mug");
  auto unavailable = f.service.checkout_view(own, "usr_a");
  CHECK(unavailable.error().code == "product_unavailable");
  CHECK(unavailable.error().message.find("prod_mug") != std::string::npos);
  auto shown = f.service.get(own, "usr_a");
  CHECK(shown->items[1].unavailable);
  CHECK(shown->items[1].available == 0);
  CHECK(shown->subtotal_minor == 2000);
}

TEST_CASE("cart: completing a checkout empties the cart once, idempotently, and the customer starts a new one") {
  CartFixture f("cart_complete");
  auto lamp = f.product("prod_lamp", 1000, 5);
  auto own = f.service.own("usr_a")->cart.id;
  f.add(own, "usr_a", lamp, 2);

  CHECK(f.service.complete_checkout(own, "ord_1"));
  CHECK(f.service.complete_checkout(own, "ord_1"));
  CHECK(f.service.complete_checkout(own, "ord_2").error().code == "already_checked_out");
  CHECK(f.service.complete_checkout("cart_nowhere", "ord_1").error().code == "not_found");
  CHECK(f.scalar("SELECT count(*) FROM cart.items") == 0);
  CHECK(f.scalar("SELECT count(*) FROM cart.carts WHERE order_id = 'ord_1' AND status = 'checked_out'") == 1);
  CHECK(f.service.checkout_view(own, "usr_a").error().code == "not_found");
  CHECK(f.service.add_item(own, "usr_a", {lamp, 1}).error().code == "not_found");
  auto next = f.service.own("usr_a");
  REQUIRE(next);
  CHECK(next->cart.id != own);
  CHECK(next->items.empty());

  // A guest cart that expires while its order is paid is completed all the same.
  auto guest = f.guest_cart().cart.id;
  f.add(guest, "", lamp, 1);
  f.execute("UPDATE cart.carts SET expires_at = now() - interval '1 second' WHERE id = '" + guest + "'");
  CHECK(f.service.complete_checkout(guest, "ord_3"));
  CHECK(f.scalar("SELECT count(*) FROM cart.carts WHERE order_id = 'ord_3'") == 1);
}

TEST_CASE("cart: expired guest carts disappear in batches; every write extends a guest cart's life") {
  CartFixture f("cart_expiry", CartConfig{std::chrono::hours(48), std::chrono::milliseconds(100)});
  auto lamp = f.product("prod_lamp", 1000, 500);
  std::vector<std::string> old;
  for (std::int64_t i = 0; i < CartService::kExpiryBatch + 5; ++i) old.push_back(f.guest_cart().cart.id);
  f.add(old[0], "", lamp, 1);
  auto kept = f.guest_cart().cart.id;
  auto customer = f.service.own("usr_a")->cart.id;
  f.execute("UPDATE cart.carts SET expires_at = now() - interval '1 second' WHERE owner_user_id IS NULL");
  f.execute("UPDATE cart.carts SET expires_at = now() + interval '1 hour' WHERE id = '" + kept + "'");

  CHECK(f.service.get(old[0], "").error().code == "not_found");
  CHECK(f.service.expire_batch());
  CHECK(f.scalar("SELECT count(*) FROM cart.carts WHERE owner_user_id IS NULL") == 6);
  CHECK(f.service.expire_batch());
  CHECK_FALSE(f.service.expire_batch());
  CHECK(f.scalar("SELECT count(*) FROM cart.carts") == 2);
  CHECK(f.scalar("SELECT count(*) FROM cart.items") == 0);
  CHECK(f.service.get(customer, "usr_a"));

  f.add(kept, "", lamp, 1);
  CHECK(f.scalar("SELECT count(*) FROM cart.carts WHERE id = '" + kept +
                 "' AND expires_at > now() + interval '47 hours'") == 1);
}

TEST_CASE("cart: a deleted user's carts are erased, and the export lists what the cart keeps") {
  CartFixture f("cart_erasure");
  auto lamp = f.product("prod_lamp", 1000, 5);
  auto own = f.service.own("usr_a")->cart.id;
  f.add(own, "usr_a", lamp, 2);
  f.service.complete_checkout(own, "ord_1");
  auto current = f.service.own("usr_a")->cart.id;
  f.add(current, "usr_a", lamp, 1);
  f.service.own("usr_b");

  auto carts = f.db.transact(cart_module_id(), [](kernel::Tx& tx) { return CartStore(tx).carts_of("usr_a"); });
  REQUIRE(carts.size() == 2);
  CHECK(carts[0].cart.order_id == "ord_1");
  CHECK(carts[0].items.empty());
  REQUIRE(carts[1].items.size() == 1);
  CHECK(carts[1].items[0].quantity == 1);
  CHECK(carts[1].items[0].seen_unit_price_minor == 1000);

  auto erased = f.db.transact(cart_module_id(), [](kernel::Tx& tx) { return CartStore(tx).erase_user("usr_a"); });
  CHECK(erased == 2);
  CHECK(f.scalar("SELECT count(*) FROM cart.carts WHERE owner_user_id = 'usr_a'") == 0);
  CHECK(f.scalar("SELECT count(*) FROM cart.items") == 0);
  CHECK(f.scalar("SELECT count(*) FROM cart.carts WHERE owner_user_id = 'usr_b'") == 1);
}

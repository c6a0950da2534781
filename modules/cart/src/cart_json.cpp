#include "cart_json.hpp"

#include <boost/json/array.hpp>

#include "emporium/kernel/money.hpp"

namespace emporium::cart {
namespace {

boost::json::value text_or_null(const std::string& text) {
  if (text.empty()) return nullptr;
  return boost::json::value(text);
}

}  // namespace

boost::json::object item_json(const PricedItem& item) {
  boost::json::object options;
  for (const auto& [name, value] : item.options) options[name] = value;
  return {{"id", item.item.id},
          {"product_id", item.item.product_id},
          {"variant_id", item.item.variant_id},
          {"name", item.name},
          {"options", std::move(options)},
          {"sku", item.sku},
          {"image_url", item.image_url},
          {"unit_price", kernel::amount_json(item.unit_price_minor)},
          {"quantity", item.item.quantity},
          {"line_total", kernel::amount_json(item.line_total_minor)},
          {"currency", item.currency},
          {"available", item.available},
          {"unavailable", item.unavailable},
          {"price_changed", item.price_changed},
          {"previous_unit_price",
           item.price_changed ? kernel::amount_json(item.item.seen_unit_price_minor) : boost::json::value(nullptr)}};
}

boost::json::object cart_json(const PricedCart& cart) {
  boost::json::array items;
  for (const auto& item : cart.items) items.push_back(item_json(item));
  return {{"id", cart.cart.id},
          {"items", std::move(items)},
          {"subtotal", kernel::amount_json(cart.subtotal_minor)},
          {"currency", cart.cart.currency},
          {"item_count", cart.item_count},
          {"price_changed", cart.price_changed},
          {"created_at", cart.cart.created_at},
          {"updated_at", cart.cart.updated_at},
          {"expires_at", text_or_null(cart.cart.expires_at)}};
}

boost::json::object stored_cart_json(const StoredCart& cart) {
  boost::json::array items;
  for (const auto& item : cart.items) {
    items.push_back({{"id", item.id},
                     {"product_id", item.product_id},
                     {"variant_id", item.variant_id},
                     {"quantity", item.quantity},
                     {"unit_price_when_added", kernel::amount_json(item.seen_unit_price_minor)},
                     {"currency", cart.cart.currency}});
  }
  return {{"id", cart.cart.id},
          {"status", cart.cart.status},
          {"order_id", text_or_null(cart.cart.order_id)},
          {"currency", cart.cart.currency},
          {"items", std::move(items)},
          {"created_at", cart.cart.created_at},
          {"updated_at", cart.cart.updated_at}};
}

}  // namespace emporium::cart

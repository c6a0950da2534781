#include "pricing.hpp"

#include <algorithm>

namespace emporium::cart {
namespace {

const catalog::VariantRef* sold(const Variants& variants, const std::string& variant_id) {
  auto it = variants.find(variant_id);
  if (it == variants.end() || !it->second.active) return nullptr;
  return &it->second;
}

}  // namespace

PricedCart price_cart(const StoredCart& stored, const Variants& variants, const Availability& available) {
  PricedCart out;
  out.cart = stored.cart;
  for (const auto& item : stored.items) {
    PricedItem priced;
    priced.item = item;
    priced.currency = stored.cart.currency;
    priced.unit_price_minor = item.seen_unit_price_minor;
    if (auto known = variants.find(item.variant_id); known != variants.end()) {
      const auto& ref = known->second;
      priced.name = ref.product_name;
      priced.sku = ref.sku;
      priced.image_url = ref.image_url;
      priced.options = ref.options;
      priced.unit_price_minor = ref.price_minor;
    }
    if (sold(variants, item.variant_id) == nullptr) {
      priced.unavailable = true;
    } else {
      auto stock = available.find(item.variant_id);
      priced.available = stock == available.end() ? 0 : stock->second;
      priced.line_total_minor = priced.unit_price_minor * item.quantity;
      priced.price_changed = priced.unit_price_minor != item.seen_unit_price_minor;
    }
    out.subtotal_minor += priced.line_total_minor;
    out.item_count += item.quantity;
    out.price_changed = out.price_changed || priced.price_changed;
    out.items.push_back(std::move(priced));
  }
  return out;
}

kernel::Status check_quantity(std::int64_t quantity, std::int64_t available) {
  if (quantity < kMinQuantity || quantity > kMaxQuantity) {
    return kernel::Error{"validation_failed", "A cart line holds between 1 and 999 units; this one would hold " +
                                                  std::to_string(quantity) + "."};
  }
  if (quantity > available) {
    return kernel::Error{"insufficient_stock", "Only " + std::to_string(available < 0 ? 0 : available) +
                                                   " available; the line would hold " + std::to_string(quantity) +
                                                   "."};
  }
  return kernel::Ok{};
}

std::int64_t merged_quantity(std::int64_t existing, std::int64_t incoming, std::int64_t available) {
  std::int64_t wanted = std::min(existing + incoming, kMaxQuantity);
  std::int64_t capped = std::min(wanted, std::max<std::int64_t>(available, 0));
  return std::max(existing, capped);
}

kernel::Status check_currency(const StoredCart& cart, const std::string& currency) {
  if (cart.items.empty() || cart.cart.currency == currency) return kernel::Ok{};
  return kernel::Error{"currency_mismatch", "The cart holds " + cart.cart.currency + " items; this one costs " +
                                                currency + ". A cart has one currency."};
}

bool may_use(const CartRow& cart, const std::string& user_id) {
  return cart.owner_user_id.empty() || cart.owner_user_id == user_id;
}

kernel::Result<CheckoutCart> checkout_cart(const StoredCart& stored, const Variants& variants) {
  if (stored.items.empty()) return kernel::Error{"cart_empty", "The cart has no items."};
  CheckoutCart out;
  out.cart_id = stored.cart.id;
  out.owner_user_id = stored.cart.owner_user_id;
  out.currency = stored.cart.currency;
  for (const auto& item : stored.items) {
    const auto* ref = sold(variants, item.variant_id);
    if (ref == nullptr) {
      return kernel::Error{"product_unavailable", "Product " + item.product_id + " is no longer sold."};
    }
    CheckoutLine line{item.id, item.variant_id, item.product_id, ref->seller_id, ref->product_name, ref->sku,
                      ref->options, ref->image_url, ref->price_minor, item.quantity,
                      ref->price_minor * item.quantity, ref->weight_grams};
    out.subtotal_minor += line.line_total_minor;
    out.weight_grams += static_cast<std::int64_t>(line.weight_grams) * line.quantity;
    out.lines.push_back(std::move(line));
  }
  return out;
}

}  // namespace emporium::cart

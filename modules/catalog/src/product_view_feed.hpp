#pragma once
// The catalog's ProductViewFeed: the listeners registered at start, told of
// every product detail read served.
#include <string_view>
#include <vector>

#include "emporium/catalog/product_views.hpp"

namespace emporium::catalog {

class ProductViews final : public ProductViewFeed {
 public:
  // Listeners register at start, before traffic, so reads need no lock.
  void listen(Listener listener) override { listeners_.push_back(std::move(listener)); }
  void viewed(std::string_view product_id) const {
    for (const auto& listener : listeners_) listener(product_id);
  }

 private:
  std::vector<Listener> listeners_;
};

}  // namespace emporium::catalog

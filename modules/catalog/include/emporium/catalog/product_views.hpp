#pragma once
// Product page views as an in-process feed, provided by the catalog at
// start: `context.services.get<catalog::ProductViewFeed>()`. Shopper
// behaviour for reports (analytics) without the catalog knowing who counts.
#include <functional>
#include <string_view>

namespace emporium::catalog {

class ProductViewFeed {
 public:
  using Listener = std::function<void(std::string_view product_id)>;
  virtual ~ProductViewFeed() = default;
  // `listener` is called once for every product detail read served (cache
  // hits too), on the serving thread: it must be cheap and never block (count
  // in memory, write in batches). Register at start, before traffic.
  virtual void listen(Listener listener) = 0;
};

}  // namespace emporium::catalog

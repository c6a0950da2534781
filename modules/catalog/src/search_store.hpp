#pragma once
// Full-text product search in PostgreSQL.
//
// Each query word becomes a prefix term ("headph" finds "headphones"); a
// word that starts no word of any product or category name is widened to
// the three known words most similar to it by trigrams (pg_trgm), so a
// misspelt word still finds its products. All words must match (in the
// name, category or description). Relevance is the weighted ts_rank (name
// A, category B, description C) plus the trigram similarity of the whole
// query to the name, so the closest name comes first.
#include "emporium/kernel/database.hpp"
#include "listing_query.hpp"
#include "product.hpp"

namespace emporium::catalog {

class SearchStore {
 public:
  explicit SearchStore(kernel::Tx& tx) : tx_(tx) {}

  // Active products only.
  Paged<ProductSummary> search(const SearchQuery& query);

 private:
  kernel::Tx& tx_;
};

}  // namespace emporium::catalog

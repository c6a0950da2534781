#pragma once
// Events the catalog publishes (payloads are JSON objects).
namespace emporium::catalog::events {

// {"product_id", "seller_id", "status": "active"|"archived"}: created, edited or archived.
inline constexpr const char* kProductChanged = "catalog.product_changed";
// {"product_id", "review_id", "user_id", "rating"}
inline constexpr const char* kReviewAdded = "catalog.review_added";
inline constexpr int kVersion = 1;

}  // namespace emporium::catalog::events

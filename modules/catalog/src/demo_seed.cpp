#include "demo_seed.hpp"

#include <algorithm>
#include <chrono>
#include <optional>
#include <random>
#include <stdexcept>

#include "cache_feed.hpp"
#include "catalog_module_id.hpp"
#include "demo_data.hpp"
#include "emporium/kernel/log.hpp"
#include "seed_store.hpp"

namespace emporium::catalog {
namespace {

constexpr std::size_t kChunk = 2000;
// The demo customer reviews every fifth of the first products.
constexpr std::size_t kReviewedProducts = 1000;
constexpr std::size_t kReviewEvery = 5;

void add_demo_reviews(SeedStore& store, const std::optional<user::UserSummary>& customer,
                      const std::vector<std::string>& reviewed_ids) {
  if (!customer || reviewed_ids.empty()) return;
  static const std::vector<std::string> kTitles = {"Great value", "Does the job", "Love it", "Solid quality",
                                                   "Would buy again"};
  std::vector<int> ratings;
  std::vector<std::string> titles;
  for (std::size_t i = 0; i < reviewed_ids.size(); ++i) {
    ratings.push_back(3 + static_cast<int>((i * 7) % 3));
    titles.push_back(kTitles[i % kTitles.size()]);
  }
  store.insert_reviews(customer->id, customer->name, reviewed_ids, ratings, titles);
}

}  // namespace

void seed_demo_catalog(kernel::Database& db, user::Users& users, ResponseCache& cache,
                       const kernel::SeedOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  const auto seller = users.find_by_email(std::string(user::kDemoSeller.email));
  if (!seller) throw std::runtime_error("the demo seller account is missing; the user module seeds it first");
  const auto customer = users.find_by_email(std::string(user::kDemoCustomer.email));
  const auto count = static_cast<std::size_t>(std::max(options.products, 0));
  const std::uint64_t run_seed = std::random_device{}() ^ (std::uint64_t{std::random_device{}()} << 32);

  const bool seeded = db.transact(catalog_module_id(), [&](kernel::Tx& tx) {
    SeedStore store(tx);
    if (store.has_products()) return false;
    store.insert_categories(demo_categories());
    std::vector<std::string> reviewed;
    for (std::size_t first = 0; first < count; first += kChunk) {
      std::vector<DemoProduct> chunk;
      for (std::size_t index = first; index < std::min(count, first + kChunk); ++index) {
        chunk.push_back(demo_product(index, count, run_seed));
        if (index < kReviewedProducts && index % kReviewEvery == 0) reviewed.push_back(chunk.back().id);
      }
      store.insert_products(seller->id, chunk);
    }
    add_demo_reviews(store, customer, reviewed);
    notify_cache_change(tx, CacheChange::everything());
    return true;
  });
  cache.invalidate_all();
  const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
  if (!seeded) {
    kernel::log::info("catalog", "the catalog already has products; demo products not added");
    return;
  }
  kernel::log::info("catalog", "demo catalog loaded",
                    {{"products", static_cast<std::int64_t>(count)},
                     {"categories", static_cast<std::int64_t>(demo_categories().size())},
                     {"milliseconds", static_cast<std::int64_t>(elapsed.count())}});
}

}  // namespace emporium::catalog

#pragma once
// Prometheus text exposition: request counts and latency histograms by
// route, method and status, plus gauges read at scrape time and counters
// that modules increment (business counters).
#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace emporium::kernel {

class Counter {
 public:
  void increment(double by = 1) {
    double current = value_.load(std::memory_order_relaxed);
    while (!value_.compare_exchange_weak(current, current + by, std::memory_order_relaxed)) {
    }
  }
  double value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0};
};

class Metrics {
 public:
  void observe_request(std::string_view route, std::string_view method, int status, double seconds);
  void add_gauge(std::string name, std::string help, std::function<double()> read);
  Counter& counter(const std::string& name, const std::string& help);
  std::string render() const;

  static const std::vector<double>& latency_buckets();

 private:
  struct RequestSeries {
    std::vector<std::uint64_t> bucket_counts;
    std::uint64_t count = 0;
    double sum = 0;
  };
  struct Gauge {
    std::string name, help;
    std::function<double()> read;
  };
  struct NamedCounter {
    std::string help;
    std::unique_ptr<Counter> counter;
  };
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, RequestSeries> requests_;
  std::vector<Gauge> gauges_;
  std::map<std::string, NamedCounter> counters_;
};

}  // namespace emporium::kernel

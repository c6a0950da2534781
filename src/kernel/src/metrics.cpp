#include "emporium/kernel/metrics.hpp"

#include <fmt/format.h>

namespace emporium::kernel {
namespace {

std::string escape_label(std::string_view value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  return out;
}

}  // namespace

const std::vector<double>& Metrics::latency_buckets() {
  static const std::vector<double> buckets{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
  return buckets;
}

void Metrics::observe_request(std::string_view route, std::string_view method, int status, double seconds) {
  const auto& buckets = latency_buckets();
  std::lock_guard lock(mutex_);
  auto& series = requests_[{std::string(route), std::string(method), status}];
  if (series.bucket_counts.empty()) series.bucket_counts.assign(buckets.size(), 0);
  for (std::size_t i = 0; i < buckets.size(); ++i) {
    if (seconds <= buckets[i]) ++series.bucket_counts[i];
  }
  ++series.count;
  series.sum += seconds;
}

void Metrics::add_gauge(std::string name, std::string help, std::function<double()> read) {
  std::lock_guard lock(mutex_);
  gauges_.push_back({std::move(name), std::move(help), std::move(read)});
}

Counter& Metrics::counter(const std::string& name, const std::string& help) {
  std::lock_guard lock(mutex_);
  auto& entry = counters_[name];
  if (!entry.counter) {
    entry.help = help;
    entry.counter = std::make_unique<Counter>();
  }
  return *entry.counter;
}

std::string Metrics::render() const {
  std::string out;
  std::lock_guard lock(mutex_);
  out += "# HELP emporium_http_requests_total HTTP requests by route, method and status.\n";
  out += "# TYPE emporium_http_requests_total counter\n";
  for (const auto& [key, series] : requests_) {
    const auto& [route, method, status] = key;
    out += fmt::format("emporium_http_requests_total{{route=\"{}\",method=\"{}\",status=\"{}\"}} {}\n",
                       escape_label(route), method, status, series.count);
  }
  out += "# HELP emporium_http_request_duration_seconds HTTP request latency.\n";
  out += "# TYPE emporium_http_request_duration_seconds histogram\n";
  const auto& buckets = latency_buckets();
  for (const auto& [key, series] : requests_) {
    const auto& [route, method, status] = key;
    std::string labels = fmt::format("route=\"{}\",method=\"{}\",status=\"{}\"", escape_label(route), method, status);
    for (std::size_t i = 0; i < buckets.size(); ++i) {
      out += fmt::format("emporium_http_request_duration_seconds_bucket{{{},le=\"{}\"}} {}\n", labels, buckets[i],
                         series.bucket_counts[i]);
    }
    out += fmt::format("emporium_http_request_duration_seconds_bucket{{{},le=\"+Inf\"}} {}\n", labels, series.count);
    out += fmt::format("emporium_http_request_duration_seconds_sum{{{}}} {}\n", labels, series.sum);
    out += fmt::format("emporium_http_request_duration_seconds_count{{{}}} {}\n", labels, series.count);
  }
  for (const auto& gauge : gauges_) {
    out += fmt::format("# HELP {} {}\n# TYPE {} gauge\n{} {}\n", gauge.name, gauge.help, gauge.name, gauge.name,
                       gauge.read());
  }
  // A counter named with labels (`name{reason="x"}`) shares its family's
  // HELP and TYPE lines; the map keeps a family's series together.
  std::string family;
  for (const auto& [name, entry] : counters_) {
    std::string base = name.substr(0, name.find('{'));
    if (base != family) {
      out += fmt::format("# HELP {} {}\n# TYPE {} counter\n", base, entry.help, base);
      family = base;
    }
    out += fmt::format("{} {}\n", name, entry.counter->value());
  }
  return out;
}

}  // namespace emporium::kernel

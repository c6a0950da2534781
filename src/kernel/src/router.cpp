#include "emporium/kernel/router.hpp"

#include <algorithm>
#include <stdexcept>

namespace emporium::kernel {
namespace {

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> segments;
  std::size_t start = 0;
  while (start <= path.size()) {
    auto slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    if (slash > start) segments.emplace_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return segments;
}

bool is_param(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

// Returns the number of literal segments matched (higher is more specific),
// or -1 when the pattern does not match.
int match_segments(const Route& route, const std::vector<std::string>& path,
                   std::vector<std::pair<std::string, std::string>>* params) {
  if (route.segments.size() != path.size()) return -1;
  int literal = 0;
  for (std::size_t i = 0; i < path.size(); ++i) {
    const auto& segment = route.segments[i];
    if (is_param(segment)) {
      if (params) params->emplace_back(segment.substr(1, segment.size() - 2), path[i]);
    } else if (segment == path[i]) {
      ++literal;
    } else {
      return -1;
    }
  }
  return literal;
}

}  // namespace

void Router::add(std::string_view method, std::string_view pattern, Handler handler, RouteOptions options) {
  if (pattern.empty() || pattern.front() != '/') throw std::invalid_argument("route pattern must start with /");
  Route route{std::string(method), std::string(pattern), split_path(pattern), std::move(handler), std::move(options)};
  for (const auto& existing : routes_) {
    if (existing.method == route.method && existing.segments == route.segments) {
      throw std::invalid_argument("duplicate route " + route.method + " " + route.pattern);
    }
  }
  routes_.push_back(std::move(route));
}

RouteMatch Router::match(std::string_view method, std::string_view path) const {
  RouteMatch result;
  auto segments = split_path(path);
  int best = -1;
  for (const auto& route : routes_) {
    int score = match_segments(route, segments, nullptr);
    if (score < 0) continue;
    bool same_method = route.method == method || (method == "HEAD" && route.method == "GET");
    if (!same_method) {
      if (std::find(result.allowed_methods.begin(), result.allowed_methods.end(), route.method) ==
          result.allowed_methods.end()) {
        result.allowed_methods.push_back(route.method);
      }
      continue;
    }
    // An exact GET beats the HEAD fallback; more literal segments beat params.
    score = score * 2 + (route.method == method ? 1 : 0);
    if (score > best) {
      best = score;
      result.route = &route;
    }
  }
  if (result.route != nullptr) {
    match_segments(*result.route, segments, &result.params);
    result.allowed_methods.clear();
  } else if (!result.allowed_methods.empty()) {
    if (std::find(result.allowed_methods.begin(), result.allowed_methods.end(), "GET") != result.allowed_methods.end()) {
      result.allowed_methods.push_back("HEAD");
    }
    std::sort(result.allowed_methods.begin(), result.allowed_methods.end());
  }
  return result;
}

}  // namespace emporium::kernel

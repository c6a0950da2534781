#pragma once
// Method + path routing with `{param}` segments. A path that matches with
// another method gives the allowed methods for a 405.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "emporium/kernel/http.hpp"

namespace emporium::kernel {

using Handler = std::function<http::Response(http::Request&)>;

// Where a handler runs: blocking work (SQL) must stay off the IO threads.
enum class RunsOn { worker_pool, io_thread };

struct RouteOptions {
  std::string rate_class = "default";  // key of `rate_limits` in the config
  RunsOn runs_on = RunsOn::worker_pool;
};

struct Route {
  std::string method;
  std::string pattern;
  std::vector<std::string> segments;
  Handler handler;
  RouteOptions options;
};

struct RouteMatch {
  const Route* route = nullptr;  // null: no route for this method and path
  std::vector<std::pair<std::string, std::string>> params;
  std::vector<std::string> allowed_methods;  // non-empty: the path exists with these methods
};

class Router {
 public:
  void add(std::string_view method, std::string_view pattern, Handler handler, RouteOptions options = {});
  RouteMatch match(std::string_view method, std::string_view path) const;

 private:
  std::vector<Route> routes_;
};

}  // namespace emporium::kernel

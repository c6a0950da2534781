#include <boost/json/serialize.hpp>

#include "jwks.hpp"
#include "routes.hpp"

namespace emporium::user {

void add_jwks_route(kernel::Router& router, const UserServices& services) {
  // The keys never change while the process runs: render once, serve from
  // the IO thread.
  auto document = boost::json::serialize(jwks_document(services.tokens.keys()));
  router.add("GET", "/.well-known/jwks.json", [document](kernel::http::Request&) {
    auto response = kernel::http::Response::json(200, document);
    response.set_header("Cache-Control", "public, max-age=300");
    return response;
  }, {"default", kernel::RunsOn::io_thread});
}

}  // namespace emporium::user

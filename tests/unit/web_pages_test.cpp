#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "web_routes.hpp"

using emporium::app::WebPages;
using emporium::kernel::EmbeddedFile;
namespace http = emporium::kernel::http;

namespace {
const std::vector<EmbeddedFile> kFiles = {
    {"web/index.html", "<!doctype html><p>store</p>"},
    {"web/admin/index.html", "<!doctype html><p>admin</p>"},
    {"web/assets/store/main.js", "export {};"},
    {"web/assets/shared/base.css", "body{}"},
    {"migrations/user/001_schema.sql", "select 1;"},
};

http::Response get(const WebPages& pages, std::string path, std::string if_none_match = "") {
  http::Request request;
  request.method = "GET";
  request.path = std::move(path);
  request.request_id = "test";
  if (!if_none_match.empty()) request.headers.emplace_back("If-None-Match", if_none_match);
  return pages.serve(request);
}
}  // namespace

TEST_CASE("web pages: files by path with their content type and cache policy") {
  WebPages pages(kFiles);
  auto script = get(pages, "/assets/store/main.js");
  CHECK(script.status == 200);
  CHECK(script.body == "export {};");
  CHECK(script.header("Content-Type") == "text/javascript; charset=utf-8");
  CHECK(script.header("Cache-Control") == "public, max-age=3600");
  CHECK(get(pages, "/assets/shared/base.css").header("Content-Type") == "text/css; charset=utf-8");
  auto home = get(pages, "/");
  CHECK(home.body == "<!doctype html><p>store</p>");
  CHECK(home.header("Content-Type") == "text/html; charset=utf-8");
  CHECK(home.header("Cache-Control") == "no-cache");
  CHECK(get(pages, "/migrations/user/001_schema.sql").status == 404);  // only web/ is served
}

TEST_CASE("web pages: client-side routes get their app's shell, missing files and /api stay 404") {
  WebPages pages(kFiles);
  CHECK(get(pages, "/products/prod_1").body == "<!doctype html><p>store</p>");
  CHECK(get(pages, "/administrator").body == "<!doctype html><p>store</p>");
  CHECK(get(pages, "/admin").body == "<!doctype html><p>admin</p>");
  CHECK(get(pages, "/admin/orders/ord_1").body == "<!doctype html><p>admin</p>");
  CHECK(get(pages, "/assets/store/missing.js").status == 404);
  CHECK(get(pages, "/assets/store/nothing").status == 404);
  CHECK(get(pages, "/favicon.ico").status == 404);
  auto api = get(pages, "/api/v1/nothing");
  CHECK(api.status == 404);
  CHECK(api.header("Content-Type") == "application/problem+json");
}

TEST_CASE("web pages: ETag revalidation answers 304 without a body") {
  WebPages pages(kFiles);
  auto first = get(pages, "/assets/store/main.js");
  auto etag = std::string(first.header("ETag").value_or(""));
  REQUIRE(etag.size() > 2);
  auto again = get(pages, "/assets/store/main.js", etag);
  CHECK(again.status == 304);
  CHECK(again.body.empty());
  CHECK(again.header("ETag") == etag);
  CHECK(get(pages, "/assets/store/main.js", "\"other\", W/" + etag).status == 304);
  CHECK(get(pages, "/assets/store/main.js", "\"other\"").status == 200);
  CHECK(get(pages, "/assets/shared/base.css", etag).status == 200);  // another file's tag
  auto shell = get(pages, "/");
  auto shell_again = get(pages, "/account", std::string(shell.header("ETag").value_or("")));
  CHECK(shell_again.status == 304);
  // The browser merges a 304's headers into its copy: the type keeps the page CSP.
  CHECK(shell_again.header("Content-Type") == "text/html; charset=utf-8");
}

#include "web_routes.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>

#include "emporium/kernel/problem.hpp"

namespace emporium::app {
namespace {

constexpr std::string_view kRoot = "web";
constexpr std::string_view kStoreShell = "/index.html";
constexpr std::string_view kAdminShell = "/admin/index.html";
// No hashed file names without a build step: assets are cached for an hour,
// then revalidated with their ETag. Shells are always revalidated.
constexpr std::string_view kAssetCache = "public, max-age=3600";
constexpr std::string_view kShellCache = "no-cache";

std::string etag_of(std::string_view content) {
  std::uint64_t hash = 1469598103934665603ULL;  // FNV-1a 64
  for (unsigned char c : content) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  char text[24];
  std::snprintf(text, sizeof text, "\"%016llx\"", static_cast<unsigned long long>(hash));
  return text;
}

bool starts_with_segment(std::string_view path, std::string_view prefix) {
  return path == prefix || (path.starts_with(prefix) && path.size() > prefix.size() && path[prefix.size()] == '/');
}

// If-None-Match: "*" or a list of (possibly weak) tags.
bool matches(std::string_view if_none_match, std::string_view etag) {
  if (if_none_match == "*") return true;
  std::size_t start = 0;
  while (start < if_none_match.size()) {
    auto comma = if_none_match.find(',', start);
    if (comma == std::string_view::npos) comma = if_none_match.size();
    auto tag = if_none_match.substr(start, comma - start);
    while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
    while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    if (tag == etag) return true;
    start = comma + 1;
  }
  return false;
}

// The last path segment has an extension: a file was asked for, not a page.
bool names_a_file(std::string_view path) {
  auto slash = path.rfind('/');
  auto last = slash == std::string_view::npos ? path : path.substr(slash + 1);
  return last.find('.') != std::string_view::npos;
}

}  // namespace

std::string_view WebPages::content_type(std::string_view path) {
  struct Type {
    std::string_view extension;
    std::string_view type;
  };
  static constexpr Type kTypes[] = {
      {".html", "text/html; charset=utf-8"},  {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
      {".svg", "image/svg+xml"},              {".png", "image/png"},
      {".ico", "image/x-icon"},               {".json", "application/json"},
      {".webmanifest", "application/manifest+json"}, {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},  {".jpg", "image/jpeg"},
      {".webp", "image/webp"},
  };
  for (const auto& t : kTypes) {
    if (path.ends_with(t.extension)) return t.type;
  }
  return "application/octet-stream";
}

WebPages::WebPages(const std::vector<kernel::EmbeddedFile>& files) {
  for (const auto& file : files) {
    if (!file.path.starts_with(kRoot) || file.path.size() <= kRoot.size() || file.path[kRoot.size()] != '/') continue;
    std::string url(file.path.substr(kRoot.size()));
    auto type = content_type(url);
    pages_.emplace_back(std::move(url), Page{file.content, type, etag_of(file.content), type.starts_with("text/html")});
  }
  std::sort(pages_.begin(), pages_.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
}

const WebPages::Page* WebPages::find(std::string_view path) const {
  auto it = std::lower_bound(pages_.begin(), pages_.end(), path,
                             [](const auto& entry, std::string_view key) { return entry.first < key; });
  return it != pages_.end() && it->first == path ? &it->second : nullptr;
}

kernel::http::Response WebPages::serve(const kernel::http::Request& request) const {
  const std::string_view path = request.path;
  auto not_found = [&] { return kernel::to_response(kernel::Problem::not_found("No resource at " + request.path + "."), request.request_id); };
  if (starts_with_segment(path, "/api")) return not_found();

  const Page* page = path.ends_with('/') ? find(std::string(path) + "index.html") : find(path);
  if (page == nullptr) {
    // A client-side route gets its app's shell; a missing file stays missing.
    if (names_a_file(path) || starts_with_segment(path, "/assets")) return not_found();
    page = find(starts_with_segment(path, "/admin") ? kAdminShell : kStoreShell);
    if (page == nullptr) return not_found();
  }

  kernel::http::Response response;
  response.set_header("ETag", page->etag);
  response.set_header("Cache-Control", page->shell ? kShellCache : kAssetCache);
  // Also on a 304: a browser merges its headers into the cached answer, and
  // the pipeline picks the page CSP (instead of `default-src 'none'`) by type.
  response.set_header("Content-Type", page->content_type);
  if (auto tag = request.header("If-None-Match"); tag && matches(*tag, page->etag)) {
    response.status = 304;
    return response;
  }
  response.status = 200;
  response.body.assign(page->content);
  return response;
}

kernel::Route web_pages_route(const WebPages& pages) {
  return kernel::Route{"GET", "<web>", {}, [&pages](kernel::http::Request& request) { return pages.serve(request); },
                       kernel::RouteOptions{"default", kernel::RunsOn::io_thread}};
}

}  // namespace emporium::app

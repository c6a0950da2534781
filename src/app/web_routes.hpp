#pragma once
// The web pages (web/ in the source tree, embedded in the binary): the
// storefront at /, the admin dashboard at /admin. A GET or HEAD that no API
// route takes gets the file at that path, or, for a client-side route, the
// shell of its app. Unknown /api paths stay 404 problems.
#include <string_view>
#include <vector>

#include "emporium/kernel/embedded_file.hpp"
#include "emporium/kernel/http.hpp"
#include "emporium/kernel/router.hpp"

namespace emporium::app {

class WebPages {
 public:
  // files: paths relative to the source tree, those under "web/" are served.
  explicit WebPages(const std::vector<kernel::EmbeddedFile>& files);
  kernel::http::Response serve(const kernel::http::Request& request) const;

  static std::string_view content_type(std::string_view path);

 private:
  struct Page {
    std::string_view content;
    std::string_view content_type;
    std::string etag;
    bool shell;  // an HTML page: revalidated on every use
  };
  const Page* find(std::string_view path) const;

  std::vector<std::pair<std::string, Page>> pages_;  // by URL path, sorted
};

// The pipeline's fallback route that serves `pages` (which must outlive it):
// `pipeline.set_fallback(web_pages_route(pages))`. Logs and metrics name it
// `<web>`, one label for every page path.
kernel::Route web_pages_route(const WebPages& pages);

}  // namespace emporium::app

#pragma once
// A file carried inside the binary (config defaults, SQL migrations, web pages).
#include <string_view>
#include <vector>

namespace emporium::kernel {

struct EmbeddedFile {
  std::string_view path;  // relative to the source tree, e.g. "migrations/user/001_schema.sql"
  std::string_view content;
};

}  // namespace emporium::kernel

namespace emporium::generated {
// Generated at build time by cmake/EmbedFiles.cmake.
const std::vector<kernel::EmbeddedFile>& embedded_config();      // config/emporium.json
const std::vector<kernel::EmbeddedFile>& embedded_migrations();  // migrations/**/*.sql
const std::vector<kernel::EmbeddedFile>& embedded_web();         // web/** (the pages)
}  // namespace emporium::generated

#include "emporium/kernel/statement_kind.hpp"

#include <algorithm>
#include <cctype>
#include <string>

namespace emporium::kernel {
namespace {

std::string upper_keyword(std::string_view query) {
  std::size_t at = 0;
  while (at < query.size() && std::isspace(static_cast<unsigned char>(query[at]))) ++at;
  std::size_t end = at;
  while (end < query.size() && std::isalpha(static_cast<unsigned char>(query[end]))) ++end;
  std::string keyword(query.substr(at, end - at));
  std::transform(keyword.begin(), keyword.end(), keyword.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return keyword;
}

}  // namespace

bool is_cacheable_statement(std::string_view query) {
  if (query.find(';') != std::string_view::npos || query.starts_with(kPlannedEachCall)) return false;
  const std::string keyword = upper_keyword(query);
  return keyword == "SELECT" || keyword == "INSERT" || keyword == "UPDATE" || keyword == "DELETE" ||
         keyword == "WITH" || keyword == "VALUES";
}

bool reads_only(std::string_view query) {
  if (!is_cacheable_statement(query)) return false;
  const std::string keyword = upper_keyword(query);
  if (keyword != "SELECT" && keyword != "VALUES") return false;
  std::string lower(query);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const std::string_view effect : {"pg_notify", "nextval", "setval", "set_config", "pg_advisory", "lo_"}) {
    if (lower.find(effect) != std::string::npos) return false;
  }
  return true;
}

}  // namespace emporium::kernel

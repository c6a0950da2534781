#include "rate_store.hpp"

namespace emporium::shipping {

std::optional<StoredRates> RateStore::latest() {
  StoredRates out;
  long long version = 0;
  tx_.sql() << "SELECT version, CAST(body AS text), shipping.rfc3339(created_at) FROM shipping.rate_tables "
               "ORDER BY version DESC LIMIT 1",
      soci::into(version), soci::into(out.body), soci::into(out.created_at);
  if (!tx_.sql().got_data()) return std::nullopt;
  out.version = version;
  return out;
}

StoredRates RateStore::insert(const std::string& body, const std::string& created_by) {
  StoredRates out{0, body, {}};
  long long version = 0;
  tx_.sql() << "INSERT INTO shipping.rate_tables (body, created_by) VALUES (CAST(:body AS jsonb), :by) "
               "RETURNING version, shipping.rfc3339(created_at)",
      soci::use(body, "body"), soci::use(created_by, "by"), soci::into(version), soci::into(out.created_at);
  out.version = version;
  return out;
}

}  // namespace emporium::shipping

#include "emporium/kernel/event_store.hpp"


namespace emporium::kernel {

std::vector<Event> stored_events(Database& db, const std::vector<ModuleId>& sources,
                                 const std::vector<std::string>& names) {
  if (sources.empty() || names.empty()) return {};
  // One round trip: a UNION ALL over the outboxes (schema names come from
  // the modules' ids, never from input), filtered by the bound name array
  // (pushed down into each branch) and ordered by the true time.
  std::string branches;
  for (std::size_t i = 0; i < sources.size(); ++i) {
    if (i > 0) branches += " UNION ALL ";
    branches += "SELECT id::text AS id, name, version, payload::text AS payload, occurred_at, " + std::to_string(i) +
                " AS source FROM " + quote_identifier(sources[i].schema) + ".outbox";
  }
  const std::string query =
      "SELECT id, name, version, payload, "
      "to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), source FROM (" +
      branches + ") AS stored WHERE name = ANY(CAST(:names AS text[])) ORDER BY occurred_at, id";
  std::string array = "{";
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) array += ",";
    array += "\"";
    for (char c : names[i]) {
      if (c == '"' || c == '\\') array += '\\';
      array += c;
    }
    array += "\"";
  }
  array += "}";
  return db.with_session([&](soci::session& sql) {
    std::vector<Event> events;
    soci::rowset<soci::row> rows = (sql.prepare << query, soci::use(array, "names"));
    for (const soci::row& row : rows) {
      Event event;
      event.id = row.get<std::string>(0);
      event.name = row.get<std::string>(1);
      event.version = row.get<int>(2);
      event.payload = row.get<std::string>(3);
      event.occurred_at = row.get<std::string>(4);
      event.source = sources.at(static_cast<std::size_t>(row.get<int>(5))).name;
      events.push_back(std::move(event));
    }
    return events;
  });
}

}  // namespace emporium::kernel

#pragma once
// What a statement's text says about it, for the connection's statement
// cache and for how a unit of work ends (see database.hpp).
#include <string_view>

namespace emporium::kernel {

// Put in front of a statement that PostgreSQL should plan on every call
// instead of once per connection. Meant for the few frequent statements
// over tables that grow from empty whose good plan depends on the table's
// size (the event dispatcher's probe, an UPDATE joined to a batch): a plan
// cached while the table was empty, a sequential scan, would be kept until
// autovacuum's first ANALYZE, up to minutes later, and read the whole table
// on every call meanwhile. Planning costs tens of microseconds, so only for
// statements that run a few times a second, not per request.
inline constexpr std::string_view kPlannedEachCall = "/* planned each call */ ";

// True for one statement whose plan PostgreSQL can cache: a single
// SELECT/INSERT/UPDATE/DELETE/WITH/VALUES (no `;`, no utility command, not
// marked kPlannedEachCall).
bool is_cacheable_statement(std::string_view query);

// True for a cacheable statement that cannot change anything: a SELECT or
// VALUES that calls none of the functions with effects a commit makes
// lasting (pg_notify, sequences, settings, advisory locks, large objects).
// A WITH may hold an INSERT, so it never counts.
bool reads_only(std::string_view query);

}  // namespace emporium::kernel

#pragma once
// What a statement's text says about it, for the connection's statement
// cache and for how a unit of work ends (see database.hpp).
#include <string_view>

namespace emporium::kernel {

// True for one statement whose plan PostgreSQL can cache: a single
// SELECT/INSERT/UPDATE/DELETE/WITH/VALUES (no `;`, no utility command).
bool is_cacheable_statement(std::string_view query);

// True for a cacheable statement that cannot change anything: a SELECT or
// VALUES that calls none of the functions with effects a commit makes
// lasting (pg_notify, sequences, settings, advisory locks, large objects).
// A WITH may hold an INSERT, so it never counts.
bool reads_only(std::string_view query);

}  // namespace emporium::kernel

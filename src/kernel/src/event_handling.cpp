#include "event_handling.hpp"

#include <cstdint>
#include <exception>
#include <random>
#include <stdexcept>

#include "emporium/kernel/log.hpp"
#include "emporium/kernel/sql_text.hpp"

namespace emporium::kernel::detail {
namespace {

constexpr std::size_t kMaxErrorBytes = 2000;

std::size_t utf8_sequence_length(std::string_view text, std::size_t at) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(at);
  if (lead >= 0x01 && lead < 0x80) return 1;
  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;  // UTF-16 surrogates are not characters
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (at + length > text.size()) return 0;
  if (byte(at + 1) < low || byte(at + 1) > high) return 0;
  for (std::size_t i = 2; i < length; ++i) {
    if (byte(at + i) < 0x80 || byte(at + i) > 0xBF) return 0;
  }
  return length;
}

// An exception's message can hold anything, but PostgreSQL rejects text
// that is not valid UTF-8 (and NUL): a bad message must not turn a counted
// failed attempt into an uncounted database error.
std::string storable_error(std::string_view what) {
  std::string out;
  std::size_t at = 0;
  while (at < what.size()) {
    const std::size_t length = utf8_sequence_length(what, at);
    const std::string_view piece = length == 0 ? std::string_view("?") : what.substr(at, length);
    if (out.size() + piece.size() > kMaxErrorBytes) break;
    out += piece;
    at += length == 0 ? 1 : length;
  }
  return out;
}

double unit_random() {
  thread_local std::mt19937_64 generator{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(generator);
}

}  // namespace

HandlingOutcome handle_under_savepoint(Tx& tx, const Subscription& subscription, const std::vector<Event>& events,
                                       std::string_view savepoint, std::string& error) {
  soci::session& sql = tx.sql();
  const std::string name(savepoint);
  try {
    if (subscription.batch_handler) {
      Tx batch_tx(tx, subscription.consumer);
      subscription.batch_handler(events, batch_tx);
      if (batch_tx.is_rollback_only()) {
        sql << "ROLLBACK TO SAVEPOINT " + name + "; RELEASE SAVEPOINT " + name;
        return HandlingOutcome::rolled_back;
      }
    } else {
      for (const Event& event : events) {
        Tx handler_tx(tx, subscription.consumer);
        subscription.handler(event, handler_tx);
        if (handler_tx.is_rollback_only()) throw std::runtime_error("a handler rolled back its event");
      }
    }
    // Synchronous, inside the try: it also sends the handlers' deferred
    // writes, and a refusal of one of them is this batch's failure.
    sql << "RELEASE SAVEPOINT " + name;
    return HandlingOutcome::handled;
  } catch (const std::exception& e) {
    error = e.what();
  } catch (...) {
    error = "unknown exception";
  }
  sql << "ROLLBACK TO SAVEPOINT " + name + "; RELEASE SAVEPOINT " + name;
  return HandlingOutcome::failed;
}


void record_failed_attempt(soci::session& sql, const Subscription& subscription, const Event& event, int attempt,
                           const std::string& failure, const DispatcherOptions& options) {
  const bool park = attempt >= options.max_attempts;
  std::string status = park ? "parked" : "pending";
  long long delay_ms = retry_delay(options, attempt, unit_random()).count();
  std::string error = storable_error(failure);
  std::string event_id = event.id;
  sql << "UPDATE " + quote_identifier(subscription.consumer.schema) +
             ".inbox SET attempts = :attempt, last_error = :error, status = :status,"
             " next_attempt_at = now() + CAST(:delay AS bigint) * interval '1 millisecond'"
             " WHERE event_id = CAST(:id AS uuid) AND subscriber = :subscriber",
      soci::use(attempt, "attempt"), soci::use(error, "error"), soci::use(status, "status"),
      soci::use(delay_ms, "delay"), soci::use(event_id, "id"), soci::use(subscription.subscriber, "subscriber");
  const std::initializer_list<log::Field> fields = {
      {"event_id", event.id},
      {"event", event.name},
      {"subscriber", subscription.subscriber},
      {"attempt", static_cast<std::int64_t>(attempt)},
      {"max_attempts", static_cast<std::int64_t>(options.max_attempts)},
      {"retry_in_ms", static_cast<std::int64_t>(park ? 0 : delay_ms)},
      {"error", error},
  };
  if (park) {
    log::error("events", "event delivery parked after its last attempt", fields);
  } else {
    log::warn("events", "event delivery failed, will retry", fields);
  }
}

}  // namespace emporium::kernel::detail

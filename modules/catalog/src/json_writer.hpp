#pragma once
// A forward-only JSON text writer for the catalog's responses. Building the
// text directly is what lets amounts appear as `19.99` (a JSON number with
// at most two decimals) and lets JSON read from PostgreSQL (attributes,
// images) pass through unparsed; it is also the cheapest way to fill the
// response cache.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace emporium::catalog {

class JsonWriter {
 public:
  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view name);

  JsonWriter& string(std::string_view text);
  JsonWriter& integer(std::int64_t value);
  JsonWriter& boolean(bool value);
  JsonWriter& null();
  // Minor units as a decimal number: 1999 -> 19.99.
  JsonWriter& amount(std::int64_t minor);
  // A value that is already JSON text (from jsonb, or another writer).
  JsonWriter& raw(std::string_view json);
  // A string, or null when empty.
  JsonWriter& string_or_null(std::string_view text);

  const std::string& text() const { return out_; }
  std::string take() { return std::move(out_); }

 private:
  void before_value();
  void open(char bracket);
  void close(char bracket);

  std::string out_;
  // Per open container: whether it already holds an element.
  std::vector<bool> filled_;
  bool after_key_ = false;
};

// `text` as a JSON string literal, quotes included.
void append_json_string(std::string& out, std::string_view text);

}  // namespace emporium::catalog

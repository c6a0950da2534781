#pragma once
// Expected failures are values: Result<T> holds either a T or an Error with a
// stable machine code. Exceptions are kept for bugs and broken infrastructure.
#include <string>
#include <utility>
#include <variant>

namespace emporium::kernel {

struct Error {
  std::string code;     // stable snake_case word, e.g. "checksum_mismatch"
  std::string message;  // one human-readable line
};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}
  Result(Error error) : state_(std::move(error)) {}

  bool has_value() const { return state_.index() == 0; }
  explicit operator bool() const { return has_value(); }
  T& value() & { return std::get<0>(state_); }
  const T& value() const& { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  const Error& error() const { return std::get<1>(state_); }

 private:
  std::variant<T, Error> state_;
};

struct Ok {};
using Status = Result<Ok>;

}  // namespace emporium::kernel

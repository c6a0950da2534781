#pragma once
// What the catalog's services return: a value, or a failure with a stable
// code and, for validation, the bad fields (problems.cpp makes the HTTP
// answer of it).
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "emporium/kernel/problem.hpp"

namespace emporium::catalog {

struct Failure {
  std::string code;  // not_found, forbidden, validation_failed, sku_taken, slug_taken, ...
  std::string message;
  std::vector<kernel::FieldError> fields;

  static Failure not_found(std::string message) { return {"not_found", std::move(message), {}}; }
  static Failure invalid(std::vector<kernel::FieldError> fields) {
    return {"validation_failed", "Some fields are invalid.", std::move(fields)};
  }
  static Failure invalid(std::string field, std::string message) {
    return invalid(std::vector<kernel::FieldError>{{std::move(field), std::move(message)}});
  }
};

template <class T>
class [[nodiscard]] Outcome {
 public:
  Outcome(T value) : state_(std::move(value)) {}
  Outcome(Failure failure) : state_(std::move(failure)) {}

  bool has_value() const { return state_.index() == 0; }
  explicit operator bool() const { return has_value(); }
  T& value() & { return std::get<0>(state_); }
  const T& value() const& { return std::get<0>(state_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Failure& failure() const { return std::get<1>(state_); }

 private:
  std::variant<T, Failure> state_;
};

struct Done {};

}  // namespace emporium::catalog

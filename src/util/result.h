#pragma once

// The one way a function in src/ says it failed on bad input: it returns a Result<T> (a value
// or an error message) or a Status (nothing or an error message). Both are [[nodiscard]]: a
// failure cannot be dropped by accident. The message names where (file:line:col, JSON path,
// request) and what was expected and found; it starts lowercase.

#include <cassert>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>

namespace athena::util {

/// An error message, to build a failed Result or Status: `return util::Error{"x: bad"};`.
struct Error {
  std::string message;
};

/// A value of type T, or an error: a message (Error), or a typed error E where callers need
/// more than text (an AWS call's HTTP status, code and attempts: `Result<T, aws::AwsError>`).
template <class T, class E = Error> class [[nodiscard]] Result {
public:
  Result(T value) : v_(std::move(value)) {} // NOLINT(google-explicit-constructor)
  Result(E error) : v_(std::move(error)) {} // NOLINT(google-explicit-constructor)

  [[nodiscard]] bool ok() const { return v_.index() == 0; }
  [[nodiscard]] explicit operator bool() const { return ok(); }

  /// The value; asserts ok().
  [[nodiscard]] T& value() & {
    assert(ok());
    return std::get<0>(v_);
  }
  [[nodiscard]] const T& value() const& {
    assert(ok());
    return std::get<0>(v_);
  }
  [[nodiscard]] T&& value() && {
    assert(ok());
    return std::get<0>(std::move(v_));
  }
  [[nodiscard]] T& operator*() & { return value(); }
  [[nodiscard]] const T& operator*() const& { return value(); }
  [[nodiscard]] T&& operator*() && { return std::move(*this).value(); }
  [[nodiscard]] T* operator->() { return &value(); }
  [[nodiscard]] const T* operator->() const { return &value(); }

  /// The error message (the typed error for a Result<T, E>); asserts !ok().
  [[nodiscard]] const auto& error() const {
    assert(!ok());
    if constexpr (std::is_same_v<E, Error>) {
      return std::get<1>(v_).message;
    } else {
      return std::get<1>(v_);
    }
  }

private:
  std::variant<T, E> v_;
};

/// Success, or an error message.
class [[nodiscard]] Status {
public:
  Status() = default;
  Status(Error error) : error_(std::move(error.message)), failed_(true) {} // NOLINT

  [[nodiscard]] static Status success() { return {}; }

  [[nodiscard]] bool ok() const { return !failed_; }
  [[nodiscard]] explicit operator bool() const { return ok(); }

  /// The error message; asserts !ok().
  [[nodiscard]] const std::string& error() const {
    assert(failed_);
    return error_;
  }

private:
  std::string error_;
  bool failed_ = false;
};

} // namespace athena::util

// Errors are values. Every fallible call returns Status or Result<T>; nothing
// in the public API throws: each entry point catches at its boundary, turning
// std::bad_alloc into ResourceExhausted and any other exception into Internal
// (with its what()).
//
// Invariants:
//  - An OK Status carries no message.
//  - A non-OK Status message names what failed and where (table, bucket,
//    offset, server or file), so a host engine can show it to a user as is.
//  - retriable() is true only for failures where repeating the same call later
//    can succeed (network, timeout, leader moved). Retry loops consult it and
//    nothing else.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>  // kept for includers that relied on it

#include "fluss_native/export.h"

namespace fluss_native {

enum class StatusCode : int {
  kOk = 0,
  kInvalidArgument,     // bad user input: statement, property, address
  kNotFound,            // database, table, partition, snapshot does not exist
  kAlreadyExists,
  kAuthentication,      // SASL failed or missing
  kAuthorization,
  kSchema,              // schema missing or incompatible
  kNetwork,             // connect/read/write failed, connection closed
  kTimeout,             // deadline passed
  kNotLeader,           // bucket leader moved or unavailable
  kCorruption,          // bytes from server or file fail validation
  kUnsupported,         // a feature or format we refuse rather than misread
  kOutOfRange,          // offset out of range
  kCancelled,
  kServerError,         // any other error code the server reported
  kInternal,            // a bug in fluss-native
  kResourceExhausted,   // out of memory (an allocation failed); never Corruption
};

// Short stable name, e.g. "NotFound".
FN_EXPORT const char* StatusCodeName(StatusCode code);

class FN_EXPORT Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message, bool retriable = false,
         int server_error_code = 0)
      : code_(code),
        retriable_(retriable),
        server_error_code_(server_error_code),
        message_(std::move(message)) {}

  static Status OK() { return Status(); }
  static Status InvalidArgument(std::string m) { return {StatusCode::kInvalidArgument, std::move(m)}; }
  static Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
  static Status Network(std::string m) { return {StatusCode::kNetwork, std::move(m), true}; }
  static Status Timeout(std::string m) { return {StatusCode::kTimeout, std::move(m), true}; }
  static Status Corruption(std::string m) { return {StatusCode::kCorruption, std::move(m)}; }
  static Status Unsupported(std::string m) { return {StatusCode::kUnsupported, std::move(m)}; }
  static Status Cancelled(std::string m) { return {StatusCode::kCancelled, std::move(m)}; }
  static Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }
  static Status ResourceExhausted(std::string m) { return {StatusCode::kResourceExhausted, std::move(m)}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  bool retriable() const { return retriable_; }
  // The Fluss wire error code when the server reported the failure, else 0.
  int server_error_code() const { return server_error_code_; }
  const std::string& message() const { return message_; }

  // "NotFound: table 'db.t' does not exist". Never throws: when memory for
  // the text cannot be had, returns the code's name alone (or "" at worst).
  std::string ToString() const;

  // Returns a copy whose message is "<context>: <message>", keeping code and
  // retriability. Used to add the table/bucket/server a lower layer did not
  // know. Never throws: without memory for the longer message, the copy keeps
  // the code and an empty message.
  Status WithContext(const std::string& context) const;

 private:
  StatusCode code_ = StatusCode::kOk;
  bool retriable_ = false;
  int server_error_code_ = 0;
  std::string message_;
};

// Holds either a value or a non-OK Status.
//
// value() (and * and ->) has the precondition ok(). Breaking it is a bug in
// the caller, but this library lives in someone else's process, so it must
// neither throw (std::get would throw bad_variant_access) nor abort: value()
// on an error returns a value-initialised T (an empty vector, a null pointer,
// false), created on first use and kept in the Result, while status() still
// reports the error. The alternatives were worse: a throw escapes into a host
// built without exceptions, an abort takes the host down, and returning
// through an invalid reference is undefined behaviour. The cost is that T
// must be default-constructible wherever value() is used (checked at compile
// time; FN_ASSIGN_OR_RETURN, which tests ok() first, works for any T) and a
// Result holds room for a T next to its Status. Creating the fallback value
// mutates the Result, so two threads must not call value() at once on the
// same failed Result.
template <typename T>
class Result;

namespace internal {
// For FN_ASSIGN_OR_RETURN only, after it has checked ok().
struct ResultAccess {
  template <typename T>
  static T&& TakeCheckedValue(Result<T>&& r) { return std::move(*r.value_); }
};
}  // namespace internal

template <typename T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {  // NOLINT
    if (status_.ok()) {
      status_ = Status::Internal("Result constructed from an OK status without a value");
    }
  }

  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }
  // Precondition: ok(). On an error, a value-initialised T (see above).
  T& value() & { return Stored(); }
  const T& value() const& { return Stored(); }
  T&& value() && { return std::move(Stored()); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  T& Stored() const {
    if (!value_.has_value()) {
      static_assert(std::is_default_constructible_v<T>,
                    "Result<T>::value() needs a default-constructible T for its error fallback");
      value_.emplace();
    }
    return *value_;
  }

  friend struct internal::ResultAccess;
  Status status_;  // OK exactly when value_ holds the result
  mutable std::optional<T> value_;
};

}  // namespace fluss_native

#define FN_CONCAT_INNER(a, b) a##b
#define FN_CONCAT(a, b) FN_CONCAT_INNER(a, b)

#define FN_RETURN_IF_ERROR(expr)                   \
  do {                                             \
    ::fluss_native::Status _fn_st = (expr);        \
    if (!_fn_st.ok()) return _fn_st;               \
  } while (0)

#define FN_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr)   \
  auto tmp = (expr);                               \
  if (!tmp.ok()) return tmp.status();              \
  lhs = ::fluss_native::internal::ResultAccess::TakeCheckedValue(std::move(tmp))

#define FN_ASSIGN_OR_RETURN(lhs, expr) \
  FN_ASSIGN_OR_RETURN_IMPL(FN_CONCAT(_fn_result_, __LINE__), lhs, expr)

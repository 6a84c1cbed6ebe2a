// Errors are values. Every fallible call returns Status or Result<T>; nothing
// in the public API throws.
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
#include <utility>
#include <variant>

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
};

// Short stable name, e.g. "NotFound".
const char* StatusCodeName(StatusCode code);

class Status {
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

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  bool retriable() const { return retriable_; }
  // The Fluss wire error code when the server reported the failure, else 0.
  int server_error_code() const { return server_error_code_; }
  const std::string& message() const { return message_; }

  // "NotFound: table 'db.t' does not exist"
  std::string ToString() const;

  // Returns a copy whose message is "<context>: <message>", keeping code and
  // retriability. Used to add the table/bucket/server a lower layer did not know.
  Status WithContext(const std::string& context) const;

 private:
  StatusCode code_ = StatusCode::kOk;
  bool retriable_ = false;
  int server_error_code_ = 0;
  std::string message_;
};

// Holds either a value or a non-OK Status.
template <typename T>
class Result {
 public:
  Result(T value) : storage_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : storage_(std::move(status)) {  // NOLINT
    if (std::get<Status>(storage_).ok()) {
      storage_ = Status::Internal("Result constructed from an OK status without a value");
    }
  }

  bool ok() const { return std::holds_alternative<T>(storage_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(storage_);
  }
  // Precondition: ok().
  T& value() & { return std::get<T>(storage_); }
  const T& value() const& { return std::get<T>(storage_); }
  T&& value() && { return std::get<T>(std::move(storage_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> storage_;
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
  lhs = std::move(tmp).value()

#define FN_ASSIGN_OR_RETURN(lhs, expr) \
  FN_ASSIGN_OR_RETURN_IMPL(FN_CONCAT(_fn_result_, __LINE__), lhs, expr)

// The no-throw boundary of the public API (status.h): every entry point runs
// its body through CallAtBoundary, which turns an escaping exception into a
// Status. A failed allocation is ResourceExhausted (never Corruption: the
// input was not at fault), anything else Internal with its what().
#pragma once

#include <exception>
#include <new>
#include <string>

#include "fluss_native/status.h"

namespace fluss_native {

// The Status for the exception being handled; call only inside a catch
// block. Allocation-free when even the message cannot be built (the Status
// then has the code alone).
inline Status CurrentExceptionStatus(const char* what) noexcept {
  auto make = [](StatusCode code, const char* prefix, const char* what, const char* detail) noexcept {
    try {
      std::string message = std::string(prefix) + what;
      if (detail != nullptr) message += std::string(": ") + detail;
      return Status(code, std::move(message));
    } catch (...) {
      return Status(code, std::string());
    }
  };
  try {
    throw;
  } catch (const std::bad_alloc&) {
    return make(StatusCode::kResourceExhausted, "out of memory in ", what, nullptr);
  } catch (const std::exception& e) {
    return make(StatusCode::kInternal, "exception in ", what, e.what());
  } catch (...) {
    return make(StatusCode::kInternal, "exception in ", what, nullptr);
  }
}

// Runs `body` (returning Status or Result<T>); an exception becomes the
// returned error. `what` names the entry point, e.g. "Client::ScanLog".
template <typename Body>
auto CallAtBoundary(const char* what, Body&& body) noexcept -> decltype(body()) {
  try {
    return body();
  } catch (...) {
    return CurrentExceptionStatus(what);
  }
}

}  // namespace fluss_native

#include "fluss_native/status.h"

namespace fluss_native {

const char* StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "OK";
    case StatusCode::kInvalidArgument: return "InvalidArgument";
    case StatusCode::kNotFound: return "NotFound";
    case StatusCode::kAlreadyExists: return "AlreadyExists";
    case StatusCode::kAuthentication: return "Authentication";
    case StatusCode::kAuthorization: return "Authorization";
    case StatusCode::kSchema: return "Schema";
    case StatusCode::kNetwork: return "Network";
    case StatusCode::kTimeout: return "Timeout";
    case StatusCode::kNotLeader: return "NotLeader";
    case StatusCode::kCorruption: return "Corruption";
    case StatusCode::kUnsupported: return "Unsupported";
    case StatusCode::kOutOfRange: return "OutOfRange";
    case StatusCode::kCancelled: return "Cancelled";
    case StatusCode::kServerError: return "ServerError";
    case StatusCode::kInternal: return "Internal";
    case StatusCode::kResourceExhausted: return "ResourceExhausted";
  }
  return "Unknown";
}

// Both are called on error paths, often right after an allocation failed, and
// by hosts through the API: they degrade instead of throwing.
std::string Status::ToString() const {
  try {
    if (ok()) return "OK";
    return std::string(StatusCodeName(code_)) + ": " + message_;
  } catch (...) {
  }
  try {
    return StatusCodeName(code_);
  } catch (...) {
    return std::string();
  }
}

Status Status::WithContext(const std::string& context) const {
  if (ok()) return *this;
  try {
    return Status(code_, context + ": " + message_, retriable_, server_error_code_);
  } catch (...) {
    return Status(code_, std::string(), retriable_, server_error_code_);
  }
}

}  // namespace fluss_native

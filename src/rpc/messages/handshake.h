// The connection's own calls: ApiVersions (1000), Authenticate (1038), and
// the ErrorResponse body of an error frame.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fluss_native/status.h"
#include "rpc/api_keys.h"

namespace fluss_native::rpc::messages {

struct ApiVersionsRequest {
  static constexpr ApiKey kApiKey = ApiKey::kApiVersions;
  std::string client_software_name;
  std::string client_software_version;
  std::string Encode() const;
};

struct ApiVersionRange {
  int16_t api_key = 0;
  int16_t min_version = 0;
  int16_t max_version = 0;
};

struct ApiVersionsResponse {
  std::vector<ApiVersionRange> versions;
  static Result<ApiVersionsResponse> Decode(std::string_view body);
};

struct AuthenticateRequest {
  static constexpr ApiKey kApiKey = ApiKey::kAuthenticate;
  std::string protocol;  // "PLAIN"
  std::string token;
  std::string Encode() const;
};

struct AuthenticateResponse {
  std::optional<std::string> challenge;
  static Result<AuthenticateResponse> Decode(std::string_view body);
};

// The body of an error (or server-failure) response frame.
struct ErrorResponse {
  int32_t error_code = 0;
  std::string error_message;
  // The mapped Status (rpc/errors.h).
  Status ToStatus() const;
  static Result<ErrorResponse> Decode(std::string_view body);
};

}  // namespace fluss_native::rpc::messages

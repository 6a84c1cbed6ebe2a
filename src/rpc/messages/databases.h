// ListDatabases (1003) and DatabaseExists (1004).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "fluss_native/status.h"
#include "rpc/api_keys.h"

namespace fluss_native::rpc::messages {

struct ListDatabasesResponse {
  std::vector<std::string> names;  // in the server's order
  static Result<ListDatabasesResponse> Decode(std::string_view body);
};

struct ListDatabasesRequest {
  static constexpr ApiKey kApiKey = ApiKey::kListDatabases;
  using Response = ListDatabasesResponse;
  std::string Encode() const;
};

struct DatabaseExistsResponse {
  bool exists = false;
  static Result<DatabaseExistsResponse> Decode(std::string_view body);
};

struct DatabaseExistsRequest {
  static constexpr ApiKey kApiKey = ApiKey::kDatabaseExists;
  using Response = DatabaseExistsResponse;
  std::string database;
  std::string Encode() const;
};

}  // namespace fluss_native::rpc::messages

// ListTables (1008), TableExists (1010) and GetTableInfo (1007).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fluss_native/status.h"
#include "fluss_native/table_info.h"
#include "rpc/api_keys.h"

namespace fluss_native::rpc::messages {

struct ListTablesResponse {
  std::vector<std::string> names;  // in the server's order
  static Result<ListTablesResponse> Decode(std::string_view body);
};

struct ListTablesRequest {
  static constexpr ApiKey kApiKey = ApiKey::kListTables;
  using Response = ListTablesResponse;
  std::string database;
  std::string Encode() const;
};

struct TableExistsResponse {
  bool exists = false;
  static Result<TableExistsResponse> Decode(std::string_view body);
};

struct TableExistsRequest {
  static constexpr ApiKey kApiKey = ApiKey::kTableExists;
  using Response = TableExistsResponse;
  TablePath path;
  std::string Encode() const;
};

// The TableInfo pieces the server sends beside the descriptor JSON, which
// the catalog parses (catalog/table_json.h).
struct GetTableInfoResponse {
  int64_t table_id = -1;
  int32_t schema_id = -1;
  int64_t created_time = 0;
  int64_t modified_time = 0;
  std::string table_json;
  static Result<GetTableInfoResponse> Decode(std::string_view body);
};

struct GetTableInfoRequest {
  static constexpr ApiKey kApiKey = ApiKey::kGetTableInfo;
  using Response = GetTableInfoResponse;
  TablePath path;
  std::string Encode() const;
};

}  // namespace fluss_native::rpc::messages

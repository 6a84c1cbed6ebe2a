// ListPartitionInfos (1009).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fluss_native/status.h"
#include "fluss_native/table_info.h"
#include "rpc/api_keys.h"

namespace fluss_native::rpc::messages {

// One partition as the server lists it: its id and its key → value pairs in
// the server's order (the catalog names it in partition-key order).
struct ListedPartition {
  int64_t id = -1;
  std::vector<std::pair<std::string, std::string>> spec;
};

struct ListPartitionInfosResponse {
  std::vector<ListedPartition> partitions;
  static Result<ListPartitionInfosResponse> Decode(std::string_view body);
};

struct ListPartitionInfosRequest {
  static constexpr ApiKey kApiKey = ApiKey::kListPartitionInfos;
  using Response = ListPartitionInfosResponse;
  TablePath path;
  std::string Encode() const;
};

}  // namespace fluss_native::rpc::messages

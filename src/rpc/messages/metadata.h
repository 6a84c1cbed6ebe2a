// GetMetadata (1012): the cluster's servers, and bucket leaders of the
// tables and partitions asked for.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fluss_native/status.h"
#include "fluss_native/table_info.h"
#include "rpc/api_keys.h"

namespace fluss_native::rpc::messages {

// Bucket leaders of a non-partitioned table.
struct TableBucketMetadata {
  int64_t table_id = -1;
  TablePath path;
  std::vector<BucketLocation> buckets;  // partition_id unset
};

// Bucket leaders of one partition.
struct PartitionBucketMetadata {
  int64_t table_id = -1;
  int64_t partition_id = -1;
  std::string partition_name;
  std::vector<BucketLocation> buckets;  // partition id and name filled in
};

struct MetadataResponse {
  std::optional<ServerInfo> coordinator;
  std::vector<ServerInfo> tablet_servers;  // in the server's order
  std::vector<TableBucketMetadata> tables;
  std::vector<PartitionBucketMetadata> partitions;
  static Result<MetadataResponse> Decode(std::string_view body);
};

// Empty: only the cluster's servers.
struct MetadataRequest {
  static constexpr ApiKey kApiKey = ApiKey::kGetMetadata;
  using Response = MetadataResponse;
  std::vector<TablePath> tables;
  std::vector<int64_t> partition_ids;
  std::string Encode() const;
};

}  // namespace fluss_native::rpc::messages

// GetLatestKvSnapshots (1023) and GetLakeSnapshot (1032).
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

struct GetLatestKvSnapshotsResponse {
  int64_t table_id = -1;
  std::optional<int64_t> partition_id;
  // Per bucket: bucket, snapshot id and log offset (partition fields unset;
  // the caller knows which partition it asked for).
  std::vector<KvSnapshot> buckets;
  static Result<GetLatestKvSnapshotsResponse> Decode(std::string_view body);
};

struct GetLatestKvSnapshotsRequest {
  static constexpr ApiKey kApiKey = ApiKey::kGetLatestKvSnapshots;
  using Response = GetLatestKvSnapshotsResponse;
  TablePath path;
  std::optional<std::string> partition_name;
  std::string Encode() const;
};

struct GetLakeSnapshotResponse {
  int64_t table_id = -1;
  int64_t snapshot_id = -1;
  // Per bucket: partition id (and name, which Fluss 0.9 leaves unset), bucket
  // and the log offset the lake covers (-1 when unset).
  std::vector<LakeBucketOffset> buckets;
  static Result<GetLakeSnapshotResponse> Decode(std::string_view body);
};

struct GetLakeSnapshotRequest {
  static constexpr ApiKey kApiKey = ApiKey::kGetLakeSnapshot;
  using Response = GetLakeSnapshotResponse;
  TablePath path;
  std::optional<int64_t> snapshot_id;  // unset: the latest
  bool readable = false;               // true: the latest readable one
  std::string Encode() const;
};

}  // namespace fluss_native::rpc::messages

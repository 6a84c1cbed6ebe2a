// ListOffsets (1021): earliest, latest or first-at-timestamp offsets of some
// buckets of one table (or one partition of it), asked of their leader.
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

struct ListOffsetsBucketResult {
  int bucket = 0;
  Status error;                   // the bucket's own error (BucketStatus), OK otherwise
  std::optional<int64_t> offset;  // set when error is OK and the server sent one
};

struct ListOffsetsResponse {
  std::vector<ListOffsetsBucketResult> buckets;  // in the server's order
  static Result<ListOffsetsResponse> Decode(std::string_view body);
};

struct ListOffsetsRequest {
  static constexpr ApiKey kApiKey = ApiKey::kListOffsets;
  using Response = ListOffsetsResponse;
  int64_t table_id = -1;
  std::optional<int64_t> partition_id;
  std::vector<int> buckets;
  OffsetQuery query;
  std::string Encode() const;
};

}  // namespace fluss_native::rpc::messages

// FetchLog (1015): log records of some buckets of one table, from their
// leader. A bucket answers with records, with the remote log segments that
// hold its next offsets, or with its own error.
//
// Records are not copied out of the response: the decoded response keeps the
// whole body (shared, immutable) and each bucket refers to its records by
// offset and size, so log batches decode zero-copy from the bytes received.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fluss_native/status.h"
#include "rpc/api_keys.h"
#include "rpc/messages/filter_predicate.h"

namespace fluss_native::rpc::messages {

struct FetchLogBucketRequest {
  std::optional<int64_t> partition_id;
  int bucket = 0;
  int64_t fetch_offset = 0;
  int32_t max_fetch_bytes = 0;
};

struct FetchLogRequest {
  static constexpr ApiKey kApiKey = ApiKey::kFetchLog;
  int32_t max_bytes = 0;
  int32_t max_wait_ms = 100;
  int32_t min_bytes = 1;
  int64_t table_id = -1;
  // Unset: all columns. Set: the server projects to these field indices
  // (ascending) and returns them in table order.
  std::optional<std::vector<int>> projected_fields;
  std::vector<FetchLogBucketRequest> buckets;
  // Fluss 1.0 only (ServerFeatures::fetch_log_filter): the server may drop
  // batches no row of which can match, and says how far it looked with
  // filtered_end_offset. Rows that come back still need checking. Sent
  // with the schema id the predicate's field ids belong to.
  std::optional<FilterPredicate> filter;
  int32_t filter_schema_id = 0;
  std::string Encode() const;
};

struct RemoteLogSegmentInfo {
  std::string segment_id;
  int64_t start_offset = 0;
  int64_t end_offset = 0;
  int32_t size_in_bytes = 0;  // never negative
};

// Where a bucket's next offsets are: segments in the remote log directory.
struct RemoteLogFetchInfo {
  std::string tablet_dir;
  std::optional<std::string> partition_name;
  std::vector<RemoteLogSegmentInfo> segments;
  int32_t first_start_pos = 0;  // byte position of the fetch offset in the first segment
};

// A part of the response body: [offset, offset + size).
struct BodyRange {
  size_t offset = 0;
  size_t size = 0;
};

struct FetchLogBucketResult {
  std::optional<int64_t> partition_id;
  int bucket = 0;
  Status error;  // the bucket's own error (BucketStatus), OK otherwise
  std::optional<int64_t> high_watermark;
  std::optional<int64_t> log_start_offset;
  std::optional<RemoteLogFetchInfo> remote;
  BodyRange records;  // empty when the server sent none
  // Fluss 1.0 with a filter: the server scanned (and filtered out) up to
  // here; the next fetch starts at the later of this and the records' end.
  std::optional<int64_t> filtered_end_offset;
};

struct FetchLogTableResult {
  int64_t table_id = -1;
  std::vector<FetchLogBucketResult> buckets;
};

struct FetchLogResponse {
  // The bytes received; records ranges point into it. Shared so decoded
  // arrays can keep it alive after the response is gone.
  std::shared_ptr<const std::string> body;
  std::vector<FetchLogTableResult> tables;

  // The bucket's records; empty for a range outside the body (which Decode
  // never produces).
  std::string_view RecordsOf(const FetchLogBucketResult& bucket) const {
    if (!body || bucket.records.offset > body->size() ||
        bucket.records.size > body->size() - bucket.records.offset) {
      return {};
    }
    return std::string_view(body->data() + bucket.records.offset, bucket.records.size);
  }

  // Takes ownership of `body` (moved, not copied).
  static Result<FetchLogResponse> Decode(std::string body);
  static Result<FetchLogResponse> Decode(std::shared_ptr<const std::string> body);
};

}  // namespace fluss_native::rpc::messages

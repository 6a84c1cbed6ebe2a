// ScanKv (1061, Fluss 1.0, FIP-17): the current rows of one primary-key
// bucket, read from the server's KV store through a scanner session. The
// first request opens the session (table, partition, bucket, optional
// limit); the answer names it (scanner_id) and later requests continue or
// close it, numbered by call_seq_id so the server can refuse a repeat. The
// first answer also carries log_offset, the bucket's log end when the KV
// snapshot was taken: the changelog continues from there. Records are a
// value record batch (format/keys/value_record_batch.h).
//
// Only sent to servers whose ApiVersions announce SCAN_KV
// (rpc/server_features.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "fluss_native/status.h"
#include "rpc/api_keys.h"

namespace fluss_native::rpc::messages {

struct ScanKvBucket {
  int64_t table_id = -1;
  std::optional<int64_t> partition_id;
  int32_t bucket = 0;
  std::optional<int64_t> limit;  // stop after this many rows
};

struct ScanKvRequest {
  static constexpr ApiKey kApiKey = ApiKey::kScanKv;
  // Exactly one: open a new scan, or continue (or close) `scanner_id`.
  std::optional<ScanKvBucket> open;
  std::optional<std::string> scanner_id;
  int32_t call_seq_id = 0;
  std::optional<int32_t> batch_size_bytes;
  bool close_scanner = false;

  static ScanKvRequest Open(ScanKvBucket bucket, int32_t batch_size_bytes);
  static ScanKvRequest Continue(std::string scanner_id, int32_t call_seq_id, int32_t batch_size_bytes);
  static ScanKvRequest Close(std::string scanner_id, int32_t call_seq_id);
  std::string Encode() const;
};

struct ScanKvResponse {
  Status error;  // the server's error for this scan, OK otherwise
  std::optional<std::string> scanner_id;
  bool has_more_results = false;
  std::string records;  // empty: none in this answer
  std::optional<int64_t> log_offset;  // first answer only

  static Result<ScanKvResponse> Decode(std::string_view body);
};

}  // namespace fluss_native::rpc::messages

// Lookup (1017) and PrefixLookup (1034): point reads of a primary-key table's
// KV tier, asked of the buckets' leader. A request carries keys for several
// buckets (of one table; each bucket may name its partition); the response
// answers per bucket, with the bucket's own error, or one value per key
// (Lookup: absent when the key does not exist) or one list of values per key
// (PrefixLookup: every row whose key starts with the prefix).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fluss_native/status.h"
#include "rpc/api_keys.h"

namespace fluss_native::rpc::messages {

struct LookupBucketKeys {
  std::optional<int64_t> partition_id;
  int bucket = 0;
  std::vector<std::string> keys;  // encoded keys (keys/key_layout.h)
};

struct LookupBucketResult {
  std::optional<int64_t> partition_id;
  int bucket = 0;
  Status error;  // the bucket's error (BucketStatus), OK otherwise
  // Lookup: one entry per key, nullopt when the key does not exist.
  std::vector<std::optional<std::string>> values;
  // PrefixLookup: one list per prefix key.
  std::vector<std::vector<std::string>> value_lists;
};

struct LookupResponse {
  std::vector<LookupBucketResult> buckets;
  static Result<LookupResponse> Decode(std::string_view body);
};

struct LookupRequest {
  static constexpr ApiKey kApiKey = ApiKey::kLookup;
  using Response = LookupResponse;
  int64_t table_id = -1;
  std::vector<LookupBucketKeys> buckets;
  std::string Encode() const;
};

struct PrefixLookupResponse {
  std::vector<LookupBucketResult> buckets;
  static Result<PrefixLookupResponse> Decode(std::string_view body);
};

struct PrefixLookupRequest {
  static constexpr ApiKey kApiKey = ApiKey::kPrefixLookup;
  using Response = PrefixLookupResponse;
  int64_t table_id = -1;
  std::vector<LookupBucketKeys> buckets;
  std::string Encode() const;
};

}  // namespace fluss_native::rpc::messages

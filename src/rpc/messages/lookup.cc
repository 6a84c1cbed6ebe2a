#include "rpc/messages/lookup.h"

#include "rpc/messages/proto_codec.h"

namespace fluss_native::rpc::messages {
namespace {

template <typename Bucket>
LookupBucketResult BucketHeader(const Bucket& r) {
  LookupBucketResult b;
  if (r.has_partition_id()) b.partition_id = r.partition_id();
  b.bucket = r.bucket_id();
  b.error = BucketStatus(r.has_error_code() ? std::optional<int32_t>(r.error_code()) : std::nullopt,
                         r.error_message());
  return b;
}

// Lookup and PrefixLookup requests share one layout: keys per bucket.
template <typename WireRequest>
std::string EncodeKeys(int64_t table_id, const std::vector<LookupBucketKeys>& buckets) {
  WireRequest req;
  req.set_table_id(table_id);
  for (const auto& b : buckets) {
    auto* pb = req.add_buckets_req();
    if (b.partition_id) pb->set_partition_id(*b.partition_id);
    pb->set_bucket_id(b.bucket);
    for (const auto& k : b.keys) pb->add_keys(k);
  }
  return req.SerializeAsString();
}

}  // namespace

std::string LookupRequest::Encode() const { return EncodeKeys<wire::LookupRequest>(table_id, buckets); }

Result<LookupResponse> LookupResponse::Decode(std::string_view body) {
  FN_ASSIGN_OR_RETURN(auto proto, ParseProto<wire::LookupResponse>(body, ApiKey::kLookup));
  LookupResponse out;
  for (const auto& r : proto.buckets_resp()) {
    LookupBucketResult b = BucketHeader(r);
    for (const auto& v : r.values()) {
      // An unset (or empty) value means the key does not exist.
      if (v.has_values() && !v.values().empty()) {
        b.values.emplace_back(v.values());
      } else {
        b.values.emplace_back(std::nullopt);
      }
    }
    out.buckets.push_back(std::move(b));
  }
  return out;
}

std::string PrefixLookupRequest::Encode() const {
  return EncodeKeys<wire::PrefixLookupRequest>(table_id, buckets);
}

Result<PrefixLookupResponse> PrefixLookupResponse::Decode(std::string_view body) {
  FN_ASSIGN_OR_RETURN(auto proto, ParseProto<wire::PrefixLookupResponse>(body, ApiKey::kPrefixLookup));
  PrefixLookupResponse out;
  for (const auto& r : proto.buckets_resp()) {
    LookupBucketResult b = BucketHeader(r);
    for (const auto& list : r.value_lists()) {
      std::vector<std::string> values(list.values().begin(), list.values().end());
      b.value_lists.push_back(std::move(values));
    }
    out.buckets.push_back(std::move(b));
  }
  return out;
}

}  // namespace fluss_native::rpc::messages

#include "rpc/messages/list_offsets.h"

#include "rpc/messages/proto_codec.h"

namespace fluss_native::rpc::messages {
namespace {

// Fluss's offset types: 0 earliest, 1 latest, 2 from a timestamp.
int32_t OffsetType(OffsetQuery::Kind kind) {
  switch (kind) {
    case OffsetQuery::Kind::kEarliest: return 0;
    case OffsetQuery::Kind::kLatest: return 1;
    case OffsetQuery::Kind::kTimestamp: return 2;
  }
  return 1;
}

}  // namespace

std::string ListOffsetsRequest::Encode() const {
  wire::ListOffsetsRequest req;
  req.set_follower_server_id(-1);  // a client, not a replica
  req.set_offset_type(OffsetType(query.kind));
  req.set_table_id(table_id);
  if (partition_id) req.set_partition_id(*partition_id);
  if (query.kind == OffsetQuery::Kind::kTimestamp) req.set_start_timestamp(query.timestamp_ms);
  for (int b : buckets) req.add_bucket_id(b);
  return req.SerializeAsString();
}

Result<ListOffsetsResponse> ListOffsetsResponse::Decode(std::string_view body) {
  FN_ASSIGN_OR_RETURN(auto proto, ParseProto<wire::ListOffsetsResponse>(body, ApiKey::kListOffsets));
  ListOffsetsResponse out;
  for (const auto& r : proto.buckets_resp()) {
    ListOffsetsBucketResult b;
    b.bucket = r.bucket_id();
    b.error = BucketStatus(r.has_error_code() ? std::optional<int32_t>(r.error_code()) : std::nullopt,
                           r.error_message());
    if (b.error.ok() && r.has_offset()) b.offset = r.offset();
    out.buckets.push_back(std::move(b));
  }
  return out;
}

}  // namespace fluss_native::rpc::messages

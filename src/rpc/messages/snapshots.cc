#include "rpc/messages/snapshots.h"

#include "rpc/messages/proto_codec.h"

namespace fluss_native::rpc::messages {

std::string GetLatestKvSnapshotsRequest::Encode() const {
  wire::GetLatestKvSnapshotsRequest req;
  SetTablePath(path, req.mutable_table_path());
  if (partition_name) req.set_partition_name(*partition_name);
  return req.SerializeAsString();
}

Result<GetLatestKvSnapshotsResponse> GetLatestKvSnapshotsResponse::Decode(std::string_view body) {
  FN_ASSIGN_OR_RETURN(auto proto,
                      ParseProto<wire::GetLatestKvSnapshotsResponse>(body, ApiKey::kGetLatestKvSnapshots));
  GetLatestKvSnapshotsResponse out;
  out.table_id = proto.table_id();
  if (proto.has_partition_id()) out.partition_id = proto.partition_id();
  for (const auto& s : proto.latest_snapshots()) {
    KvSnapshot k;
    k.bucket = s.bucket_id();
    if (s.has_snapshot_id()) k.snapshot_id = s.snapshot_id();
    if (s.has_log_offset()) k.log_offset = s.log_offset();
    out.buckets.push_back(std::move(k));
  }
  return out;
}

std::string GetLakeSnapshotRequest::Encode() const {
  wire::GetLakeSnapshotRequest req;
  SetTablePath(path, req.mutable_table_path());
  if (snapshot_id) req.set_snapshot_id(*snapshot_id);
  if (readable) req.set_readable(true);
  return req.SerializeAsString();
}

Result<GetLakeSnapshotResponse> GetLakeSnapshotResponse::Decode(std::string_view body) {
  FN_ASSIGN_OR_RETURN(auto proto, ParseProto<wire::GetLakeSnapshotResponse>(body, ApiKey::kGetLakeSnapshot));
  GetLakeSnapshotResponse out;
  out.table_id = proto.table_id();
  out.snapshot_id = proto.snapshot_id();
  for (const auto& b : proto.bucket_snapshots()) {
    LakeBucketOffset o;
    if (b.has_partition_id()) o.partition_id = b.partition_id();
    o.partition_name = b.partition_name();
    o.bucket = b.bucket_id();
    o.log_offset = b.has_log_offset() ? b.log_offset() : -1;
    out.buckets.push_back(std::move(o));
  }
  return out;
}

}  // namespace fluss_native::rpc::messages

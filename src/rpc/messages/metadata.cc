#include "rpc/messages/metadata.h"

#include "rpc/messages/proto_codec.h"

namespace fluss_native::rpc::messages {
namespace {

ServerInfo ToServerInfo(const wire::ServerNode& n) {
  return ServerInfo{n.node_id(), n.host(), n.port(), n.rack()};
}

BucketLocation ToLocation(const wire::BucketMetadata& b) {
  BucketLocation loc;
  loc.bucket = b.bucket_id();
  loc.leader = b.has_leader_id() ? b.leader_id() : -1;
  loc.leader_epoch = b.has_leader_epoch() ? b.leader_epoch() : -1;
  loc.replicas.assign(b.replica_id().begin(), b.replica_id().end());
  return loc;
}

}  // namespace

std::string MetadataRequest::Encode() const {
  wire::MetadataRequest req;
  for (const auto& t : tables) SetTablePath(t, req.add_table_path());
  for (int64_t id : partition_ids) req.add_partitions_id(id);
  return req.SerializeAsString();
}

Result<MetadataResponse> MetadataResponse::Decode(std::string_view body) {
  FN_ASSIGN_OR_RETURN(auto proto, ParseProto<wire::MetadataResponse>(body, ApiKey::kGetMetadata));
  MetadataResponse out;
  if (proto.has_coordinator_server()) out.coordinator = ToServerInfo(proto.coordinator_server());
  for (const auto& ts : proto.tablet_servers()) out.tablet_servers.push_back(ToServerInfo(ts));
  for (const auto& t : proto.table_metadata()) {
    TableBucketMetadata table;
    table.table_id = t.table_id();
    table.path = {t.table_path().database_name(), t.table_path().table_name()};
    for (const auto& b : t.bucket_metadata()) table.buckets.push_back(ToLocation(b));
    out.tables.push_back(std::move(table));
  }
  for (const auto& p : proto.partition_metadata()) {
    PartitionBucketMetadata part;
    part.table_id = p.table_id();
    part.partition_id = p.partition_id();
    part.partition_name = p.partition_name();
    for (const auto& b : p.bucket_metadata()) {
      BucketLocation loc = ToLocation(b);
      loc.partition_id = p.partition_id();
      loc.partition_name = p.partition_name();
      part.buckets.push_back(std::move(loc));
    }
    out.partitions.push_back(std::move(part));
  }
  return out;
}

}  // namespace fluss_native::rpc::messages

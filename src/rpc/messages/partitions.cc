#include "rpc/messages/partitions.h"

#include "rpc/messages/proto_codec.h"

namespace fluss_native::rpc::messages {

std::string ListPartitionInfosRequest::Encode() const {
  wire::ListPartitionInfosRequest req;
  SetTablePath(path, req.mutable_table_path());
  return req.SerializeAsString();
}

Result<ListPartitionInfosResponse> ListPartitionInfosResponse::Decode(std::string_view body) {
  FN_ASSIGN_OR_RETURN(auto proto,
                      ParseProto<wire::ListPartitionInfosResponse>(body, ApiKey::kListPartitionInfos));
  ListPartitionInfosResponse out;
  for (const auto& p : proto.partitions_info()) {
    ListedPartition listed;
    listed.id = p.partition_id();
    for (const auto& kv : p.partition_spec().partition_key_values()) listed.spec.emplace_back(kv.key(), kv.value());
    out.partitions.push_back(std::move(listed));
  }
  return out;
}

}  // namespace fluss_native::rpc::messages

#include "rpc/messages/tables.h"

#include "rpc/messages/proto_codec.h"

namespace fluss_native::rpc::messages {

std::string ListTablesRequest::Encode() const {
  wire::ListTablesRequest req;
  req.set_database_name(database);
  return req.SerializeAsString();
}

Result<ListTablesResponse> ListTablesResponse::Decode(std::string_view body) {
  FN_ASSIGN_OR_RETURN(auto proto, ParseProto<wire::ListTablesResponse>(body, ApiKey::kListTables));
  return ListTablesResponse{{proto.table_name().begin(), proto.table_name().end()}};
}

std::string TableExistsRequest::Encode() const {
  wire::TableExistsRequest req;
  SetTablePath(path, req.mutable_table_path());
  return req.SerializeAsString();
}

Result<TableExistsResponse> TableExistsResponse::Decode(std::string_view body) {
  FN_ASSIGN_OR_RETURN(auto proto, ParseProto<wire::TableExistsResponse>(body, ApiKey::kTableExists));
  return TableExistsResponse{proto.exists()};
}

std::string GetTableInfoRequest::Encode() const {
  wire::GetTableInfoRequest req;
  SetTablePath(path, req.mutable_table_path());
  return req.SerializeAsString();
}

Result<GetTableInfoResponse> GetTableInfoResponse::Decode(std::string_view body) {
  FN_ASSIGN_OR_RETURN(auto proto, ParseProto<wire::GetTableInfoResponse>(body, ApiKey::kGetTableInfo));
  GetTableInfoResponse out;
  out.table_id = proto.table_id();
  out.schema_id = proto.schema_id();
  out.created_time = proto.created_time();
  out.modified_time = proto.modified_time();
  out.table_json = std::move(*proto.mutable_table_json());
  return out;
}

}  // namespace fluss_native::rpc::messages

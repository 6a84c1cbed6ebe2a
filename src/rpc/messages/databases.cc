#include "rpc/messages/databases.h"

#include "rpc/messages/proto_codec.h"

namespace fluss_native::rpc::messages {

std::string ListDatabasesRequest::Encode() const { return wire::ListDatabasesRequest().SerializeAsString(); }

Result<ListDatabasesResponse> ListDatabasesResponse::Decode(std::string_view body) {
  FN_ASSIGN_OR_RETURN(auto proto, ParseProto<wire::ListDatabasesResponse>(body, ApiKey::kListDatabases));
  return ListDatabasesResponse{{proto.database_name().begin(), proto.database_name().end()}};
}

std::string DatabaseExistsRequest::Encode() const {
  wire::DatabaseExistsRequest req;
  req.set_database_name(database);
  return req.SerializeAsString();
}

Result<DatabaseExistsResponse> DatabaseExistsResponse::Decode(std::string_view body) {
  FN_ASSIGN_OR_RETURN(auto proto, ParseProto<wire::DatabaseExistsResponse>(body, ApiKey::kDatabaseExists));
  return DatabaseExistsResponse{proto.exists()};
}

}  // namespace fluss_native::rpc::messages

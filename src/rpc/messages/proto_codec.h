// Internal to src/rpc/messages/*.cc: the generated protobuf classes are
// parsed and serialised only here, so no other layer includes fluss_api.pb.h.
#pragma once

#include <climits>
#include <string>
#include <string_view>

#include "fluss_native/table_info.h"
#include "fluss_native/wire/fluss_api.pb.h"
#include "rpc/messages/message_common.h"

namespace fluss_native::rpc::messages {

// Parses `body` as `Proto`; a body that is not a protobuf message, or lacks a
// field the server always sets (proto2 `required`), is a Corruption naming
// the API. (A partial parse plus IsInitialized, because ParseFromArray logs
// missing required fields to stderr, and the library never writes there.)
template <typename Proto>
Result<Proto> ParseProto(std::string_view body, ApiKey key) {
  if (body.size() > static_cast<size_t>(INT_MAX)) {
    return MalformedResponse(key, "body of " + std::to_string(body.size()) + " bytes is too large");
  }
  Proto proto;
  if (!proto.ParsePartialFromArray(body.data(), static_cast<int>(body.size()))) {
    return MalformedResponse(key, "not a valid protobuf message (" + std::to_string(body.size()) + " bytes)");
  }
  if (!proto.IsInitialized()) return MalformedResponse(key, "a required field is missing");
  return proto;
}

inline void SetTablePath(const TablePath& path, wire::TablePath* out) {
  out->set_database_name(path.database);
  out->set_table_name(path.table);
}

}  // namespace fluss_native::rpc::messages

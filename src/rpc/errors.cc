#include "rpc/errors.h"

namespace fluss_native::rpc {
namespace {

struct ErrorInfo {
  int code;
  const char* name;
  StatusCode status;
  bool retriable;
};

// Codes with a deliberate mapping; everything else is a non-retriable
// kServerError that still names the code.
constexpr ErrorInfo kErrors[] = {
    {-1, "UNKNOWN_SERVER_ERROR", StatusCode::kServerError, false},
    {1, "NETWORK_EXCEPTION", StatusCode::kNetwork, true},
    {2, "UNSUPPORTED_VERSION", StatusCode::kUnsupported, false},
    {3, "CORRUPT_MESSAGE", StatusCode::kCorruption, true},
    {4, "DATABASE_NOT_EXIST", StatusCode::kNotFound, false},
    {5, "DATABASE_NOT_EMPTY", StatusCode::kServerError, false},
    {6, "DATABASE_ALREADY_EXIST", StatusCode::kAlreadyExists, false},
    {7, "TABLE_NOT_EXIST", StatusCode::kNotFound, false},
    {8, "TABLE_ALREADY_EXIST", StatusCode::kAlreadyExists, false},
    {9, "SCHEMA_NOT_EXIST", StatusCode::kSchema, false},
    {10, "LOG_STORAGE_EXCEPTION", StatusCode::kServerError, false},
    {11, "KV_STORAGE_EXCEPTION", StatusCode::kServerError, false},
    {12, "NOT_LEADER_OR_FOLLOWER", StatusCode::kNotLeader, true},
    {13, "RECORD_TOO_LARGE_EXCEPTION", StatusCode::kServerError, false},
    {14, "CORRUPT_RECORD_EXCEPTION", StatusCode::kCorruption, true},
    {15, "INVALID_TABLE_EXCEPTION", StatusCode::kInvalidArgument, false},
    {16, "INVALID_DATABASE_EXCEPTION", StatusCode::kInvalidArgument, false},
    {19, "LOG_OFFSET_OUT_OF_RANGE_EXCEPTION", StatusCode::kOutOfRange, false},
    {20, "NON_PRIMARY_KEY_TABLE_EXCEPTION", StatusCode::kInvalidArgument, false},
    {21, "UNKNOWN_TABLE_OR_BUCKET_EXCEPTION", StatusCode::kNotLeader, true},
    {24, "FENCED_LEADER_EPOCH_EXCEPTION", StatusCode::kNotLeader, true},
    {25, "REQUEST_TIME_OUT", StatusCode::kTimeout, true},
    {26, "STORAGE_EXCEPTION", StatusCode::kServerError, true},
    {28, "NOT_ENOUGH_REPLICAS_AFTER_APPEND_EXCEPTION", StatusCode::kServerError, true},
    {29, "NOT_ENOUGH_REPLICAS_EXCEPTION", StatusCode::kServerError, true},
    {34, "INVALID_COLUMN_PROJECTION", StatusCode::kInvalidArgument, false},
    {36, "PARTITION_NOT_EXISTS", StatusCode::kNotFound, false},
    {37, "TABLE_NOT_PARTITIONED_EXCEPTION", StatusCode::kInvalidArgument, false},
    {38, "INVALID_TIMESTAMP_EXCEPTION", StatusCode::kInvalidArgument, false},
    {39, "INVALID_CONFIG_EXCEPTION", StatusCode::kInvalidArgument, false},
    {40, "LAKE_STORAGE_NOT_CONFIGURED_EXCEPTION", StatusCode::kNotFound, false},
    {41, "KV_SNAPSHOT_NOT_EXIST", StatusCode::kNotFound, false},
    {43, "PARTITION_SPEC_INVALID_EXCEPTION", StatusCode::kInvalidArgument, false},
    {44, "LEADER_NOT_AVAILABLE_EXCEPTION", StatusCode::kNotLeader, true},
    {46, "AUTHENTICATE_EXCEPTION", StatusCode::kAuthentication, false},
    {47, "SECURITY_DISABLED_EXCEPTION", StatusCode::kAuthentication, false},
    {48, "AUTHORIZATION_EXCEPTION", StatusCode::kAuthorization, false},
    {51, "RETRIABLE_AUTHENTICATE_EXCEPTION", StatusCode::kAuthentication, true},
    {53, "LAKE_SNAPSHOT_NOT_EXIST", StatusCode::kNotFound, false},
};

const ErrorInfo* Find(int code) {
  for (const auto& e : kErrors) {
    if (e.code == code) return &e;
  }
  return nullptr;
}

}  // namespace

std::string ServerErrorName(int code) {
  const ErrorInfo* e = Find(code);
  return e ? e->name : "UNKNOWN(" + std::to_string(code) + ")";
}

Status FromServerError(int code, const std::string& message) {
  const ErrorInfo* e = Find(code);
  std::string text = ServerErrorName(code);
  if (!message.empty()) text += ": " + message;
  if (!e) return Status(StatusCode::kServerError, text, false, code);
  return Status(e->status, text, e->retriable, code);
}

}  // namespace fluss_native::rpc

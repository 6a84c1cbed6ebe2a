// Maps Fluss wire error codes (fluss-rpc Errors) to typed Status values.
//
// Retriability follows the server's own split: the exceptions that extend
// RetriableException on the Java side (network, timeout, not-leader, leader
// not available, stale metadata, corrupt message, storage) are retriable;
// unknown database/table, authentication and schema problems are not.
#pragma once

#include <string>

#include "fluss_native/status.h"

namespace fluss_native::rpc {

// Wire codes the client branches on.
namespace error_code {
constexpr int kNone = 0;
constexpr int kNetwork = 1;
constexpr int kUnsupportedVersion = 2;
constexpr int kCorruptMessage = 3;
constexpr int kDatabaseNotExist = 4;
constexpr int kTableNotExist = 7;
constexpr int kSchemaNotExist = 9;
constexpr int kNotLeaderOrFollower = 12;
constexpr int kLogOffsetOutOfRange = 19;
constexpr int kUnknownTableOrBucket = 21;
constexpr int kRequestTimeOut = 25;
constexpr int kPartitionNotExists = 36;
constexpr int kTableNotPartitioned = 37;
constexpr int kLeaderNotAvailable = 44;
constexpr int kAuthenticate = 46;
constexpr int kAuthorization = 48;
constexpr int kKvSnapshotNotExist = 41;
constexpr int kLakeSnapshotNotExist = 53;
}  // namespace error_code

// Symbolic name of a wire code, e.g. "TABLE_NOT_EXIST"; "UNKNOWN(<n>)" otherwise.
std::string ServerErrorName(int code);

// A Status for a server-reported error. `message` is the server's text (may be
// empty); the result names the code so logs can be grepped by it.
Status FromServerError(int code, const std::string& message);

}  // namespace fluss_native::rpc

// Fluss API keys (fluss-rpc ApiKeys) for the calls fluss-native makes. The
// server silently drops a request whose key it does not know, so every key we
// send must be checked against the ApiVersions the server announced.
#pragma once

#include <cstdint>

namespace fluss_native::rpc {

enum class ApiKey : int16_t {
  kApiVersions = 1000,
  kListDatabases = 1003,
  kDatabaseExists = 1004,
  kGetTableInfo = 1007,
  kListTables = 1008,
  kListPartitionInfos = 1009,
  kTableExists = 1010,
  kGetTableSchema = 1011,
  kGetMetadata = 1012,
  kFetchLog = 1015,
  kLookup = 1017,
  kListOffsets = 1021,
  kGetLatestKvSnapshots = 1023,
  kGetKvSnapshotMetadata = 1024,
  kGetLakeSnapshot = 1032,
  kLimitScan = 1033,
  kPrefixLookup = 1034,
  kGetDatabaseInfo = 1035,
  kAuthenticate = 1038,
  kGetTableStats = 1059,
  kScanKv = 1061,  // Fluss 1.0 (FIP-17)
};

// "GetTableInfo" etc., for error messages and metrics.
const char* ApiKeyName(ApiKey key);

}  // namespace fluss_native::rpc

#include "rpc/api_keys.h"

namespace fluss_native::rpc {

const char* ApiKeyName(ApiKey key) {
  switch (key) {
    case ApiKey::kApiVersions: return "ApiVersions";
    case ApiKey::kListDatabases: return "ListDatabases";
    case ApiKey::kDatabaseExists: return "DatabaseExists";
    case ApiKey::kGetTableInfo: return "GetTableInfo";
    case ApiKey::kListTables: return "ListTables";
    case ApiKey::kListPartitionInfos: return "ListPartitionInfos";
    case ApiKey::kTableExists: return "TableExists";
    case ApiKey::kGetTableSchema: return "GetTableSchema";
    case ApiKey::kGetMetadata: return "GetMetadata";
    case ApiKey::kFetchLog: return "FetchLog";
    case ApiKey::kLookup: return "Lookup";
    case ApiKey::kListOffsets: return "ListOffsets";
    case ApiKey::kGetLatestKvSnapshots: return "GetLatestKvSnapshots";
    case ApiKey::kGetKvSnapshotMetadata: return "GetKvSnapshotMetadata";
    case ApiKey::kGetLakeSnapshot: return "GetLakeSnapshot";
    case ApiKey::kLimitScan: return "LimitScan";
    case ApiKey::kPrefixLookup: return "PrefixLookup";
    case ApiKey::kGetDatabaseInfo: return "GetDatabaseInfo";
    case ApiKey::kAuthenticate: return "Authenticate";
    case ApiKey::kGetTableStats: return "GetTableStats";
    case ApiKey::kScanKv: return "ScanKv";
  }
  return "Unknown";
}

}  // namespace fluss_native::rpc

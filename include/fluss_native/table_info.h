// Catalog values: what the server reports about tables, partitions, buckets,
// offsets and snapshots. Plain immutable data; copying is cheap enough for
// metadata and lets callers keep them beyond the cache's lifetime.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "fluss_native/export.h"
#include "fluss_native/status.h"
#include "fluss_native/types.h"

namespace fluss_native {

struct FN_EXPORT TablePath {
  std::string database;
  std::string table;

  // "db.tbl"; a name containing '.' or '`' may be quoted: `my.db`.`t`.
  static Result<TablePath> Parse(const std::string& text);
  std::string ToString() const { return database + "." + table; }
  bool operator<(const TablePath& o) const {
    return database < o.database || (database == o.database && table < o.table);
  }
  bool operator==(const TablePath& o) const { return database == o.database && table == o.table; }
};

// Whether a property's value may be a credential: its key contains, in any
// case, "password", "secret", "token", "credential", "private-key" or
// "access-key" (also spelt access.key, access_key, accesskey). Such values
// (e.g. table.datalake.paimon.s3.secret-key, which Fluss passes through from
// the server's lake settings) are never shown by DESC or in messages.
FN_EXPORT bool IsSecretPropertyKey(const std::string& key) noexcept;

// What to show for a property: "******" for a secret key, else the value.
inline constexpr const char* kRedactedValue = "******";
FN_EXPORT std::string DisplayPropertyValue(const std::string& key, const std::string& value);

struct Column {
  std::string name;
  DataType type;  // nullable() is the column's nullability
  std::optional<std::string> comment;
  int id = -1;
};

struct FN_EXPORT TableInfo {
  TablePath path;
  int64_t table_id = -1;
  int32_t schema_id = -1;
  int64_t created_time = 0;   // epoch millis
  int64_t modified_time = 0;  // epoch millis
  std::optional<std::string> comment;
  std::vector<Column> columns;
  std::vector<std::string> primary_key;
  std::vector<std::string> partition_keys;
  std::vector<std::string> bucket_keys;
  int bucket_count = 0;
  std::map<std::string, std::string> properties;         // table.* options, incl. server-added
  std::map<std::string, std::string> custom_properties;  // user-defined

  bool has_primary_key() const { return !primary_key.empty(); }
  bool is_partitioned() const { return !partition_keys.empty(); }
  bool datalake_enabled() const;
  // table.log.format: ARROW (default), INDEXED or COMPACTED.
  std::string log_format() const;
  // The row type of all columns, in schema order.
  DataType RowType() const;
  // Index of a column by name, or -1.
  int ColumnIndex(const std::string& name) const;
  // properties and custom_properties as they may be shown: the values of
  // secret keys (IsSecretPropertyKey) replaced by kRedactedValue.
  std::map<std::string, std::string> DisplayProperties() const;
  std::map<std::string, std::string> DisplayCustomProperties() const;
};

struct PartitionInfo {
  int64_t id = -1;
  // Fluss's partition name: the values in partition-key order joined by '$'.
  std::string name;
  std::vector<std::pair<std::string, std::string>> spec;  // key → value, in key order
};

struct ServerInfo {
  int id = -1;
  std::string host;
  int port = 0;
  std::string rack;
};

struct ClusterInfo {
  std::optional<ServerInfo> coordinator;
  std::vector<ServerInfo> tablet_servers;
};

// Client::Health(): whether each server answers, and how fast.
struct ServerHealth {
  std::string role;  // "coordinator" or "tablet-server"
  ServerInfo server;
  bool reachable = false;
  int64_t latency_us = -1;  // the round trip, when reachable
  std::string circuit;      // the circuit breaker's state: closed, open, half-open
  std::string error;        // why not reachable
};

struct ClusterHealth {
  std::vector<ServerHealth> servers;  // the coordinator first, then tablet servers by id
};

// A bucket of a table or of one partition of it.
struct BucketLocation {
  std::optional<int64_t> partition_id;
  std::string partition_name;  // empty for a non-partitioned table
  int bucket = 0;
  int leader = -1;  // tablet server id, -1 when no leader is available
  int leader_epoch = -1;
  std::vector<int> replicas;
};

struct OffsetQuery {
  enum class Kind { kEarliest, kLatest, kTimestamp };
  Kind kind = Kind::kLatest;
  int64_t timestamp_ms = 0;  // for kTimestamp: first offset at or after it

  static OffsetQuery Earliest() { return {Kind::kEarliest, 0}; }
  static OffsetQuery Latest() { return {Kind::kLatest, 0}; }
  static OffsetQuery AtTimestamp(int64_t ms) { return {Kind::kTimestamp, ms}; }
};

struct BucketOffset {
  std::optional<int64_t> partition_id;
  std::string partition_name;
  int bucket = 0;
  int64_t offset = -1;
};

struct LakeBucketOffset {
  std::optional<int64_t> partition_id;
  std::string partition_name;
  int bucket = 0;
  // The log offset the lake covers: rows at offsets below it are in the lake.
  int64_t log_offset = -1;
};

struct LakeSnapshot {
  int64_t table_id = -1;
  int64_t snapshot_id = -1;
  std::vector<LakeBucketOffset> buckets;
};

struct KvSnapshot {
  std::optional<int64_t> partition_id;
  std::string partition_name;
  int bucket = 0;
  std::optional<int64_t> snapshot_id;  // unset: no snapshot yet
  std::optional<int64_t> log_offset;   // the changelog offset the snapshot covers
};

struct CacheStats {
  uint64_t hits = 0;
  uint64_t misses = 0;
  uint64_t evictions = 0;
  size_t entries = 0;
};

}  // namespace fluss_native

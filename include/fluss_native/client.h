// The entry point. A Client owns the connections (one per server, shared by
// the catalog and every scan), the metadata cache and the metrics. It is
// thread-safe and holds no global state, so a host may open several.
//
// Lifetime: a stream keeps alive what it uses; a Client may be destroyed
// before its streams. An ArrowArrayStream from ScanLog, ScanCurrentState or
// ScanLake shares ownership of the connections, catalog and metrics it reads
// through, so it can be drained (or released) after the Client is gone, and
// the last of them to go closes the connections. The Catalog& from catalog()
// is the exception: it is valid only while its Client lives.
//
// Errors: no method throws. Each is a boundary that turns a failed allocation
// into a ResourceExhausted Status and any other exception into Internal (see
// status.h); the streams' callbacks do the same through get_last_error.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "fluss_native/catalog.h"
#include "fluss_native/config.h"
#include "fluss_native/arrow_c_abi.h"
#include "fluss_native/export.h"
#include "fluss_native/lake_scan.h"
#include "fluss_native/log_scan.h"
#include "fluss_native/predicate.h"
#include "fluss_native/scan.h"
#include "fluss_native/split.h"
#include "fluss_native/status.h"
#include "fluss_native/table_info.h"

namespace fluss_native {

class FN_EXPORT Client {
 public:
  // Validates `config` and reaches a bootstrap server; fails with a Network
  // or Timeout error naming the servers tried if none answers.
  static Result<std::unique_ptr<Client>> Open(const ClientConfig& config);
  virtual ~Client() = default;

  virtual Catalog& catalog() = 0;
  // Opens a scan of `table`'s log tier into `*out` (an Arrow C stream whose
  // batches are struct arrays of the chosen columns). Errors in planning
  // (unknown table, column, partition) are returned here; errors while
  // reading come from the stream's get_next and name table, bucket, offset.
  virtual Status ScanLog(const TablePath& table, const LogScanOptions& options,
                         ArrowArrayStream* out) = 0;
  // The current rows of a primary-key table: its changelog applied by key
  // (see src/read/pk_state_reader.h for when this needs the complete log).
  // `options.start` must be earliest; metadata columns are not offered.
  virtual Status ScanCurrentState(const TablePath& table, const LogScanOptions& options,
                                  ArrowArrayStream* out) = 0;
  // Opens a scan of `table`'s lake tier (see lake_scan.h). Fails with
  // NotFound when the table has no lake snapshot yet, and InvalidArgument
  // when it is not lake-enabled or a column/partition/bucket is unknown.
  virtual Status ScanLake(const TablePath& table, const LakeScanOptions& options,
                          ArrowArrayStream* out) = 0;
  // The files of a lake snapshot (the readable one when `snapshot_id` is
  // nullopt), per partition and bucket.
  virtual Result<LakeSnapshotInfo> DescribeLake(const TablePath& table,
                                                std::optional<int64_t> snapshot_id = std::nullopt) = 0;
  // Plans one query over both tiers (see scan.h): the lake snapshot and the
  // log stop offsets are pinned now, each split names its partition, bucket
  // and tier, and every fallback the planner took is listed with its reason.
  virtual Result<ScanPlan> Plan(const TablePath& table, const ScanSpec& spec) = 0;
  // Reads one split, from Plan or decoded from a host's Thrift bytes
  // (Split::FromThrift), into `*out`. The split's table must still exist
  // with the split's table id.
  virtual Status OpenSplit(const Split& split, ArrowArrayStream* out,
                           const SplitReadOptions& options = SplitReadOptions()) = 0;
  // Plans and reads every split, one after another, as one stream (the
  // union read of `SELECT ... FROM db.tbl`).
  virtual Status Scan(const TablePath& table, const ScanSpec& spec, ArrowArrayStream* out) = 0;
  // Point reads of a primary-key table through Fluss's Lookup RPC. Each key
  // is the full primary key, partition columns included, in primary-key
  // order (TableInfo::primary_key), as literals that fit the columns (an
  // INT column takes an integer, a DATE column a DATE literal, ...). `*out`
  // gets the rows of the keys that exist, in key order (none for a key that
  // does not, or whose partition does not exist), with `columns` (empty:
  // all). Keys are batched into one request per bucket leader; a moved
  // leader is found again within config.call_timeout. Errors name the table
  // and, for a key that failed, its values and bucket.
  virtual Status Lookup(const TablePath& table, const std::vector<std::vector<Literal>>& keys,
                        const std::vector<std::string>& columns, ArrowArrayStream* out) = 0;
  // Every row whose bucket key equals each prefix key (PrefixLookup), for
  // tables whose bucket key is a strict prefix of the primary key without
  // the partition columns. A prefix key is the values of the primary key's
  // bucket-key and partition columns, in primary-key order. Rows come prefix
  // after prefix.
  virtual Status PrefixLookup(const TablePath& table, const std::vector<std::vector<Literal>>& prefix_keys,
                              const std::vector<std::string>& columns, ArrowArrayStream* out) = 0;
  // SELECT COUNT(*) of the scan `spec` describes (its `columns` are
  // ignored, its limit caps the count). Answered from metadata alone where
  // that is exact (ScanPlan::metadata_row_count: a log table without a
  // predicate); otherwise the scan is read projecting only the predicate's
  // columns (or one narrow column) and its rows are counted.
  virtual Result<int64_t> Count(const TablePath& table, const ScanSpec& spec) = 0;
  // Counters in "name value" lines (connections, RPCs, cache hits/misses).
  virtual std::string MetricsText() const = 0;
  // One ApiVersions round trip to the coordinator and to each tablet server
  // the cluster metadata lists, side by side, each within the connect
  // timeout. Fails only when no server at all could be asked for the cluster
  // metadata; an unreachable server is a row with reachable = false.
  virtual Result<ClusterHealth> Health() = 0;
};

}  // namespace fluss_native

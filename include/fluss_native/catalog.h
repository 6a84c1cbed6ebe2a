// Catalog questions a host engine's frontend asks (seed: FlussExternalCatalog,
// FlussMetadataOps, FlussUtils). Thread-safe; one per Client.
//
// Table info, table lists, database lists and partition lists are cached for
// metadata.cache.ttl (seed §6.2); offsets and snapshots are live and never
// cached. Invalidate()/InvalidateAll() are the runbook's INVALIDATE METADATA
// and REFRESH CATALOG. Transient failures (network, timeout, leader moved) are
// retried with bounded backoff; a result's error is final.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "fluss_native/export.h"
#include "fluss_native/status.h"
#include "fluss_native/table_info.h"

namespace fluss_native {

class FN_EXPORT Catalog {
 public:
  virtual ~Catalog() = default;

  virtual Result<std::vector<std::string>> ListDatabases() = 0;
  virtual Result<bool> DatabaseExists(const std::string& database) = 0;
  virtual Result<std::vector<std::string>> ListTables(const std::string& database) = 0;
  virtual Result<bool> TableExists(const TablePath& path) = 0;
  // NotFound names the table (or its database) when it does not exist.
  virtual Result<std::shared_ptr<const TableInfo>> GetTable(const TablePath& path) = 0;
  // Sorted by name; empty for a non-partitioned table.
  virtual Result<std::vector<PartitionInfo>> ListPartitions(const TablePath& path) = 0;
  // Every bucket of the table, or of the named partition, with its leader.
  virtual Result<std::vector<BucketLocation>> GetBucketLocations(
      const TablePath& path, const std::optional<std::string>& partition = std::nullopt) = 0;
  // Offsets per bucket, asked of each bucket's leader. For a partitioned
  // table without `partition`, every partition's buckets are listed.
  virtual Result<std::vector<BucketOffset>> ListOffsets(
      const TablePath& path, const OffsetQuery& query,
      const std::optional<std::string>& partition = std::nullopt) = 0;
  // The readable lake snapshot (readable = true, what a union read must use)
  // or the latest one; nullopt when the table has none yet.
  virtual Result<std::optional<LakeSnapshot>> GetLakeSnapshot(const TablePath& path,
                                                              bool readable = true) = 0;
  // Lake snapshot `snapshot_id` with the log offsets Fluss recorded for it;
  // nullopt when Fluss does not know that snapshot (never tiered, or expired).
  virtual Result<std::optional<LakeSnapshot>> GetLakeSnapshotById(const TablePath& path,
                                                                  int64_t snapshot_id) = 0;
  virtual Result<std::vector<KvSnapshot>> GetLatestKvSnapshots(
      const TablePath& path, const std::optional<std::string>& partition = std::nullopt) = 0;
  virtual Result<ClusterInfo> DescribeCluster() = 0;

  virtual void Invalidate(const TablePath& path) = 0;
  virtual void InvalidateAll() = 0;
  virtual CacheStats cache_stats() const = 0;
};

}  // namespace fluss_native

// The Catalog a Client hands out: the catalog implementation behind the
// no-throw boundary (common/api_boundary.h), one forwarding call per method.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/api_boundary.h"
#include "fluss_native/catalog.h"

namespace fluss_native::client {

class GuardedCatalog final : public Catalog {
 public:
  explicit GuardedCatalog(Catalog* impl) : impl_(impl) {}

  Result<std::vector<std::string>> ListDatabases() override {
    return CallAtBoundary("Catalog::ListDatabases", [&] { return impl_->ListDatabases(); });
  }
  Result<bool> DatabaseExists(const std::string& database) override {
    return CallAtBoundary("Catalog::DatabaseExists", [&] { return impl_->DatabaseExists(database); });
  }
  Result<std::vector<std::string>> ListTables(const std::string& database) override {
    return CallAtBoundary("Catalog::ListTables", [&] { return impl_->ListTables(database); });
  }
  Result<bool> TableExists(const TablePath& path) override {
    return CallAtBoundary("Catalog::TableExists", [&] { return impl_->TableExists(path); });
  }
  Result<std::shared_ptr<const TableInfo>> GetTable(const TablePath& path) override {
    return CallAtBoundary("Catalog::GetTable", [&] { return impl_->GetTable(path); });
  }
  Result<std::vector<PartitionInfo>> ListPartitions(const TablePath& path) override {
    return CallAtBoundary("Catalog::ListPartitions", [&] { return impl_->ListPartitions(path); });
  }
  Result<std::vector<BucketLocation>> GetBucketLocations(const TablePath& path,
                                                         const std::optional<std::string>& partition) override {
    return CallAtBoundary("Catalog::GetBucketLocations", [&] { return impl_->GetBucketLocations(path, partition); });
  }
  Result<std::vector<BucketOffset>> ListOffsets(const TablePath& path, const OffsetQuery& query,
                                                const std::optional<std::string>& partition) override {
    return CallAtBoundary("Catalog::ListOffsets", [&] { return impl_->ListOffsets(path, query, partition); });
  }
  Result<std::optional<LakeSnapshot>> GetLakeSnapshot(const TablePath& path, bool readable) override {
    return CallAtBoundary("Catalog::GetLakeSnapshot", [&] { return impl_->GetLakeSnapshot(path, readable); });
  }
  Result<std::optional<LakeSnapshot>> GetLakeSnapshotById(const TablePath& path, int64_t snapshot_id) override {
    return CallAtBoundary("Catalog::GetLakeSnapshotById",
                          [&] { return impl_->GetLakeSnapshotById(path, snapshot_id); });
  }
  Result<std::vector<KvSnapshot>> GetLatestKvSnapshots(const TablePath& path,
                                                       const std::optional<std::string>& partition) override {
    return CallAtBoundary("Catalog::GetLatestKvSnapshots",
                          [&] { return impl_->GetLatestKvSnapshots(path, partition); });
  }
  Result<ClusterInfo> DescribeCluster() override {
    return CallAtBoundary("Catalog::DescribeCluster", [&] { return impl_->DescribeCluster(); });
  }

  // No Status to return: an exception (only an allocation failure can
  // happen here) leaves the cache as it was, which is safe: a stale entry
  // still expires after metadata.cache.ttl.
  void Invalidate(const TablePath& path) override {
    try {
      impl_->Invalidate(path);
    } catch (...) {
    }
  }
  void InvalidateAll() override {
    try {
      impl_->InvalidateAll();
    } catch (...) {
    }
  }
  CacheStats cache_stats() const override {
    try {
      return impl_->cache_stats();
    } catch (...) {
      return CacheStats{};
    }
  }

 private:
  Catalog* impl_;  // owned by the ClientCore, which outlives this (both belong to the Client)
};

}  // namespace fluss_native::client

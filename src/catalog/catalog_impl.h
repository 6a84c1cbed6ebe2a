// The Catalog over Fluss's admin RPCs, with the TTL metadata cache.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "catalog/ttl_cache.h"
#include "cluster/gateway.h"
#include "fluss_native/catalog.h"
#include "fluss_native/host.h"

namespace fluss_native::catalog {

class CatalogImpl final : public Catalog {
 public:
  CatalogImpl(cluster::Gateway* gateway, const ClientConfig& config,
              CacheClock clock = [] { return std::chrono::steady_clock::now(); });

  // A view of `base` for one scan: the same gateway and metadata cache, but
  // every wait of its calls (an answer, a retry backoff) ends with Cancelled
  // soon after `cancel` is cancelled. The view keeps `base` alive. A `base`
  // that is not a CatalogImpl (a host's own Catalog) is returned as is.
  static std::shared_ptr<Catalog> CancellableBy(std::shared_ptr<Catalog> base,
                                                std::shared_ptr<CancellationToken> cancel);

  Result<std::vector<std::string>> ListDatabases() override;
  Result<bool> DatabaseExists(const std::string& database) override;
  Result<std::vector<std::string>> ListTables(const std::string& database) override;
  Result<bool> TableExists(const TablePath& path) override;
  Result<std::shared_ptr<const TableInfo>> GetTable(const TablePath& path) override;
  Result<std::vector<PartitionInfo>> ListPartitions(const TablePath& path) override;
  Result<std::vector<BucketLocation>> GetBucketLocations(
      const TablePath& path, const std::optional<std::string>& partition) override;
  Result<std::vector<BucketOffset>> ListOffsets(const TablePath& path, const OffsetQuery& query,
                                                const std::optional<std::string>& partition) override;
  Result<std::optional<LakeSnapshot>> GetLakeSnapshot(const TablePath& path, bool readable) override;
  Result<std::optional<LakeSnapshot>> GetLakeSnapshotById(const TablePath& path, int64_t snapshot_id) override;
  Result<std::vector<KvSnapshot>> GetLatestKvSnapshots(
      const TablePath& path, const std::optional<std::string>& partition) override;
  Result<ClusterInfo> DescribeCluster() override;

  void Invalidate(const TablePath& path) override;
  void InvalidateAll() override;
  CacheStats cache_stats() const override;

 private:
  Result<std::optional<LakeSnapshot>> FetchLakeSnapshot(const TablePath& path, bool readable,
                                                        std::optional<int64_t> snapshot_id);
  Result<std::shared_ptr<const TableInfo>> LoadTable(const TablePath& path);
  Result<std::vector<PartitionInfo>> LoadPartitions(const TableInfo& table);
  // The partitions a call covers: the named one, or all of a partitioned table.
  Result<std::vector<PartitionInfo>> SelectPartitions(const TableInfo& table,
                                                      const std::optional<std::string>& partition);
  Result<std::vector<BucketOffset>> ListOffsetsOnce(const TableInfo& table, const OffsetQuery& query,
                                                    const std::optional<std::string>& partition);

  // The metadata cache, shared by a catalog and its scans' views.
  struct Caches {
    Caches(const ClientConfig& config, obs::Metrics* metrics, CacheClock clock);
    TtlCache<std::string, std::vector<std::string>> databases;  // key "" only
    TtlCache<std::string, std::vector<std::string>> tables;     // by database
    TtlCache<TablePath, std::shared_ptr<const TableInfo>> table_info;
    TtlCache<TablePath, std::vector<PartitionInfo>> partitions;
  };
  CatalogImpl(const CatalogImpl& base, std::shared_ptr<CancellationToken> cancel)
      : gateway_(base.gateway_), metrics_(base.metrics_), cancel_(std::move(cancel)), caches_(base.caches_) {}
  // One typed request to any live server; `what` names the object in errors.
  template <typename Req>
  Result<typename Req::Response> CallAny(const Req& req, const std::string& what);

  cluster::Gateway* gateway_;
  obs::Metrics* metrics_;
  std::shared_ptr<CancellationToken> cancel_;  // null: calls wait until their deadline
  std::shared_ptr<Caches> caches_;
  TtlCache<std::string, std::vector<std::string>>& databases_ = caches_->databases;
  TtlCache<std::string, std::vector<std::string>>& tables_ = caches_->tables;
  TtlCache<TablePath, std::shared_ptr<const TableInfo>>& table_info_ = caches_->table_info;
  TtlCache<TablePath, std::vector<PartitionInfo>>& partitions_ = caches_->partitions;
};

}  // namespace fluss_native::catalog

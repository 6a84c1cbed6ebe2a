#include "catalog/catalog_impl.h"

#include <algorithm>
#include <map>

#include "catalog/table_json.h"
#include "rpc/errors.h"
#include "rpc/messages/databases.h"
#include "rpc/messages/list_offsets.h"
#include "rpc/messages/metadata.h"
#include "rpc/messages/partitions.h"
#include "rpc/messages/snapshots.h"
#include "rpc/messages/tables.h"

namespace fluss_native::catalog {
namespace {

using cluster::Gateway;
namespace msg = rpc::messages;

std::string Quote(const TablePath& p) { return "table '" + p.ToString() + "'"; }

std::string BucketName(const TablePath& table, const std::string& partition, int bucket) {
  return "bucket " + std::to_string(bucket) +
         (partition.empty() ? "" : " of partition '" + partition + "'") + " of " + Quote(table);
}

// Turns the server's TABLE_NOT_EXIST / DATABASE_NOT_EXIST into a sentence
// naming the object, keeping the code.
Status Explain(const Status& st, const std::string& what) {
  if (st.server_error_code() == rpc::error_code::kTableNotExist ||
      st.server_error_code() == rpc::error_code::kDatabaseNotExist ||
      st.server_error_code() == rpc::error_code::kPartitionNotExists) {
    return Status(st.code(), what + " does not exist (" + rpc::ServerErrorName(st.server_error_code()) + ")",
                  false, st.server_error_code());
  }
  return st.WithContext(what);
}


// Every per-bucket list the catalog returns is ordered by (partition name, bucket).
template <typename T>
void SortByPartitionAndBucket(std::vector<T>* v) {
  std::sort(v->begin(), v->end(), [](const T& a, const T& b) {
    return a.partition_name < b.partition_name ||
           (a.partition_name == b.partition_name && a.bucket < b.bucket);
  });
}

bool IsNoLakeSnapshot(const Status& st) {
  return st.server_error_code() == rpc::error_code::kLakeSnapshotNotExist ||
         st.server_error_code() == 40 /* LAKE_STORAGE_NOT_CONFIGURED */;
}

}  // namespace

CatalogImpl::Caches::Caches(const ClientConfig& config, obs::Metrics* metrics, CacheClock clock)
    : databases(config.metadata_cache_ttl, 1, metrics, clock),
      tables(config.metadata_cache_ttl, config.metadata_cache_max_tables, metrics, clock),
      table_info(config.metadata_cache_ttl, config.metadata_cache_max_tables, metrics, clock),
      partitions(config.metadata_cache_ttl, config.metadata_cache_max_tables, metrics, clock) {}

CatalogImpl::CatalogImpl(cluster::Gateway* gateway, const ClientConfig& config, CacheClock clock)
    : gateway_(gateway),
      metrics_(gateway->metrics()),
      caches_(std::make_shared<Caches>(config, metrics_, std::move(clock))) {}

std::shared_ptr<Catalog> CatalogImpl::CancellableBy(std::shared_ptr<Catalog> base,
                                                    std::shared_ptr<CancellationToken> cancel) {
  auto* impl = dynamic_cast<CatalogImpl*>(base.get());
  if (impl == nullptr || !cancel) return base;
  // The view and the catalog it came from live and die together.
  struct Held {
    Held(std::shared_ptr<Catalog> b, const CatalogImpl& from, std::shared_ptr<CancellationToken> token)
        : base(std::move(b)), view(from, std::move(token)) {}
    std::shared_ptr<Catalog> base;
    CatalogImpl view;
  };
  auto held = std::make_shared<Held>(base, *impl, std::move(cancel));
  return std::shared_ptr<Catalog>(held, &held->view);
}

template <typename Req>
Result<typename Req::Response> CatalogImpl::CallAny(const Req& req, const std::string& what) {
  auto body = gateway_->CallAny(Req::kApiKey, req.Encode(), cancel_.get());
  if (!body.ok()) return Explain(body.status(), what);
  return Req::Response::Decode(*body);
}

Result<std::vector<std::string>> CatalogImpl::ListDatabases() {
  return databases_.GetOrLoad("", [&]() -> Result<std::vector<std::string>> {
    FN_ASSIGN_OR_RETURN(auto resp, CallAny(msg::ListDatabasesRequest{}, "list databases"));
    std::vector<std::string> names = std::move(resp.names);
    std::sort(names.begin(), names.end());
    return names;
  });
}

Result<bool> CatalogImpl::DatabaseExists(const std::string& database) {
  FN_ASSIGN_OR_RETURN(auto resp, CallAny(msg::DatabaseExistsRequest{database},
                                         "check database '" + database + "'"));
  return resp.exists;
}

Result<std::vector<std::string>> CatalogImpl::ListTables(const std::string& database) {
  return tables_.GetOrLoad(database, [&]() -> Result<std::vector<std::string>> {
    FN_ASSIGN_OR_RETURN(auto resp,
                        CallAny(msg::ListTablesRequest{database}, "database '" + database + "'"));
    std::vector<std::string> names = std::move(resp.names);
    std::sort(names.begin(), names.end());
    return names;
  });
}

Result<bool> CatalogImpl::TableExists(const TablePath& path) {
  FN_ASSIGN_OR_RETURN(auto resp, CallAny(msg::TableExistsRequest{path}, "check " + Quote(path)));
  return resp.exists;
}

Result<std::shared_ptr<const TableInfo>> CatalogImpl::GetTable(const TablePath& path) {
  return table_info_.GetOrLoad(path, [&] { return LoadTable(path); });
}

Result<std::shared_ptr<const TableInfo>> CatalogImpl::LoadTable(const TablePath& path) {
  FN_ASSIGN_OR_RETURN(auto resp, CallAny(msg::GetTableInfoRequest{path}, Quote(path)));
  auto info = std::make_shared<TableInfo>();
  info->path = path;
  info->table_id = resp.table_id;
  info->schema_id = resp.schema_id;
  info->created_time = resp.created_time;
  info->modified_time = resp.modified_time;
  FN_RETURN_IF_ERROR(ParseTableJson(resp.table_json, info.get()));
  return std::shared_ptr<const TableInfo>(std::move(info));
}

Result<std::vector<PartitionInfo>> CatalogImpl::ListPartitions(const TablePath& path) {
  FN_ASSIGN_OR_RETURN(auto table, GetTable(path));
  if (!table->is_partitioned()) return std::vector<PartitionInfo>{};
  return partitions_.GetOrLoad(path, [&] { return LoadPartitions(*table); });
}

Result<std::vector<PartitionInfo>> CatalogImpl::LoadPartitions(const TableInfo& table) {
  FN_ASSIGN_OR_RETURN(auto resp, CallAny(msg::ListPartitionInfosRequest{table.path},
                                         "partitions of " + Quote(table.path)));
  std::vector<PartitionInfo> out;
  for (const auto& p : resp.partitions) {
    std::map<std::string, std::string> values;
    for (const auto& [key, value] : p.spec) values[key] = value;
    PartitionInfo info;
    info.id = p.id;
    // Fluss names a partition by its values in partition-key order, joined by '$'.
    for (const auto& key : table.partition_keys) {
      auto it = values.find(key);
      if (it == values.end()) {
        return Status::Corruption("partition " + std::to_string(p.id) + " of " +
                                  Quote(table.path) + " has no value for key '" + key + "'");
      }
      if (!info.name.empty()) info.name += "$";
      info.name += it->second;
      info.spec.emplace_back(key, it->second);
    }
    out.push_back(std::move(info));
  }
  std::sort(out.begin(), out.end(),
            [](const PartitionInfo& a, const PartitionInfo& b) { return a.name < b.name; });
  return out;
}

Result<std::vector<PartitionInfo>> CatalogImpl::SelectPartitions(
    const TableInfo& table, const std::optional<std::string>& partition) {
  if (!table.is_partitioned()) {
    if (partition) {
      return Status::InvalidArgument(Quote(table.path) + " is not partitioned, but partition '" +
                                     *partition + "' was given");
    }
    return std::vector<PartitionInfo>{};
  }
  FN_ASSIGN_OR_RETURN(auto all, ListPartitions(table.path));
  if (!partition) return all;
  for (const auto& p : all) {
    if (p.name == *partition) return std::vector<PartitionInfo>{p};
  }
  // The cache may predate the partition: ask the server once more.
  partitions_.Invalidate(table.path);
  FN_ASSIGN_OR_RETURN(all, ListPartitions(table.path));
  for (const auto& p : all) {
    if (p.name == *partition) return std::vector<PartitionInfo>{p};
  }
  return Status::NotFound("partition '" + *partition + "' of " + Quote(table.path) + " does not exist");
}

Result<std::vector<BucketLocation>> CatalogImpl::GetBucketLocations(
    const TablePath& path, const std::optional<std::string>& partition) {
  FN_ASSIGN_OR_RETURN(auto table, GetTable(path));
  FN_ASSIGN_OR_RETURN(auto parts, SelectPartitions(*table, partition));
  msg::MetadataRequest req;
  if (table->is_partitioned()) {
    if (parts.empty()) return std::vector<BucketLocation>{};
    for (const auto& p : parts) req.partition_ids.push_back(p.id);
  } else {
    req.tables.push_back(path);
  }
  FN_ASSIGN_OR_RETURN(auto resp, CallAny(req, "bucket metadata of " + Quote(path)));
  gateway_->ApplyClusterMetadata(resp);
  std::vector<BucketLocation> out;
  for (auto& t : resp.tables) {
    if (t.table_id != table->table_id) continue;
    for (auto& b : t.buckets) out.push_back(std::move(b));
  }
  for (auto& p : resp.partitions) {
    if (p.table_id != table->table_id) continue;
    for (auto& b : p.buckets) out.push_back(std::move(b));
  }
  SortByPartitionAndBucket(&out);
  return out;
}

Result<std::vector<BucketOffset>> CatalogImpl::ListOffsets(const TablePath& path,
                                                           const OffsetQuery& query,
                                                           const std::optional<std::string>& partition) {
  FN_ASSIGN_OR_RETURN(auto table, GetTable(path));
  // A moved leader answers NOT_LEADER_OR_FOLLOWER: re-resolve leaders and ask again.
  std::function<Result<std::vector<BucketOffset>>()> op = [&] {
    return ListOffsetsOnce(*table, query, partition);
  };
  std::function<void(const Status&)> on_retry = [&](const Status&) {
    metrics_->rpc_retries.fetch_add(1);
  };
  return rpc::WithRetry<std::vector<BucketOffset>>(gateway_->retry_policy(), op, on_retry, cancel_.get());
}

Result<std::vector<BucketOffset>> CatalogImpl::ListOffsetsOnce(
    const TableInfo& table, const OffsetQuery& query, const std::optional<std::string>& partition) {
  FN_ASSIGN_OR_RETURN(auto locations, GetBucketLocations(table.path, partition));
  // One request per (leader, partition): the request carries one partition id.
  std::map<std::pair<int, int64_t>, std::vector<const BucketLocation*>> groups;
  for (const auto& loc : locations) {
    if (loc.leader < 0) {
      return Status(StatusCode::kNotLeader,
                    BucketName(table.path, loc.partition_name, loc.bucket) + " has no leader", true);
    }
    groups[{loc.leader, loc.partition_id.value_or(-1)}].push_back(&loc);
  }
  std::vector<BucketOffset> out;
  for (const auto& [key, buckets] : groups) {
    msg::ListOffsetsRequest req;
    req.table_id = table.table_id;
    if (key.second >= 0) req.partition_id = key.second;
    req.query = query;
    for (const auto* b : buckets) req.buckets.push_back(b->bucket);
    auto call = gateway_->StartServer(key.first, msg::ListOffsetsRequest::kApiKey, req.Encode());
    Result<std::string> body = call.ok() ? call->Wait(cancel_.get()) : Result<std::string>(call.status());
    if (!body.ok()) return body.status().WithContext("list offsets of " + Quote(table.path));
    FN_ASSIGN_OR_RETURN(auto resp, msg::ListOffsetsResponse::Decode(*body));
    for (const auto& r : resp.buckets) {
      const BucketLocation* loc = nullptr;
      for (const auto* b : buckets) {
        if (b->bucket == r.bucket) loc = b;
      }
      if (!loc) {
        return Status::Corruption("ListOffsets answered for bucket " + std::to_string(r.bucket) + " of " +
                                  Quote(table.path) + ", which was not asked");
      }
      std::string where = BucketName(table.path, loc->partition_name, loc->bucket);
      if (!r.error.ok()) return r.error.WithContext("list offsets of " + where);
      if (!r.offset) return Status::Corruption("ListOffsets gave no offset for " + where);
      out.push_back(BucketOffset{loc->partition_id, loc->partition_name, loc->bucket, *r.offset});
    }
  }
  if (out.size() != locations.size()) {
    return Status::Corruption("ListOffsets answered " + std::to_string(out.size()) + " of " +
                              std::to_string(locations.size()) + " buckets of " + Quote(table.path));
  }
  SortByPartitionAndBucket(&out);
  return out;
}

Result<std::optional<LakeSnapshot>> CatalogImpl::GetLakeSnapshot(const TablePath& path, bool readable) {
  return FetchLakeSnapshot(path, readable, std::nullopt);
}

Result<std::optional<LakeSnapshot>> CatalogImpl::GetLakeSnapshotById(const TablePath& path, int64_t snapshot_id) {
  return FetchLakeSnapshot(path, false, snapshot_id);
}

Result<std::optional<LakeSnapshot>> CatalogImpl::FetchLakeSnapshot(const TablePath& path, bool readable,
                                                                   std::optional<int64_t> snapshot_id) {
  msg::GetLakeSnapshotRequest req;
  req.path = path;
  req.readable = readable;
  req.snapshot_id = snapshot_id;
  auto body = gateway_->CallAny(msg::GetLakeSnapshotRequest::kApiKey, req.Encode(), cancel_.get());
  if (!body.ok()) {
    if (IsNoLakeSnapshot(body.status())) return std::optional<LakeSnapshot>();
    return Explain(body.status(), Quote(path));
  }
  FN_ASSIGN_OR_RETURN(auto resp, msg::GetLakeSnapshotResponse::Decode(*body));
  LakeSnapshot snap;
  snap.table_id = resp.table_id;
  snap.snapshot_id = resp.snapshot_id;
  snap.buckets = std::move(resp.buckets);
  // Fluss 0.9 leaves partition_name unset; name partitions by id as the Java
  // client does (a partition dropped since has no name and stays unnamed).
  bool unnamed = false;
  for (const auto& b : snap.buckets) unnamed |= b.partition_id && b.partition_name.empty();
  if (unnamed) {
    FN_ASSIGN_OR_RETURN(auto partitions, ListPartitions(path));
    for (auto& b : snap.buckets) {
      for (const auto& p : partitions) {
        if (b.partition_id && p.id == *b.partition_id && b.partition_name.empty()) b.partition_name = p.name;
      }
    }
  }
  SortByPartitionAndBucket(&snap.buckets);
  return std::optional<LakeSnapshot>(std::move(snap));
}

Result<std::vector<KvSnapshot>> CatalogImpl::GetLatestKvSnapshots(
    const TablePath& path, const std::optional<std::string>& partition) {
  FN_ASSIGN_OR_RETURN(auto table, GetTable(path));
  if (!table->has_primary_key()) return std::vector<KvSnapshot>{};
  FN_ASSIGN_OR_RETURN(auto parts, SelectPartitions(*table, partition));
  std::vector<std::optional<PartitionInfo>> targets;
  if (table->is_partitioned()) {
    for (auto& p : parts) targets.emplace_back(std::move(p));
  } else {
    targets.emplace_back(std::nullopt);
  }
  std::vector<KvSnapshot> out;
  for (const auto& part : targets) {
    msg::GetLatestKvSnapshotsRequest req;
    req.path = path;
    if (part) req.partition_name = part->name;
    FN_ASSIGN_OR_RETURN(auto resp, CallAny(req, "kv snapshots of " + Quote(path)));
    for (auto& k : resp.buckets) {
      if (part) {
        k.partition_id = part->id;
        k.partition_name = part->name;
      }
      out.push_back(std::move(k));
    }
  }
  SortByPartitionAndBucket(&out);
  return out;
}

Result<ClusterInfo> CatalogImpl::DescribeCluster() {
  FN_RETURN_IF_ERROR(gateway_->RefreshCluster());
  return gateway_->cluster();
}

void CatalogImpl::Invalidate(const TablePath& path) {
  table_info_.Invalidate(path);
  partitions_.Invalidate(path);
  // The table may have been dropped or created: its database's list is stale too.
  tables_.Invalidate(path.database);
}

void CatalogImpl::InvalidateAll() {
  databases_.Clear();
  tables_.Clear();
  table_info_.Clear();
  partitions_.Clear();
}

CacheStats CatalogImpl::cache_stats() const {
  CacheStats s;
  s.hits = metrics_->cache_hits.load();
  s.misses = metrics_->cache_misses.load();
  s.evictions = metrics_->cache_evictions.load();
  s.entries = databases_.size() + tables_.size() + table_info_.size() + partitions_.size();
  return s;
}

}  // namespace fluss_native::catalog

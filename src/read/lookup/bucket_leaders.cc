#include "read/lookup/bucket_leaders.h"

namespace fluss_native::read {

Result<int> BucketLeaders::Leader(Catalog* catalog, const TableInfo& table, const std::string& partition,
                                  int bucket) {
  Key key{table.table_id, partition};
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = leaders_.find(key);
    if (it != leaders_.end() && bucket >= 0 && static_cast<size_t>(bucket) < it->second.size() &&
        it->second[bucket] >= 0) {
      return it->second[bucket];
    }
  }
  std::optional<std::string> part;
  if (!partition.empty()) part = partition;
  FN_ASSIGN_OR_RETURN(auto locations, catalog->GetBucketLocations(table.path, part));
  std::vector<int> by_bucket(static_cast<size_t>(std::max(table.bucket_count, 0)), -1);
  for (const auto& loc : locations) {
    if (loc.bucket >= 0 && static_cast<size_t>(loc.bucket) < by_bucket.size()) by_bucket[loc.bucket] = loc.leader;
  }
  int leader = (bucket >= 0 && static_cast<size_t>(bucket) < by_bucket.size()) ? by_bucket[bucket] : -1;
  {
    std::lock_guard<std::mutex> lock(mu_);
    leaders_[key] = std::move(by_bucket);
  }
  if (leader < 0) {
    return Status(StatusCode::kNotLeader,
                  "bucket " + std::to_string(bucket) + (partition.empty() ? "" : " of partition '" + partition + "'") +
                      " of table '" + table.path.ToString() + "' has no leader",
                  true);
  }
  return leader;
}

void BucketLeaders::Forget(int64_t table_id, const std::string& partition) {
  std::lock_guard<std::mutex> lock(mu_);
  leaders_.erase(Key{table_id, partition});
}

void BucketLeaders::Put(int64_t table_id, const std::string& partition, std::vector<int> leaders_by_bucket) {
  std::lock_guard<std::mutex> lock(mu_);
  leaders_[Key{table_id, partition}] = std::move(leaders_by_bucket);
}

}  // namespace fluss_native::read

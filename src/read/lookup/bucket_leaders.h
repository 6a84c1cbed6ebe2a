// The leaders of a table's buckets, remembered between lookups: a point
// lookup should cost one RPC, not a Metadata call first. An entry is dropped
// when its leader answers NOT_LEADER (or fails), and fetched again from the
// cluster's metadata. Thread-safe; owned by the client, never global.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "fluss_native/catalog.h"

namespace fluss_native::read {

class BucketLeaders {
 public:
  // The leader (tablet server id) of `bucket` of `table` (in `partition`, a
  // Fluss partition name, empty when not partitioned); asks the cluster when
  // not known. Fails retriably when the bucket has no leader now.
  Result<int> Leader(Catalog* catalog, const TableInfo& table, const std::string& partition, int bucket);
  // Forgets the leaders of `table`'s partition (after a leader moved).
  void Forget(int64_t table_id, const std::string& partition);
  // Records leaders by bucket (-1: none), as Leader does after asking the
  // cluster; tests plant stale leaders with it.
  void Put(int64_t table_id, const std::string& partition, std::vector<int> leaders_by_bucket);

 private:
  using Key = std::pair<int64_t, std::string>;  // table id, partition name
  std::mutex mu_;
  std::map<Key, std::vector<int>> leaders_;  // by bucket; -1 when none
};

}  // namespace fluss_native::read

// Plans one scan of one table into splits per partition, bucket and tier
// (the reference is Fluss's Flink LakeSplitGenerator):
//  - the lake part is the readable lake snapshot (or the one asked for);
//    each bucket's log part starts at that snapshot's offset for the bucket
//    and stops at the latest offset, pinned now;
//  - a log table gets LAKE_ONLY splits for its lake files (a large bucket is
//    cut by files near a target size) and a LOG_ONLY split for the rest of
//    each bucket's log, when not empty;
//  - a primary-key table gets one HYBRID split per bucket: the bucket's lake
//    files plus its changelog tail, merged by key when read;
//  - a partition only in the lake (expired in Fluss) is read from the lake
//    alone; one only in Fluss from its log's earliest offset;
//  - a gap between a bucket's lake offset and its log's earliest offset
//    (the log TTL removed rows that were never tiered) is never silent: an
//    error in `union` mode, a listed fallback in `auto` mode.
#pragma once

#include <map>
#include <string>

#include "fluss_native/catalog.h"
#include "fluss_native/scan.h"
#include "fluss_native/status.h"

namespace fluss_native::cluster {
class Gateway;
}

namespace fluss_native::plan {

struct PlannerEnv {
  Catalog* catalog = nullptr;
  // Written into every split so a reader elsewhere can reach the cluster.
  std::string bootstrap_servers;
  // lake.paimon.* overrides of the client (see lake_table_resolver.h).
  std::map<std::string, std::string> lake_overrides;
  // Optional: asked what the tablet servers can do (ApiVersions), so EXPLAIN
  // says how a primary-key table's current state is read.
  cluster::Gateway* gateway = nullptr;
};

Result<ScanPlan> PlanScan(const PlannerEnv& env, const TablePath& table, const ScanSpec& spec);

}  // namespace fluss_native::plan

// Plan-time pruning: which partitions and lake files may hold rows the scan's
// predicate keeps (expr/may_match.h). Only what provably cannot match is
// skipped; everything read is filtered exactly afterwards.
//
//  - Partitions: a partition's rows all hold its partition values, so those
//    columns are constants there (other columns are unknown).
//  - Lake files of a log (append) table: by the min/max/null counts of every
//    column in the manifest entry (value stats, or value_stats_cols).
//  - Lake files of a primary-key table: by the primary-key stats only. A
//    file may hold an old version of a key that a newer file overrides (or a
//    delete of it). Skipping a file by a value column could drop the newer
//    version while the older one survives the merge and passes the filter: a
//    resurrected row. Key columns are the same in every version of a key, so
//    a file whose key range the predicate excludes holds no version (nor
//    delete) of any key that could match, and skipping it changes no merge
//    result that the filter would keep.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "expr/bound_predicate.h"
#include "fluss_native/table_info.h"
#include "lake/paimon/manifest.h"
#include "lake/paimon/scan_plan.h"
#include "lake/paimon/table_schema.h"

namespace fluss_native::plan {

class ScanPruner {
 public:
  // `predicate` bound against the table's row (its columns in order); null:
  // nothing is pruned. Both must outlive the pruner.
  ScanPruner(const TableInfo& table, const expr::BoundPredicate* predicate)
      : table_(table), predicate_(predicate) {}

  bool active() const { return predicate_ != nullptr; }

  // A Fluss partition, by its spec (key -> value text, in key order).
  bool PartitionMayMatch(const std::vector<std::pair<std::string, std::string>>& spec) const;
  // A lake partition, by its BinaryRow and the snapshot's schema.
  bool LakePartitionMayMatch(const lake::paimon::BucketFiles& partition,
                             const lake::paimon::TableSchema& schema) const;
  // A lake data file, by its manifest stats (see the top of this file).
  bool LakeFileMayMatch(const lake::paimon::DataFileMeta& file, const lake::paimon::TableSchema& schema) const;

 private:
  const TableInfo& table_;
  const expr::BoundPredicate* predicate_;
};

}  // namespace fluss_native::plan
